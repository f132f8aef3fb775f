#!/usr/bin/env bash
# Odoo's own lint tests (odoo/addons/test_lint: manifests, eslint with Odoo's eslintrc,
# conflict markers, .pot files, gettext and SQL checkers...) over an addons path that
# holds Odoo's base addons and ours, in a fresh database with test_lint installed.
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
src="$(odoo_src)"
LINT_ADDONS_PATH="$ROOT,$src/odoo/addons"
dropdb --if-exists "$DB"
log "Odoo's test_lint over $LINT_ADDONS_PATH in $DB"
# test_lint finds eslint on PATH; its eslintrc is a legacy (non-flat) config.
set +e
PATH="$VENV/bin:$ROOT/node_modules/.bin:$PATH" ESLINT_USE_FLAT_CONFIG=false \
  COMPLAINTS_TEST_REPORT="$REPORT" "$PY" "$ROOT/scripts/odoo_tests.py" -d "$DB" \
  -i test_lint --without-demo=all --addons-path="$LINT_ADDONS_PATH" --test-enable \
  --test-tags="/test_lint,-/test_lint:TestPyLint" --db-filter="^$DB\$" --stop-after-init \
  --http-port="$HTTP_PORT" --http-interface=127.0.0.1 --max-cron-threads=0 \
  --log-level=test > "$LOG" 2>&1
rc=$?
set -e
read -r run failed errors skipped < <("$PY" -c "
import json; r = json.load(open('$REPORT'))
print(r['run'], r['failed'], r['errors'], r['skipped'])" 2>/dev/null || echo "0 0 1 0")
grep -E "^[0-9-]+ [0-9:,]+ [0-9]+ (ERROR|CRITICAL) " "$LOG" | head -20 || true
dropdb --if-exists "$DB"
log "TestPyLint's options and checkers on complaint_management and complaint_audit"
set +e
"$PY" "$ROOT/scripts/odoo_test_pylint.py" complaint_management complaint_audit
pylint_rc=$?
set -e
[ "$pylint_rc" -eq 0 ] || failed=$(( failed + 1 ))
run=$(( run + 1 ))
echo "Timing: $(( $(date +%s) - t0 ))s (log: $LOG)"
echo "Odoo test_lint: $(( run - failed - errors - skipped )) passed, $(( failed + errors )) failed, $skipped skipped"
[ "$rc" -eq 0 ] && [ $(( failed + errors + skipped )) -eq 0 ] && [ "$run" -gt 1 ]
