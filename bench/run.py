#!/usr/bin/env python3
# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
# ruff: noqa: E501  (SQL, messages and table layouts read better unwrapped)
"""The benchmark harness (bench/README.md). One process, one database per job, our
operations next to the OCA peers' equivalents.

    .venv/bin/python bench/run.py --size 100000 [--runs 5] [--base complaints_bench_base]
"""

import argparse
import gc
import html
import json
import os
import platform
import statistics
import subprocess
import sys
import time
import tracemalloc
from datetime import datetime
from xml.etree import ElementTree

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from odoo_env import ROOT, boot, complaints_corpus, environment

KANBAN_SIZES = (10_000, 100_000, 1_000_000)
PEER_MODULES = ("helpdesk_mgmt", "helpdesk_mgmt_sla", "mgmtsystem_claim", "crm_claim")
RESULTS = []
SEED = 10002
# every database of the benchmark starts with it (scripts/bench.sh exports it)
PREFIX = os.environ.get("BENCH_DB_PREFIX", "complaints_bench")


def say(msg=""):
    print(msg, flush=True)


# --- databases --------------------------------------------------------------------------
def psql(db, sql):
    out = subprocess.run(
        ["psql", "-d", db, "-tAc", sql], capture_output=True, text=True
    )
    return out.stdout.strip()


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


def snapshot(base, size, anchor):
    """complaints_bench_snap_<size>: the base database plus the corpus for ``size``.
    Built once per base stamp, seed and anchor; reused otherwise."""
    name = f"{PREFIX}_snap_{size}"
    stamp = f"{psql(base, 'SELECT value FROM ir_config_parameter WHERE key = $$bench.base_stamp$$')}|{SEED}|{anchor:%Y-%m-%d}|{size}"
    if (
        db_exists(name)
        and psql(
            name, "SELECT value FROM ir_config_parameter WHERE key = 'bench.corpus'"
        )
        == stamp
    ):
        say(f"snapshot {name}: reused")
        return name
    say(f"snapshot {name}: building ({size} complaints, {size} tickets)")
    start = time.perf_counter()
    copy_db(base, name)
    with environment(name, commit=True) as env:
        complaints_corpus.generate(
            env, size, seed=SEED, anchor=anchor, log=lambda m: say("  " + m)
        )
        env["ir.config_parameter"].sudo().set_param("bench.corpus", stamp)
    release(name)
    subprocess.run(["psql", "-d", name, "-qc", "VACUUM ANALYZE"], check=True)
    say(f"snapshot {name}: built in {time.perf_counter() - start:.0f} s")
    return name


def escalation_snapshot(snap, size):
    """complaints_bench_open_<size>: the escalation scenario of its issue, built once
    from the corpus snapshot: every complaint open (the closed and cancelled ones
    moved to the first investigation stage), 1 % newly breached (deadline passed an
    hour ago, not escalated yet) and the others on track with a deadline ahead. The
    deadlines are written consistently (``response_deadline`` is the running
    deadline of an acknowledged complaint under investigation)."""
    name = f"{PREFIX}_open_{size}"
    stamp = psql(
        snap, "SELECT value FROM ir_config_parameter WHERE key = 'bench.corpus'"
    )
    stamp = f"{stamp}|open|{datetime.utcnow():%Y-%m-%d}"
    if (
        db_exists(name)
        and psql(name, "SELECT value FROM ir_config_parameter WHERE key = 'bench.open'")
        == stamp
    ):
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
    subprocess.run(["psql", "-d", name, "-qc", "VACUUM ANALYZE"], check=True)
    say(f"snapshot {name}: built in {time.perf_counter() - start:.0f} s")
    return name


# --- measuring -------------------------------------------------------------------------
def measure(func, runs, setup=None, teardown=None):
    """Median wall time (s) of ``runs`` calls after one warm-up, and the tracemalloc
    peak (KiB) of one more call (traced separately so tracing does not slow the
    timed calls)."""
    times = []
    for i in range(runs + 1):
        ctx = setup() if setup else None
        gc.collect()
        start = time.perf_counter()
        func(ctx)
        elapsed = time.perf_counter() - start
        if teardown:
            teardown(ctx)
        if i:
            times.append(elapsed)
    ctx = setup() if setup else None
    gc.collect()
    tracemalloc.start()
    func(ctx)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    if teardown:
        teardown(ctx)
    return statistics.median(times), peak / 1024, times


