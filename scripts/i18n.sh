#!/usr/bin/env bash
# Regenerate each addon's translation template (i18n/<addon>.pot) from a database where the
# addons are installed, the way OCA does (Odoo's own exporter, odoo.tools.translate), and
# merge every existing i18n/<lang>.po with it (msgmerge; polib when gettext is missing).
#   bash scripts/i18n.sh        (make i18n)
# The database (I18N_DB, default complaints_i18n; dropped and rebuilt each run) is a copy of
# the template database with the addons installed without demo data.
# New msgids come out with an empty msgstr: `pytest tests/test_i18n_fa.py` lists them.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
DB="${I18N_DB:-complaints_i18n}"
PORT="${I18N_HTTP_PORT:-8169}"
odoo_args=(--addons-path="$(addons_path)" --db-filter="^$DB\$" --stop-after-init
  --http-port="$PORT" --http-interface=127.0.0.1 --max-cron-threads=0 --log-level=warn)
LOG="$STATE/i18n-$DB.log"

# A fresh copy of the template without demo data: demo records would add their terms.
TEMPLATE="$(bash "$ROOT/scripts/template_db.sh")"
log "Installing $ADDONS without demo data in a copy of $TEMPLATE: $DB"
clone_db "$TEMPLATE" "$DB"
# reports rendered while installing (demo PDFs) fetch their assets from this run's port
serve_db_at "$DB" "$PORT"
"$PY" -m odoo -d "$DB" -i "$ADDONS" --without-demo=all "${odoo_args[@]}" > "$LOG" 2>&1 \
  || { tail -30 "$LOG"; die "install failed (log: $LOG)"; }

log "Exporting the translation templates"
"$PY" - "$DB" "$(addons_path)" "$ROOT" ${ADDONS//,/ } <<'PY'
import ast
import sys
from pathlib import Path

import polib
from lxml import etree

import odoo
from odoo.tools.translate import trans_export

db, addons_path, root, *modules = sys.argv[1:]
odoo.tools.config.parse_config([f"--addons-path={addons_path}", "-d", db, "--log-level=warn"])


def xmlids(module, key):
    manifest = ast.literal_eval(Path(root, module, "__manifest__.py").read_text())
    ids = set()
    for name in manifest.get(key, []):
        if name.endswith(".xml"):
            for node in etree.parse(str(Path(root, module, name))).iter("record", "template"):
                xmlid = node.get("id", "")
                ids.add(xmlid if "." in xmlid else f"{module}.{xmlid}")
    return ids


def demo_xmlids(module):
    """Records only the module's demo files define: their terms stay out of the template,
    as in Odoo's own .pot files (the template database has demo data)."""
    return xmlids(module, "demo") - xmlids(module, "data")


registry = odoo.modules.registry.Registry.new(db)
with registry.cursor() as cr:
    for module in modules:
        path = f"{root}/{module}/i18n/{module}.pot"
        with open(path, "wb") as buf:
            trans_export(False, [module], buf, "po", cr)
        demo = demo_xmlids(module)
        pot = polib.pofile(path)
        for entry in list(pot):
            kept = [o for o in entry.occurrences if o[0].split(":")[-1] not in demo]
            if not kept:
                pot.remove(entry)
            entry.occurrences = kept
        pot.save(path)
        print(path)
PY

log "Merging the translations with the new templates"
for module in ${ADDONS//,/ }; do
  pot="$ROOT/$module/i18n/$module.pot"
  for po in "$ROOT/$module"/i18n/*.po; do
    [ -e "$po" ] || continue
    if command -v msgmerge >/dev/null; then
      # No fuzzy matching: a guessed translation of a changed text is worse than none (the
      # coverage test reports it as missing instead); obsolete entries are dropped.
      msgmerge --quiet --update --backup=none --no-fuzzy-matching "$po" "$pot"
      if grep -q '^#~' "$po"; then msgattrib --no-obsolete --output-file="$po" "$po"; fi
    else
      "$PY" - "$po" "$pot" <<'PY'
import sys

import polib

po = polib.pofile(sys.argv[1], wrapwidth=78)
po.merge(polib.pofile(sys.argv[2]))
for entry in po.obsolete_entries():
    po.remove(entry)
for entry in po.fuzzy_entries():
    entry.msgstr, entry.flags = "", [f for f in entry.flags if f != "fuzzy"]
po.save()
PY
    fi
    echo "$po"
  done
done

# What is left to translate, per language: `pytest tests/test_i18n_fa.py` lists the msgids.
if command -v msgfmt >/dev/null; then
  for po in "$ROOT"/*/i18n/*.po; do
    printf '%s: ' "${po#"$ROOT"/}"
    msgfmt --statistics --output-file=/dev/null "$po" 2>&1
  done
fi
