# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.exceptions import UserError

from ..const import DONE_STATES


class ComplaintComplaintReopen(models.TransientModel):
    _name = "complaint.complaint.reopen"
    _description = "Reopen Complaints"

    complaint_ids = fields.Many2many("complaint.complaint", string="Complaints")
    reason = fields.Text(required=True)
    stage_id = fields.Many2one(
        "complaint.stage",
        string="Back To",
        required=True,
        domain=[("state", "not in", (*DONE_STATES, "new"))],
        default=lambda self: self.env["complaint.stage"]._get_first_for_state(
            "investigation"
        ),
    )

    def action_reopen(self):
        """R38: reopening needs a reason; it is counted and logged."""
        self.ensure_one()
        if not (self.reason or "").strip():
            raise UserError(self.env._("Give the reason for reopening."))
        not_closed = self.complaint_ids.filtered(lambda c: c.state not in DONE_STATES)
        if not_closed:
            raise UserError(
                self.env._(
                    "Only closed or cancelled complaints can be reopened: %(refs)s.",
                    refs=", ".join(not_closed.mapped("name")),
                )
            )
        self.complaint_ids.check_access("write")
        self.complaint_ids._reopen(self.stage_id, self.reason.strip())
        return {"type": "ir.actions.act_window_close"}
