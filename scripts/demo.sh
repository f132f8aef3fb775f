#!/usr/bin/env bash
# `make demo`: database complaints_demo with both addons and their demo data, served in
# the foreground at http://127.0.0.1:8069 (admin / admin). A re-run keeps the database and
# updates the addons; RESET=1 recreates it; WORKERS=N runs Odoo in prefork mode.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
DB="${DEMO_DB:-complaints_demo}"
PORT="${DEMO_PORT:-8069}"
if [ "${RESET:-0}" = 1 ]; then dropdb --if-exists "$DB"; fi
if psql -d postgres -tAc "select 1 from pg_database where datname='$DB'" | grep -q 1; then
  log "Updating $ADDONS in $DB"
  odoo -d "$DB" -u "$ADDONS" --addons-path="$(addons_path)" --stop-after-init \
    --http-port="$PORT" --log-level=warn
else
  log "Creating $DB with $ADDONS and demo data"
  odoo -d "$DB" -i "$ADDONS" --addons-path="$(addons_path)" --stop-after-init \
    --http-port="$PORT" --log-level=warn
fi
log "Odoo serves http://127.0.0.1:$PORT/ (database $DB, login admin / admin). Ctrl-C stops it."
exec "$PY" "$(odoo_src)/odoo-bin" -d "$DB" --db-filter="^$DB\$" --addons-path="$(addons_path)" \
  --http-interface=127.0.0.1 --http-port="$PORT" --workers="${WORKERS:-0}" \
  --log-level=info
