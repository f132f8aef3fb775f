#!/usr/bin/env bash
# Odoo's own lint tests (odoo/addons/test_lint: manifests, eslint with Odoo's eslintrc,
# conflict markers, .pot files, gettext and SQL checkers, override signatures, routes...)
# with our two addons installed, on a copy of the template database.
# The addons path: a copy of our two addons alone (hard links under .state/, rebuilt each
# run: the repo root would make the tests walk .venv and node_modules, and os.walk does
# not follow symlinks), Odoo's addons, and the OCA wheels' site-packages/odoo/addons (a
# namespace path Odoo always adds; complaint_audit needs report_xlsx). Failures that
# belong only to those wheels are listed as "not ours" and not counted
# (scripts/odoo_test_lint_report.py).
# ESLint is Odoo's tooling (scripts/odoo_eslint: eslint 8, prettier 2), found on PATH and
# its plugins through NODE_PATH, as the test builds the eslint command itself (the
# eslintrc is a legacy config: ESLINT_USE_FLAT_CONFIG=false, the repo has a flat one).
# TestPyLint lints Odoo's whole server tree plus every addon on the path (well over ten
# minutes here): it is excluded from the Odoo run, and its exact pylint options and
# checkers are run on our two addons instead (scripts/odoo_test_pylint.py).
# COMPLAINTS_LINT_DB and TEST_LINT_HTTP_PORT let parallel checkouts run it side by side.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
t0=$(date +%s)
DB="${COMPLAINTS_LINT_DB:-complaints_lint}"
HTTP_PORT="${TEST_LINT_HTTP_PORT:-8170}"
LOG="$STATE/test-lint-odoo.log"
REPORT="$STATE/test-lint-odoo.json"
LINT_ADDONS="$STATE/test-lint-addons"
ESLINT_MODULES="$ROOT/scripts/odoo_eslint/node_modules"
src="$(odoo_src)"
wheels="$("$PY" -c 'import importlib.util as u, os; s = u.find_spec("odoo.addons.report_xlsx"); print(os.path.dirname(os.path.dirname(s.origin)) if s else "")' 2>/dev/null || true)"
rm -rf "$LINT_ADDONS" "$REPORT"
mkdir -p "$LINT_ADDONS"
for addon in ${ADDONS//,/ }; do cp -al "$ROOT/$addon" "$LINT_ADDONS/$addon"; done
find "$LINT_ADDONS" -name __pycache__ -prune -exec rm -rf {} +
LINT_ADDONS_PATH="$LINT_ADDONS,$src/odoo/addons,$src/addons${wheels:+,$wheels}"
TEMPLATE="$(bash "$ROOT/scripts/template_db.sh")"
clone_db "$TEMPLATE" "$DB"
log "Odoo's test_lint over $LINT_ADDONS_PATH in $DB"
set +e
PATH="$ESLINT_MODULES/.bin:$VENV/bin:$PATH" NODE_PATH="$ESLINT_MODULES" ESLINT_USE_FLAT_CONFIG=false \
  COMPLAINTS_TEST_REPORT="$REPORT" "$PY" "$ROOT/scripts/odoo_tests.py" -d "$DB" \
  -i "test_lint,$ADDONS" --addons-path="$LINT_ADDONS_PATH" --test-enable \
  --test-tags="/test_lint,-/test_lint:TestPyLint" --db-filter="^$DB\$" --stop-after-init \
  --http-port="$HTTP_PORT" --http-interface=127.0.0.1 --max-cron-threads=0 \
  --log-level=test > "$LOG" 2>&1
set -e
result="$("$PY" "$ROOT/scripts/odoo_test_lint_report.py" "$LOG" "$REPORT" "${wheels:-/nonexistent}")"
echo "$result" | grep -v '^RESULT '
read -r run passed failed skipped < <(echo "$result" | sed -n 's/^RESULT //p')
dropdb --if-exists "$DB"
rm -rf "${FILESTORE:?}/$DB"
log "TestPyLint's options and checkers on complaint_management and complaint_audit"
set +e
"$PY" "$ROOT/scripts/odoo_test_pylint.py" complaint_management complaint_audit
pylint_rc=$?
set -e
run=$(( run + 1 ))
if [ "$pylint_rc" -eq 0 ]; then passed=$(( passed + 1 )); else failed=$(( failed + 1 )); fi
echo "Timing: $(( $(date +%s) - t0 ))s (log: $LOG)"
echo "Odoo test_lint: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ "$skipped" -eq 0 ] && [ "$run" -gt 1 ]
