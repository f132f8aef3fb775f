# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
# ruff: noqa: E501  (SQL reads better unwrapped)
"""complaint_audit (issue 12, "Measured"): the register export, the trail's overhead
on stage moves, sealing and verifying the chain, the retention job; and the KPI
summary's slot (issue 13), which says "not implemented" until it exists."""

import os
import statistics
import subprocess
import time
import tracemalloc
from datetime import datetime

from harness import db
from harness.measure import RssSampler, measure, savepoint_runner
from harness.odoo_env import environment
from harness.registry import benchmark
from harness.results import Row, record, say

from .jobs import find_method, job_on_fresh_copies

# The chain verified: the figure, whatever SIZE (BENCH_AUDIT_EVENTS overrides
# it for a quick run); the events are spread over the corpus' complaints.
CHAIN_EVENTS = int(os.environ.get("BENCH_AUDIT_EVENTS", 1_000_000))
# Retention: the corpus spans two years, the companies keep six; the 1 % expired are
# moved back by this much (every date of the complaint, so that they stay coherent).
RETENTION_YEARS = 6
EXPIRED_SHIFT = "7 years"


def _psql_exec(name, sql):
    subprocess.run(
        ["psql", "-d", name, "-v", "ON_ERROR_STOP=1", "-qc", sql],
        check=True,
        capture_output=True,
    )


def _slot(ctx, label, present):
    state = "present but not wired into the bench yet" if present else "not implemented"
    say(f"  {label}: {state}")
    record(Row(section="audit", operation=label, size=ctx.size, note=state))


@benchmark("audit", needs="corpus")
def kpi_summary(ctx):
    say(f"\n== complaint_audit at {ctx.size:,}")
    with environment(ctx.db) as env:
        present = "complaint.management.review" in env and find_method(
            env, "complaint.complaint", ["_kpi_summary", "get_kpi_summary"]
        )
    db.release(ctx.db)
    _slot(ctx, "KPI summary (complaint_audit)", present)


@benchmark("audit", needs="corpus")
def register_export(ctx):
    """The whole register (every complaint of the corpus) as XLSX through the
    wizard's ``_export_register()`` (the report, the trail event with the file's
    hash); each run rolled back."""
    label = "register export XLSX, all complaints"
    with environment(ctx.db) as env:
        if "complaint.register.export" not in env:
            say(f"  {label}: not implemented (complaint.register.export missing)")
            record(
                Row(
                    section="audit",
                    operation=label,
                    size=ctx.size,
                    note="not implemented",
                )
            )
            return
        count = env["complaint.complaint"].search_count([])
        sizes, growth = [], []

        def export():
            wizard = env["complaint.register.export"].create(
                {"scope": "filter", "domain": "[]"}
            )
            content = wizard._export_register()
            if content[:2] != b"PK":
                raise RuntimeError("the register export is not an XLSX file")
            sizes.append(len(content))

        run = savepoint_runner(env, export)

        def sampled(_ctx):
            if tracemalloc.is_tracing():
                return run(_ctx)
            # RSS of every untraced run, the warm-up included (its first
            # allocations are a real first export's too)
            with RssSampler() as sampler:
                run(_ctx)
            growth.append(sampler.growth_mib)

        seconds, kib, _ = measure(sampled, ctx.runs)
    db.release(ctx.db)
    record(
        Row(
            section="audit",
            operation=f"{label} (complaint.register.export._export_register)",
            size=ctx.size,
            ours=seconds * 1000,
            mem_ours_kib=kib,
            goal="< 30 s and < 400 MB at 100,000",
            note=f"{count:,} complaints, {sizes[-1] / 2**20:.1f} MiB XLSX; "
            f"peak RSS growth {max(growth):.0f} MiB",
        )
    )


