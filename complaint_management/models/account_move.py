# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class AccountMove(models.Model):
    _name = "account.move"
    _inherit = ["account.move", "complaint.link.mixin"]
    _complaint_link_field = "invoice_id"

    def _get_complaint_defaults(self):
        self.ensure_one()
        return {
            "default_invoice_id": self.id,
            "default_partner_id": self.partner_id.id,
            "default_sale_order_id": self.invoice_line_ids.sale_line_ids.order_id[
                :1
            ].id,
            "default_company_id": self.company_id.id,
        }
