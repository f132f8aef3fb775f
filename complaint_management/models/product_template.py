# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ProductTemplate(models.Model):
    _inherit = "product.template"

    complaint_count = fields.Integer(
        compute="_compute_complaint_count",
        groups="complaint_management.group_complaint_user",
    )

    def _compute_complaint_count(self):
        counts = self.env["complaint.complaint"]._complaint_counts(
            "product_tmpl_id", self
        )
        for template in self:
            template.complaint_count = counts.get(template.id, 0)

    def action_view_complaints(self):
        return self.env["complaint.complaint"]._action_for(
            [("product_tmpl_id", "in", self.ids)],
            {"default_product_id": self.product_variant_id.id},
        )

    def action_log_complaint(self):
        self.ensure_one()
        return self.env["complaint.complaint"]._action_log(
            {"default_product_id": self.product_variant_id.id}
        )
