#!/usr/bin/env bash
# The one authoritative test run (DESIGN section 3): lint, a template database with the
# dependencies only (built once), a fresh copy where Odoo's runner installs and tests our
# two addons, then pytest-odoo on the repo-level tests/. Exits non-zero on any failure,
# error, or skipped test; the last line is "N passed, N failed, N skipped".
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
t0=$(date +%s)
bash "$ROOT/scripts/setup.sh"
t_setup=$(( $(date +%s) - t0 ))
bash "$ROOT/scripts/lint.sh"

HTTP_PORT="${TEST_HTTP_PORT:-8169}"
LOG="$STATE/test-odoo.log"
REPORT="$STATE/test-odoo.json"
PYTEST_LOG="$STATE/test-pytest.log"

TEMPLATE="$(bash "$ROOT/scripts/template_db.sh")"
# COMPLAINTS_TEST_DB and TEST_HTTP_PORT let parallel checkouts test side by side.
DB="${COMPLAINTS_TEST_DB:-complaints_test}"
clone_db "$TEMPLATE" "$DB"
clone_db "$TEMPLATE" "${DB}_upg_tmpl"
serve_db_at "$DB" "$HTTP_PORT"
# The filestore of the template is not needed: attachments of dependencies are regenerated.
t_ready=$(( $(date +%s) - t0 ))
log "Setup took ${t_setup}s; ready to test after ${t_ready}s"

# --- Odoo's runner: install our addons and run their at_install/post_install tests/tours ---
log "Installing $ADDONS with tests in $DB"
set +e
COMPLAINTS_TEST_REPORT="$REPORT" "$PY" "$ROOT/scripts/odoo_tests.py" -d "$DB" -i "$ADDONS" \
  --addons-path="$(addons_path)" --test-enable --db-filter="^$DB\$" \
  --test-tags="/complaint_management,/complaint_audit" \
  --stop-after-init --http-port="$HTTP_PORT" --http-interface=127.0.0.1 \
  --max-cron-threads=0 --log-level=test > "$LOG" 2>&1
odoo_rc=$?
set -e
read -r o_run o_failed o_errors o_skipped < <("$PY" -c "
import json; r = json.load(open('$REPORT'))
print(r['run'], r['failed'], r['errors'], r['skipped'])" 2>/dev/null || echo "0 0 1 0")

# Problems in the log that the report does not count: install errors, warnings.
# Allowed: Debian's wkhtmltopdf (unpatched Qt) warns once per PDF about header switches.
bad_lines="$(grep -E "^[0-9-]+ [0-9:,]+ [0-9]+ (WARNING|ERROR|CRITICAL) " "$LOG" \
  | grep -vE "wkhtmltopdf.*(patched qt|unpatched)|switch.*unpatched" || true)"
grep -E "^[0-9-]+ [0-9:,]+ [0-9]+ INFO .*: (FAIL|ERROR):" "$LOG" | head -20 || true

# --- coexistence: Odoo's own tests of the apps we extend, on a copy of $DB ---------------
# (scripts/core_tests.sh, with its own logs .state/test-core*.log)
log "Coexistence: Odoo's own tests of the apps our addons extend"
set +e
bash "$ROOT/scripts/core_tests.sh" "$DB" "$HTTP_PORT"
core_rc=$?
set -e
read -r k_passed k_failed k_skipped k_known < "$STATE/test-core.counts" 2>/dev/null \
  || { k_passed=0; k_failed=1; k_skipped=0; k_known=0; }

# --- pytest-odoo: repo-level tests against the installed database --------------------------
cat > "$STATE/odoo-test.conf" <<CONF
[options]
addons_path = $(addons_path)
db_host = $PGHOST
db_port = $PGPORT
http_port = $HTTP_PORT
http_interface = 127.0.0.1
dbfilter = ^$DB\$
max_cron_threads = 0
CONF
# Committed-data tests (two Odoo processes racing a job) work on their own copy.
clone_db "$DB" "${DB}_2srv"
export COMPLAINTS_2SRV_DB="${DB}_2srv" COMPLAINTS_ODOO_CONF="$STATE/odoo-test.conf"
# The upgrade test builds databases ${DB}_upg_<commit> with earlier code from its copy of
# the template (copied at the start: a checkout with other requirements may rebuild it).
export COMPLAINTS_UPGRADE_TEMPLATE="${DB}_upg_tmpl" COMPLAINTS_UPGRADE_DB="${DB}_upg"
log "Running pytest-odoo on tests/"
set +e
# tests/test_coexistence.py runs in scripts/core_tests.sh, on the database with Inventory.
(cd "$ROOT" && "$PY" -m pytest tests --odoo-config="$STATE/odoo-test.conf" \
  --odoo-database="$DB" --odoo-http -p no:cacheprovider -q -rs \
  --ignore=tests/test_coexistence.py \
  --junitxml="$STATE/pytest.xml") > "$PYTEST_LOG" 2>&1
pytest_rc=$?
set -e
tail -25 "$PYTEST_LOG"
read -r p_passed p_failed p_skipped < <(junit_counts "$STATE/pytest.xml")

# --- docs/ISO10002.md: the committed conformance table is the one this run produces -----
log "Checking the conformance table of docs/ISO10002.md"
set +e
"$PY" "$ROOT/scripts/conformance.py" --check
conformance_rc=$?
set -e

t_total=$(( $(date +%s) - t0 ))
echo
echo "Odoo runner: $o_run tests, $o_failed failed, $o_errors errors, $o_skipped skipped (log: $LOG)"
echo "pytest-odoo: $p_passed passed, $p_failed failed, $p_skipped skipped (log: $PYTEST_LOG)"
echo "Coexistence: $k_passed passed, $k_failed failed, $k_skipped skipped, $k_known known" \
  "skips or failures of Odoo alone (log: $STATE/test-core.log, $STATE/test-core-pytest.log)"
if [ -n "$bad_lines" ]; then
  echo "Warnings or errors in the Odoo log:"; echo "$bad_lines" | head -30
fi
echo "Timing: setup ${t_setup}s, ready to test ${t_ready}s, total ${t_total}s"
passed=$(( o_run - o_failed - o_errors - o_skipped + p_passed + k_passed ))
failed=$(( o_failed + o_errors + p_failed + k_failed ))
skipped=$(( o_skipped + p_skipped + k_skipped ))
status=0
[ "$odoo_rc" -eq 0 ] || status=1
[ "$pytest_rc" -eq 0 ] || status=1
[ "$core_rc" -eq 0 ] || status=1
[ "$failed" -eq 0 ] || status=1
[ "$skipped" -eq 0 ] || { echo "Skipped tests count as failures here (a skipped tour did not run)."; status=1; }
[ -z "$bad_lines" ] || status=1
[ "$o_run" -gt 0 ] || { echo "Odoo's runner ran no test."; status=1; }
[ "$conformance_rc" -eq 0 ] || {
  echo "docs/ISO10002.md is out of date or a citation is wrong (see 'conformance:' above):"
  echo "fix the citation, or run \`make conformance\` and commit docs/ISO10002.md."
  status=1
}
echo "$passed passed, $failed failed, $skipped skipped"
exit $status
