# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

from ..const import CONTACT_METHODS


class ComplaintExternalReferral(models.Model):
    """R40 (ISO 10003): a complaint the complainant took to an external body after
    the last internal level: which body, when, its reference, status and outcome,
    and how an agreed settlement was implemented."""

    _name = "complaint.external.referral"
    _description = "External Referral of a Complaint"
    _inherit = ["mail.thread"]
    _order = "date_referred desc, id desc"
    _check_company_auto = True

    complaint_id = fields.Many2one(
        "complaint.complaint",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
    )
    company_id = fields.Many2one(
        related="complaint_id.company_id", store=True, index=True
    )
    body = fields.Char(
        string="External Body",
        required=True,
        tracking=True,
        help="The ombudsman, dispute-resolution body or court the complaint went to.",
    )
    date_referred = fields.Date(
        string="Referred On", required=True, default=fields.Date.context_today
    )
    method = fields.Selection(CONTACT_METHODS, string="Referred By Means Of")
    reference = fields.Char(
        string="Their Reference", tracking=True, help="The external body's case number."
    )
    state = fields.Selection(
        [
            ("referred", "Referred"),
            ("in_progress", "In Progress"),
            ("decided", "Decided"),
            ("withdrawn", "Withdrawn"),
        ],
        string="Status",
        default="referred",
        required=True,
        tracking=True,
    )
    outcome = fields.Selection(
        [
            ("upheld", "Upheld"),
            ("partially_upheld", "Partially Upheld"),
            ("not_upheld", "Not Upheld"),
            ("settled", "Settled"),
        ],
        tracking=True,
    )
    outcome_note = fields.Text(string="Decision of the External Body")
    implementation = fields.Text(help="How the settlement or decision was carried out.")
    implementation_due = fields.Date(string="Implement By")

    @api.constrains("outcome", "implementation_due", "state")
    def _check_outcome(self):
        for referral in self:
            if referral.outcome and not referral.implementation_due:
                raise UserError(
                    self.env._(
                        "The outcome of the referral to %(body)s needs a date by which "
                        "it is implemented.",
                        body=referral.body,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        referrals = super().create(vals_list)
        complaints = referrals.complaint_id
        not_final = complaints.filtered(
            lambda c: c.appeal_level < 2 or c.complainant_response != "rejected"
        )
        if not_final:
            raise UserError(
                self.env._(
                    "%(refs)s: a complaint is referred externally only after the "
                    "complainant rejected the level-2 decision.",
                    refs=", ".join(not_final.mapped("name")),
                )
            )
        complaints._log_notes(
            lambda c: self.env._(
                "Referred externally to %(bodies)s.",
                bodies=", ".join(
                    c.external_referral_ids.filtered(lambda r: r in referrals).mapped(
                        "body"
                    )
                ),
            )
        )
        return referrals

    def action_save(self):
        return {"type": "ir.actions.act_window_close"}
