# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    complaint_ids = fields.One2many("complaint.complaint", "sale_order_id")
    complaint_count = fields.Integer(
        compute="_compute_complaint_count",
        groups="complaint_management.group_complaint_user",
    )

    def _compute_complaint_count(self):
        counts = self.env["complaint.complaint"]._complaint_counts(
            "sale_order_id", self
        )
        for order in self:
            order.complaint_count = counts.get(order.id, 0)

    def action_view_complaints(self):
        return self.env["complaint.complaint"]._action_for(
            [("sale_order_id", "in", self.ids)],
            {
                "default_sale_order_id": self.id,
                "default_partner_id": self.partner_id.id,
            },
        )

    def action_log_complaint(self):
        self.ensure_one()
        return self.env["complaint.complaint"]._action_log(
            {
                "default_sale_order_id": self.id,
                "default_partner_id": self.partner_id.id,
                "default_company_id": self.company_id.id,
            }
        )
