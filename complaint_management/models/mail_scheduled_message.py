# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class MailScheduledMessage(models.Model):
    _inherit = "mail.scheduled.message"

    @api.model_create_multi
    def create(self, vals_list):
        """A message scheduled on a complaint record is refused now, not when the
        job posts it, if it would be written in someone else's name (mail_message.py
        checks the posted message too)."""
        if not self.env.su:
            Message = self.env["mail.message"]
            models_ = Message._complaint_history_models()
            allowed = Message._complaint_allowed_authors()
            for vals in vals_list:
                if vals.get("model") in models_ and vals.get("author_id") not in (
                    allowed.ids
                ):
                    Message._complaint_raise_author()
        return super().create(vals_list)