def record(
    section,
    operation,
    size,
    ours,
    peer_name=None,
    peer=None,
    unit="ms",
    mem_ours=None,
    mem_peer=None,
    note="",
    goal=None,
):
    ratio = (ours / peer) if (ours is not None and peer) else None
    row = {
        "section": section,
        "operation": operation,
        "size": size,
        "ours": None if ours is None else round(ours, 3),
        "peer": peer_name,
        "peer_value": None if peer is None else round(peer, 3),
        "unit": unit,
        "ratio": None if ratio is None else round(ratio, 2),
        "mem_ours_kib": None if mem_ours is None else round(mem_ours),
        "mem_peer_kib": None if mem_peer is None else round(mem_peer),
        "note": note,
        "goal": goal,
        "loadavg_1m": round(os.getloadavg()[0], 2),
    }
    RESULTS.append(row)
    fmt = lambda v: "-" if v is None else f"{v:,.2f}"  # noqa: E731
    say(
        f"  {operation:<48} {size or '':>9} ours {fmt(row['ours']):>10} {unit}"
        f"  {peer_name or '':<24} {fmt(row['peer_value']):>10}  ratio {fmt(row['ratio'])}"
        f"  {note}"
    )


def savepoint_runner(env, func):
    """Run func in the transaction, then roll the whole transaction back: every run
    does the same work on the same committed data. (A savepoint per run would leave
    every run's rows as dead index entries that later runs, in the same
    transaction, must step over: the models measured last would pay for the
    others.)"""

    def run(_ctx):
        try:
            func()
            env.flush_all()
        finally:
            env.cr.rollback()
            env.invalidate_all()

    return run


def vacuum(db):
    """Clean up the rows the rolled-back runs left, before the next model's runs
    (from another connection: this process holds no transaction between runs)."""
    subprocess.run(["psql", "-d", db, "-qc", "VACUUM ANALYZE"], check=True)


# --- intake -------------------------------------------------------------------------------
def intake_values(env, corpus, count):
    rows = list(corpus.complaint_rows(count, with_state=False))
    Complaint = env["complaint.complaint"]
    complaint_vals = [
        {
            k: v
            for k, v in r.items()
            if k in Complaint._fields and k != "product_tmpl_id" and v is not None
        }
        for r in rows
    ]
    return rows, complaint_vals


