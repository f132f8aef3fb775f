# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from .complaint_complaint_subject import SUBJECT_READERS


class ComplaintInvestigation(models.Model):
    _name = "complaint.investigation"
    _inherit = ["complaint.investigation", "complaint.audit.reader.mixin"]

    # auditors read the account of the person complained about (read only: they
    # have no write access to investigations)
    subject_statement = fields.Html(groups=SUBJECT_READERS)

    @api.model
    def get_views(self, views, options=None):
        return self._reader_views(super().get_views(views, options))
