# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class AccountMove(models.Model):
    _inherit = "account.move"

    complaint_count = fields.Integer(
        compute="_compute_complaint_count",
        groups="complaint_management.group_complaint_user",
    )

    def _compute_complaint_count(self):
        counts = self.env["complaint.complaint"]._complaint_counts("invoice_id", self)
        for move in self:
            move.complaint_count = counts.get(move.id, 0)

    def action_view_complaints(self):
        return self.env["complaint.complaint"]._action_for(
            [("invoice_id", "in", self.ids)], {"default_invoice_id": self.id}
        )

    def action_log_complaint(self):
        self.ensure_one()
        order = self.invoice_line_ids.sale_line_ids.order_id[:1]
        return self.env["complaint.complaint"]._action_log(
            {
                "default_invoice_id": self.id,
                "default_partner_id": self.partner_id.id,
                "default_sale_order_id": order.id,
                "default_company_id": self.company_id.id,
            }
        )
