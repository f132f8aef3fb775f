#!/usr/bin/env bash
# make bench SIZE=...: our operations against the OCA peers, one process, one database per
# job (bench/README.md). SIZE from the first argument, else $SIZE, else 10000.
#   bash scripts/bench.sh 100000            RUNS=5 by default; REBUILD=1 rebuilds the base
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

SIZE="${1:-${SIZE:-10000}}"
RUNS="${RUNS:-5}"
PREFIX="${BENCH_DB_PREFIX:-complaints_bench}"   # every database of the benchmark starts with it
BASE="${PREFIX}_base"
export BENCH_DB_PREFIX="$PREFIX"
case "$SIZE" in ''|*[!0-9]*) die "SIZE must be a number of complaints, got '$SIZE'";; esac
[ "$SIZE" -ge 1000 ] && [ "$SIZE" -le 1000000 ] || die "SIZE must be between 1000 and 1000000"

[ -x "$PY" ] && "$PY" -c "import odoo" 2>/dev/null || bash "$ROOT/scripts/setup.sh"
pg_isready -q -h "$PGHOST" -p "$PGPORT" || bash "$ROOT/scripts/setup.sh"

# --- peers from PyPI, one by one: a missing 18.0 release is reported, never faked -------------
pip_q() { "$PY" -m pip install -q "$@" 2> >(grep -v "is ignored: it is neither" >&2); }
export PIP_CONSTRAINT="$STATE/build-constraints.txt"
[ -f "$PIP_CONSTRAINT" ] || echo "setuptools<70" > "$PIP_CONSTRAINT"
peers_file="$STATE/bench_peers.json"
req_stamp="$(sha1sum "$ROOT/scripts/requirements-bench.txt" | cut -c1-16)"
if [ "$(cat "$STATE/bench_peers.stamp" 2>/dev/null)" != "$req_stamp" ] || [ ! -f "$peers_file" ]; then
  log "Installing the peers from PyPI (scripts/requirements-bench.txt)"
  json="{"
  while read -r req; do
    case "$req" in ''|\#*) continue;; esac
    module="$(printf '%s' "$req" | sed -E 's/^odoo-addon-//; s/==.*//; s/-/_/g')"
    if pip_q "$req" >/dev/null 2>"$STATE/bench_pip.err"; then
      status="installed from PyPI ($req)"
    else
      status="no 18.0 release on PyPI ($req)"
      printf '\033[33m%s: %s\033[0m\n' "$module" "$status" >&2
      grep -v "is ignored: it is neither" "$STATE/bench_pip.err" | tail -n 3 >&2 || true
    fi
    json="$json\"$module\": \"$status\","
  done < "$ROOT/scripts/requirements-bench.txt"
  printf '%s}\n' "${json%,}" > "$peers_file"
  echo "$req_stamp" > "$STATE/bench_peers.stamp"
fi

# --- the base snapshot: dependencies, our addons, the peers that installed -----------------------
modules="complaint_management"
[ -d "$ROOT/complaint_audit" ] && [ -f "$ROOT/complaint_audit/__manifest__.py" ] \
  && grep -q '"installable": True' "$ROOT/complaint_audit/__manifest__.py" 2>/dev/null \
  && modules="$modules,complaint_audit"
for peer in helpdesk_mgmt helpdesk_mgmt_sla mgmtsystem_claim crm_claim; do
  "$PY" -c "import importlib.util as u, sys; sys.exit(not u.find_spec(\"odoo.addons.$peer\"))" 2>/dev/null && modules="$modules,$peer"
done
# The base is rebuilt when our addons, Odoo or the peers change.
base_stamp="$( (echo "$modules"; cat "$(odoo_src)/odoo/release.py"; "$PY" -m pip freeze 2>/dev/null | grep -i odoo-addon;
  find "$ROOT/complaint_management" "$ROOT/complaint_audit" -type f \( -name '*.py' -o -name '*.xml' -o -name '*.csv' \) 2>/dev/null | sort | xargs cat 2>/dev/null) \
  | sha1sum | cut -c1-16)"
have_stamp="$(psql -d "$BASE" -tAc "SELECT value FROM ir_config_parameter WHERE key = 'bench.base_stamp'" 2>/dev/null || true)"
if [ "${REBUILD:-0}" = 1 ] || [ "$have_stamp" != "$base_stamp" ]; then
  log "Building $BASE ($modules)"
  dropdb --if-exists "$BASE"
  # the snapshots built on the old base are stale too
  like="$(printf '%s' "${PREFIX}_" | sed 's/_/\\_/g')%"
  for db in $(psql -d postgres -tAc "SELECT datname FROM pg_database WHERE datname LIKE '$like'"); do
    dropdb --if-exists "$db"
  done
  createdb "$BASE"
  odoo -d "$BASE" -i "$modules" --stop-after-init --without-demo=all \
    --addons-path="$(addons_path)" --db_host="$PGHOST" --log-level=warn \
    2>&1 | grep -v "Running as user 'root'" || true
  psql -d "$BASE" -tAc "SELECT 1 FROM ir_module_module WHERE name = 'complaint_management' AND state = 'installed'" | grep -q 1 \
    || die "complaint_management did not install in $BASE"
  psql -d "$BASE" -qc "INSERT INTO ir_config_parameter (key, value, create_date, write_date) VALUES ('bench.base_stamp', '$base_stamp', now(), now())"
fi

[ "${BENCH_BASE_ONLY:-0}" = 1 ] && exit 0

log "Benchmark at SIZE=$SIZE, $RUNS runs per figure"
export BENCH_ADDONS_PATH="$(addons_path)"
"$PY" "$ROOT/bench/run.py" --size "$SIZE" --runs "$RUNS" --base "$BASE" --peers-status "$peers_file" ${BENCH_ONLY:+--only "$BENCH_ONLY"}

# --- the corpus measured is what the ORM would have written (BENCH_CHECK=0 skips) ----------
if [ "${BENCH_CHECK:-1}" = 1 ]; then
  snap="${PREFIX}_snap_$SIZE"
  psql -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$snap'" | grep -q 1 \
    || snap="${PREFIX}_snap_$(( SIZE < 10000 ? SIZE : 10000 ))"
  log "Corpus check on $snap (bench/check_corpus.py)"
  "$PY" "$ROOT/bench/check_corpus.py" --db "$snap"
fi
