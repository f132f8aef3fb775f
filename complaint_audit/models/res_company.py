# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    complaint_retention_years = fields.Integer(
        string="Complaint Retention (years)",
        default=6,
        help="Years after a complaint is closed or cancelled before the personal data "
        "of its complainant is anonymised (ISO 10002 8.1, 4.10). Counts, dates, "
        "categories, outcomes and amounts are kept. 0 anonymises at the next run "
        "after closure.",
    )
    complaint_register_month = fields.Date(
        string="Complaint Register Sent For",
        readonly=True,
        copy=False,
        help="The month (its first day) of the last monthly register mailed to the "
        "complaints managers: the job's record of what it did.",
    )

    @api.constrains("complaint_retention_years")
    def _check_complaint_retention_years(self):
        if any(company.complaint_retention_years < 0 for company in self):
            raise ValidationError(
                self.env._("The complaint retention period cannot be negative.")
            )
