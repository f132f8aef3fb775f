#!/usr/bin/env bash
# Prepare everything `make demo` and `make test` need. Idempotent: a re-run with nothing
# changed only checks stamps and returns in seconds.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# --- Debian packages --------------------------------------------------------------------
debian_packages() {
  # pandoc: readme fragments in Markdown to README.rst, as oca-gen-addon-readme does.
  # fonts-farsiweb: Persian typefaces (Nazli, Homa, Titr) for letters rendered by wkhtmltopdf
  # for Persian readers; fontconfig picks them for Persian text.
  local wanted=(libpq-dev libldap2-dev libsasl2-dev chromium wkhtmltopdf poppler-utils fonts-dejavu-core
    fonts-farsiweb pandoc)
  local missing=()
  for pkg in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    log "Installing Debian packages: ${missing[*]}"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

# --- PostgreSQL ---------------------------------------------------------------------------
postgres() {
  if pg_isready -q -h "$PGHOST" -p "$PGPORT" 2>/dev/null; then
    :
  else
    if ! command -v pg_ctlcluster >/dev/null; then
      log "Installing PostgreSQL"
      as_root apt-get update -qq
      DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq postgresql >/dev/null
    fi
    log "Starting PostgreSQL"
    local version; version="$(ls /etc/postgresql | sort -V | tail -n1)"
    as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
    for _ in $(seq 1 30); do pg_isready -q -h "$PGHOST" -p "$PGPORT" && break; sleep 1; done
    pg_isready -q -h "$PGHOST" -p "$PGPORT" || die "PostgreSQL does not answer on $PGHOST:$PGPORT"
  fi
  # Odoo connects as the OS user: make sure that role exists and may create databases.
  if ! psql -d postgres -tAc "select 1" >/dev/null 2>&1; then
    log "Creating PostgreSQL role $PGUSER"
    as_root su postgres -c "createuser --createdb --superuser '$PGUSER'" \
      || die "cannot create the PostgreSQL role $PGUSER"
  fi
}

# --- Odoo source --------------------------------------------------------------------------
find_odoo() {
  local candidate
  for candidate in "${ODOO_SRC:-}" "$HOME/odoo-$ODOO_SERIES"; do
    if [ -n "$candidate" ] && [ -f "$candidate/odoo/release.py" ]; then
      grep -q "version_info = (${ODOO_SERIES%%.*}, ${ODOO_SERIES#*.}," "$candidate/odoo/release.py" \
        || die "$candidate is not an Odoo $ODOO_SERIES source tree"
      echo "$(cd "$candidate" && pwd)" > "$STATE/odoo_src"
      return
    fi
  done
  local dest="$STATE/odoo-src"
  if [ -f "$dest/odoo/release.py" ]; then echo "$dest" > "$STATE/odoo_src"; return; fi
  log "No Odoo source found locally; downloading the official $ODOO_SERIES archive"
  local tmp; tmp="$(mktemp -d)"
  if curl -fsSL --connect-timeout 15 --max-time 900 "$ODOO_ARCHIVE_URL" -o "$tmp/odoo.tar.gz" 2>/dev/null \
     && tar -xzf "$tmp/odoo.tar.gz" -C "$tmp"; then
    local unpacked; unpacked="$(find "$tmp" -mindepth 2 -maxdepth 2 -name setup.py -printf '%h\n' | head -n1)"
    [ -n "$unpacked" ] && mv "$unpacked" "$dest" && rm -rf "$tmp"
    echo "$dest" > "$STATE/odoo_src"
    return
  fi
  rm -rf "$tmp"
  cat >&2 <<MSG

ERROR: Odoo $ODOO_SERIES source code was not found, and it could not be downloaded.

Provide it in one of these three ways, then run 'make setup' again:
  1. set ODOO_SRC to an Odoo $ODOO_SERIES source tree:    ODOO_SRC=/path/to/odoo make setup
  2. put an Odoo $ODOO_SERIES source tree at:             $HOME/odoo-$ODOO_SERIES
  3. allow this machine to download the official archive: $ODOO_ARCHIVE_URL
     (or point ODOO_ARCHIVE_URL at a local copy of it)
MSG
  exit 2
}

# --- Python virtualenv ----------------------------------------------------------------------
# pip, quiet, without the "Location ... is ignored" noise of this machine's extra indexes.
pip_q() { "$PY" -m pip install -q "$@" 2> >(grep -v "is ignored: it is neither" >&2); }

venv() {
  local src; src="$(odoo_src)"
  local stamp="$VENV/.complaints-setup"
  local want; want="$( (python3 --version; cat "$src/requirements.txt" "$ROOT/scripts/requirements-dev.txt" "$ROOT/requirements.txt"; echo "$src") | sha1sum | cut -c1-16)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && "$PY" -c "import odoo" 2>/dev/null; then
    return
  fi
  log "Building the virtualenv at .venv (Odoo's pinned requirements for $(python3 --version))"
  [ -x "$PY" ] || python3 -m venv "$VENV"
  local constraints="$STATE/build-constraints.txt"
  # Old sdists among Odoo's pins import pkg_resources while building: keep setuptools < 70
  # in their build environments (PIP_CONSTRAINT reaches them).
  echo "setuptools<70" > "$constraints"
  export PIP_CONSTRAINT="$constraints"
  pip_q --upgrade "pip<25" "setuptools<70" wheel
  pip_q -r "$src/requirements.txt"
  # Odoo itself, editable, before any OCA wheel (they require an installed odoo distribution).
  pip_q --no-deps --no-build-isolation -e "$src" --config-settings editable_mode=compat
  pip_q -r "$ROOT/scripts/requirements-dev.txt"
  # The addons' external dependencies (manifests), as scripts/gen_external_dependencies.py
  # writes them: jdatetime, xlsxwriter.
  pip_q -r "$ROOT/requirements.txt"
  echo "$want" > "$stamp"
}

# --- Node tools of the lint gate -----------------------------------------------------------
# prettier (with the XML plugin) and eslint, at the versions of package-lock.json, in a
# project-local node_modules; reinstalled only when the lock file changes.
node_tools() {
  local stamp="$ROOT/node_modules/.complaints-setup"
  if ! command -v npm >/dev/null; then
    log "Installing Node.js and npm (Debian packages)"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
  fi
  local want; want="$( (node --version; cat "$ROOT/package-lock.json") | sha1sum | cut -c1-16)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then return; fi
  log "Installing the lint gate's npm packages into node_modules (package-lock.json)"
  (cd "$ROOT" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  echo "$want" > "$stamp"
}

# ESLint as Odoo's test_lint runs it (web/tooling/_eslintrc.json needs eslint-plugin-prettier
# with prettier 2, the OCA gate pins prettier 3): its own node_modules, used only by
# scripts/odoo_test_lint.sh.
odoo_eslint() {
  local dir="$ROOT/scripts/odoo_eslint"
  local stamp="$dir/node_modules/.complaints-setup"
  local want; want="$( (node --version; cat "$dir/package-lock.json") | sha1sum | cut -c1-16)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then return; fi
  log "Installing Odoo's ESLint tooling into scripts/odoo_eslint/node_modules"
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  echo "$want" > "$stamp"
}

# rtlcss: Odoo runs it (found on PATH, odoo/addons/base/models/assetsbundle.py) to serve
# right-to-left stylesheets to Persian, Arabic and Hebrew users; without it Odoo logs a
# warning and serves them left to right. Installed globally, as Odoo's documentation says.
RTLCSS_VERSION="4.3.0"
rtlcss_tool() {
  if command -v rtlcss >/dev/null && [ "$(command rtlcss --version 2>/dev/null)" = "rtlcss version: $RTLCSS_VERSION" ]; then
    return
  fi
  log "Installing rtlcss $RTLCSS_VERSION (npm, global) for right-to-left languages"
  as_root npm install -g --no-audit --no-fund --loglevel=error "rtlcss@$RTLCSS_VERSION" >/dev/null
  command -v rtlcss >/dev/null || die "rtlcss is not on PATH after npm install -g (npm prefix: $(npm config get prefix))"
}

# Odoo first: it is the one thing setup cannot install from a package registry, so a
# machine without it learns that before anything else is changed. SETUP_STEPS=odoo stops
# after that step (used by tests/test_setup_script.py).
find_odoo
[ "${SETUP_STEPS:-all}" = odoo ] && { log "Odoo source: $(odoo_src)"; exit 0; }
debian_packages
postgres
venv
node_tools
rtlcss_tool
odoo_eslint
log "Setup done: Odoo $(odoo_src), virtualenv $VENV"
