"""Run Odoo's own test runner and write its counts and per-test outcomes to a JSON file.

Odoo logs no summary line of its test report; this wrapper keeps the report of the
database it loads and writes to the path in ``$COMPLAINTS_TEST_REPORT``::

    {"run": N, "failed": N, "errors": N, "skipped": N,
     "tests": {"odoo.addons.<addon>.tests.<file>.<Class>.<method>": <outcome>},
     "class_errors": {"odoo.addons.<addon>.tests.<file>.<Class>": <outcome>}}

with <outcome> one of "pass", "fail", "error", "skip". ``tests`` is what
scripts/conformance.py reads (docs/ISO10002.md's conformance table); ``class_errors``
names the classes whose setUpClass failed or was skipped, so their tests count as not
passed although they never started. Usage:
``python scripts/odoo_tests.py <odoo server args>``.
"""

import json
import os
import re
import sys

import odoo
import odoo.cli
from odoo.service import server
from odoo.tests import common as odoo_common
from odoo.tests import result as odoo_result

# Odoo gives Chromium 10 s to open its DevTools port, then *skips* the tour. On a
# loaded 2-core machine the first start after Debian upgraded Chromium took longer:
# wait up to 60 s (a browser that never starts still ends as a skip, which fails).
odoo_common.CHECK_BROWSER_ITERATIONS = max(odoo_common.CHECK_BROWSER_ITERATIONS, 600)
odoo_common.BROWSER_WAIT = (
    odoo_common.CHECK_BROWSER_SLEEP * odoo_common.CHECK_BROWSER_ITERATIONS
)

# Outcomes by test id, filled by the patched OdooTestResult below (one run).
OUTCOMES = {}
CLASS_ERRORS = {}
# _ErrorHolder ids: "setUpClass (odoo.addons.x.tests.test_y.TestZ)".
_HOLDER_ID = re.compile(r"^\w+ \((?P<parent>[\w.]+)\)$")


def _test_id(test):
    """The id of a test, of a subtest's test, or None for a class-level holder."""
    test_case = getattr(test, "test_case", None)  # a subTest reports on its test
    if test_case is not None:
        test = test_case
    if isinstance(test, odoo_result.case.TestCase):
        return test.id()
    return None


def _record(test, outcome):
    test_id = _test_id(test)
    if test_id:
        # A test keeps its worst outcome: a failed subtest is not undone by a later one.
        if OUTCOMES.get(test_id) in (None, "pass"):
            OUTCOMES[test_id] = outcome
        return
    match = _HOLDER_ID.match(str(test.id()))
    if match:
        CLASS_ERRORS[match["parent"]] = outcome


def _patch_result():
    cls = odoo_result.OdooTestResult
    start, error, failure = cls.startTest, cls.addError, cls.addFailure
    skip = cls.addSkip

    def startTest(self, test):
        # A retried test starts again: its last attempt is the one that counts.
        test_id = _test_id(test)
        if test_id:
            OUTCOMES[test_id] = "pass"
        return start(self, test)

    def addError(self, test, err):
        if not self._soft_fail:  # a soft failure is retried, Odoo does not count it
            _record(test, "error")
        return error(self, test, err)

    def addFailure(self, test, err):
        if not self._soft_fail:
            _record(test, "fail")
        return failure(self, test, err)

    def addSkip(self, test, reason):
        _record(test, "skip")
        return skip(self, test, reason)

    cls.startTest, cls.addError, cls.addFailure, cls.addSkip = (
        startTest,
        addError,
        addFailure,
        addSkip,
    )


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
        totals["tests"] = dict(sorted(OUTCOMES.items()))
        totals["class_errors"] = dict(sorted(CLASS_ERRORS.items()))
        with open(os.environ["COMPLAINTS_TEST_REPORT"], "w", encoding="utf-8") as out:
            json.dump(totals, out, indent=1)
        return rc

    return preload_registries


if __name__ == "__main__":
    _patch_result()
    server.preload_registries = _preload_and_report(server.preload_registries)
    sys.argv = ["odoo", "server", *sys.argv[1:]]
    odoo.cli.main()
