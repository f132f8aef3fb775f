#!/usr/bin/env bash
# The template database: Odoo's addons our addons depend on, installed once (with demo
# data) and reused while Odoo's source and the requirements are unchanged. Prints its name.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
HTTP_PORT="${TEST_HTTP_PORT:-8169}"
# --- template database: dependencies only, rebuilt when Odoo or the requirements change ---
deps_key="$( (cat "$VENV/.complaints-setup"; echo "$DEPENDENCIES"; cat "$(odoo_src)/odoo/release.py") | sha1sum | cut -c1-10)"
TEMPLATE="complaints_tmpl_$deps_key"
if ! psql -d postgres -tAc "select 1 from pg_database where datname='$TEMPLATE'" | grep -q 1; then
  log "Building template database $TEMPLATE ($DEPENDENCIES), once"
  dropdb --if-exists "${TEMPLATE}_tmp" 2>/dev/null || true
  odoo -d "${TEMPLATE}_tmp" -i "$DEPENDENCIES" --addons-path="$(addons_path)" \
    --stop-after-init --http-port="$HTTP_PORT" --log-level=warn --max-cron-threads=0 \
    > "$STATE/template.log" 2>&1 || { tail -50 "$STATE/template.log"; die "template database failed"; }
  psql -d postgres -qc "ALTER DATABASE \"${TEMPLATE}_tmp\" RENAME TO \"$TEMPLATE\""
  rm -rf "$FILESTORE/$TEMPLATE"
  [ ! -d "$FILESTORE/${TEMPLATE}_tmp" ] || mv "$FILESTORE/${TEMPLATE}_tmp" "$FILESTORE/$TEMPLATE"
  # old templates of earlier requirements are dropped
  for old in $(psql -d postgres -tAc "select datname from pg_database where datname like 'complaints_tmpl_%' and datname <> '$TEMPLATE'"); do
    dropdb --if-exists "$old" || true
    rm -rf "${FILESTORE:?}/$old"
  done
fi

echo "$TEMPLATE" > "$STATE/template_name"
echo "$TEMPLATE"
