# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    complaint_retention_years = fields.Integer(
        related="company_id.complaint_retention_years", readonly=False
    )
