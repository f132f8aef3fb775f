# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.exceptions import UserError


class ComplaintComplaintAppeal(models.TransientModel):
    _name = "complaint.complaint.appeal"
    _description = "Appeal a Complaint Decision"

    complaint_id = fields.Many2one("complaint.complaint", required=True)
    reviewer_id = fields.Many2one(
        "res.users",
        string="Level-2 Reviewer",
        required=True,
        domain=[("share", "=", False)],
    )
    reason = fields.Text(string="Why the Complainant Rejects the Decision")

    def action_appeal(self):
        """R37, R39: the complainant rejected the decision; a different reviewer
        takes the complaint at level 2 and it goes back to investigation."""
        self.ensure_one()
        complaint = self.complaint_id
        if complaint.appeal_level >= 2:
            raise UserError(
                self.env._(
                    "Complaint %(ref)s is already at the last internal level. "
                    "Refer the complainant to the external recourse.",
                    ref=complaint.name,
                )
            )
        if self.reviewer_id == complaint.user_id:
            raise UserError(
                self.env._("The reviewer must differ from the first-level owner.")
            )
        complaint.check_access("write")
        complaint._start_appeal(self.reviewer_id, self.reason)
        return {"type": "ir.actions.act_window_close"}
