#!/usr/bin/env bash
# Coexistence (README "Coexistence"): Odoo's own post-install tests of the apps our
# addons extend, on a copy of a database where both addons are installed, plus Inventory
# and Contacts (which our addons do not depend on, but our users run). Then
# tests/test_coexistence.py as users without a complaints role on the same database.
#   bash scripts/core_tests.sh DB [HTTP_PORT]  (DB: our addons installed; make test passes its own)
#   bash scripts/core_tests.sh                 (make test-core: installs them on a template copy)
# Fails on any failure, error or skip, except the known failures of
# scripts/core_known_failures.txt, which are checked both ways: each must still fail
# here and fail the same way on the template without our addons (else it is ours).
# Writes $STATE/test-core.counts: "passed failed skipped known" for scripts/test.sh.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
SRC_DB="${1:-}"; HTTP_PORT="${2:-${TEST_HTTP_PORT:-8169}}"
LOG="$STATE/test-core.log"
REPORT="$STATE/test-core.json"
PYTEST_LOG="$STATE/test-core-pytest.log"
KNOWN="$ROOT/scripts/core_known_failures.txt"
# Apps of users who will never hold a complaints role, installed in the copy only.
CORE_EXTRA_MODULES="contacts,stock"
# The post-install tests run: whole apps, and account's classes about customer invoices,
# refunds, journal entries, partners, sending and the customer's portal (all of account
# takes far longer than make test's budget; vendor bills and reconciliation, which our
# addons do not touch, are left out: 3.5 more minutes).
CORE_TAGS="post_install/sale,post_install/sale_management,post_install/product"
CORE_TAGS+=",post_install/portal,post_install/contacts"
for cls in TestAccountMoveOutInvoiceOnchanges TestAccountMoveOutRefundOnchanges \
  TestAccountMoveInRefundOnchanges TestAccountMove TestAccountPartner TestMergePartner \
  TestPortalInvoice TestAccountMoveSend; do
  CORE_TAGS+=",post_install/account:$cls"
done
t0=$(date +%s)
rm -f "$STATE/test-core.counts"
if [ -z "$SRC_DB" ]; then
  SRC_DB="${COMPLAINTS_TEST_DB:-complaints_test}_coexist"
  TEMPLATE="$(bash "$ROOT/scripts/template_db.sh")"
  log "Installing $ADDONS in $SRC_DB (a copy of $TEMPLATE)"
  clone_db "$TEMPLATE" "$SRC_DB"
  odoo -d "$SRC_DB" -i "$ADDONS" --addons-path="$(addons_path)" --db-filter="^$SRC_DB\$" \
    --stop-after-init --http-port="$HTTP_PORT" --http-interface=127.0.0.1 \
    --max-cron-threads=0 --log-level=warn > "$STATE/test-core-install.log" 2>&1 \
    || { tail -30 "$STATE/test-core-install.log"; die "installing $ADDONS failed"; }
fi
CORE_DB="${SRC_DB}_core"

# Odoo's runner on DB with TAGS; the JSON report to REPORT_PATH, the log to LOG_PATH.
run_core() {
  local db="$1" tags="$2" report="$3" log_path="$4"
  COMPLAINTS_TEST_REPORT="$report" "$PY" "$ROOT/scripts/odoo_tests.py" -d "$db" \
    --addons-path="$(addons_path)" --test-enable --db-filter="^$db\$" \
    --test-tags="$tags" --stop-after-init --http-port="$HTTP_PORT" \
    --http-interface=127.0.0.1 --max-cron-threads=0 --log-level=test > "$log_path" 2>&1
}

# A copy of FROM named TO with the extra apps installed (no tests).
prepare_db() {
  local from="$1" to="$2"
  clone_db "$from" "$to"
  serve_db_at "$to" "$HTTP_PORT"
  odoo -d "$to" -i "$CORE_EXTRA_MODULES" --addons-path="$(addons_path)" \
    --db-filter="^$to\$" --stop-after-init --http-port="$HTTP_PORT" \
    --http-interface=127.0.0.1 --max-cron-threads=0 --log-level=warn \
    > "$STATE/test-core-install-$to.log" 2>&1 \
    || { tail -30 "$STATE/test-core-install-$to.log"; die "installing $CORE_EXTRA_MODULES in $to failed"; }
}

