# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ComplaintRootCause(models.Model):
    _name = "complaint.root.cause"
    _description = "Complaint Root Cause"
    _order = "sequence, code, id"
    _rec_names_search = ["name", "code"]

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, index=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Text(translate=True)

    _sql_constraints = [
        ("code_unique", "unique(code)", "The root-cause code must be unique."),
    ]

    def _compute_display_name(self):
        for cause in self:
            cause.display_name = f"[{cause.code}] {cause.name}"
