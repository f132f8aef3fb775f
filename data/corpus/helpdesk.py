# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The peer side of the benchmarks: N helpdesk tickets (helpdesk_mgmt) in one team with
an SLA, and their SLA lines (helpdesk_mgmt_sla), over the same two years."""

import random
from datetime import timedelta

import texts as T

from .complaints import PRIORITIES, _weighted
from .copy import next_id, reserve_sequence


def tickets(corpus):
    env, cr = corpus.env, corpus.cr
    if "helpdesk.ticket" not in env:
        return "helpdesk_mgmt not installed"
    rng = random.Random(corpus.seed + 6)
    team = env["helpdesk.ticket.team"].search(
        [("name", "=", "Bench SLA team")], limit=1
    )
    if not team:
        team = env["helpdesk.ticket.team"].create(
            {
                "name": "Bench SLA team",
                "user_ids": [(6, 0, corpus.user_ids)],
                **(
                    {"use_sla": True}
                    if "use_sla" in env["helpdesk.ticket.team"]._fields
                    else {}
                ),
            }
        )
    stages = env["helpdesk.ticket.stage"].search([], order="sequence, id")
    done = stages.filtered("closed")
    open_stages = stages - done
    sla = None
    if "helpdesk.sla" in env:
        sla = env["helpdesk.sla"].search([("name", "=", "Bench SLA")], limit=1) or env[
            "helpdesk.sla"
        ].create(
            {
                "name": "Bench SLA",
                "team_ids": [(6, 0, team.ids)],
                "stage_id": done[:1].id,
                "days": 2,
                "hours": 0,
            }
        )
    template = (
        env["helpdesk.ticket"]
        .with_context(mail_create_nolog=True, tracking_disable=True)
        .create(
            {
                "name": "Bench template ticket",
                "description": "<p>template</p>",
                "team_id": team.id,
                "partner_id": corpus.partner_range[0],
            }
        )
    )
    seq = env["ir.sequence"].search(
        [("code", "=", "helpdesk.ticket.sequence")], limit=1
    )
    fmt, seq_next = reserve_sequence(env, seq, corpus.size)
    start = next_id(cr, "helpdesk_ticket")
    sla_rows = []
    sla_start = next_id(cr, "helpdesk_ticket_sla") if sla else 0
    cols = [
        "id",
        "number",
        "name",
        "description",
        "partner_id",
        "commercial_partner_id",
        "partner_name",
        "partner_email",
        "stage_id",
        "team_id",
        "user_id",
        "priority",
        "unattended",
        "create_date",
        "write_date",
        "last_stage_update",
        "assigned_date",
        "closed_date",
        "company_id",
        "kanban_state",
        "access_token",
        "sequence",
        "active",
    ]
    p0, p1 = corpus.partner_range
    span = 730 * 24 * 3600
    n = corpus.size
    stage_info = {s.id: (s.closed, s.unattended, s.sequence) for s in stages}

    def rows():
        for i in range(n):
            tid = start + i
            created = corpus.anchor - timedelta(
                seconds=span * (n - i) / n + rng.randrange(3600)
            )
            age = (corpus.anchor - created).days
            stage = (
                rng.choice(done.ids)
                if (age > 75 or rng.random() < 0.3)
                else rng.choice(open_stages.ids)
            )
            closed, unattended, _s = stage_info[stage]
            persian = rng.random() < 0.3
            subject = rng.choice(T.SUBJECTS_FA if persian else T.SUBJECTS_EN).format(
                product=rng.choice(corpus.products)[2], order="—", invoice="—"
            )
            desc = "".join(
                f"<p>{s}</p>"
                for s in rng.sample(
                    T.DESCRIPTION_FA if persian else T.DESCRIPTION_EN, 3
                )
            )
            partner = rng.randrange(p0, p1)
            closed_date = (
                created + timedelta(days=rng.uniform(1, 30)) if closed else None
            )
            if sla:
                deadline = created + timedelta(days=2)
                sla_rows.append(
                    (
                        sla_start + i,
                        tid,
                        sla.id,
                        deadline,
                        16.0,
                        done[:1].id,
                        "accomplished"
                        if closed
                        else ("in_progress" if deadline > corpus.anchor else "expired"),
                        created,
                        created,
                        created,
                        0.0,
                    )
                )
            yield (
                tid,
                fmt(seq_next + i),
                subject,
                desc,
                partner,
                partner,
                None,
                f"customer{partner}@example.com",
                stage,
                team.id,
                rng.choice(corpus.user_ids),
                _weighted(rng, PRIORITIES),
                unattended,
                created,
                closed_date or created,
                closed_date or created,
                created,
                closed_date,
                corpus.company.id,
                "normal",
                None,
                10,
                True,
            )

    count = corpus.clone("helpdesk_ticket", template.id, cols, rows())
    if sla:
        tmpl_sla = template.ticket_sla_ids[:1]
        if tmpl_sla:
            corpus.clone(
                "helpdesk_ticket_sla",
                tmpl_sla.id,
                [
                    "id",
                    "ticket_id",
                    "sla_id",
                    "deadline",
                    "hours",
                    "expected_stage_id",
                    "state",
                    "last_state_date",
                    "create_date",
                    "write_date",
                    "consumed_time",
                ],
                sla_rows,
            )
    return f"{count} tickets, {len(sla_rows)} ticket SLAs"
