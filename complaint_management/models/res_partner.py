# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResPartner(models.Model):
    _name = "res.partner"
    _inherit = ["res.partner", "complaint.link.mixin"]
    _complaint_link_field = "commercial_partner_id"

    complaint_portal_share_company = fields.Boolean(
        string="Contacts See the Company's Complaints",
        # who reads a company's complaints is a complaints manager's decision: a
        # salesperson editing the customer neither sees nor sets it
        groups="complaint_management.group_complaint_manager",
        help="Set on the company: its portal contacts see every complaint of the "
        "company, not only the ones they lodged (R07, R08).",
    )

    def _get_complaint_link_key(self):
        # counted on the commercial entity: a company sees its contacts' complaints
        return self.commercial_partner_id

    def _get_complaint_defaults(self):
        self.ensure_one()
        return {"default_partner_id": self.id}
