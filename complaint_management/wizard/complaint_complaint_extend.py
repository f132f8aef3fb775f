# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.exceptions import UserError

from ..const import STATE_RANK


class ComplaintComplaintExtend(models.TransientModel):
    _name = "complaint.complaint.extend"
    _description = "Extend Complaint Response Deadline"

    complaint_ids = fields.Many2many("complaint.complaint", string="Complaints")
    reason = fields.Text(required=True)
    new_response_deadline = fields.Datetime(string="New Response Date", required=True)

    def action_extend(self):
        """R39, K9: an extension needs a reason and a later date; the complainant is
        told, the extension is counted and logged."""
        self.ensure_one()
        if not (self.reason or "").strip():
            raise UserError(self.env._("Give the reason for the extension."))
        complaints = self.complaint_ids
        answered = complaints.filtered(
            lambda c: STATE_RANK.get(c.state, 0) >= STATE_RANK["communicated"]
        )
        if answered:
            raise UserError(
                self.env._(
                    "The decision has already been sent for %(refs)s: there is no "
                    "response deadline left to extend.",
                    refs=", ".join(answered.mapped("name")),
                )
            )
        earlier = complaints.filtered(
            lambda c: c.response_deadline
            and self.new_response_deadline <= c.response_deadline
        )
        if earlier or self.new_response_deadline <= fields.Datetime.now():
            raise UserError(
                self.env._(
                    "The new response date must be in the future and later than the "
                    "current one%(refs)s.",
                    refs=(": " + ", ".join(earlier.mapped("name"))) if earlier else "",
                )
            )
        complaints.check_access("write")
        complaints._sla_extend(self.new_response_deadline, self.reason.strip())
        return {"type": "ir.actions.act_window_close"}