def bench_intake(db, runs, available):
    say("\n== intake: per-record cost of create (ms per record)")
    with environment(db) as env:
        corpus = complaints_corpus.Corpus(env, 100, seed=SEED)
        corpus.reference_data()
        cr = env.cr
        cr.execute(
            "SELECT MIN(id), MAX(id) + 1 FROM res_partner WHERE email LIKE 'customer%%@example.com'"
        )
        corpus.partner_range = tuple(cr.fetchone())
        cr.execute(
            "SELECT order_id, id, product_id FROM sale_order_line WHERE order_id IN "
            "(SELECT id FROM sale_order ORDER BY id DESC LIMIT 2000)"
        )
        pidx = {p[0]: i for i, p in enumerate(corpus.products)}
        corpus.order_lines, corpus.order_partner, corpus.order_invoice = {}, {}, {}
        for order_id, line_id, product_id in cr.fetchall():
            if product_id in pidx:
                corpus.order_lines.setdefault(order_id, []).append(
                    (line_id, pidx[product_id])
                )
        cr.execute(
            "SELECT id, partner_id FROM sale_order WHERE id IN %s",
            [tuple(corpus.order_lines)],
        )
        corpus.order_partner = dict(cr.fetchall())
        corpus.complaint_reference_data()
        rows, cvals = intake_values(env, corpus, 100)
        team = (
            env["helpdesk.ticket.team"].search(
                [("name", "=", "Bench SLA team")], limit=1
            )
            if "helpdesk.ticket.team" in env
            else None
        )
        staff = [
            dict(v, channel=("phone", "in_person")[i % 2]) for i, v in enumerate(cvals)
        ]
        models = [
            ("complaint.complaint", "complaint.complaint", cvals),
            ("complaint.complaint [staff channels]", "complaint.complaint", staff),
        ]
        if team:
            models.append(
                (
                    "helpdesk.ticket",
                    "helpdesk.ticket",
                    [
                        {
                            "name": r["subject"],
                            "description": r["description"],
                            "partner_id": r["partner_id"],
                            "team_id": team.id,
                            "user_id": r["user_id"],
                            "priority": r["priority"],
                        }
                        for r in rows
                    ],
                )
            )
        for model in ("mgmtsystem.claim", "crm.claim"):
            if model in env:
                # mgmtsystem_claim draws its reference from the sequence of
                # mgmtsystem_action, absent here: give one, as an import would.
                extra = (
                    (lambda i: {"reference": f"MC{i:05d}"})
                    if model == "mgmtsystem.claim"
                    else (lambda i: {})
                )
                models.append(
                    (
                        model,
                        model,
                        [
                            {
                                "name": r["subject"],
                                "description": r["description"],
                                "partner_id": r["partner_id"],
                                "user_id": r["user_id"],
                                "date": r["date_received"],
                                **extra(i),
                            }
                            for i, r in enumerate(rows)
                        ],
                    )
                )
        models.append(
            (
                "res.partner",
                "res.partner",
                [
                    {"name": f"Intake floor {i}", "email": f"floor{i}@example.com"}
                    for i in range(100)
                ],
            )
        )

        # what the runs read is committed: each run rolls its transaction back
        env.cr.commit()
        results, errors = {}, {}
        for label, model, vals_list in models:
            Model = env[model]
            # fresh dicts per run, as a caller would pass
            one = savepoint_runner(
                env, lambda M=Model, V=vals_list: [M.create(dict(v)) for v in V]
            )
            batch = savepoint_runner(
                env, lambda M=Model, V=vals_list: M.create([dict(v) for v in V])
            )
            env.cr.rollback()
            vacuum(db)
            try:
                t1, m1, _ = measure(one, runs)
                t100, m100, _ = measure(batch, runs)
            except Exception as exc:
                tracemalloc.stop() if tracemalloc.is_tracing() else None
                env.invalidate_all()
                msg = html.unescape(str(exc)).strip().splitlines()
                errors[label] = (
                    f"ERROR {exc.__class__.__name__}: "
                    + (next((m for m in msg if "Error" in m), msg[-1] if msg else ""))[
                        :150
                    ]
                )
                say(f"  {label}: {errors[label]}")
                continue
            results[label] = (t1 * 1000 / 100, t100 * 1000 / 100, m1, m100)

        # database floor: a raw INSERT of the columns the ORM wrote for our complaints
        cr.execute("SELECT id FROM complaint_complaint ORDER BY id DESC LIMIT 1")
        columns = [
            "name",
            "subject",
            "partner_id",
            "commercial_partner_id",
            "sale_order_id",
            "sale_line_id",
            "product_id",
            "product_tmpl_id",
            "invoice_id",
            "channel",
            "description",
            "remedy_requested",
            "date_received",
            "severity",
            "priority",
            "category_id",
            "team_id",
            "user_id",
            "stage_id",
            "state",
            "company_id",
            "sla_status",
            "escalation_level",
            "appeal_level",
            "kanban_state",
            "active",
            "create_uid",
            "write_uid",
            "create_date",
            "write_date",
        ]
        new_stage = corpus.stage_by_state["new"][0]
        raw_rows = [
            (
                f"RAW{i:06d}",
                r["subject"],
                r["partner_id"],
                r["partner_id"],
                r.get("sale_order_id"),
                r.get("sale_line_id"),
                r.get("product_id"),
                r.get("product_tmpl_id"),
                r.get("invoice_id"),
                r["channel"],
                r["description"],
                r["remedy_requested"],
                r["date_received"],
                r["severity"],
                r["priority"],
                r["category_id"],
                r["team_id"],
                r["user_id"],
                new_stage,
                "new",
                env.company.id,
                "on_track",
                0,
                1,
                "normal",
                True,
                1,
                1,
                r["date_received"],
                r["date_received"],
            )
            for i, r in enumerate(rows)
        ]
        sql_one = (
            f"INSERT INTO complaint_complaint ({', '.join(columns)}) VALUES "
            f"({', '.join(['%s'] * len(columns))})"
        )

        def raw_one():
            for row in raw_rows:
                cr.execute(sql_one, row)

        def raw_batch():
            values = ", ".join(
                cr.mogrify("(" + ", ".join(["%s"] * len(columns)) + ")", row).decode()
                for row in raw_rows
            )
            cr.execute(
                f"INSERT INTO complaint_complaint ({', '.join(columns)}) VALUES {values}"
            )

        t1, m1, _ = measure(savepoint_runner(env, raw_one), runs)
        t100, m100, _ = measure(savepoint_runner(env, raw_batch), runs)
        results["raw INSERT"] = (t1 * 10, t100 * 10, m1, m100)
        cr.rollback()

    for label, idx, midx in (
        ("create one by one", 0, 2),
        ("create, batches of 100", 1, 3),
    ):
        for variant in ("complaint.complaint", "complaint.complaint [staff channels]"):
            ours = results.get(variant)
            if not ours:
                record(
                    "intake",
                    f"{label}: {variant}",
                    None,
                    None,
                    note=errors.get(variant, "?"),
                )
                continue
            label_v = (
                label
                if variant == "complaint.complaint"
                else f"{label} (phone/in person)"
            )
            for peer in (
                "helpdesk.ticket",
                "mgmtsystem.claim",
                "crm.claim",
                "res.partner",
                "raw INSERT",
            ):
                if peer not in results:
                    mod = {
                        "helpdesk.ticket": "helpdesk_mgmt",
                        "mgmtsystem.claim": "mgmtsystem_claim",
                        "crm.claim": "crm_claim",
                    }.get(peer, peer)
                    record(
                        "intake",
                        label_v,
                        None,
                        ours[idx],
                        peer,
                        None,
                        "ms/rec",
                        ours[midx],
                        note=errors.get(peer) or available.get(mod, "not installed"),
                    )
                    continue
                p = results[peer]
                name = {
                    "res.partner": "res.partner (ORM floor)",
                    "raw INSERT": "raw INSERT (DB floor)",
                    "helpdesk.ticket": "helpdesk.ticket (SLA team)",
                }.get(peer, peer)
                goal = "<= 0.5 x helpdesk.ticket" if peer == "helpdesk.ticket" else None
                record(
                    "intake",
                    label_v,
                    None,
                    ours[idx],
                    name,
                    p[idx],
                    "ms/rec",
                    ours[midx],
                    p[midx],
                    goal=goal,
                )
    release(db)


