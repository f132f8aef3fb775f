#!/usr/bin/env bash
# While iterating: run some tests on a fresh copy of the template database.
#   bash scripts/dev_test.sh DBNAME TEST_TAGS [HTTP_PORT]
# e.g. bash scripts/dev_test.sh cm_sla /complaint_management:TestComplaintSla 8170
# (the template is built by `make test`; its name is in .state/template_name)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
DB="$1"; TAGS="$2"; PORT="${3:-8170}"
TEMPLATE="$(cat "$STATE/template_name")"
clone_db "$TEMPLATE" "$DB"
serve_db_at "$DB" "$PORT"
"$PY" -m odoo -d "$DB" -i "$ADDONS" --addons-path="$(addons_path)" --test-enable --db-filter="^$DB\$" \
  --test-tags="$TAGS" --stop-after-init --http-port="$PORT" --http-interface=127.0.0.1 \
  --max-cron-threads=0 --log-level=test 2>&1 | tee "$STATE/dev-test-$DB.log" \
  | grep -E "(WARNING|ERROR|CRITICAL|FAIL|Ran [0-9]+ test| tests? in )" | grep -v "^\s*$"
