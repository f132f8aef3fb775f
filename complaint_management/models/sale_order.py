# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class SaleOrder(models.Model):
    _name = "sale.order"
    _inherit = ["sale.order", "complaint.link.mixin"]
    _complaint_link_field = "sale_order_id"

    def _get_complaint_defaults(self):
        self.ensure_one()
        return {
            "default_sale_order_id": self.id,
            "default_partner_id": self.partner_id.id,
            "default_company_id": self.company_id.id,
        }
