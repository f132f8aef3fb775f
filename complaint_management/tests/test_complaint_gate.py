# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from ..const import GATE_FIELDS, STATE_REQUIREMENTS
from .common import ComplaintProcessCommon


@tagged("post_install", "-at_install")
class TestComplaintGate(ComplaintProcessCommon):
    """What each state requires (const.STATE_REQUIREMENTS, models/
    complaint_complaint_gate.py), by write and by drag; every field a gate reads
    re-checks it."""

    def test_assessment_gate(self):
        """R11, R13, R30: leaving acknowledged needs severity, category, complexity,
        impact and an owner, by the button or by a drag; the refusal names them and
        writes nothing."""
        complaint = self._walk_to(self._new(), "acknowledged")
        with self.assertRaises(ValidationError) as error:
            complaint.action_assess()
        message = str(error.exception)
        for label in ("Severity", "Category", "Complexity", "Impact", "Owner"):
            self.assertIn(label, message)
        self.assertIn(complaint.name, message)
        self._assert_unchanged(complaint, "acknowledged", date_assessed=False)
        # the same gate for a kanban drag
        with self.assertRaises(ValidationError):
            complaint.write({"stage_id": self.stages["assessed"].id})
        self._assert_unchanged(complaint, "acknowledged")
        complaint.write(self._assessment_vals())
        complaint.action_assess()
        self.assertEqual(complaint.state, "assessed")
        self.assertTrue(complaint.date_assessed)

    def test_assessment_gate_immediate_action(self):
        """R31: when immediate action is required, what/who/when are required."""
        complaint = self._walk_to(self._new(), "acknowledged")
        complaint.write(self._assessment_vals(immediate_action_required=True))
        with self.assertRaises(ValidationError) as error:
            complaint.action_assess()
        self.assertIn("Immediate Action", str(error.exception))
        self._assert_unchanged(complaint, "acknowledged")
        complaint.write(
            {
                "immediate_action": "Stop shipping batch 42.",
                "immediate_action_user_id": self.user_a.id,
                "immediate_action_date": fields.Datetime.now(),
            }
        )
        complaint.action_assess()
        self.assertEqual(complaint.state, "assessed")

    def test_assessment_out_of_scope_needs_reason(self):
        """R30: an out-of-scope decision needs its reason."""
        complaint = self._walk_to(self._new(), "acknowledged")
        complaint.write(self._assessment_vals(in_scope=False))
        with self.assertRaises(ValidationError) as error:
            complaint.action_assess()
        self.assertIn("Out-of-Scope Reason", str(error.exception))

    def test_owner_cannot_be_removed_after_assessment(self):
        """R13: from assessed onward the complaint always has an owner."""
        complaint = self._walk_to(self._new(), "assessed")
        with self.assertRaises(ValidationError) as error:
            complaint.write({"user_id": False})
        self.assertIn("Owner", str(error.exception))
        self._assert_unchanged(complaint, "assessed", user_id=self.user_a)

    def test_decision_gate(self):
        """R11, R34: the decision needs an outcome and its reasons, by the button or
        by a drag."""
        complaint = self._walk_to(self._new(), "investigation")
        self._add_investigation(complaint)
        with self.assertRaises(ValidationError) as error:
            complaint.action_decide()
        self.assertIn("Outcome", str(error.exception))
        self.assertIn("Reasons for the Decision", str(error.exception))
        self._assert_unchanged(complaint, "investigation", date_decision=False)
        # the same gate for a kanban drag
        with self.assertRaises(ValidationError) as error:
            complaint.write({"stage_id": self.stages["decision"].id})
        self.assertIn("Outcome", str(error.exception))
        self._assert_unchanged(complaint, "investigation", date_decision=False)
        complaint.write({"outcome": "not_upheld", "decision_reason": Markup("<p></p>")})
        with self.assertRaises(ValidationError) as error:
            complaint.action_decide()
        self.assertIn("Reasons for the Decision", str(error.exception))
        self.assertNotIn("Outcome", str(error.exception))
        complaint.write(self._decision_vals(outcome="not_upheld"))
        complaint.action_decide()
        self.assertEqual(complaint.state, "decision")
        self.assertEqual(complaint.outcome, "not_upheld")

    def test_every_required_field_rechecks_the_gate(self):
        """R13, R30: clearing any field a state requires, on a complaint already in
        that state, is refused like reaching the state without it (e.g.
        ``impact=False`` on an assessed complaint)."""
        complaint = self._walk_to(self._new(), "assessed")
        required = [e for e in STATE_REQUIREMENTS["assessed"] if isinstance(e, str)]
        self.assertIn("impact", required)
        for field_name in required:
            self.assertIn(field_name, GATE_FIELDS)
            with self.subTest(field=field_name):
                before = complaint[field_name]
                with self.assertRaises(ValidationError) as error:
                    complaint.write({field_name: False})
                label = complaint._fields[field_name]._description_string(self.env)
                self.assertIn(label, str(error.exception))
                complaint.invalidate_recordset()
                self.assertEqual(complaint[field_name], before)

    def test_rules_recheck_on_the_fields_they_read(self):
        """R31, R32, R34: the fields a rule reads trigger it too: requiring an
        immediate action on an assessed complaint needs its what/who/when; clearing
        the findings of a decided complaint's only investigation is refused."""
        complaint = self._walk_to(self._new(), "assessed")
        with self.assertRaises(ValidationError) as error:
            complaint.write({"immediate_action_required": True})
        self.assertIn("Immediate Action", str(error.exception))
        complaint.write(
            {
                "immediate_action_required": True,
                "immediate_action": "Stop shipping batch 42.",
                "immediate_action_user_id": self.user_a.id,
                "immediate_action_date": fields.Datetime.now(),
            }
        )
        self._walk_to(complaint, "decision")
        investigation = complaint.investigation_ids
        self.assertEqual(len(investigation), 1)
        with self.assertRaises(ValidationError) as error:
            investigation.write({"findings": Markup("<p> </p>")})
        self.assertIn("an investigation with findings", str(error.exception))
        with self.assertRaises(ValidationError):
            complaint.write({"outcome": False})
        complaint.invalidate_recordset()
        self.assertEqual(complaint.state, "decision")
