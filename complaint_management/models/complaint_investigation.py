# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ComplaintInvestigation(models.Model):
    _name = "complaint.investigation"
    _description = "Complaint Investigation"
    _inherit = ["complaint.chatter.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "date_start desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Title", required=True)
    complaint_id = fields.Many2one(
        "complaint.complaint",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    company_id = fields.Many2one(
        related="complaint_id.company_id", store=True, index=True
    )
    investigator_id = fields.Many2one(
        "res.users",
        required=True,
        index=True,
        tracking=True,
        default=lambda self: self.env.user,
        domain=[("share", "=", False)],
    )
    date_start = fields.Date(
        string="Started On", default=fields.Date.context_today, required=True
    )
    date_end = fields.Date(string="Finished On", tracking=True)
    plan = fields.Html(help="What will be checked, with whom, by when.")
    interview_notes = fields.Html()
    subject_statement = fields.Html(
        string="Account of the Person Complained About",
        help="What the person complained about says (objectivity: hear both sides).",
    )
    findings = fields.Html(tracking=True)
    root_cause_id = fields.Many2one("complaint.root.cause", index=True, tracking=True)
    reviewed_by_id = fields.Many2one(
        "res.users",
        tracking=True,
        help="Required for high and critical severity before a decision.",
    )
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "complaint_investigation_attachment_rel",
        "investigation_id",
        "attachment_id",
        string="Evidence",
    )

    @api.constrains("investigator_id", "reviewed_by_id", "complaint_id")
    def _check_objectivity(self):
        """R06: neither the investigator nor the reviewer may be complained about."""
        for investigation in self:
            subjects = investigation.complaint_id.subject_user_ids
            for user in investigation.investigator_id | investigation.reviewed_by_id:
                if user in subjects:
                    raise ValidationError(
                        self.env._(
                            "%(user)s is a person complained about in %(ref)s and "
                            "cannot investigate or review it.",
                            user=user.name,
                            ref=investigation.complaint_id.name,
                        )
                    )

    @api.constrains("findings", "root_cause_id", "reviewed_by_id", "complaint_id")
    def _check_complaint_gate(self):
        """The complaint's gate reads the findings, root cause and reviewer of its
        investigations (R32, R33): clearing them on a decided complaint is refused
        like deciding without them."""
        self.complaint_id._check_stage_gates()
