#!/usr/bin/env bash
# make load: a bounded multi-worker load run (bench/README.md). 20 XML-RPC clients create,
# move and comment complaints for 60 s against Odoo in prefork mode (--workers=2) on
# 127.0.0.1:8269, on a fresh copy of the benchmark base; then every created complaint,
# move and message is checked. CLIENTS=, DURATION=, WORKERS= override the defaults.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

CLIENTS="${CLIENTS:-20}"
DURATION="${DURATION:-60}"
WORKERS="${WORKERS:-2}"
PORT="${LOAD_PORT:-8269}"
GEVENT_PORT="${LOAD_GEVENT_PORT:-8270}"
PREFIX="${BENCH_DB_PREFIX:-complaints_bench}"
DB="${PREFIX}_load"

BENCH_BASE_ONLY=1 bash "$ROOT/scripts/bench.sh"   # peers + complaints_bench_base, if stale
pg_isready -q -h "$PGHOST" -p "$PGPORT" || die "PostgreSQL is not running"
if curl -s -o /dev/null "http://127.0.0.1:$PORT/web/login" 2>/dev/null; then
  die "something already listens on 127.0.0.1:$PORT"
fi

dropdb --if-exists "$DB"
createdb -T "${PREFIX}_base" "$DB"
log "Corpus of 2000 complaints in $DB"
BENCH_ADDONS_PATH="$(addons_path)" "$PY" "$ROOT/data/generate.py" --db "$DB" --size 2000 --no-tickets

logfile="$STATE/load-odoo.log"
log "Starting Odoo on 127.0.0.1:$PORT with --workers=$WORKERS (log: ${logfile#"$ROOT"/})"
# Odoo's own CLI, with the gevent worker replaced by an idle child: see bench/odoo_prefork.py.
"$PY" "$ROOT/bench/odoo_prefork.py" server -d "$DB" --db-filter="^$DB\$" --addons-path="$(addons_path)" \
  --http-interface=127.0.0.1 --http-port=$PORT --gevent-port="$GEVENT_PORT" \
  --workers="$WORKERS" --max-cron-threads=0 --limit-time-real=300 --limit-time-cpu=120 \
  --limit-memory-soft=2147483648 --limit-memory-hard=2684354560 \
  --db_host="$PGHOST" --without-demo=all --log-level=warn --logfile="$logfile" &
odoo_pid=$!
stop_odoo() {
  if kill -0 "$odoo_pid" 2>/dev/null; then
    kill "$odoo_pid" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$odoo_pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$odoo_pid" 2>/dev/null || true
  fi
  wait "$odoo_pid" 2>/dev/null || true
}
trap stop_odoo EXIT
for _ in $(seq 1 60); do
  curl -s -o /dev/null "http://127.0.0.1:$PORT/web/login" && break
  kill -0 "$odoo_pid" 2>/dev/null || die "Odoo stopped at start-up (see $logfile)"
  sleep 1
done

log "Load run: $CLIENTS clients for $DURATION s"
rc=0
"$PY" "$ROOT/bench/load.py" --db "$DB" --port $PORT --clients "$CLIENTS" --seconds "$DURATION" \
  --json "$ROOT/bench/results/load-latest.json" || rc=$?
stop_odoo
trap - EXIT
dropdb --if-exists "$DB"
exit $rc
