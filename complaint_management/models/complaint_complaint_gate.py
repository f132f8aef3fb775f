# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What each state requires (R11, R13, R30-R34, R37, R39), objectivity (R06) and the
reopening guard. The table is ``const.STATE_REQUIREMENTS``: it names the fields each
state needs and the rules it runs, and the same table lists the fields that trigger
the gate, so clearing any of them on a complaint past that state is refused."""

from odoo import api, models
from odoo.exceptions import UserError, ValidationError

from ..const import (
    DEEP_INVESTIGATION_SEVERITIES,
    DONE_STATES,
    GATE_FIELDS,
    OUTCOMES_WITHOUT_INVESTIGATION,
    STATE_RANK,
    STATE_REQUIREMENTS,
)


def _has_text(html):
    return bool(html and html.striptags().strip())


# one concern of complaint.complaint per file (LAYOUT principle 2)
class ComplaintComplaint(models.Model):
    _inherit = "complaint.complaint"  # pylint: disable=unknown-option-value,consider-merging-classes-inherited

    # --- Constraints ------------------------------------------------------------------
    @api.constrains(*GATE_FIELDS)
    def _check_stage_gates(self):
        """Each state needs what the process must have produced to reach it. The same
        check runs for a button, a kanban drag, an import and any later write of a
        field it reads."""
        for complaint in self:
            missing = complaint._get_missing_for_state(complaint.state)
            if missing:
                raise ValidationError(
                    self.env._(
                        "Complaint %(ref)s cannot be in stage %(stage)s yet. "
                        "Missing: %(missing)s.",
                        ref=complaint.name,
                        stage=complaint.stage_id.name,
                        missing="; ".join(missing),
                    )
                )

    @api.constrains(
        "user_id", "subject_user_ids", "first_level_user_id", "appeal_level"
    )
    def _check_objectivity(self):
        """R06, R39: the person complained about never handles the complaint, and the
        level-2 reviewer differs from the level-1 owner."""
        # sudo: the names of the persons complained about are compared, never shown
        for complaint in self.sudo():
            if complaint.user_id and complaint.user_id in complaint.subject_user_ids:
                raise ValidationError(
                    self.env._(
                        "%(user)s is a person complained about in %(ref)s and cannot "
                        "own it.",
                        user=complaint.user_id.name,
                        ref=complaint.name,
                    )
                )
            if (
                complaint.appeal_level >= 2
                and complaint.user_id
                and complaint.user_id == complaint.first_level_user_id
            ):
                raise ValidationError(
                    self.env._(
                        "The reviewer of an appeal must differ from the first-level "
                        "owner (%(user)s).",
                        user=complaint.user_id.name,
                    )
                )

    def _check_reopen_allowed(self, moving, new_stage):
        """Leaving a closed or cancelled stage is a reopening and needs a reason."""
        leaving_done = moving.filtered(lambda c: c.state in DONE_STATES)
        # the reopen wizard moves them through _reopen() (a process write); no
        # client-supplied context lifts this
        if leaving_done and new_stage.state not in DONE_STATES and not self.env.su:
            raise UserError(
                self.env._(
                    "Complaint %(ref)s is closed. Use Reopen and give a reason.",
                    ref=leaving_done[0].name,
                )
            )

    # --- The table --------------------------------------------------------------------
    def _get_missing_for_state(self, state):
        """Labels of what is missing for this complaint to stand in ``state``: the
        requirements of every state of ``STATE_REQUIREMENTS`` ranked at or below it
        (a cancelled complaint needs nothing)."""
        self.ensure_one()
        if not state:
            return []
        if state == "cancelled":
            # R11: a cancelled complaint needs its reason only
            return self._get_missing_of(STATE_REQUIREMENTS["cancelled"])
        rank = STATE_RANK[state]
        missing = []
        for gate_state, requirements in STATE_REQUIREMENTS.items():
            if gate_state != "cancelled" and STATE_RANK[gate_state] <= rank:
                missing += self._get_missing_of(requirements)
        return missing

    def _get_missing_of(self, requirements):
        missing = []
        for entry in requirements:
            if isinstance(entry, str):
                if not self[entry]:
                    missing.append(self._gate_label(entry))
            else:
                missing += getattr(self, f"_gate_{entry[0]}")()
        return missing

    def _gate_label(self, field_name):
        return self._fields[field_name]._description_string(self.env)

    # --- Rules (one per ``(rule, fields)`` entry of the table) ------------------------
    def _gate_scope_reason(self):
        if not self.in_scope and not self.scope_reason:
            return [self._gate_label("scope_reason")]
        return []

    def _gate_immediate_action(self):
        if not self.immediate_action_required:
            return []
        return [
            self._gate_label(f)
            for f in (
                "immediate_action",
                "immediate_action_user_id",
                "immediate_action_date",
            )
            if not self[f]
        ]

    def _gate_decision_reason(self):
        if not _has_text(self.decision_reason):
            return [self._gate_label("decision_reason")]
        return []

    def _gate_investigation(self):
        """R32, R33: findings, and for high and critical severity a root cause and a
        reviewer, unless the outcome needs no investigation."""
        if self.outcome in OUTCOMES_WITHOUT_INVESTIGATION:
            return []
        investigations = self.investigation_ids.filtered(
            lambda i: _has_text(i.findings)
        )
        if not investigations:
            return [self.env._("an investigation with findings")]
        if self.severity in DEEP_INVESTIGATION_SEVERITIES and not any(
            inv.root_cause_id and inv.reviewed_by_id for inv in investigations
        ):
            return [
                self.env._(
                    "a root cause and a reviewer on the investigation "
                    "(required for high and critical severity)"
                )
            ]
        return []

    def _gate_subject_informed(self):
        if self.has_subjects and not self.subject_informed_at:
            return [self._gate_label("subject_informed_at")]
        return []

    def _gate_remedies_approved(self):
        if self.remedy_ids.filtered(lambda r: r.state == "to_approve"):
            return [self.env._("a manager's approval of the remedies")]
        return []

    def _gate_appeal(self):
        if self.complainant_response == "rejected" and self.appeal_level < 2:
            return [self.env._("a level-2 review of the rejected decision (Appeal)")]
        return []

    # ``_gate_corrective_action`` lives with the corrective actions
    # (complaint_complaint_corrective.py).
