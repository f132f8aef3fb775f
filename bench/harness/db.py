# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
# ruff: noqa: E501  (SQL reads better unwrapped)
"""Databases of the benchmark: every name starts with ``BENCH_DB_PREFIX``
(scripts/bench.sh exports it; default ``complaints_bench``). The snapshots are built
once and reused while their stamp (base, corpus sources, seed, anchor, size) holds."""

import glob
import hashlib
import os
import subprocess
import time
from datetime import datetime

from .odoo_env import ROOT, boot, environment
from .results import say

PREFIX = os.environ.get("BENCH_DB_PREFIX", "complaints_bench")
SEED = 10002


def psql(db, sql):
    out = subprocess.run(
        ["psql", "-d", db, "-tAc", sql], capture_output=True, text=True
    )
    return out.stdout.strip()


def param(db, key):
    return psql(db, f"SELECT value FROM ir_config_parameter WHERE key = '{key}'")


def db_exists(name):
    return (
        psql("postgres", f"SELECT 1 FROM pg_database WHERE datname = '{name}'") == "1"
    )


def release(db):
    """Close this process's connections to ``db`` so it can be copied or dropped."""
    odoo = boot()
    odoo.modules.registry.Registry.delete(db)
    odoo.sql_db.close_db(db)


def copy_db(template, name):
    """``createdb -T template name``, with PostgreSQL 15's FILE_COPY strategy: the
    default (WAL_LOG) writes every page of the copy through the WAL, which takes
    minutes for the 3.4 GB snapshot at 1,000,000; FILE_COPY copies the files after a
    checkpoint, in seconds."""
    release(template)
    subprocess.run(["dropdb", "--if-exists", name], check=True, capture_output=True)
    subprocess.run(
        [
            "psql",
            "-d",
            "postgres",
            "-qc",
            f'CREATE DATABASE "{name}" TEMPLATE "{template}" STRATEGY FILE_COPY',
        ],
        check=True,
    )


def drop_db(name):
    release(name)
    subprocess.run(["dropdb", "--if-exists", name], check=True, capture_output=True)


def vacuum(db):
    """Clean up the rows the rolled-back runs left, before the next model's runs
    (from another connection: this process holds no transaction between runs)."""
    subprocess.run(["psql", "-d", db, "-qc", "VACUUM ANALYZE"], check=True)


def corpus_stamp():
    """A digest of the corpus generator's sources: a snapshot is rebuilt when they change."""
    digest = hashlib.sha1()
    for path in sorted(
        glob.glob(os.path.join(ROOT, "data", "**", "*.py"), recursive=True)
    ):
        with open(path, "rb") as f:
            digest.update(f.read())
    return digest.hexdigest()[:12]


def snapshot(base, size, anchor):
    """<prefix>_snap_<size>: the base database plus the corpus for ``size``."""
    import corpus

    name = f"{PREFIX}_snap_{size}"
    stamp = f"{param(base, 'bench.base_stamp')}|{corpus_stamp()}|{SEED}|{anchor:%Y-%m-%d}|{size}"
    if db_exists(name) and param(name, "bench.corpus") == stamp:
        say(f"snapshot {name}: reused")
        return name
    say(f"snapshot {name}: building ({size} complaints, {size} tickets)")
    start = time.perf_counter()
    copy_db(base, name)
    with environment(name, commit=True) as env:
        corpus.generate(
            env, size, seed=SEED, anchor=anchor, log=lambda m: say("  " + m)
        )
        env["ir.config_parameter"].sudo().set_param("bench.corpus", stamp)
    release(name)
    vacuum(name)
    say(f"snapshot {name}: built in {time.perf_counter() - start:.0f} s")
    return name


def open_snapshot(snap, size):
    """<prefix>_open_<size>: the escalation scenario of its issue, built once from the
    corpus snapshot: every complaint open (the closed and cancelled ones moved to the
    first investigation stage), 1 % newly breached (deadline passed an hour ago, not
    escalated yet) and the others on track with a deadline ahead. The deadlines are
    written consistently (``response_deadline`` is the running deadline of an
    acknowledged complaint under investigation)."""
    name = f"{PREFIX}_open_{size}"
    stamp = f"{param(snap, 'bench.corpus')}|open|{datetime.utcnow():%Y-%m-%d}"
    if db_exists(name) and param(name, "bench.open") == stamp:
        say(f"snapshot {name}: reused")
        return name
    say(f"snapshot {name}: building (all {size:,} complaints open, 1 % newly breached)")
    start = time.perf_counter()
    copy_db(snap, name)
    sql = f"""
        UPDATE complaint_complaint c SET
            stage_id = (SELECT id FROM complaint_stage WHERE state = 'investigation'
                        ORDER BY sequence, id LIMIT 1),
            state = 'investigation', date_closed = NULL,
            date_acknowledged = COALESCE(date_acknowledged, date_received)
        WHERE state IN ('closed', 'cancelled');
        UPDATE complaint_complaint SET
            escalation_level = 0,
            sla_paused_since = NULL,
            sla_status = CASE WHEN id % 100 = 0 THEN 'breached' ELSE 'on_track' END,
            sla_deadline = CASE WHEN id % 100 = 0
                THEN (now() AT TIME ZONE 'UTC') - interval '1 hour'
                ELSE (now() AT TIME ZONE 'UTC') + (id % 20 + 2) * interval '1 day' END,
            sla_at_risk_date = CASE WHEN id % 100 = 0 THEN NULL
                ELSE (now() AT TIME ZONE 'UTC') + (id % 20 + 1) * interval '1 day' END;
        UPDATE complaint_complaint SET
            response_deadline = sla_deadline,
            close_deadline = sla_deadline + interval '20 days';
        INSERT INTO ir_config_parameter (key, value, create_date, write_date)
        VALUES ('bench.open', '{stamp}', now(), now())
        ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value;
    """
    subprocess.run(
        ["psql", "-d", name, "-v", "ON_ERROR_STOP=1", "-qc", sql], check=True
    )
    vacuum(name)
    say(f"snapshot {name}: built in {time.perf_counter() - start:.0f} s")
    return name
