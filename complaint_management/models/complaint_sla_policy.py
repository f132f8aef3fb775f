# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..const import CHANNELS, PRIORITIES, SEVERITIES

# Criteria a policy can match on; empty on the policy means "any".
SLA_MATCH_FIELDS = ("team_id", "category_id", "severity", "priority", "channel")


class ComplaintSlaPolicy(models.Model):
    """R15, ISO 10002 4.15/7.3-7.5: how fast a complaint must be acknowledged,
    answered and closed, on the team's working calendar. The most specific active
    policy wins (most matching non-empty criteria, then sequence)."""

    _name = "complaint.sla.policy"
    _description = "Complaint SLA Policy"
    _order = "sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        index=True,
        help="Leave empty to use the policy in every company.",
    )
    description = fields.Text()

    # --- Criteria (empty = any) -------------------------------------------------------
    team_id = fields.Many2one("complaint.team", check_company=True, index=True)
    category_id = fields.Many2one("complaint.category", check_company=True, index=True)
    severity = fields.Selection(SEVERITIES)
    priority = fields.Selection(PRIORITIES)
    channel = fields.Selection(CHANNELS)

    # --- Targets ----------------------------------------------------------------------
    ack_hours = fields.Float(
        string="Acknowledge Within (working hours)",
        default=8.0,
        help="Working hours of the team's calendar after receipt.",
    )
    response_days = fields.Integer(
        string="Respond Within (working days)",
        default=10,
        help="Working days after the day of receipt to communicate the decision.",
    )
    close_days = fields.Integer(
        string="Close Within (working days)",
        default=30,
        help="Working days after the day of receipt to close the complaint.",
    )
    at_risk_ratio = fields.Float(
        string="At Risk After",
        default=0.75,
        help="Share of the allowed time after which the complaint is shown at risk.",
    )
    update_interval_days = fields.Integer(
        string="Progress Update Every (working days)",
        default=5,
        help="R28: the complainant gets a status update when this many working days "
        "pass without a decision. 0 disables progress updates.",
    )

    # --- Escalation ladder ------------------------------------------------------------
    escalate_l1_hours = fields.Float(
        string="Level 1 (owner) After",
        default=0.0,
        help="Hours after the breach before the owner is alerted.",
    )
    escalate_l2_hours = fields.Float(
        string="Level 2 (team leader) After",
        default=24.0,
        help="Hours after the breach before the team leader is alerted.",
    )
    escalate_l3_hours = fields.Float(
        string="Level 3 (complaints managers) After",
        default=72.0,
        help="Hours after the breach before the complaints managers are alerted.",
    )

    @api.constrains(
        "ack_hours",
        "response_days",
        "close_days",
        "at_risk_ratio",
        "update_interval_days",
        "escalate_l1_hours",
        "escalate_l2_hours",
        "escalate_l3_hours",
    )
    def _check_targets(self):
        for policy in self:
            if (
                policy.ack_hours <= 0
                or policy.response_days <= 0
                or policy.close_days < policy.response_days
            ):
                raise ValidationError(
                    self.env._(
                        "SLA policy %(name)s: targets must be positive and the close "
                        "target may not come before the response target.",
                        name=policy.name,
                    )
                )
            if not 0 < policy.at_risk_ratio < 1:
                raise ValidationError(
                    self.env._(
                        "SLA policy %(name)s: the at-risk share must lie between 0 "
                        "and 1.",
                        name=policy.name,
                    )
                )
            ladder = policy._get_escalation_ladder()
            if (
                policy.update_interval_days < 0
                or any(hours < 0 for hours in ladder)
                or ladder != sorted(ladder)
            ):
                raise ValidationError(
                    self.env._(
                        "SLA policy %(name)s: escalation delays must be positive and "
                        "grow with the level.",
                        name=policy.name,
                    )
                )

    @api.onchange("team_id")
    def _onchange_team_id(self):
        if self.team_id:
            self.company_id = self.team_id.company_id

    # --- Matching ---------------------------------------------------------------------
    def _get_escalation_ladder(self):
        """Hours after the breach at which levels 1, 2, 3 are due."""
        self.ensure_one()
        return [self.escalate_l1_hours, self.escalate_l2_hours, self.escalate_l3_hours]

    def _match_score(self, values):
        """Number of matching non-empty criteria, or -1 when a criterion differs.
        ``values`` maps the criteria to plain values (ids for many2ones)."""
        self.ensure_one()
        score = 0
        for fname in SLA_MATCH_FIELDS:
            expected = self[fname]
            if fname.endswith("_id"):
                expected = expected.id
            if not expected:
                continue
            if values.get(fname) != expected:
                return -1
            score += 1
        return score

    @api.model
    def _get_policy_for(self, values, policies=None):
        """The most specific active policy for ``values`` (a dict with the criteria
        and ``company_id``); ties go to the lowest sequence. ``policies`` lets a batch
        reuse one search."""
        if policies is None:
            policies = self.search([("active", "=", True)])
        best, best_key = self.browse(), None
        for policy in policies:
            if policy.company_id and policy.company_id.id != values.get("company_id"):
                continue
            score = policy._match_score(values)
            if score < 0:
                continue
            key = (-score, policy.sequence, policy.id)
            if best_key is None or key < best_key:
                best, best_key = policy, key
        return best
