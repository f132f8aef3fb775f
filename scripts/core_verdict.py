"""The verdict on a run of Odoo's own tests (scripts/core_tests.sh), against the list
of known failures (scripts/core_known_failures.txt), checked both ways.

    python scripts/core_verdict.py REPORT LOG KNOWN         # the run with our addons
    python scripts/core_verdict.py --baseline REPORT KNOWN  # the run without them

REPORT is the JSON of scripts/odoo_tests.py, LOG the log of the same run. KNOWN lists
one test id (``odoo.addons.<app>.tests.<file>.<Class>.<method>``) or class id (its
setUpClass fails) per line, then ``#`` and why it fails without our addons too; or
``skip: <test id> # <the reason>`` for a test Odoo's own code skips (``skipTest``,
e.g. it needs an app that is not installed), with the reason Odoo logs.

With our addons: every failure, error or skip must be known, every known failure must
still fail and every known skip must still be skipped with that reason (one that passes
now is removed from the list). Prints each problem, then ``COUNTS <passed> <unexpected
failures> <unexpected skips> <known>`` and ``TAGS <test tags>`` selecting the known
failures (for the run without our addons; known skips are decided by the test's own
code, their reason is checked in LOG). Without our addons (``--baseline``): every known
failure must fail there too, or it is ours. Exits 1 on any problem.
"""

import json
import sys


def read_known(path):
    """({failing test or class id: reason}, {skipped test id: Odoo's skip reason})."""
    known, skips = {}, {}
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            test_id, _sep, reason = line.partition("#")
            test_id = test_id.strip()
            if test_id.startswith("skip:"):
                skips[test_id.removeprefix("skip:").strip()] = reason.strip()
            elif test_id:
                known[test_id] = reason.strip()
    return known, skips


def skip_logged(log_text, test_id, reason):
    """Odoo logged ``skipped <Class>.<method> : <reason>`` for this test."""
    class_method = ".".join(test_id.split(".")[-2:])
    return f"skipped {class_method} : {reason}" in log_text


def tag_of(test_id):
    """``post_install/<app>:<Class>[.<method>]`` for a test or class id."""
    parts = test_id.split(".")
    app = parts[2]
    tests_at = parts.index("tests")
    # odoo.addons.<app>.tests.<file>.<Class>[.<method>]
    selector = ".".join(parts[tests_at + 2 :])
    return f"post_install/{app}:{selector}"


def failed_ids(report):
    """Test and class ids that failed or errored, and those skipped."""
    outcomes = dict(report["tests"])
    outcomes.update(report["class_errors"])
    failed = {tid for tid, outcome in outcomes.items() if outcome in ("fail", "error")}
    skipped = {tid for tid, outcome in outcomes.items() if outcome == "skip"}
    return failed, skipped


def covered(test_id, known):
    """The known entry covering a failed test or class id, if any."""
    if test_id in known:
        return test_id
    class_id = test_id.rsplit(".", 1)[0]
    return class_id if class_id in known else None


def main(argv):
    baseline = argv[:1] == ["--baseline"]
    if baseline:
        argv = argv[1:]
    with open(argv[0], encoding="utf-8") as handle:
        report = json.load(handle)
    log_text = ""
    if not baseline:
        with open(argv[1], encoding="utf-8", errors="replace") as handle:
            log_text = handle.read()
        argv = argv[1:]
    known, known_skips = read_known(argv[1])
    failed, skipped = failed_ids(report)
    problems = []
    if baseline:
        for test_id, reason in known.items():
            if test_id in failed or any(
                tid.startswith(test_id + ".") for tid in failed
            ):
                print(
                    f"known failure, fails without our addons too: {test_id} ({reason})"
                )
            else:
                problems.append(
                    f"{test_id} does not fail without our addons (it passed or did "
                    "not run): it is not a known failure of Odoo"
                )
        for problem in problems:
            print(f"core: {problem}")
        return 1 if problems else 0

    recorded = len({tid for tid in failed if tid in report["tests"]}) + len(
        {tid for tid in failed if tid in report["class_errors"]}
    )
    if recorded != report["failed"] + report["errors"]:
        problems.append(
            f"Odoo counted {report['failed'] + report['errors']} failures and errors, "
            f"the report names {recorded}: see the log"
        )
    unexpected = sorted(tid for tid in failed if not covered(tid, known))
    for test_id in unexpected:
        problems.append(f"{test_id} fails with our addons installed")
    unexpected_skips = []
    for test_id in sorted(skipped):
        if test_id in known_skips and skip_logged(
            log_text, test_id, known_skips[test_id]
        ):
            reason = known_skips[test_id]
            print(f"core: KNOWN SKIP (by Odoo's own test): {test_id}: {reason}")
            continue
        unexpected_skips.append(test_id)
        problems.append(f"{test_id} was skipped (skips count as failures)")
    for test_id in sorted(set(known_skips) - skipped):
        problems.append(
            f"{test_id} is listed as a known skip but was not skipped: remove it from "
            "scripts/core_known_failures.txt"
        )
    observed = {covered(tid, known) for tid in failed} - {None}
    for test_id in sorted(set(known) - observed):
        problems.append(
            f"{test_id} is listed as a known failure but did not fail: remove it from "
            "scripts/core_known_failures.txt"
        )
    known_failed = sorted(tid for tid in failed if covered(tid, known))
    for test_id in known_failed:
        print(f"core: KNOWN FAILURE (fails without our addons too): {test_id}")
    for problem in problems:
        print(f"core: {problem}")
    passed = sum(1 for outcome in report["tests"].values() if outcome == "pass")
    n_known = len(known_failed) + len(skipped) - len(unexpected_skips)
    print(f"COUNTS {passed} {len(unexpected)} {len(unexpected_skips)} {n_known}")
    print("TAGS " + ",".join(tag_of(tid) for tid in sorted(known)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