# --- kanban first screen ------------------------------------------------------------------
def kanban_spec(env, model):
    """What Odoo 18's web client asks for when it opens the default kanban view."""
    Model = env[model]
    views = Model.get_views([(False, "kanban")])
    arch = ElementTree.fromstring(views["views"]["kanban"]["arch"])
    fields = Model._fields
    spec, aggregates = {}, []
    for node in arch.iter("field"):
        name = node.get("name")
        if not name or name not in fields:
            continue
        field = fields[name]
        if field.type in ("many2one", "many2many", "one2many"):
            sub = {"display_name": {}}
            if field.type == "many2many" and "color" in env[field.comodel_name]._fields:
                sub["color"] = {}
            spec[name] = {"fields": sub} if field.type != "one2many" else {}
        else:
            spec[name] = {}
        if (
            field.type in ("integer", "float", "monetary")
            and field.aggregator
            and name != "id"
        ):
            aggregates.append(f"{name}:{field.aggregator}")
    progressbar = None
    pb = arch.find(".//progressbar")
    if pb is not None:
        colors = (
            json.loads(pb.get("colors").replace("'", '"')) if pb.get("colors") else {}
        )
        progressbar = {"field": pb.get("field"), "colors": colors}
        if pb.get("sum_field"):
            progressbar["sum_field"] = pb.get("sum_field")
    group_by = arch.get("default_group_by") or "stage_id"
    order = arch.get("default_order") or Model._order
    limit = int(arch.get("limit") or 40)
    return {
        "spec": spec,
        "aggregates": sorted(set(aggregates)),
        "progressbar": progressbar,
        "group_by": group_by,
        "order": order,
        "limit": limit,
    }


