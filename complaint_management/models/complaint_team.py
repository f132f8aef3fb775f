# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from ..const import DONE_STATES


class ComplaintTeam(models.Model):
    _name = "complaint.team"
    _description = "Complaint Team"
    _inherit = ["mail.alias.mixin", "mail.thread"]
    _order = "sequence, name, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    color = fields.Integer()
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    leader_id = fields.Many2one(
        "res.users",
        string="Team Leader",
        tracking=True,
        check_company=True,
        domain=[("share", "=", False)],
    )
    member_ids = fields.Many2many(
        "res.users",
        "complaint_team_member_rel",
        "team_id",
        "user_id",
        string="Members",
        domain=[("share", "=", False)],
    )
    resource_calendar_id = fields.Many2one(
        "resource.calendar",
        string="Working Hours",
        check_company=True,
        default=lambda self: self.env.company.resource_calendar_id,
        help="Deadlines count only the working time of this calendar, "
        "its public holidays and leaves.",
    )
    open_complaint_count = fields.Integer(compute="_compute_open_complaint_count")

    def _compute_open_complaint_count(self):
        counts = dict(
            self.env["complaint.complaint"]._read_group(
                [
                    ("team_id", "in", self.ids),
                    ("state", "not in", DONE_STATES),
                ],
                ["team_id"],
                ["__count"],
            )
        )
        for team in self:
            team.open_complaint_count = counts.get(team, 0)

    def _alias_get_creation_values(self):
        values = super()._alias_get_creation_values()
        values["alias_model_id"] = self.env["ir.model"]._get_id("complaint.complaint")
        if self.id:
            values["alias_defaults"] = {
                "team_id": self.id,
                "company_id": self.company_id.id,
                "channel": "email",
            }
        return values

    @api.model
    def _get_default_team(self, company=None):
        """The team a complaint goes to when none is given: the first active team of
        the company the current user belongs to (so that a handler can see what they
        log), else the first one (the seeded default team unless reordered)."""
        company = company or self.env.company
        teams = self.search([("company_id", "=", company.id)], order="sequence, id")
        user = self.env.user
        own = teams.filtered(lambda t: user in t.member_ids or t.leader_id == user)
        return (own or teams)[:1]

    def action_open_complaints(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "complaint_management.complaint_complaint_action"
        )
        action["domain"] = [("team_id", "=", self.id)]
        action["context"] = {"default_team_id": self.id}
        return action
