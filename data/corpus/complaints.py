# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Complaints: N rows over two years in every stage, category, severity, channel and
priority; one investigation per decided complaint.

The generator writes what a complaint is given at receipt and what its stages stamped
on the way (dates, outcome, reasons): the column table below. The business values the
model computes from them (the SLA engine's deadlines on the working calendar, SLA
status, escalation level, significance, root cause...) are left to the ORM: every
stored computed field but the few of ``COMPUTED_HERE`` is recomputed in batches after
the rows are in (``_recompute_complaints``), so they hold what the code computes,
whatever it becomes."""

import random
from datetime import timedelta

import texts as T

from .copy import next_id, reserve_sequence
from .reference import STATE_WEIGHTS_OPEN, complaint_reference

CHANNELS = [
    ("web", 25),
    ("portal", 20),
    ("email", 25),
    ("phone", 20),
    ("in_person", 6),
    ("other", 4),
]
SEVERITIES = [("low", 35), ("medium", 40), ("high", 20), ("critical", 5)]
PRIORITIES = [("0", 70), ("1", 18), ("2", 9), ("3", 3)]
OUTCOMES = [
    ("upheld", 40),
    ("partially_upheld", 25),
    ("not_upheld", 30),
    ("withdrawn", 5),
]
RESPONSES = [("accepted", 75), ("no_reply", 25)]
RANKS = ("new", "acknowledged", "assessed", "investigation", "decision")
RANKS += ("communicated", "closed")

# --- the column table ----------------------------------------------------------------
# What a complaint holds when it is received: what ``create`` writes from the intake
# values (bench/cases/intake.py inserts these, with STAGE_COLUMNS, as its raw-INSERT
# floor).
RECEIPT_COLUMNS = (
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
    "complexity",
    "impact",
    "safety_flag",
    "received_by_id",
    "company_id",
    "appeal_level",
    "kanban_state",
    "reopen_count",
    "active",
    "create_uid",
    "write_uid",
    "create_date",
    "write_date",
)
# The stage it is in.
STAGE_COLUMNS = ("stage_id", "state")
# What the stages on the way stamped; and columns left empty rather than copied from
# the template row.
LIFECYCLE_COLUMNS = (
    "date_acknowledged",
    "ack_method",
    "ack_user_id",
    "date_assessed",
    "date_investigation",
    "date_decision",
    "date_communicated",
    "date_closed",
    "outcome",
    "decision_reason",
    "complainant_response",
    "close_reason",
    "first_level_user_id",
    "access_token",
)
COLUMNS = ("id", *RECEIPT_COLUMNS, *STAGE_COLUMNS, *LIFECYCLE_COLUMNS)

# Stored computed fields written here (plain copies of a related record's value, and the
# state of the stage chosen): the ORM recomputes every other one.
COMPUTED_HERE = frozenset(
    {"state", "commercial_partner_id", "product_tmpl_id", "currency_id"}
)


def _weighted(rng, choices):
    values, weights = zip(*choices, strict=True)
    return rng.choices(values, weights)[0]


# --- rows -----------------------------------------------------------------------------
def complaint_rows(corpus, n, with_state=True):
    """Yield dicts of complaint values, deterministic for the seed: the intake values,
    and with ``with_state`` the stage and what the lifecycle stamped."""
    rng = random.Random(corpus.seed + 4)
    orders = sorted(corpus.order_lines)
    p0, p1 = corpus.partner_range
    span = 730 * 24 * 3600
    for i in range(n):
        received = corpus.anchor - timedelta(
            seconds=span * (n - i) / n + rng.randrange(3600)
        )
        age_days = (corpus.anchor - received).days
        persian = rng.random() < 0.3
        vals = {"channel": _weighted(rng, CHANNELS)}
        link = rng.random()
        order_id = line_id = product_idx = invoice_id = None
        if link < 0.75:
            order_id = orders[rng.randrange(len(orders))]
            line_id, product_idx = rng.choice(corpus.order_lines[order_id])
            partner_id = corpus.order_partner[order_id]
            invoice_id = corpus.order_invoice.get(order_id)
        elif link < 0.9:
            product_idx = rng.randrange(len(corpus.products))
            partner_id = rng.randrange(p0, p1)
        else:
            partner_id = rng.randrange(p0, p1)
        product = corpus.products[product_idx] if product_idx is not None else None
        fill = {
            "product": product[2] if product else ("کالا" if persian else "the item"),
            "order": f"SB{order_id:07d}" if order_id else "—",
            "invoice": f"INVB/{invoice_id - corpus.first_invoice_id + 1:08d}"
            if invoice_id
            else "—",
        }
        subjects = T.SUBJECTS_FA if persian else T.SUBJECTS_EN
        subject = rng.choice(
            [
                s
                for s in subjects
                if ("{invoice}" not in s or invoice_id)
                and ("{order}" not in s or order_id)
            ]
            or subjects
        ).format(**fill)
        sentences = rng.sample(T.DESCRIPTION_FA if persian else T.DESCRIPTION_EN, 3)
        direction = ' dir="rtl"' if persian else ""
        description = "".join(f"<p{direction}>{s}</p>" for s in sentences)
        remedy = rng.choice(T.REMEDY_FA if persian else T.REMEDY_EN)
        # open complaints are recent; older ones are closed or cancelled
        if age_days > 60 or rng.random() < 0.3:
            state = "cancelled" if rng.random() < 0.05 else "closed"
        else:
            state = _weighted(rng, STATE_WEIGHTS_OPEN)
            if state == "new" and age_days > 1:
                state = (
                    "acknowledged"  # nobody leaves a complaint unacknowledged for days
                )
        severity = _weighted(rng, SEVERITIES)
        vals.update(
            subject=subject,
            partner_id=partner_id,
            sale_order_id=order_id,
            sale_line_id=line_id,
            product_id=product[0] if product else None,
            product_tmpl_id=product[1] if product else None,
            invoice_id=invoice_id,
            description=description,
            remedy_requested=remedy,
            date_received=received,
            severity=severity,
            priority=_weighted(rng, PRIORITIES),
            category_id=rng.choice(corpus.category_ids),
            team_id=rng.choice(corpus.team_ids),
            user_id=rng.choice(corpus.user_ids),
            complexity=rng.choice(("simple", "moderate", "complex")),
            impact=rng.choice(("individual", "individual", "several", "widespread")),
            safety_flag=severity == "critical" and rng.random() < 0.5,
        )
        if with_state:
            vals.update(_lifecycle(corpus, rng, state, received, vals))
        yield vals


def _lifecycle(corpus, rng, state, received, vals):
    """The stage of ``state`` and what the stages up to it stamped, in order."""
    rank = RANKS.index(state) if state in RANKS else 6
    hour = timedelta(hours=1)
    out = {"stage_id": corpus.stage_by_state[state][0], "state": state}
    t = received
    for field_name, step_rank, gap_hours in (
        ("date_acknowledged", 1, 6),
        ("date_assessed", 2, 30),
        ("date_investigation", 3, 48),
        ("date_decision", 4, 120),
        ("date_communicated", 5, 24),
        ("date_closed", 6, 72),
    ):
        if rank >= step_rank or (state == "cancelled" and step_rank == 6):
            t = t + timedelta(hours=rng.uniform(0.2, 2) * gap_hours)
            out[field_name] = min(t, corpus.anchor - hour)
    if "date_acknowledged" in out:
        out["ack_method"] = (
            "email"
            if vals["channel"] in ("web", "email")
            else ("portal" if vals["channel"] == "portal" else "phone")
        )
        out["ack_user_id"] = vals["user_id"]
    if rank >= 4 and state != "cancelled":
        out["outcome"] = _weighted(rng, OUTCOMES)
        out["decision_reason"] = f"<p>{rng.choice(T.DECISION_EN)}</p>"
    if state == "closed":
        out["complainant_response"] = _weighted(rng, RESPONSES)
        out["close_reason"] = (
            "resolved" if out["complainant_response"] == "accepted" else "no_response"
        )
    if state == "cancelled":
        out["close_reason"] = "withdrawn"
    return out


def receipt_values(corpus, vals, name):
    """Complete the intake values ``vals`` with what the ORM writes at receipt."""
    vals.update(
        name=name,
        commercial_partner_id=vals["partner_id"],
        received_by_id=vals["user_id"],
        company_id=corpus.company.id,
        appeal_level=1,
        kanban_state="normal",
        reopen_count=0,
        active=True,
        create_uid=1,
        write_uid=1,
        create_date=vals["date_received"],
        write_date=vals.get("date_closed") or vals["date_received"],
    )
    return vals


def create_values(corpus, n):
    """``n`` intake values for ``create`` (the ORM computes the rest)."""
    fields = corpus.env["complaint.complaint"]._fields
    for vals in complaint_rows(corpus, n, with_state=False):
        yield {
            k: v
            for k, v in vals.items()
            if k in fields and k != "product_tmpl_id" and v is not None
        }


# --- writing --------------------------------------------------------------------------
def complaints(corpus):
    env, cr = corpus.env, corpus.cr
    complaint_reference(corpus)
    template = (
        env["complaint.complaint"]
        .with_context(mail_create_nolog=True, tracking_disable=True)
        .create(
            {
                "subject": "Bench template complaint",
                "partner_id": corpus.partner_range[0],
                "channel": "phone",
            }
        )
    )
    seq = env["ir.sequence"].search(
        [
            ("code", "=", "complaint.complaint"),
            ("company_id", "in", (corpus.company.id, False)),
        ],
        limit=1,
    )
    fmt, seq_next = reserve_sequence(env, seq, corpus.size)
    start = next_id(cr, "complaint_complaint")
    corpus.complaint_range = (start, start + corpus.size)
    investigations = []

    def rows():
        for i, vals in enumerate(complaint_rows(corpus, corpus.size)):
            cid = start + i
            vals["id"] = cid
            receipt_values(corpus, vals, fmt(seq_next + i))
            if vals.get("outcome") and vals["outcome"] not in (
                "withdrawn",
                "out_of_scope",
            ):
                investigations.append(
                    (cid, vals["severity"], vals["date_received"], vals["user_id"])
                )
            yield tuple(vals.get(c) for c in COLUMNS)

    count = corpus.clone("complaint_complaint", template.id, COLUMNS, rows())
    inv = _investigations(corpus, template, investigations)
    recomputed = _recompute_complaints(corpus, start, start + corpus.size)
    return f"{count} complaints, {inv}, {recomputed}"


def _recompute_complaints(corpus, first_id, end_id, batch=5000):
    """Let the ORM compute every other stored computed field of the complaints (the
    SLA engine's deadlines on the working calendar, statuses, significance, root
    cause...), in batches: consistent by construction, whatever those fields become."""
    env = corpus.env
    Complaint = env["complaint.complaint"]
    fields_ = [
        f
        for f in Complaint._fields.values()
        if f.store and f.compute and f.column_type and f.name not in COMPUTED_HERE
    ]
    for lo in range(first_id, end_id, batch):
        records = Complaint.browse(range(lo, min(lo + batch, end_id)))
        for field in fields_:
            env.add_to_compute(field, records)
        env.flush_all()
        env.invalidate_all()
    names = ", ".join(f.name for f in fields_)
    return f"{len(fields_)} stored computed fields by the ORM ({names})"


INVESTIGATION_COLUMNS = (
    "id",
    "complaint_id",
    "findings",
    "root_cause_id",
    "reviewed_by_id",
    "create_date",
    "write_date",
)


def _investigations(corpus, template, investigations):
    """Findings; a root cause and a reviewer for high/critical, so the gates hold."""
    env = corpus.env
    if "complaint.investigation" not in env or not investigations:
        return "no investigation model"
    Inv = env["complaint.investigation"]
    vals = {"complaint_id": template.id}
    for fname, value in (
        ("findings", "<p>Template findings.</p>"),
        ("name", "Template investigation"),
    ):
        if fname in Inv._fields:
            vals[fname] = value
    try:
        with env.cr.savepoint():
            inv = Inv.create(vals)
    except Exception as exc:  # the model is young: say why and go on
        return f"investigations skipped ({exc.__class__.__name__}: {exc})"
    root_causes = (
        env["complaint.root.cause"].search([]).ids
        if "complaint.root.cause" in env
        else []
    )
    rng = random.Random(corpus.seed + 5)
    start = next_id(corpus.cr, "complaint_investigation")
    rows = []
    for i, (cid, severity, received, user_id) in enumerate(investigations):
        deep = severity in ("high", "critical")
        rows.append(
            (
                start + i,
                cid,
                f"<p>{rng.choice(T.FINDINGS_EN)}</p>",
                rng.choice(root_causes) if root_causes and deep else None,
                rng.choice([u for u in corpus.user_ids if u != user_id])
                if deep
                else None,
                received + timedelta(days=2),
                received + timedelta(days=3),
            )
        )
    count = corpus.clone("complaint_investigation", inv.id, INVESTIGATION_COLUMNS, rows)
    return f"{count} investigations"