def kanban_first_screen(env, model, info, domain=(), steps=None):
    Model = env[model].with_context(bin_size=True)
    domain = list(domain)
    t0 = time.perf_counter()
    groups = Model.web_read_group(
        domain,
        info["aggregates"],
        [info["group_by"]],
        limit=None,
        orderby="",
        lazy=True,
    )["groups"]
    t1 = time.perf_counter()
    opened = 0
    for group in groups:
        if group.get("__fold") or not group.get(
            f"{info['group_by']}_count", group.get("__count")
        ):
            continue
        opened += 1
        if opened > 10:
            break
        Model.web_search_read(
            group["__domain"],
            info["spec"],
            limit=info["limit"],
            order=info["order"],
            count_limit=10001,
        )
    t2 = time.perf_counter()
    if info["progressbar"]:
        Model.read_progress_bar(domain, info["group_by"], info["progressbar"])
    if steps is not None:
        steps.append((t1 - t0, t2 - t1, time.perf_counter() - t2))
    return len(groups)


# The window action each kanban opens from, and the filters it starts with: the web
# client applies the action's domain and the search filters its context names
# (search_default_*). helpdesk_mgmt's "Tickets" menu opens every ticket, in a list;
# its dashboard opens the board with the "Open" filter, which is what ours starts with.
KANBAN_ACTIONS = {
    "complaint.complaint": ("complaint_management.complaint_complaint_action", ()),
    "helpdesk.ticket": ("helpdesk_mgmt.helpdesk_ticket_action", ("open",)),
}


def action_default_domain(env, model):
    """The domain of the first screen the menu opens: the action's domain AND the
    default filters (filters of one group OR-ed, groups AND-ed, as the search bar
    combines them). Returns (domain, filter names)."""
    from odoo.osv import expression
    from odoo.tools.safe_eval import datetime as sdatetime
    from odoo.tools.safe_eval import dateutil, safe_eval

    xmlid, extra_filters = KANBAN_ACTIONS.get(model, ("", ()))
    action = env.ref(xmlid, raise_if_not_found=False)
    if not action:
        return [], []
    today = sdatetime.datetime.now()
    eval_ctx = {
        "uid": env.uid,
        "context_today": lambda: today,
        "datetime": sdatetime,
        "relativedelta": dateutil.relativedelta.relativedelta,
    }
    ctx = safe_eval(action.context or "{}", eval_ctx)
    domain = list(safe_eval(action.domain or "[]", eval_ctx))
    wanted = {
        k[len("search_default_") :]
        for k, v in ctx.items()
        if k.startswith("search_default_") and v
    } | set(extra_filters)
    arch = env[model].get_views([(action.search_view_id.id, "search")])["views"][
        "search"
    ]["arch"]
    groups, current = [], []
    for node in ElementTree.fromstring(arch):
        if node.tag == "filter":
            current.append(node)
            continue
        groups.append(current)
        current = []
    groups.append(current)
    used, parts = [], []
    for group in groups:
        picked = [
            safe_eval(f.get("domain"), eval_ctx)
            for f in group
            if f.get("name") in wanted and f.get("domain")
        ]
        used += [f.get("name") for f in group if f.get("name") in wanted]
        if picked:
            parts.append(expression.OR(picked))
    return expression.AND([domain, *parts]) if parts else domain, used


def bench_kanban(db, size, runs):
    """Two rows per size: the first screen the menu opens (the action's default
    filters, "open" for both) and the whole table (no filter)."""
    say(f"\n== kanban first screen at {size:,} (ms, default kanban view)")
    out = {}
    with environment(db) as env:
        for model in ("complaint.complaint", "helpdesk.ticket"):
            if model not in env:
                continue
            info = kanban_spec(env, model)
            default_domain, filters = action_default_domain(env, model)
            for label, domain in (("menu", default_domain), ("all", [])):
                count = env[model].search_count(domain)
                steps = []

                def run(_ctx, model=model, info=info, steps=steps, domain=domain):
                    env.invalidate_all()
                    kanban_first_screen(env, model, info, domain, steps=steps)

                t, mem, _ = measure(run, runs)
                split = "/".join(
                    f"{statistics.median(s[i] for s in steps[1:-1]) * 1000:.0f}"
                    for i in range(3)
                )
                out[model, label] = (t * 1000, mem, count, split, filters)
        env.cr.rollback()
    release(db)
    for label, operation in (
        ("menu", "first screen from the menu (default filters)"),
        ("all", "first screen, no filter (whole table)"),
    ):
        ours = out.get(("complaint.complaint", label))
        peer = out.get(("helpdesk.ticket", label))
        note = ""
        if ours:
            shown = f"filter {'+'.join(ours[4])}: " if label == "menu" else ""
            note = f"{shown}{ours[2]:,} complaints (group/cards/bar ms {ours[3]})"
        if peer:
            shown = f"filter {'+'.join(peer[4])}: " if label == "menu" else ""
            note += f"; {shown}{peer[2]:,} tickets ({peer[3]})"
        record(
            "kanban",
            operation,
            size,
            ours and ours[0],
            "helpdesk.ticket",
            peer and peer[0],
            "ms",
            ours and ours[1],
            peer and peer[1],
            note=note,
            goal="< 150 ms at 1,000,000 and <= helpdesk.ticket",
        )


