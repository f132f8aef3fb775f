# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from contextlib import contextmanager
from datetime import date, datetime, timedelta

from freezegun import freeze_time
from markupsafe import Markup

from odoo import fields
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import ComplaintCommon


@tagged("post_install", "-at_install")
class TestCorrectiveAction(ComplaintCommon):
    """Corrective actions linked to complaints, their gates and the effectiveness
    review (R16, R50, K10c; ISO 10002 8.7)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env_a = cls.env(user=cls.user_a)
        cls.env_b = cls.env(user=cls.user_b)
        cls.Action = cls.env["complaint.corrective.action"]
        cls.root_cause = cls.env["complaint.root.cause"].create(
            {"name": "Weak packaging", "code": "TST-PACK"}
        )
        cls.category_capa = cls.env["complaint.category"].create(
            {
                "name": "Needs CAPA",
                "requires_corrective_action": True,
                "corrective_action_outcomes": "upheld_partially",
            }
        )
        cls.stage_by_state = {}
        for stage in cls.env["complaint.corrective.action.stage"].search(
            [], order="sequence, id"
        ):
            cls.stage_by_state.setdefault(stage.state, stage)
        cls.review_cron = cls.env.ref(
            "complaint_management.ir_cron_complaint_corrective_action_review"
        )

    def _action(self, env=None, **values):
        vals = {
            "title": "Double-box the blenders",
            "user_id": self.user_a.id,
            "date_deadline": date.today() + timedelta(days=10),
            "root_cause_id": self.root_cause.id,
            "product_id": self.product.id,
        }
        vals.update(values)
        return (env or self.env)["complaint.corrective.action"].create(vals)

    @contextmanager
    def assertGate(self, exception, pattern):
        """The gate raises ``exception`` with a message matching ``pattern``; the
        savepoint of ``assertRaises`` rolls back what was written."""
        with self.assertRaises(exception) as catcher:
            yield catcher
        self.assertRegex(str(catcher.exception), pattern)

    def _effective_vals(self):
        return {
            "effectiveness_result": "effective",
            "effectiveness_notes": Markup("<p>No breakage in 200 shipments.</p>"),
        }

    def _activities(self, action):
        return self.env["mail.activity"].search(
            [("res_model", "=", action._name), ("res_id", "=", action.id)]
        )

    # --- link and creation from the complaint --------------------------------------
    def test_create_from_complaint_carries_over(self):
        """R16: one click on the complaint creates an action with product, category
        and root cause (from the investigation); the link shows on both sides."""
        complaint = self._create_complaint(env=self.env_a)
        self._walk_to(complaint, "investigation")
        self._add_investigation(complaint, root_cause_id=self.root_cause.id)
        self.assertEqual(complaint.root_cause_id, self.root_cause)
        result = complaint.action_create_corrective_action()
        action = self.Action.browse(result["res_id"])
        self.assertEqual(action.complaint_ids, complaint)
        self.assertEqual(complaint.corrective_action_ids, action)
        self.assertEqual(complaint.corrective_action_count, 1)
        self.assertEqual(action.product_id, self.product)
        self.assertEqual(action.category_id, self.category)
        self.assertEqual(action.root_cause_id, self.root_cause)
        self.assertEqual(action.source, "complaint")
        self.assertEqual(action.state, "draft")
        self.assertTrue(action.name.startswith("CAPA/"))
        self.assertEqual(
            complaint.action_view_corrective_actions()["domain"],
            [("complaint_ids", "in", complaint.ids)],
        )

    def test_many_complaints_many_actions(self):
        """R16: one relation table serves both sides of the many2many."""
        first, second = (self._create_complaint() for _i in range(2))
        action_1 = self._action(complaint_ids=[(6, 0, [first.id, second.id])])
        action_2 = self._action()
        second.corrective_action_ids = [(4, action_2.id)]
        self.assertEqual(first.corrective_action_ids, action_1)
        self.assertEqual(second.corrective_action_ids, action_1 | action_2)
        self.assertEqual(action_2.complaint_ids, second)

    # --- gates ---------------------------------------------------------------------
    def test_open_needs_owner_and_due_date(self):
        """R50: an action in progress has an owner and a due date."""
        action = self._action(user_id=False, date_deadline=False)
        with self.assertGate(ValidationError, "Owner.*Due Date"):
            action.action_start()
        action.invalidate_recordset()
        self.assertEqual(action.state, "draft")

    def test_done_needs_effectiveness_result(self):
        """R50: closing without a recorded effectiveness check fails, nothing is
        written; with the result and evidence the action is done."""
        action = self._action()
        action.action_start()
        with self.assertGate(ValidationError, "Effectiveness Result"):
            action.write({"stage_id": self.stage_by_state["done"].id})
        action.invalidate_recordset()
        self.assertEqual(action.state, "open")
        self.assertFalse(action.date_done)
        # a result without evidence is not enough
        with self.assertGate(ValidationError, "evidence"):
            action.write(
                {
                    "effectiveness_result": "effective",
                    "stage_id": self.stage_by_state["done"].id,
                }
            )
        action.invalidate_recordset()
        self.assertEqual(action.state, "open")
        self.assertFalse(action.effectiveness_result)
        action.write(self._effective_vals())
        action.action_effective()
        self.assertEqual(action.state, "done")
        self.assertTrue(action.date_done)
        self.assertEqual(action.effectiveness_user_id, self.env.user)

    def test_evidence_attachment_is_enough(self):
        """R50: an evidence file counts as evidence."""
        action = self._action()
        action.action_start()
        attachment = self.env["ir.attachment"].create(
            {"name": "audit.pdf", "raw": b"%PDF-1.4 evidence"}
        )
        action.write({"effectiveness_attachment_ids": [(6, 0, attachment.ids)]})
        action.action_effective()
        self.assertEqual(action.state, "done")

    def test_corrective_done_needs_root_cause(self):
        """R50: a corrective action names its root cause before it is done; an
        improvement need not."""
        action = self._action(root_cause_id=False)
        action.action_start()
        action.write(self._effective_vals())
        with self.assertGate(ValidationError, "Root Cause"):
            action.action_effective()
        action.invalidate_recordset()
        self.assertEqual(action.state, "open")
        improvement = self._action(root_cause_id=False, kind="improvement")
        improvement.action_start()
        improvement.write(self._effective_vals())
        improvement.action_effective()
        self.assertEqual(improvement.state, "done")

    def test_not_effective_goes_back_with_new_check_date(self):
        """R50: "not effective" cannot be done; the action goes back in progress with
        a new check date, and the owner will be reminded again."""
        action = self._action(effectiveness_date=date.today())
        action.action_start()
        action.write(
            {
                "effectiveness_result": "not_effective",
                "effectiveness_notes": Markup("<p>Still broken.</p>"),
            }
        )
        with self.assertGate(ValidationError, "not effective"):
            action.write({"stage_id": self.stage_by_state["done"].id})
        action.invalidate_recordset()
        self.assertEqual(action.state, "open")
        action.effectiveness_reminded = True
        new_date = date.today() + timedelta(days=45)
        action.action_not_effective(check_date=new_date)
        self.assertEqual(action.state, "open")
        self.assertEqual(action.effectiveness_result, "not_effective")
        self.assertEqual(action.effectiveness_date, new_date)
        self.assertFalse(action.effectiveness_reminded)
        # from done too: a later check finds it did not hold
        action.write(self._effective_vals())
        action.action_effective()
        action.action_not_effective()
        self.assertEqual(action.state, "open")
        self.assertFalse(action.date_done)
        # the re-check is planned from the user's own day, not the server's (UTC)
        self.assertEqual(
            action.effectiveness_date,
            fields.Date.context_today(action) + timedelta(days=30),
        )

    def test_complaint_close_needs_action_when_category_asks(self):
        """R16, R50: an upheld complaint of a category requiring a corrective action
        cannot close without one; nothing is written. Once linked, it closes, and
        the open action outlives the closed complaint (R37)."""
        complaint = self._create_complaint(env=self.env_a)
        self._walk_to(complaint, "communicated")
        complaint.write({"category_id": self.category_capa.id})
        complaint.action_response_accepted()
        with self.assertGate(ValidationError, "corrective action"):
            complaint.action_close()
        complaint.invalidate_recordset()
        self.assertEqual(complaint.state, "communicated")
        self.assertFalse(complaint.date_closed)
        # a cancelled action does not count
        cancelled = self._action(complaint_ids=[(6, 0, complaint.ids)])
        cancelled.action_cancel()
        with self.assertGate(ValidationError, "corrective action"):
            complaint.action_close()
        complaint.action_create_corrective_action()
        complaint.action_close()
        self.assertEqual(complaint.state, "closed")
        action = complaint.corrective_action_ids - cancelled
        self.assertEqual(action.state, "draft")
        with self.assertGate(ValidationError, "Missing: a corrective action"):
            complaint.write({"corrective_action_ids": [(3, action.id)]})
        complaint.invalidate_recordset()
        self.assertIn(action, complaint.corrective_action_ids)
        action.date_deadline = date.today() + timedelta(days=20)
        action.action_start()
        self.assertEqual(action.state, "open")

    def test_complaint_close_other_outcomes_need_no_action(self):
        """R16: outcomes the category does not name need no action."""
        self.category_capa.corrective_action_outcomes = "upheld"
        complaint = self._create_complaint(env=self.env_a)
        self._walk_to(complaint, "communicated")
        complaint.write(
            {"category_id": self.category_capa.id, "outcome": "partially_upheld"}
        )
        complaint.action_response_accepted()
        complaint.action_close()
        self.assertEqual(complaint.state, "closed")

    # --- scheduled effectiveness review -------------------------------------------
    def test_review_reminds_owner_once(self):
        """R50: when the check date arrives the owner gets one activity, however
        often the job runs; a new check date brings a new one."""
        action = self._action(effectiveness_date=date.today() + timedelta(days=3))
        action.action_start()
        self.review_cron.method_direct_trigger()
        self.assertFalse(self._activities(action))
        with freeze_time(datetime.now() + timedelta(days=3)):
            self.review_cron.method_direct_trigger()
            self.review_cron.method_direct_trigger()
        activities = self._activities(action)
        self.assertEqual(len(activities), 1)
        self.assertEqual(activities.user_id, self.user_a)
        self.assertTrue(action.effectiveness_reminded)
        action.action_not_effective(check_date=date.today())
        self.review_cron.method_direct_trigger()
        self.review_cron.method_direct_trigger()
        self.assertEqual(len(self._activities(action)), 2)

    def test_recurrence_test_after_done(self):
        """K10c: complaints about the same problem (all of the product, category and
        root cause the action names) received after it was done are counted and the
        verdict recorded; the job run twice records the same."""
        start = datetime(2026, 3, 2, 9, 0)
        with freeze_time(start):
            action = self._action(category_id=False)
            quiet = self._action(
                product_id=self.product_2.id, root_cause_id=False, kind="improvement"
            )
            (action | quiet).action_start()
            (action | quiet).write(self._effective_vals())
            (action | quiet).action_effective()
        with freeze_time(start + timedelta(days=5)):
            recurred = self._create_complaint(product_id=self.product.id)
            self._add_investigation(recurred, root_cause_id=self.root_cause.id)
            # same product, cause not (yet) known: not the same problem
            self._create_complaint(product_id=self.product.id)
            self.review_cron.method_direct_trigger()
            self.review_cron.method_direct_trigger()
        self.assertEqual(action.recurrence_count, 1)
        self.assertEqual(action.recurrence_verdict, "recurred")
        self.assertEqual(quiet.recurrence_count, 0)
        self.assertEqual(quiet.recurrence_verdict, "none")
        notes = action.message_ids.filtered(lambda m: "came back" in (m.body or ""))
        self.assertEqual(len(notes), 1)

    # --- security --------------------------------------------------------------------
    def test_user_sees_actions_of_own_team_complaints(self):
        """Corrective actions follow the complaint rules: users see their own and
        those linked to their team's complaints, not the others."""
        complaint = self._create_complaint(env=self.env_a)
        action = self._action(
            user_id=self.manager.id, complaint_ids=[(6, 0, complaint.ids)]
        )
        other = self._action(user_id=self.manager.id)
        visible_a = self.env_a["complaint.corrective.action"].search(
            [("id", "in", (action | other).ids)]
        )
        self.assertEqual(visible_a, action)
        self.assertFalse(
            self.env_b["complaint.corrective.action"].search(
                [("id", "in", (action | other).ids)]
            )
        )
        with self.assertRaises(AccessError):
            other.with_user(self.user_b).write({"title": "Hijacked"})
        mine = self._action(env=self.env_b, user_id=self.user_b.id)
        self.assertEqual(mine.user_id, self.user_b)

    def test_company_isolation(self):
        """R07: a corrective action of one company is invisible in another (STYLE
        rule 10)."""
        action = self._action(user_id=self.manager.id)
        env_b = self.env(user=self.manager_b)
        self.assertFalse(
            env_b["complaint.corrective.action"].search([("id", "=", action.id)])
        )
        self.assertEqual(
            self.env(user=self.manager)["complaint.corrective.action"].search(
                [("id", "=", action.id)]
            ),
            action,
        )
