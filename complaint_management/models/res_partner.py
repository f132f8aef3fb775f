# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class ResPartner(models.Model):
    _name = "res.partner"
    _inherit = ["res.partner", "complaint.link.mixin"]
    _complaint_link_field = "commercial_partner_id"

    def _get_complaint_link_key(self):
        # counted on the commercial entity: a company sees its contacts' complaints
        return self.commercial_partner_id

    def _get_complaint_defaults(self):
        self.ensure_one()
        return {"default_partner_id": self.id}
