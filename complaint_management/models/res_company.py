# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    complaint_external_recourse = fields.Html(
        string="External Recourse",
        translate=True,
        help="Printed in every decision letter: the ombudsman or dispute-resolution "
        "body a complainant can turn to, and the time limit to do so (ISO 10002 7.8, "
        "ISO 10003).",
    )
    complaint_escalation_text = fields.Html(
        string="Internal Escalation",
        translate=True,
        help="How a complainant who disagrees with the decision asks for a review.",
    )
    complaint_remedy_approval_threshold = fields.Monetary(
        string="Remedy Approval Threshold",
        currency_field="currency_id",
        default=500.0,
        help="Remedies worth more than this need a complaints manager's approval.",
    )
    complaint_reply_timeout_days = fields.Integer(
        string="Complainant Reply Timeout (days)",
        default=14,
        help="Days after the decision was communicated without a reply before the "
        "complaint may close with 'no reply'.",
    )
    complaint_significant_user_ids = fields.Many2many(
        "res.users",
        "res_company_complaint_significant_user_rel",
        "company_id",
        "user_id",
        string="Significant Complaints Recipients",
        domain=[("share", "=", False)],
        help="Who is e-mailed at once when a complaint of this company is "
        "significant (critical or safety). Empty: the company's complaints "
        "managers.",
    )
    complaint_reference_code = fields.Char(
        size=8,
        help="Prefix of this company's complaint references (e.g. ACME gives "
        "ACME/CMP/2026/00001), so that two companies never issue the same one. "
        "Empty: CMP/... for the first company, C<id>/CMP/... for the others.",
    )

    complaint_solar_hijri = fields.Boolean(
        string="Solar Hijri Dates",
        help="Complaint letters and mails give dates in the Solar Hijri (Jalali) "
        "calendar to every reader, not only to readers whose language is Persian.",
    )

    def _get_significant_complaint_recipients(self):
        """R20: the configured recipients who work in this company, else its
        complaints managers."""
        self.ensure_one()
        users = self.complaint_significant_user_ids.filtered(
            lambda u: u.active and not u.share and self in u.company_ids
        )
        return users or self.env[
            "complaint.notification.mixin"
        ]._get_complaint_managers(self)

    complaint_description_max_chars = fields.Integer(
        string="Complaint Description Size (characters)",
        default=50000,
        help="The longest complaint description (and decision reasons) accepted.",
    )
    complaint_received_max_age_years = fields.Integer(
        string="Oldest Complaint Receipt (years)",
        default=10,
        help="A complaint received longer ago than this is refused as a typing error.",
    )

    @api.constrains(
        "complaint_description_max_chars", "complaint_received_max_age_years"
    )
    def _check_complaint_input_limits(self):
        for company in self:
            if not 1000 <= company.complaint_description_max_chars <= 1_000_000:
                raise ValidationError(
                    self.env._(
                        "The complaint description size must be between 1,000 and "
                        "1,000,000 characters."
                    )
                )
            if not 1 <= company.complaint_received_max_age_years <= 100:
                raise ValidationError(
                    self.env._(
                        "The oldest complaint receipt must be between 1 and 100 years."
                    )
                )
