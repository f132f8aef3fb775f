# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

# Canonical states of the ISO 10002 clause 7 process, in process order. Business code
# reads these (and the stage flags), never stage names or xml ids.
COMPLAINT_STATES = [
    ("new", "New"),
    ("acknowledged", "Acknowledged"),
    ("assessed", "Assessed"),
    ("investigation", "Under investigation"),
    ("decision", "Decision made"),
    ("communicated", "Decision communicated"),
    ("closed", "Closed"),
    ("cancelled", "Cancelled"),
]
STATE_RANK = {state: rank for rank, (state, _label) in enumerate(COMPLAINT_STATES)}
DONE_STATES = ("closed", "cancelled")
# The board's "Open" filter lists these (an IN, which the partial board indexes match).
OPEN_STATES = tuple(
    state for state, _label in COMPLAINT_STATES if state not in DONE_STATES
)


class ComplaintStage(models.Model):
    _name = "complaint.stage"
    _description = "Complaint Stage"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    fold = fields.Boolean(
        string="Folded in Kanban",
        help="Folded stages are collapsed on the kanban board.",
    )
    state = fields.Selection(
        COMPLAINT_STATES,
        required=True,
        default="new",
        index=True,
        help="The step of the complaints-handling process this stage stands for. "
        "Gates and deadlines follow the state, whatever the stage is called.",
    )
    sla_paused = fields.Boolean(
        string="Waiting on Complainant",
        help="While a complaint sits in this stage its SLA clock is stopped.",
    )
    description = fields.Html(translate=True)
    mail_template_id = fields.Many2one(
        "mail.template",
        string="Email Template",
        domain=[("model", "=", "complaint.complaint")],
        help="Sent to the complainant when a complaint reaches this stage.",
    )
