# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class ProductTemplate(models.Model):
    _name = "product.template"
    _inherit = ["product.template", "complaint.link.mixin"]
    _complaint_link_field = "product_tmpl_id"

    def _get_complaint_defaults(self):
        self.ensure_one()
        return {"default_product_id": self.product_variant_id.id}
