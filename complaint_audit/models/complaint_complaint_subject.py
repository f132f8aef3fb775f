# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

# Auditors read everything (DESIGN section 4), the persons complained about included.
SUBJECT_READERS = (
    "complaint_management.group_complaint_manager,"
    "complaint_audit.group_complaint_auditor"
)


# one concern of complaint.complaint per file (LAYOUT principle 2)
class ComplaintComplaint(models.Model):
    _inherit = "complaint.complaint"  # pylint: disable=unknown-option-value,consider-merging-classes-inherited

    subject_user_ids = fields.Many2many(groups=SUBJECT_READERS)
