# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Kanban first screen at 10,000, 100,000 and 1,000,000 against helpdesk.ticket."""

import statistics

from harness.db import release
from harness.measure import measure
from harness.odoo_env import environment
from harness.registry import benchmark
from harness.results import Row, record, say
from harness.webclient import action_default_domain, kanban_first_screen, kanban_spec

SIZES = (10_000, 100_000, 1_000_000)
GOAL = "< 150 ms at 1,000,000 and <= helpdesk.ticket"
OPERATIONS = {
    "menu": "first screen from the menu (default filters)",
    "all": "first screen, no filter (whole table)",
}
# The window action each kanban opens from, and the filters it starts with: the web
# client applies the action's domain and the search filters its context names
# (search_default_*). helpdesk_mgmt's "Tickets" menu opens every ticket, in a list;
# its dashboard opens the board with the "Open" filter, which is what ours starts with.
ACTIONS = {
    "complaint.complaint": ("complaint_management.complaint_complaint_action", ()),
    "helpdesk.ticket": ("helpdesk_mgmt.helpdesk_ticket_action", ("open",)),
}


def _first_screens(db, runs):
    """{(model, "menu"|"all"): (ms, KiB, count, "group/cards/bar ms", filters)}"""
    out = {}
    with environment(db) as env:
        for model, (xmlid, extra) in ACTIONS.items():
            if model not in env:
                continue
            info = kanban_spec(env, model)
            default_domain, filters = action_default_domain(env, xmlid, extra)
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
    return out


def _note(label, figures, what):
    shown = f"filter {'+'.join(figures[4])}: " if label == "menu" else ""
    return f"{shown}{figures[2]:,} {what}"


@benchmark("kanban", needs=None)
def kanban_first_screen_by_size(ctx):
    """Two rows per size: the first screen the menu opens (the action's default
    filters, "open" for both) and the whole table (no filter)."""
    for size in SIZES:
        if size > ctx.size:
            say(f"\n== kanban at {size:,}: skipped (above SIZE={ctx.size:,})")
            for operation in OPERATIONS.values():
                record(
                    Row(
                        section="kanban",
                        operation=operation,
                        size=size,
                        note=f"skipped: above SIZE={ctx.size}",
                    )
                )
            continue
        db = ctx.snapshot(size)
        say(f"\n== kanban first screen at {size:,} (ms, default kanban view)")
        out = _first_screens(db, ctx.runs)
        for label, operation in OPERATIONS.items():
            ours = out.get(("complaint.complaint", label))
            peer = out.get(("helpdesk.ticket", label))
            note = ""
            if ours:
                note = (
                    _note(label, ours, "complaints")
                    + f" (group/cards/bar ms {ours[3]})"
                )
            if peer:
                note += f"; {_note(label, peer, 'tickets')} ({peer[3]})"
            record(
                Row(
                    section="kanban",
                    operation=operation,
                    size=size,
                    ours=ours and ours[0],
                    peer="helpdesk.ticket",
                    peer_value=peer and peer[0],
                    mem_ours_kib=ours and ours[1],
                    mem_peer_kib=peer and peer[1],
                    note=note,
                    goal=GOAL,
                )
            )
