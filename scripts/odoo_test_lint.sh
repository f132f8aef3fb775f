#!/usr/bin/env bash
# Odoo's own lint tests (odoo/addons/test_lint: manifests, pylint without pylint-odoo,
# eslint with Odoo's eslintrc, conflict markers, .pot files, onchange domains, routes...)
# over the addons path of `make test`, with test_lint and both addons installed in a copy
# of the template database. Not part of `make test`: TestPyLint lints every addon on the
# addons path (all of Odoo), which takes well over ten minutes on these machines.
# COMPLAINTS_LINT_DB and TEST_LINT_HTTP_PORT let parallel checkouts run it side by side.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
t0=$(date +%s)
DB="${COMPLAINTS_LINT_DB:-complaints_lint}"
HTTP_PORT="${TEST_LINT_HTTP_PORT:-8170}"
LOG="$STATE/test-lint-odoo.log"
REPORT="$STATE/test-lint-odoo.json"
clone_db "$(bash "$ROOT/scripts/template_db.sh")" "$DB"
serve_db_at "$DB" "$HTTP_PORT"
log "Odoo's test_lint over $(addons_path) in $DB"
# test_lint finds pylint and eslint on PATH; its eslintrc is a legacy (non-flat) config.
set +e
PATH="$VENV/bin:$ROOT/node_modules/.bin:$PATH" ESLINT_USE_FLAT_CONFIG=false \
  COMPLAINTS_TEST_REPORT="$REPORT" "$PY" "$ROOT/scripts/odoo_tests.py" -d "$DB" \
  -i "test_lint,$ADDONS" --addons-path="$(addons_path)" --test-enable \
  --test-tags=/test_lint --db-filter="^$DB\$" --stop-after-init \
  --http-port="$HTTP_PORT" --http-interface=127.0.0.1 --max-cron-threads=0 \
  --log-level=test > "$LOG" 2>&1
rc=$?
set -e
read -r run failed errors skipped < <("$PY" -c "
import json; r = json.load(open('$REPORT'))
print(r['run'], r['failed'], r['errors'], r['skipped'])" 2>/dev/null || echo "0 0 1 0")
grep -E "^[0-9-]+ [0-9:,]+ [0-9]+ (ERROR|CRITICAL) .*(FAIL|ERROR):" "$LOG" | head -20 || true
echo "Timing: $(( $(date +%s) - t0 ))s (log: $LOG)"
echo "$(( run - failed - errors - skipped )) passed, $(( failed + errors )) failed, $skipped skipped"
[ "$rc" -eq 0 ] && [ $(( failed + errors + skipped )) -eq 0 ] && [ "$run" -gt 0 ]
