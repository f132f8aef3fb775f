# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class MailTrackingValue(models.Model):
    _inherit = "mail.tracking.value"

    def write(self, vals):
        # tracking values are never edited, by anyone (the retention job blanks
        # message bodies, not the recorded changes)
        self.mail_message_id._complaint_check_history()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_complaint_history(self):
        self.mail_message_id._complaint_check_history()