# --- jobs -----------------------------------------------------------------------------------
def find_method(env, model, names):
    if model not in env:
        return None
    for name in names:
        if hasattr(env[model], name):
            return name
    return None


def bench_job_fresh_copy(
    snap, size, runs, label, model, method_names, prepare=None, outcome=None
):
    """A job that commits (crons commit per batch): each run on a fresh copy."""
    job_db = f"{PREFIX}_job"
    with environment(snap) as env:
        method = find_method(env, model, method_names)
    release(snap)
    if not method:
        say(
            f"  {label}: not implemented yet ({model}.{'/'.join(method_names)} missing)"
        )
        record("jobs", label, size, None, note="not implemented yet")
        return
    times, again, peak, rss, note = [], [], None, None, ""
    for i in range(runs + 2):
        copy_db(snap, job_db)
        traced = i == runs + 1
        with environment(job_db, commit=True) as env:
            if prepare:
                prepare(env)
            env.flush_all()
            gc.collect()
            if traced:
                tracemalloc.start()
            with RssSampler() as sampler:
                start = time.perf_counter()
                getattr(env[model], method)()
                env.flush_all()
                elapsed = time.perf_counter() - start
            if traced:
                peak = tracemalloc.get_traced_memory()[1] / 1024
                tracemalloc.stop()
            else:
                rss = max(rss or 0, sampler.growth_mib)
            if outcome and i == 1:
                env.invalidate_all()
                note = outcome(env)
            if 0 < i <= runs:
                # the same job again at once: what it finds left to do is nothing
                env.invalidate_all()
                start = time.perf_counter()
                getattr(env[model], method)()
                env.flush_all()
                again.append(time.perf_counter() - start)
                if outcome and i == 1:
                    env.invalidate_all()
                    note_again = outcome(env)
                    if note_again != note:
                        note += f"; after the second run: {note_again}"
        if 0 < i <= runs:
            times.append(elapsed)
        drop_db(job_db)
    record(
        "jobs",
        f"{label} ({model}.{method})",
        size,
        statistics.median(times) * 1000,
        unit="ms",
        mem_ours=peak,
        note=f"{note}; peak RSS growth {rss:.0f} MiB",
    )
    record(
        "jobs",
        f"{label}, second run (nothing left to do)",
        size,
        statistics.median(again) * 1000,
        unit="ms",
    )


class RssSampler:
    """Peak growth of this process's resident memory while the block runs,
    sampled every 10 ms from /proc (tracemalloc sees the Python heap only)."""

    def __init__(self):
        import threading

        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self.start_rss = self.peak_rss = self._rss()

    @staticmethod
    def _rss():
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")

    def _run(self):
        while not self._stop.wait(0.01):
            self.peak_rss = max(self.peak_rss, self._rss())

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        self.peak_rss = max(self.peak_rss, self._rss())

    @property
    def growth_mib(self):
        return (self.peak_rss - self.start_rss) / 2**20


