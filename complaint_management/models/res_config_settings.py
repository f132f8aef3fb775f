# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    complaint_external_recourse = fields.Html(
        related="company_id.complaint_external_recourse", readonly=False
    )
    complaint_escalation_text = fields.Html(
        related="company_id.complaint_escalation_text", readonly=False
    )
    complaint_remedy_approval_threshold = fields.Monetary(
        related="company_id.complaint_remedy_approval_threshold", readonly=False
    )
    complaint_reply_timeout_days = fields.Integer(
        related="company_id.complaint_reply_timeout_days", readonly=False
    )
    complaint_significant_user_ids = fields.Many2many(
        related="company_id.complaint_significant_user_ids", readonly=False
    )
    complaint_reference_code = fields.Char(
        related="company_id.complaint_reference_code", readonly=False
    )
    complaint_description_max_chars = fields.Integer(
        related="company_id.complaint_description_max_chars", readonly=False
    )
    complaint_received_max_age_years = fields.Integer(
        related="company_id.complaint_received_max_age_years", readonly=False
    )
    complaint_solar_hijri = fields.Boolean(
        related="company_id.complaint_solar_hijri", readonly=False
    )
