# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Intake: the per-record cost of ``create``, 100 records one by one and in one batch,
ours (mixed channels; staff channels only) against the peers and two floors, on the
same partners, orders, subjects and texts. One benchmark per row family (mode x our
variant); each model's figure is measured once and shared by the families."""

import html

from corpus import attach
from corpus.complaints import (
    RECEIPT_COLUMNS,
    STAGE_COLUMNS,
    complaint_rows,
    create_values,
    receipt_values,
)
from harness.db import SEED, release, vacuum
from harness.measure import measure, savepoint_runner
from harness.odoo_env import environment
from harness.registry import benchmark
from harness.results import Row, record, say

COUNT = 100
OURS = "complaint.complaint"
STAFF = "complaint.complaint [staff channels]"
RAW = "raw INSERT"
# the comparisons, in the order of the rows: label, peer module, name in the table
PEERS = (
    ("helpdesk.ticket", "helpdesk_mgmt", "helpdesk.ticket (SLA team)"),
    ("mgmtsystem.claim", "mgmtsystem_claim", "mgmtsystem.claim"),
    ("crm.claim", "crm_claim", "crm.claim"),
    ("res.partner", "res.partner", "res.partner (ORM floor)"),
    (RAW, RAW, "raw INSERT (DB floor)"),
)
MODES = {"one": "create one by one", "batch": "create, batches of 100"}
GOAL = "<= 0.5 x helpdesk.ticket"


# --- the values: the same rows for every model ----------------------------------------
def _peer_values(env, rows):
    """{label: (model, vals list)} for the peers that are installed."""
    out = {}
    team = (
        env["helpdesk.ticket.team"].search([("name", "=", "Bench SLA team")], limit=1)
        if "helpdesk.ticket.team" in env
        else None
    )
    if team:
        out["helpdesk.ticket"] = [
            {
                "name": r["subject"],
                "description": r["description"],
                "partner_id": r["partner_id"],
                "team_id": team.id,
                "user_id": r["user_id"],
                "priority": r["priority"],
            }
            for r in rows
        ]
    for model in ("mgmtsystem.claim", "crm.claim"):
        if model in env:
            out[model] = [
                {
                    "name": r["subject"],
                    "description": r["description"],
                    "partner_id": r["partner_id"],
                    "user_id": r["user_id"],
                    "date": r["date_received"],
                    # mgmtsystem_claim draws its reference from the sequence of
                    # mgmtsystem_action, absent here: give one, as an import would.
                    **(
                        {"reference": f"MC{i:05d}"}
                        if model == "mgmtsystem.claim"
                        else {}
                    ),
                }
                for i, r in enumerate(rows)
            ]
    out["res.partner"] = [
        {"name": f"Intake floor {i}", "email": f"floor{i}@example.com"}
        for i in range(COUNT)
    ]
    return {label: (label, vals) for label, vals in out.items()}


def _raw_rows(corpus, rows):
    """The database floor: the receipt columns of the corpus' column table, as the
    generator fills them, for a new complaint."""
    columns = RECEIPT_COLUMNS + STAGE_COLUMNS
    new = {"stage_id": corpus.stage_by_state["new"][0], "state": "new"}
    values = [
        receipt_values(corpus, dict(r, **new), f"RAW{i:06d}")
        for i, r in enumerate(rows)
    ]
    return columns, [tuple(v.get(c) for c in columns) for v in values]


def _values(ctx):
    """Prepared once per database copy, committed (each run rolls back to it)."""
    if "values" not in ctx.shared:
        say("\n== intake: per-record cost of create (ms per record)")
        with environment(ctx.db, commit=True) as env:
            corpus = attach(env, COUNT, seed=SEED)
            rows = list(complaint_rows(corpus, COUNT, with_state=False))
            cvals = list(create_values(corpus, COUNT))
            staff = [
                dict(v, channel=("phone", "in_person")[i % 2])
                for i, v in enumerate(cvals)
            ]
            models = {OURS: (OURS, cvals), STAFF: (OURS, staff)}
            models.update(_peer_values(env, rows))
            ctx.shared["values"] = (models, _raw_rows(corpus, rows))
        release(ctx.db)
    return ctx.shared["values"]


