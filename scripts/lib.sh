# shellcheck shell=bash
# Shared settings for the project's scripts. Sourced, never executed.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
PY="$VENV/bin/python"
STATE="$ROOT/.state"             # git-ignored: stamps, configs, logs
ODOO_SERIES="18.0"
ODOO_ARCHIVE_URL="${ODOO_ARCHIVE_URL:-https://nightly.odoo.com/18.0/nightly/src/odoo_18.0.latest.tar.gz}"
ADDONS="complaint_management,complaint_audit"
# Odoo's own addons our addons need, installed once in the template database.
DEPENDENCIES="sale_management,account,mail,portal,resource,report_xlsx"
export TZ=UTC                    # python -m odoo does not set it, odoo-bin does
export PGHOST="${PGHOST:-127.0.0.1}"
export PGPORT="${PGPORT:-5432}"
export PGUSER="${PGUSER:-$(id -un)}"
mkdir -p "$STATE"
FILESTORE="$HOME/.local/share/Odoo/filestore"   # Odoo's default data_dir

# A database copied from a template, with the template's filestore (attachments).
clone_db() {
  local from="$1" to="$2"
  dropdb --if-exists "$to"
  rm -rf "${FILESTORE:?}/$to"
  # A template being copied by another checkout at the same moment refuses a second copy:
  # retry for a while instead of failing.
  local i
  for i in $(seq 1 60); do
    createdb -T "$from" "$to" 2>/dev/null && break
    [ "$i" -lt 60 ] || createdb -T "$from" "$to"
    sleep 2
  done
  if [ -d "$FILESTORE/$from" ]; then cp -al "$FILESTORE/$from" "$FILESTORE/$to"; fi
}

# Point a database's own URLs at the server that will serve it: wkhtmltopdf fetches the
# report assets from report.url, and a copy keeps its template's address otherwise.
serve_db_at() {
  local db="$1" port="$2"
  psql -q -d "$db" -c "
    INSERT INTO ir_config_parameter (key, value, create_date, write_date)
    VALUES ('web.base.url', 'http://127.0.0.1:$port', now(), now()),
           ('report.url', 'http://127.0.0.1:$port', now(), now()),
           ('web.base.url.freeze', 'True', now(), now())
    ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value"
}

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf '\033[31mERROR:\033[0m %s\n' "$*" >&2; exit 1; }

# The Odoo source tree found (or fetched) by setup: $ODOO_SRC, then $HOME/odoo-18.0,
# then the unpacked official archive under .state/.
odoo_src() { cat "$STATE/odoo_src" 2>/dev/null || true; }

addons_path() {
  local src; src="$(odoo_src)"
  # OCA addons installed from PyPI live in site-packages/odoo/addons.
  local extra; extra="$("$PY" -c 'import importlib.util as u, os; s = u.find_spec("odoo.addons.report_xlsx"); print(os.path.dirname(os.path.dirname(s.origin)) if s else "")' 2>/dev/null || true)"
  printf '%s' "$ROOT,$src/odoo/addons,$src/addons${extra:+,$extra}"
}

# odoo CLI: Odoo's own odoo-bin through the venv's python. The editable install's
# console script goes through pkg_resources and can fail; `python -m odoo` cannot
# spawn the websocket (gevent) process of prefork mode.
odoo() { "$PY" "$(odoo_src)/odoo-bin" "$@"; }

# junit_counts FILE: "passed failed skipped" of a pytest JUnit XML report ("0 1 0" when
# the report is missing or unreadable: a run that wrote none counts as failed).
junit_counts() {
  "$PY" - "$1" <<'PYEOF'
import sys, xml.etree.ElementTree as ET
try:
    root = ET.parse(sys.argv[1]).getroot()
    suite = root if root.tag == "testsuite" else root.find("testsuite")
    tests = int(suite.get("tests")); fail = int(suite.get("failures")) + int(suite.get("errors"))
    skip = int(suite.get("skipped"))
    print(tests - fail - skip, fail, skip)
except Exception:
    print(0, 1, 0)
PYEOF
}
