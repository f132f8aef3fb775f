# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

# Canonical states of a corrective action (R50). Business code reads these, never
# stage names or xml ids.
CORRECTIVE_ACTION_STATES = [
    ("draft", "Draft"),
    ("open", "In Progress"),
    ("done", "Done"),
    ("cancelled", "Cancelled"),
]


class ComplaintCorrectiveActionStage(models.Model):
    _name = "complaint.corrective.action.stage"
    _description = "Corrective Action Stage"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    fold = fields.Boolean(
        string="Folded in Kanban",
        help="Folded stages are collapsed on the kanban board.",
    )
    state = fields.Selection(
        CORRECTIVE_ACTION_STATES,
        required=True,
        default="draft",
        index=True,
        help="The step of the corrective-action process this stage stands for. "
        "Gates follow the state, whatever the stage is called.",
    )
    description = fields.Html(translate=True)