# --- measuring: once per model and mode -----------------------------------------------
def _error(exc):
    msg = html.unescape(str(exc)).strip().splitlines()
    first = next((m for m in msg if "Error" in m), msg[-1] if msg else "")
    return f"ERROR {exc.__class__.__name__}: {first[:150]}"


def _create_runner(env, model, vals_list, mode):
    Model = env[model]
    # fresh dicts per run, as a caller would pass
    if mode == "one":
        return savepoint_runner(env, lambda: [Model.create(dict(v)) for v in vals_list])
    return savepoint_runner(env, lambda: Model.create([dict(v) for v in vals_list]))


def _raw_runner(env, columns, raw_rows, mode):
    cr = env.cr
    col_sql = ", ".join(columns)
    placeholders = "(" + ", ".join(["%s"] * len(columns)) + ")"

    def one():
        for row in raw_rows:
            cr.execute(
                f"INSERT INTO complaint_complaint ({col_sql}) VALUES {placeholders}",
                row,
            )

    def batch():
        values = ", ".join(cr.mogrify(placeholders, row).decode() for row in raw_rows)
        cr.execute(f"INSERT INTO complaint_complaint ({col_sql}) VALUES {values}")

    return savepoint_runner(env, one if mode == "one" else batch)


def _measured(ctx, label, mode):
    """(ms per record, KiB) of ``label`` in ``mode``, an error text, or None if the
    model is not there."""
    key = ("measured", label, mode)
    if key not in ctx.shared:
        models, (columns, raw_rows) = _values(ctx)
        if label != RAW and label not in models:
            return None
        vacuum(ctx.db)
        with environment(ctx.db) as env:
            if label == RAW:
                run = _raw_runner(env, columns, raw_rows, mode)
            else:
                run = _create_runner(env, *models[label], mode)
            try:
                t, mem, _ = measure(run, ctx.runs)
                ctx.shared[key] = (t * 1000 / COUNT, mem)
            except Exception as exc:
                env.invalidate_all()
                ctx.shared[key] = _error(exc)
                say(f"  {label}: {ctx.shared[key]}")
        release(ctx.db)
    return ctx.shared[key]


# --- the row families -----------------------------------------------------------------
def _family(ctx, mode, variant):
    """One row per comparison for our ``variant`` created in ``mode``."""
    operation = MODES[mode] if variant == OURS else f"{MODES[mode]} (phone/in person)"
    ours = _measured(ctx, variant, mode)
    if not isinstance(ours, tuple):
        row = Row(
            section="intake", operation=f"{MODES[mode]}: {variant}", note=ours or "?"
        )
        record(row)
        return
    for label, module, name in PEERS:
        peer = _measured(ctx, label, mode)
        common = dict(
            section="intake", operation=operation, ours=ours[0], unit="ms/rec"
        )
        if not isinstance(peer, tuple):
            note = peer or ctx.peers.get(module, "not installed")
            record(Row(**common, peer=label, mem_ours_kib=ours[1], note=note))
            continue
        goal = GOAL if label == "helpdesk.ticket" else None
        record(
            Row(
                **common,
                peer=name,
                peer_value=peer[0],
                mem_ours_kib=ours[1],
                mem_peer_kib=peer[1],
                goal=goal,
            )
        )


@benchmark("intake", needs="corpus_small", fresh_copy=True)
def create_one_by_one(ctx):
    _family(ctx, "one", OURS)


@benchmark("intake", needs="corpus_small", fresh_copy=True)
def create_one_by_one_staff(ctx):
    _family(ctx, "one", STAFF)


@benchmark("intake", needs="corpus_small", fresh_copy=True)
def create_batch(ctx):
    _family(ctx, "batch", OURS)


@benchmark("intake", needs="corpus_small", fresh_copy=True)
def create_batch_staff(ctx):
    _family(ctx, "batch", STAFF)
