# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.exceptions import UserError

from ..const import DONE_STATES


class ComplaintComplaintCancel(models.TransientModel):
    _name = "complaint.complaint.cancel"
    _description = "Cancel Complaints"

    complaint_ids = fields.Many2many("complaint.complaint", string="Complaints")
    reason = fields.Text(
        required=True, help="Sent to the complainant and kept on the complaint."
    )

    def action_cancel(self):
        """R11, R37: cancelling needs a reason; the complainant is told."""
        self.ensure_one()
        reason = (self.reason or "").strip()
        if not reason:
            raise UserError(self.env._("Give the reason for cancelling."))
        done = self.complaint_ids.filtered(lambda c: c.state in DONE_STATES)
        if done:
            raise UserError(
                self.env._(
                    "Closed or cancelled complaints cannot be cancelled: %(refs)s.",
                    refs=", ".join(done.mapped("name")),
                )
            )
        self.complaint_ids.check_access("write")
        self.complaint_ids._cancel(reason)
        return {"type": "ir.actions.act_window_close"}
