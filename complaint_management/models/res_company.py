# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


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
