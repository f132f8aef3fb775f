# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Jobs at SIZE: the escalation and recurrence crons (each run on a fresh copy, then
a second run on the same data), and 1 % of the records changing stage."""

import contextlib
import gc
import statistics
import time
import tracemalloc

from harness.db import release
from harness.measure import RssSampler, measure, savepoint_runner
from harness.odoo_env import environment
from harness.registry import benchmark
from harness.results import Row, record, say


def find_method(env, model, names):
    """The first of ``names`` the model has (None if the model or all are missing)."""
    if model not in env:
        return None
    return next((name for name in names if hasattr(env[model], name)), None)


def _timed_call(env, model, method):
    start = time.perf_counter()
    getattr(env[model], method)()
    env.flush_all()
    return time.perf_counter() - start


def job_on_fresh_copies(
    ctx, label, model, method_names, outcome=None, prepare=None, section="jobs"
):
    """A job that commits (crons commit per batch): each of the runs (after a warm-up)
    on a fresh copy, then the same job again on the same data ("second run"); one more
    run traced for memory. ``outcome(env)`` describes what the first run did;
    ``prepare(db)`` sets each copy up before the job's environment opens (untimed)."""
    with environment(ctx.source) as env:
        method = find_method(env, model, method_names)
    release(ctx.source)
    if not method:
        missing = f"{model}.{'/'.join(method_names)} missing"
        say(f"  {label}: not implemented yet ({missing})")
        record(
            Row(
                section=section,
                operation=label,
                size=ctx.size,
                note="not implemented yet",
            )
        )
        return
    times, again, peak, rss, note = [], [], None, None, ""
    for i in range(ctx.runs + 2):
        traced, timed = i == ctx.runs + 1, 0 < i <= ctx.runs
        with contextlib.ExitStack() as stack:
            job_db = stack.enter_context(ctx.fresh_copy())
            if prepare:
                prepare(job_db)
            env = stack.enter_context(environment(job_db, commit=True))
            env.flush_all()
            gc.collect()
            if traced:
                tracemalloc.start()
            with RssSampler() as sampler:
                elapsed = _timed_call(env, model, method)
            if traced:
                peak = tracemalloc.get_traced_memory()[1] / 1024
                tracemalloc.stop()
            else:
                rss = max(rss or 0, sampler.growth_mib)
            if outcome and i == 1:
                env.invalidate_all()
                note = outcome(env)
            if timed:
                times.append(elapsed)
                # the same job again at once: what it finds left to do is nothing
                env.invalidate_all()
                again.append(_timed_call(env, model, method))
                if outcome and i == 1:
                    env.invalidate_all()
                    note_again = outcome(env)
                    if note_again != note:
                        note += f"; after the second run: {note_again}"
    record(
        Row(
            section=section,
            operation=f"{label} ({model}.{method})",
            size=ctx.size,
            ours=statistics.median(times) * 1000,
            mem_ours_kib=peak,
            note=f"{note}; peak RSS growth {rss:.0f} MiB",
        )
    )
    record(
        Row(
            section=section,
            operation=f"{label}, second run (nothing left to do)",
            size=ctx.size,
            ours=statistics.median(again) * 1000,
        )
    )


@benchmark("jobs", needs="open", fresh_copy=True)
def escalation(ctx):
    say(f"\n== jobs at {ctx.size:,} (each run on a fresh createdb -T copy)")

    def outcome(env):
        Complaint = env["complaint.complaint"]
        open_ = Complaint.search_count([("state", "not in", ("closed", "cancelled"))])
        escalated = Complaint.search_count([("escalation_level", ">", 0)])
        activities = env["mail.activity"].search_count(
            [("res_model", "=", "complaint.complaint")]
        )
        return (
            f"{open_:,} open complaints: {escalated:,} escalated, "
            f"{activities:,} activities"
        )

    job_on_fresh_copies(
        ctx, "escalation job", "complaint.complaint", ["_cron_escalate"], outcome
    )


@benchmark("jobs", needs="corpus", fresh_copy=True)
def recurrence(ctx):
    def outcome(env):
        rules = env["complaint.recurrence.rule"].search_count([])
        alerts = (
            env["complaint.recurrence.alert"].search_count([])
            if "complaint.recurrence.alert" in env
            else 0
        )
        return f"{rules} rules, {alerts} alerts"

    job_on_fresh_copies(
        ctx,
        "recurrence detection",
        "complaint.recurrence.rule",
        ["_cron_detect", "_cron_detect_recurrence"],
        outcome,
    )


@benchmark("jobs", needs="corpus")
def stage_moves(ctx):
    """1% of the records change stage: our stage hook (SLA, stamps) against
    helpdesk_mgmt_sla's recomputation of the tickets' SLA lines."""
    say(f"\n== 1% of the records change stage at {ctx.size:,}")
    n = max(1, ctx.size // 100)
    res = {}
    with environment(ctx.db) as env:
        cr = env.cr
        # ours: acknowledged -> assessed (the corpus fills what the gate needs)
        stages = env["complaint.stage"].search([], order="sequence, id")
        target = stages.filtered(lambda s: s.state == "assessed")[:1]
        cr.execute(
            "SELECT id FROM complaint_complaint WHERE state = 'acknowledged' "
            "ORDER BY id LIMIT %s",
            [n],
        )
        recs = env["complaint.complaint"].browse([r[0] for r in cr.fetchall()])
        if recs and target:
            move = savepoint_runner(env, lambda: recs.write({"stage_id": target.id}))
            t, mem, _ = measure(move, ctx.runs)
            res["ours"] = (t * 1000, mem, len(recs))
        if "helpdesk.ticket" in env:
            tstages = env["helpdesk.ticket.stage"].search(
                [("closed", "=", False)], order="sequence, id"
            )
            cr.execute(
                "SELECT id FROM helpdesk_ticket WHERE stage_id = %s "
                "ORDER BY id LIMIT %s",
                [tstages[0].id, n],
            )
            tickets = env["helpdesk.ticket"].browse([r[0] for r in cr.fetchall()])
            move = savepoint_runner(
                env, lambda: tickets.write({"stage_id": tstages[1].id})
            )
            t, mem, _ = measure(move, ctx.runs)
            res["peer"] = (t * 1000, mem, len(tickets))
        cr.rollback()
    release(ctx.db)
    ours, peer = res.get("ours"), res.get("peer")
    note = f"{ours[2] if ours else 0} complaints (acknowledged->assessed)"
    if peer:
        note += f", {peer[2]} tickets (SLA lines recomputed)"
    record(
        Row(
            section="jobs",
            operation="1% change stage (SLA recompute)",
            size=ctx.size,
            ours=ours and ours[0],
            peer="helpdesk_mgmt_sla",
            peer_value=peer and peer[0],
            mem_ours_kib=ours and ours[1],
            mem_peer_kib=peer and peer[1],
            note=note,
        )
    )
