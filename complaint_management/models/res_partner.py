# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    complaint_count = fields.Integer(
        compute="_compute_complaint_count",
        groups="complaint_management.group_complaint_user",
    )

    def _compute_complaint_count(self):
        # Counted on the commercial entity: a company sees its contacts' complaints.
        counts = self.env["complaint.complaint"]._complaint_counts(
            "commercial_partner_id", self.commercial_partner_id
        )
        for partner in self:
            partner.complaint_count = counts.get(partner.commercial_partner_id.id, 0)

    def action_view_complaints(self):
        return self.env["complaint.complaint"]._action_for(
            [("commercial_partner_id", "in", self.commercial_partner_id.ids)],
            {"default_partner_id": self.id},
        )

    def action_log_complaint(self):
        self.ensure_one()
        return self.env["complaint.complaint"]._action_log(
            {"default_partner_id": self.id}
        )
