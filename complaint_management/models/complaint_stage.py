# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from ..const import COMPLAINT_STATES


class ComplaintStage(models.Model):
    _name = "complaint.stage"
    _inherit = ["complaint.stage.mixin"]
    _description = "Complaint Stage"
    _order = "sequence, id"

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
    mail_template_id = fields.Many2one(
        "mail.template",
        string="Email Template",
        domain=[("model", "=", "complaint.complaint")],
        help="Sent to the complainant when a complaint reaches this stage.",
    )
