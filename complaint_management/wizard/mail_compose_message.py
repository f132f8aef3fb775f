# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class MailComposeMessage(models.TransientModel):
    _inherit = "mail.compose.message"

    def _action_send_mail_comment(self, res_ids):
        """R35: the decision letter posted from the composer that *Send Decision*
        opens records the communication, server side: the composer's template is the
        decision template, the sender may write the complaints, and a complainant
        with an e-mail address received it. Nothing a client sends in a context or
        a message moves a complaint to "Decision communicated"."""
        messages = super()._action_send_mail_comment(res_ids)
        if self.model == "complaint.complaint" and self.template_id:
            decision = self.env.ref(
                "complaint_management.mail_template_complaint_decision",
                raise_if_not_found=False,
            )
            if self.template_id == decision:
                self.env["complaint.complaint"].browse(
                    res_ids
                )._communicate_decision_sent(messages)
        return messages
