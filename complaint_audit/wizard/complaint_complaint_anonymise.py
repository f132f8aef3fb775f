# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.exceptions import UserError


class ComplaintComplaintAnonymise(models.TransientModel):
    """Erasure on request (R41): a complaints manager anonymises closed complaints
    before their retention period is over, with the reason."""

    _name = "complaint.complaint.anonymise"
    _description = "Anonymise Complaints"

    complaint_ids = fields.Many2many("complaint.complaint", required=True)
    reason = fields.Text(
        required=True,
        help="Why the complainant's personal data is removed now (e.g. the "
        "complainant's erasure request of a given date). Kept in the audit trail.",
    )

    def action_anonymise(self):
        self.ensure_one()
        if not (self.reason or "").strip():
            raise UserError(self.env._("Give the reason of the anonymisation."))
        complaints = self.complaint_ids
        complaints._check_anonymise_allowed()
        complaints._anonymise(self.reason.strip())
        return {"type": "ir.actions.act_window_close"}
