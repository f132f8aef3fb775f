# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class ComplaintCorrectiveAction(models.Model):
    _name = "complaint.corrective.action"
    _inherit = ["complaint.corrective.action", "complaint.audit.reader.mixin"]

    # The sources this addon brings (ISO 10002 8.4, 8.7). Uninstalling it turns the
    # actions it raised into plain complaint actions, so they stay in the register.
    source = fields.Selection(
        selection_add=[
            ("audit", "Audit Finding"),
            ("review", "Management Review"),
        ],
        ondelete={"audit": "set default", "review": "set default"},
    )

    @api.model
    def get_views(self, views, options=None):
        return self._reader_views(super().get_views(views, options))