@benchmark("audit", needs="corpus")
def trail_overhead(ctx):
    """1 % of the complaints changing stage (acknowledged -> assessed, the jobs
    row's moves) with complaint_audit against the same moves without it: on a file
    copy of the snapshot where the module is marked uninstalled, so that the
    registry loads complaint_management and the peers only (same rows, same pages;
    the addon's columns and table stay, unused). Runs alternate between the two
    databases (so both see the same load), each rolled back."""
    say(f"\n== trail overhead: 1 % change stage at {ctx.size:,}")
    n = max(1, ctx.size // 100)
    bare = f"{db.PREFIX}_noaudit"
    db.copy_db(ctx.source, bare)
    try:
        _psql_exec(
            bare,
            "UPDATE ir_module_module SET state = 'uninstalled' "
            "WHERE name = 'complaint_audit'",
        )
        result = _measure_moves(ctx, ctx.source, bare, n)
    finally:
        db.release(ctx.source)
        db.drop_db(bare)
    if not result:
        say("  trail overhead: no acknowledged complaints or no assessed stage")
        return
    times, peaks, moved, events = result
    # the rounds alternate the two databases: the difference within a round is the
    # trail's own cost, steadier than the ratio of two medians on a busy machine
    paired = statistics.median(
        a - b for a, b in zip(times["audit"], times["bare"], strict=True)
    )
    record(
        Row(
            section="audit",
            operation="trail overhead: 1% change stage (audit vs none)",
            size=ctx.size,
            ours=statistics.median(times["audit"]) * 1000,
            peer="same moves, no complaint_audit",
            peer_value=statistics.median(times["bare"]) * 1000,
            mem_ours_kib=peaks["audit"],
            mem_peer_kib=peaks["bare"],
            goal="<= 1.15",
            note=f"{moved:,} complaints acknowledged->assessed, {events:,} events "
            f"logged per move; fastest run {min(times['audit']) * 1000:,.0f} / "
            f"{min(times['bare']) * 1000:,.0f} ms; overhead per move (median of "
            f"the rounds' differences) {paired * 1000:,.1f} ms",
        )
    )


def _measure_moves(ctx, audited, bare, n):
    with environment(audited) as env_a, environment(bare) as env_b:
        if "complaint.audit.event" in env_b or "complaint.audit.event" not in env_a:
            raise RuntimeError("the no-audit copy still loads complaint_audit")
        target = env_a["complaint.stage"].search(
            [("state", "=", "assessed")], order="sequence, id", limit=1
        )
        env_a.cr.execute(
            "SELECT id FROM complaint_complaint WHERE state = 'acknowledged' "
            "ORDER BY id LIMIT %s",
            [n],
        )
        ids = [r[0] for r in env_a.cr.fetchall()]
        if not ids or not target:
            return None
        runners = {}
        for key, env in (("audit", env_a), ("bare", env_b)):
            recs = env["complaint.complaint"].browse(ids)
            runners[key] = savepoint_runner(
                env, lambda recs=recs: recs.write({"stage_id": target.id})
            )
        # how many events one batch of moves logs (then rolled back)
        env_a["complaint.complaint"].browse(ids).write({"stage_id": target.id})
        env_a.flush_all()
        env_a.cr.execute(
            "SELECT count(*) FROM complaint_audit_event WHERE complaint_id = ANY(%s)",
            [ids],
        )
        events = env_a.cr.fetchone()[0]
        env_a.cr.rollback()
        env_a.invalidate_all()
        times = {"audit": [], "bare": []}
        for i in range(ctx.runs + 1):
            order = ("audit", "bare") if i % 2 else ("bare", "audit")
            for key in order:
                start = time.perf_counter()
                runners[key](None)
                if i:  # the first round warms both up
                    times[key].append(time.perf_counter() - start)
        peaks = {}
        for key, runner in runners.items():
            tracemalloc.start()
            try:
                runner(None)
                peaks[key] = tracemalloc.get_traced_memory()[1] / 1024
            finally:
                tracemalloc.stop()
    db.release(bare)
    return times, peaks, len(ids), events


@benchmark("audit", needs="corpus", fresh_copy=True)
def chain_verify(ctx):
    """A trail of CHAIN_EVENTS events over the corpus' complaints, inserted in SQL
    (set-based, unsealed as ``_log`` leaves them), sealed by
    ``complaint.audit.event._seal`` in its batches (committed per batch, as the
    cron does; timed once), then ``_verify_chain`` timed. Memory: tracemalloc peak
    of a verification at a tenth of the chain and at the whole chain (flat: the
    same), and the RSS growth of the timed runs."""
    label = "audit trail"
    with environment(ctx.db) as env:
        if "complaint.audit.event" not in env or not find_method(
            env, "complaint.audit.event", ["_verify_chain"]
        ):
            say(f"  {label}: not implemented (complaint.audit.event._verify_chain)")
            record(
                Row(
                    section="audit",
                    operation=label,
                    size=ctx.size,
                    note="not implemented",
                )
            )
            return
    db.release(ctx.db)
    total = CHAIN_EVENTS
    first = max(1, total // 10)
    say(f"\n== audit trail: {total:,} events, seal then verify")
    start = time.perf_counter()
    _insert_events(ctx.db, 0, first)
    insert_s = time.perf_counter() - start
    seal_s, sealed = _seal(ctx.db)
    _, small_kib, small_count = _verify(ctx.db, 0)
    start = time.perf_counter()
    _insert_events(ctx.db, first, total)
    insert_s += time.perf_counter() - start
    more_s, more = _seal(ctx.db)
    seal_s, sealed = seal_s + more_s, sealed + more
    times, kib, count, rss = _verify(ctx.db, ctx.runs)
    record(
        Row(
            section="audit",
            operation="audit trail: seal (complaint.audit.event._seal)",
            size=ctx.size,
            ours=seal_s * 1000,
            note=f"{sealed:,} events sealed in batches, committed per batch "
            f"({sealed / seal_s:,.0f} events/s); SQL insert of the events "
            f"{insert_s:.0f} s, not counted",
        )
    )
    record(
        Row(
            section="audit",
            operation="audit trail: verify (complaint.audit.event._verify_chain)",
            size=ctx.size,
            ours=statistics.median(times) * 1000,
            mem_ours_kib=kib,
            goal="< 60 s at 1,000,000 events, memory flat",
            note=f"{count:,} events, chain intact; tracemalloc peak {small_kib:,.0f} "
            f"KiB at {small_count:,} events, {kib:,.0f} KiB at {count:,}; peak RSS "
            f"growth {rss:.0f} MiB",
        )
    )


def _insert_events(name, start, stop):
    """Events ``start`` .. ``stop - 1``: round-robin over the complaints (in id
    order), five kinds of field change, a note on one in ten, one in fifty flagged
    personal; in the order of ``g`` (ids ascending, as the seal numbers them)."""
    _psql_exec(
        name,
        f"""
        INSERT INTO complaint_audit_event
            (complaint_id, company_id, event_type, field_name, old_value, new_value,
             note, personal, user_id, date)
        SELECT c.id, c.company_id,
               (ARRAY['stage', 'assignment', 'severity', 'deadline', 'outcome'])[g % 5 + 1],
               (ARRAY['stage_id', 'user_id', 'severity', 'close_deadline', 'outcome'])[g % 5 + 1],
               'old value ' || g, 'new value ' || g,
               CASE WHEN g % 10 = 0 THEN 'note ' || g END,
               g % 50 = 0, 1,
               c.date_received + (g / n.count) * interval '1 hour'
          FROM generate_series({start}, {stop - 1}) g
          CROSS JOIN (SELECT count(*) AS count FROM complaint_complaint) n
          JOIN (SELECT id, company_id, date_received,
                       row_number() OVER (ORDER BY id) - 1 AS rn
                  FROM complaint_complaint) c ON c.rn = g % n.count
         ORDER BY g;
        """,
    )
    subprocess.run(
        ["psql", "-d", name, "-qc", "VACUUM ANALYZE complaint_audit_event"], check=True
    )


def _seal(name):
    with environment(name, commit=True) as env:
        start = time.perf_counter()
        sealed = env["complaint.audit.event"]._seal(commit=True)
        elapsed = time.perf_counter() - start
    db.release(name)
    subprocess.run(
        ["psql", "-d", name, "-qc", "VACUUM ANALYZE complaint_audit_event"], check=True
    )
    return elapsed, sealed


def _verify(name, runs):
    """``runs`` timed verifications after a warm-up (none if 0) and one traced."""
    times, growth, counts = [], [], set()
    with environment(name) as env:
        Event = env["complaint.audit.event"]
        for i in range(runs + 1 if runs else 0):
            env.invalidate_all()
            with RssSampler() as sampler:
                start = time.perf_counter()
                results = Event._verify_chain()
                elapsed = time.perf_counter() - start
            growth.append(sampler.growth_mib)
            if i:
                times.append(elapsed)
            counts.add(_check_intact(results))
        env.invalidate_all()
        tracemalloc.start()
        try:
            results = Event._verify_chain()
            kib = tracemalloc.get_traced_memory()[1] / 1024
        finally:
            tracemalloc.stop()
        counts.add(_check_intact(results))
    db.release(name)
    (count,) = counts
    if not runs:
        return None, kib, count
    return times, kib, count, max(growth)


def _check_intact(results):
    broken = {cid: r["broken"] for cid, r in results.items() if r["broken"]}
    if broken:
        raise RuntimeError(f"the generated chain is reported broken: {broken}")
    return sum(r["count"] for r in results.values())


@benchmark("audit", needs="corpus", fresh_copy=True)
def retention(ctx):
    """``_cron_anonymise_expired`` with 1 % of the complaints expired: closed or
    cancelled ones (spread over the ids) moved back by EXPIRED_SHIFT, every date of
    the complaint, the companies keeping RETENTION_YEARS; on a fresh copy per run
    (the job commits per batch), then the second run on the same data."""
    n = max(1, ctx.size // 100)

    def prepare(name):
        columns = db.psql(
            name,
            "SELECT string_agg(format('%1$I = %1$I - interval ''"
            + EXPIRED_SHIFT
            + "''', column_name), ', ') FROM information_schema.columns "
            "WHERE table_name = 'complaint_complaint' AND table_schema = 'public' "
            "AND data_type IN ('timestamp without time zone', 'date') "
            "AND column_name <> 'write_date'",
        )
        _psql_exec(
            name,
            f"""
            UPDATE res_company SET complaint_retention_years = {RETENTION_YEARS};
            UPDATE complaint_complaint SET {columns}
             WHERE id IN (SELECT id FROM complaint_complaint
                           WHERE state IN ('closed', 'cancelled')
                           ORDER BY md5(id::text) LIMIT {n});
            """,
        )

    def outcome(env):
        Complaint = env["complaint.complaint"]
        done = Complaint.search_count([("anonymised_date", "!=", False)])
        left = Complaint.search_count(
            Complaint._get_retention_domain(datetime.utcnow())
        )
        return f"{done:,} complaints anonymised, {left:,} expired left"

    say(f"\n== retention at {ctx.size:,}: {n:,} complaints expired")
    job_on_fresh_copies(
        ctx,
        "retention job, 1% expired",
        "complaint.complaint",
        ["_cron_anonymise_expired"],
        outcome,
        prepare=prepare,
        section="audit",
    )
