# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ComplaintComplaint(models.Model):
    _inherit = "complaint.complaint"

    audit_event_ids = fields.One2many(
        "complaint.audit.event", "complaint_id", string="Audit Trail", readonly=True
    )
