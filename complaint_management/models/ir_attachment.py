# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models

# What an attachment is: its content and the record it belongs to.
CONTENT_FIELDS = frozenset(
    {"datas", "raw", "db_datas", "store_fname", "url", "res_model", "res_id"}
)


class IrAttachment(models.Model):
    _inherit = "ir.attachment"

    def _complaint_check_history(self):
        """Files sent with a message of a complaint record are part of its history."""
        # sudo: the messages the attachments belong to, whoever asks
        messages = (
            self.env["mail.message"].sudo().search([("attachment_ids", "in", self.ids)])
        )
        messages.with_env(self.env)._complaint_check_history()

    def write(self, vals):
        if CONTENT_FIELDS & vals.keys():
            self._complaint_check_history()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_complaint_history(self):
        self._complaint_check_history()
