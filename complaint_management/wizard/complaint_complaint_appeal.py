# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup

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
        complaint._process_write(
            {
                "complainant_response": "rejected",
                "date_response": fields.Datetime.now(),
                "appeal_level": 2,
                "first_level_user_id": complaint.user_id.id,
                "user_id": self.reviewer_id.id,
                "stage_id": complaint._stage_for_state("investigation").id,
            }
        )
        complaint.message_post(
            body=Markup("<p>%s</p><p>%s</p>")
            % (
                self.env._(
                    "Decision rejected; level-2 review by %(user)s.",
                    user=self.reviewer_id.name,
                ),
                self.reason or "",
            ),
            subtype_xmlid="mail.mt_note",
        )
        return {"type": "ir.actions.act_window_close"}