log "Coexistence: $CORE_EXTRA_MODULES into a copy of $SRC_DB ($CORE_DB)"
prepare_db "$SRC_DB" "$CORE_DB"
t_ready=$(( $(date +%s) - t0 ))
log "Running Odoo's post-install tests of sale, sale_management, product, portal, contacts, account (classes) in $CORE_DB"
set +e
run_core "$CORE_DB" "$CORE_TAGS" "$REPORT" "$LOG"
core_rc=$?
set -e
t_core=$(( $(date +%s) - t0 - t_ready ))

# --- verdict: every failure is a known one, every known one still fails ------------------
set +e
verdict="$("$PY" "$ROOT/scripts/core_verdict.py" "$REPORT" "$LOG" "$KNOWN")"
verdict_rc=$?
set -e
echo "$verdict" | grep -vE "^(TAGS|COUNTS) " || true
known_tags="$(echo "$verdict" | sed -n 's/^TAGS //p')"
read -r c_passed c_failed c_skipped c_known < <(echo "$verdict" | sed -n 's/^COUNTS //p')
status=0
[ "$verdict_rc" -eq 0 ] || status=1
# A non-zero exit of Odoo's runner with only known failures is expected; without any,
# it is an error of its own (install, loading).
if [ "$core_rc" -ne 0 ] && [ "${c_known:-0}" -eq 0 ]; then
  echo "Odoo's runner exited with $core_rc (log: $LOG)"; status=1
fi

# --- the known failures fail without our addons too --------------------------------------
if [ -n "$known_tags" ]; then
  BASE_DB="${SRC_DB}_core_base"
  TEMPLATE="$(cat "$STATE/template_name")"
  log "Known failures: checking that they fail without our addons ($BASE_DB, from $TEMPLATE)"
  prepare_db "$TEMPLATE" "$BASE_DB"
  set +e
  run_core "$BASE_DB" "$known_tags" "$STATE/test-core-base.json" "$STATE/test-core-base.log"
  "$PY" "$ROOT/scripts/core_verdict.py" --baseline "$STATE/test-core-base.json" "$KNOWN" \
    || status=1
  set -e
  dropdb --if-exists "$BASE_DB"
fi

# --- users without a complaints role, over RPC and HTTP ------------------------------------
cat > "$STATE/odoo-test-core.conf" <<CONF
[options]
addons_path = $(addons_path)
db_host = $PGHOST
db_port = $PGPORT
http_port = $HTTP_PORT
http_interface = 127.0.0.1
dbfilter = ^$CORE_DB\$
max_cron_threads = 0
CONF
log "Running tests/test_coexistence.py in $CORE_DB"
set +e
(cd "$ROOT" && "$PY" -m pytest tests/test_coexistence.py \
  --odoo-config="$STATE/odoo-test-core.conf" --odoo-database="$CORE_DB" --odoo-http \
  -p no:cacheprovider -q -rs --junitxml="$STATE/pytest-core.xml") > "$PYTEST_LOG" 2>&1
pytest_rc=$?
set -e
tail -5 "$PYTEST_LOG"
read -r p_passed p_failed p_skipped < <(junit_counts "$STATE/pytest-core.xml")
[ "$pytest_rc" -eq 0 ] || status=1
[ "$p_failed" -eq 0 ] && [ "$p_skipped" -eq 0 ] || status=1

c_passed="${c_passed:-0}"; c_failed="${c_failed:-1}"; c_skipped="${c_skipped:-0}"; c_known="${c_known:-0}"
[ "$c_passed" -gt 0 ] || { echo "Odoo's runner ran no core test."; status=1; }
passed=$(( c_passed + p_passed ))
failed=$(( c_failed + p_failed ))
skipped=$(( c_skipped + p_skipped ))
echo "$passed $failed $skipped $c_known" > "$STATE/test-core.counts"
t_total=$(( $(date +%s) - t0 ))
echo "Coexistence: Odoo core $c_passed passed, $c_known known (Odoo's alone), $c_failed" \
  "unexpected failures/errors, $c_skipped skipped (log: $LOG); test_coexistence $p_passed passed," \
  "$p_failed failed, $p_skipped skipped (log: $PYTEST_LOG)"
echo "Coexistence timing: prepare ${t_ready}s, core tests ${t_core}s, total ${t_total}s"
exit $status
