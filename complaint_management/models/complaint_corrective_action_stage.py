# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from ..const import CORRECTIVE_ACTION_STATES


class ComplaintCorrectiveActionStage(models.Model):
    _name = "complaint.corrective.action.stage"
    _inherit = ["complaint.stage.mixin"]
    _description = "Corrective Action Stage"
    _order = "sequence, id"

    state = fields.Selection(
        CORRECTIVE_ACTION_STATES,
        required=True,
        default="draft",
        index=True,
        help="The step of the corrective-action process this stage stands for. "
        "Gates follow the state, whatever the stage is called.",
    )