def bench_stage_moves(snap, size, runs):
    """1% of the records change stage: our stage hook (SLA, stamps) against
    helpdesk_mgmt_sla's recomputation of the tickets' SLA lines."""
    say(f"\n== 1% of the records change stage at {size:,}")
    with environment(snap) as env:
        cr = env.cr
        n = max(1, size // 100)
        res = {}
        # ours: acknowledged -> assessed (the corpus fills what the gate needs)
        stages = env["complaint.stage"].search([], order="sequence, id")
        target = stages.filtered(lambda s: s.state == "assessed")[:1]
        cr.execute(
            "SELECT id FROM complaint_complaint WHERE state = 'acknowledged' ORDER BY id LIMIT %s",
            [n],
        )
        cids = [r[0] for r in cr.fetchall()]
        if cids and target:
            recs = env["complaint.complaint"].browse(cids)
            t, mem, _ = measure(
                savepoint_runner(env, lambda: recs.write({"stage_id": target.id})), runs
            )
            res["ours"] = (t * 1000, mem, len(cids))
        if "helpdesk.ticket" in env:
            tstages = env["helpdesk.ticket.stage"].search(
                [("closed", "=", False)], order="sequence, id"
            )
            cr.execute(
                "SELECT id FROM helpdesk_ticket WHERE stage_id = %s ORDER BY id LIMIT %s",
                [tstages[0].id, n],
            )
            tids = [r[0] for r in cr.fetchall()]
            tickets = env["helpdesk.ticket"].browse(tids)
            t, mem, _ = measure(
                savepoint_runner(
                    env, lambda: tickets.write({"stage_id": tstages[1].id})
                ),
                runs,
            )
            res["peer"] = (t * 1000, mem, len(tids))
        cr.rollback()
    release(snap)
    ours, peer = res.get("ours"), res.get("peer")
    note = f"{ours[2] if ours else 0} complaints (acknowledged->assessed)"
    if peer:
        note += f", {peer[2]} tickets (SLA lines recomputed)"
    record(
        "jobs",
        "1% change stage (SLA recompute)",
        size,
        ours and ours[0],
        "helpdesk_mgmt_sla",
        peer and peer[0],
        "ms",
        ours and ours[1],
        peer and peer[1],
        note=note,
    )


def bench_audit_slots(snap, size):
    with environment(snap) as env:
        kpi = (
            find_method(env, "complaint.complaint", ["_kpi_summary", "get_kpi_summary"])
            if "complaint.management.review" in env
            else None
        )
        register = "complaint.register.export" in env or find_method(
            env, "complaint.complaint", ["_export_register", "action_export_register"]
        )
    release(snap)
    for label, present in (
        ("KPI summary (complaint_audit)", kpi),
        ("register export XLSX (complaint_audit)", register),
    ):
        say(
            f"  {label}: {'present but not wired into the bench yet' if present else 'not implemented'}"
        )
        record("jobs", label, size, None, note="not implemented")


# --- main -------------------------------------------------------------------------------------
def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--base", default=f"{PREFIX}_base")
    parser.add_argument(
        "--peers-status", default=os.path.join(ROOT, ".state", "bench_peers.json")
    )
    parser.add_argument("--anchor", help="YYYY-MM-DD (default: today)")
    parser.add_argument("--only", help="comma list of sections: intake,kanban,jobs")
    args = parser.parse_args(argv)
    if args.runs < 5:
        say("note: fewer than 5 runs: figures are not the documented medians")
    anchor = (
        datetime.strptime(args.anchor, "%Y-%m-%d")
        if args.anchor
        else datetime.utcnow().replace(hour=0, minute=0, second=0, microsecond=0)
    )
    sections = set((args.only or "intake,kanban,jobs").split(","))
    available = {}
    if os.path.exists(args.peers_status):
        with open(args.peers_status) as f:
            available = json.load(f)
    installed = set(
        psql(
            args.base, "SELECT name FROM ir_module_module WHERE state = 'installed'"
        ).split()
    )
    for mod in PEER_MODULES:
        if mod not in installed:
            available.setdefault(mod, "not installed")
            say(f"peer {mod}: {available[mod]}")
    started = time.perf_counter()
    load = os.getloadavg()[0]
    if load > (os.cpu_count() or 1) * 0.5:
        say(
            f"WARNING: load average {load:.1f} on {os.cpu_count()} CPUs before the run: "
            "other processes compete, figures will be noisy (see loadavg_1m per row)"
        )
    smallest = min(args.size, KANBAN_SIZES[0])
    if "intake" in sections:
        snap = snapshot(args.base, smallest, anchor)
        job = f"{PREFIX}_job"
        copy_db(snap, job)
        bench_intake(job, args.runs, available)
        drop_db(job)
    if "kanban" in sections:
        for size in KANBAN_SIZES:
            if size > args.size:
                say(f"\n== kanban at {size:,}: skipped (above SIZE={args.size:,})")
                for operation in (
                    "first screen from the menu (default filters)",
                    "first screen, no filter (whole table)",
                ):
                    record(
                        "kanban",
                        operation,
                        size,
                        None,
                        note=f"skipped: above SIZE={args.size}",
                    )
                continue
            bench_kanban(snapshot(args.base, size, anchor), size, args.runs)
    if "jobs" in sections:
        snap = snapshot(args.base, args.size, anchor)
        say(f"\n== jobs at {args.size:,} (each run on a fresh createdb -T copy)")
        bench_job_fresh_copy(
            escalation_snapshot(snap, args.size),
            args.size,
            args.runs,
            "escalation job",
            "complaint.complaint",
            ["_cron_escalate"],
            outcome=lambda env: "{:,} open complaints: {:,} escalated, {:,} activities".format(
                env["complaint.complaint"].search_count(
                    [("state", "not in", ("closed", "cancelled"))]
                ),
                env["complaint.complaint"].search_count([("escalation_level", ">", 0)]),
                env["mail.activity"].search_count(
                    [("res_model", "=", "complaint.complaint")]
                ),
            ),
        )
        bench_job_fresh_copy(
            snap,
            args.size,
            args.runs,
            "recurrence detection",
            "complaint.recurrence.rule",
            ["_cron_detect", "_cron_detect_recurrence"],
            outcome=lambda env: "{} rules, {} alerts".format(
                env["complaint.recurrence.rule"].search_count([]),
                env["complaint.recurrence.alert"].search_count([])
                if "complaint.recurrence.alert" in env
                else 0,
            ),
        )
        bench_audit_slots(snap, args.size)
        bench_stage_moves(snap, args.size, args.runs)
    elapsed = time.perf_counter() - started
    print_table(args.size, elapsed)
    out = {
        "size": args.size,
        "runs": args.runs,
        "seed": SEED,
        "anchor": f"{anchor:%Y-%m-%d}",
        "date": datetime.utcnow().isoformat(timespec="seconds") + "Z",
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        "timing": "median wall time of N runs after one warm-up, in this process",
        "memory": "tracemalloc peak (Python heap, KiB) of one extra traced run",
        "peers": available,
        "elapsed_s": round(elapsed),
        "rows": RESULTS,
    }
    os.makedirs(os.path.join(ROOT, "bench", "results"), exist_ok=True)
    # a partial run (--only) does not replace the full run's figures
    path = os.path.join(
        ROOT,
        "bench",
        "results",
        "latest.json"
        if not args.only
        else f"partial-{'-'.join(sorted(sections))}.json",
    )
    with open(path, "w") as f:
        json.dump(out, f, indent=1, ensure_ascii=False)
    say(f"\nwritten {os.path.relpath(path, ROOT)} in {elapsed:.0f} s")


def print_table(size, elapsed):
    fmt = lambda v: "-" if v is None else f"{v:,.2f}"  # noqa: E731
    say("\n" + "=" * 150)
    say(
        f"{'section':<7} {'operation':<52} {'size':>9} {'ours':>10} {'unit':<6} "
        f"{'peer':<26} {'peer':>10} {'ratio':>6} {'mem ours':>9} {'mem peer':>9}  note"
    )
    say("-" * 150)
    for r in RESULTS:
        say(
            f"{r['section']:<7} {r['operation'][:52]:<52} {r['size'] or '':>9} {fmt(r['ours']):>10} "
            f"{r['unit']:<6} {(r['peer'] or '')[:26]:<26} {fmt(r['peer_value']):>10} "
            f"{fmt(r['ratio']):>6} {fmt(r['mem_ours_kib']):>9} {fmt(r['mem_peer_kib']):>9}  {r['note']}"
        )
    say("-" * 150)
    say(
        "times: median of runs after a warm-up; ratio = ours / peer (below 1 is better); "
        "memory: tracemalloc peak in KiB (Python heap only)"
    )


if __name__ == "__main__":
    main()
