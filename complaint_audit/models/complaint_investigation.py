# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class ComplaintInvestigation(models.Model):
    _name = "complaint.investigation"
    _inherit = ["complaint.investigation", "complaint.audit.reader.mixin"]

    @api.model
    def get_views(self, views, options=None):
        return self._reader_views(super().get_views(views, options))
