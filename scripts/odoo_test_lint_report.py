"""Sort the failures of Odoo's test_lint run into ours and third-party ones.

Reads the Odoo log and the runner's JSON report (scripts/odoo_tests.py) of
scripts/odoo_test_lint.sh. A failure is third-party ("not ours") when it is a subtest
about a module installed from PyPI (the OCA wheels in site-packages/odoo/addons, a
namespace path Odoo always adds and complaint_audit needs for report_xlsx), or when
every file it names lies in such a module. Everything else counts: our addons and
Odoo's own.
Prints the failures and one line ``RESULT <run> <passed> <failed> <skipped>``.
Usage: ``python odoo_test_lint_report.py <log> <report.json> <third-party addons dir>``.
"""

import json
import os
import re
import sys

_LINE = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ (?P<level>\w+) ")
_FAIL = re.compile(
    r" (?:FAIL|ERROR): (?:Subtest )?(?P<test>\w+\.\w+)(?: \((?P<params>.*)\))?\s*$"
)
_MODULE = re.compile(r"module='(?P<module>\w+)'")
_PATH = re.compile(r"(?:/[\w.@+-]+)+")
# Lines Odoo logs at ERROR level to sum up failures already listed.
_SUMMARY = re.compile(
    r"odoo\.modules\.loading: (Module \w+: \d+ failures|At least one test failed)"
    r"|odoo\.tests\.result: \d+ failed"
)


def _blocks(log_path):
    """(first line, following lines) of each ERROR/CRITICAL record of the log."""
    block = None
    with open(log_path, encoding="utf-8", errors="replace") as log:
        for line in log:
            match = _LINE.match(line)
            if match:
                if block:
                    yield block
                block = None
                if match["level"] in ("ERROR", "CRITICAL"):
                    block = (line.rstrip("\n"), [])
            elif block:
                block[1].append(line.rstrip("\n"))
    if block:
        yield block


def _third_party(head, body, wheels):
    match = _FAIL.search(head)
    module = match and _MODULE.search(match["params"] or "")
    if module:
        return os.path.isdir(os.path.join(wheels, module["module"]))
    # The files the assertion names (traceback lines name the test's own code).
    named = [
        path
        for line in body
        if not line.lstrip().startswith("File ")
        for path in (m.group(0) for m in _PATH.finditer(line))
        if path.count("/") > 1
    ]
    return bool(named) and all(p.startswith(wheels + os.sep) for p in named)


def main(log_path, report_path, wheels):
    try:
        with open(report_path, encoding="utf-8") as f:
            report = json.load(f)
    except (OSError, ValueError):
        print("No report of the test_lint run: see the log.")
        print("RESULT 0 0 1 0")
        return
    ours, theirs, other = {}, {}, []
    for head, body in _blocks(log_path):
        match = _FAIL.search(head)
        if not match:
            if not _SUMMARY.search(head):
                other.append(head)
            continue
        target = theirs if _third_party(head, body, wheels) else ours
        target.setdefault(match["test"], []).append(head.split(": ", 1)[-1])
    for title, failures in (
        ("Failures (ours or Odoo's)", ours),
        ("Not ours (OCA wheels from PyPI, not counted)", theirs),
    ):
        if failures:
            print(f"{title}:")
            for _test, heads in sorted(failures.items()):
                for head in heads:
                    print(f"  {head}")
    if other:
        print("Other errors in the log:")
        for head in other[:20]:
            print(f"  {head}")
    counted = [t for t, o in report["tests"].items() if o in ("fail", "error")]
    # A failing test counts unless all its failures are third-party ones.
    failed = {
        t
        for t in counted
        if ".".join(t.split(".")[-2:]) in ours
        or ".".join(t.split(".")[-2:]) not in theirs
    }
    failed_n = len(failed) + len(report.get("class_errors", {})) + len(other)
    run, skipped = report["run"], report["skipped"]
    print(f"RESULT {run} {run - len(failed) - skipped} {failed_n} {skipped}")


if __name__ == "__main__":
    main(*sys.argv[1:4])
