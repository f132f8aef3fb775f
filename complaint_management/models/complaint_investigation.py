# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError


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
    # The persons complained about and their account are seen by the complaints
    # managers (field groups; complaint_audit adds its auditors) and by the assigned
    # investigator, who reads and writes them through the two computed fields below.
    subject_statement = fields.Html(
        string="Account of the Person Complained About (stored)",
        groups="complaint_management.group_complaint_manager",
        help="What the person complained about says (objectivity: hear both sides).",
    )
    subject_account = fields.Html(
        string="Account of the Person Complained About",
        compute="_compute_subject_account",
        inverse="_inverse_subject_account",
        help="What the person complained about says (objectivity: hear both sides). "
        "Visible to the complaints managers and the investigator only.",
    )
    subject_user_ids = fields.Many2many(
        "res.users",
        string="Persons Complained About",
        compute="_compute_subject_account",
        help="Visible to the complaints managers and the investigator only.",
    )
    subject_visible = fields.Boolean(compute="_compute_subject_account")
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

    # --- Persons complained about: managers and the investigator only --------------
    def _subject_readable(self):
        """The investigations of ``self`` whose persons complained about the current
        user may see: all of them for whoever may read the stored fields (managers,
        auditors), the user's own investigations for an investigator."""
        if self.env.su or self._fields["subject_statement"].is_accessible(self.env):
            return self
        return self.filtered(lambda inv: inv.investigator_id == self.env.user)

    @api.depends_context("uid")
    @api.depends(
        "investigator_id", "subject_statement", "complaint_id.subject_user_ids"
    )
    def _compute_subject_account(self):
        readable = self._subject_readable()
        for investigation in self - readable:
            investigation.subject_account = False
            investigation.subject_user_ids = False
            investigation.subject_visible = False
        for investigation, private in zip(
            readable, readable._subject_private(), strict=True
        ):
            investigation.subject_account = private.subject_statement
            investigation.subject_user_ids = private.complaint_id.subject_user_ids
            investigation.subject_visible = True

    def _inverse_subject_account(self):
        refused = self - self._subject_readable()
        if refused:
            raise AccessError(
                self.env._(
                    "Only the complaints managers and the investigator may record the "
                    "account of the person complained about (%(investigation)s).",
                    investigation=refused[0].display_name,
                )
            )
        for investigation, private in zip(self, self._subject_private(), strict=True):
            private.subject_statement = investigation.subject_account

    def _subject_private(self):
        """``self`` as superuser, to read and write the persons complained about.
        Callers (the compute and the inverse above) first keep the investigations
        the user is the investigator of, or all when the user is a manager."""
        # sudo: see the docstring; the check is _subject_readable()
        return self.sudo()

    @api.constrains("investigator_id", "reviewed_by_id", "complaint_id")
    def _check_objectivity(self):
        """R06: neither the investigator nor the reviewer may be complained about."""
        # sudo: the names of the persons complained about are compared, never shown
        for investigation in self.sudo():
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
