"""Run Odoo's own test runner and write its counts to a JSON file.

Odoo logs no summary line of its test report; this wrapper keeps the report of the
database it loads and writes ``{"run", "failed", "errors", "skipped"}`` to the path in
``$COMPLAINTS_TEST_REPORT``. Usage: ``python scripts/odoo_tests.py <odoo server args>``.
"""

import json
import os
import sys

import odoo
import odoo.cli
from odoo.service import server


def _preload_and_report(original):
    def preload_registries(dbnames):
        rc = original(dbnames)
        totals = {"run": 0, "failed": 0, "errors": 0, "skipped": 0}
        for dbname in dbnames:
            registry = odoo.modules.registry.Registry.registries.get(dbname)
            report = registry and registry._assertion_report
            if report:
                totals["run"] += report.testsRun
                totals["failed"] += report.failures_count
                totals["errors"] += report.errors_count
                totals["skipped"] += report.skipped
        with open(os.environ["COMPLAINTS_TEST_REPORT"], "w", encoding="utf-8") as out:
            json.dump(totals, out)
        return rc

    return preload_registries


if __name__ == "__main__":
    server.preload_registries = _preload_and_report(server.preload_registries)
    sys.argv = ["odoo", "server", *sys.argv[1:]]
    odoo.cli.main()
