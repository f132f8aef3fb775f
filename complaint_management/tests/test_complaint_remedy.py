# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import ComplaintCommon


@tagged("post_install", "-at_install")
class TestComplaintRemedy(ComplaintCommon):
    """R34: remedies, their approval above the company threshold, and the real
    documents (credit note, replacement quotation) they create."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env_a = cls.env(user=cls.user_a)
        cls.env_b = cls.env(user=cls.user_b)

    def _complaint_in_investigation(self, env=None, **values):
        complaint = self._create_complaint(env=env or self.env_a, **values)
        return self._walk_to(complaint, "investigation")

    def _remedy(self, complaint, **values):
        vals = {"complaint_id": complaint.id, "remedy_type": "apology"}
        vals.update(values)
        return complaint.env["complaint.remedy"].create(vals)

    def test_remedy_below_threshold_needs_no_approval(self):
        """R34: a remedy within the threshold is not held for approval."""
        complaint = self._complaint_in_investigation()
        remedy = self._remedy(complaint, remedy_type="refund", amount=100.0)
        self.assertEqual(remedy.state, "draft")
        self.assertFalse(complaint.activity_ids)
        self.assertEqual(complaint.remedy_amount, 100.0)

    def test_remedy_above_threshold_needs_manager_approval(self):
        """R34: above the company threshold the remedy waits for a manager: an
        activity is created, the decision is blocked, a user cannot approve and a
        manager can."""
        complaint = self._complaint_in_investigation()
        remedy = self._remedy(complaint, remedy_type="compensation", amount=800.0)
        self.assertEqual(remedy.state, "to_approve")
        activity = complaint.activity_ids
        self.assertEqual(len(activity), 1)
        self.assertTrue(
            activity.user_id.has_group("complaint_management.group_complaint_manager")
        )
        self.assertIn(self.company, activity.user_id.company_ids)
        # the decision waits for the approval
        self._add_investigation(complaint)
        complaint.write(self._decision_vals())
        with self.assertRaises(ValidationError) as error:
            complaint.action_decide()
        self.assertIn("approval of the remedies", str(error.exception))
        self.assertEqual(complaint.state, "investigation")
        # nor can it be executed before
        with self.assertRaises(UserError):
            remedy.action_execute()
        # a complaint user cannot approve
        with self.assertRaises(AccessError):
            remedy.action_approve()
        remedy.invalidate_recordset()
        self.assertEqual(remedy.state, "to_approve")
        # a manager can
        remedy.with_user(self.manager).action_approve()
        self.assertEqual(remedy.state, "approved")
        self.assertEqual(remedy.approved_by_id, self.manager)
        self.assertTrue(remedy.date_approved)
        complaint.action_decide()
        self.assertEqual(complaint.state, "decision")

    def test_raising_an_approved_amount_needs_a_new_approval(self):
        """R34: changing the amount of an approved remedy sends it back."""
        complaint = self._complaint_in_investigation()
        remedy = self._remedy(complaint, remedy_type="compensation", amount=600.0)
        remedy.with_user(self.manager).action_approve()
        remedy.write({"amount": 900.0})
        self.assertEqual(remedy.state, "to_approve")

    def test_refused_remedy(self):
        """R34: a manager can refuse; a user cannot."""
        complaint = self._complaint_in_investigation()
        remedy = self._remedy(complaint, remedy_type="compensation", amount=600.0)
        with self.assertRaises(AccessError):
            remedy.action_refuse()
        remedy.with_user(self.manager).action_refuse()
        self.assertEqual(remedy.state, "refused")
        self.assertEqual(complaint.remedy_amount, 0.0)
        with self.assertRaises(UserError):
            remedy.action_execute()

    def test_negative_amount_refused(self):
        """R34: a remedy amount cannot be negative."""
        complaint = self._complaint_in_investigation()
        with self.assertRaises(ValidationError):
            self._remedy(complaint, remedy_type="refund", amount=-5.0)

    def test_execute_credit_note(self):
        """R34: executing a credit-note remedy creates a real credit note reversing
        the complaint's invoice, for the remedy's amount, and links it. The handler
        has no invoicing rights: without a manager's recorded approval it is
        refused, with it the approval is the authorisation."""
        complaint = self._complaint_in_investigation(
            env=self.env_b, team_id=self.team_b.id
        )
        remedy = self._remedy(complaint, remedy_type="credit_note", amount=100.0)
        moves_before = self.env["account.move"].search_count([])
        with self.assertRaises(AccessError) as error:
            remedy.action_execute()
        self.assertIn("approve", str(error.exception))
        self.assertEqual(remedy.state, "draft")
        self.assertFalse(remedy.sudo().move_id)
        self.assertEqual(self.env["account.move"].search_count([]), moves_before)
        remedy.with_user(self.manager).action_approve()
        self.assertEqual(remedy.approved_by_id, self.manager)
        remedy.action_execute()
        self.assertEqual(remedy.state, "done")
        credit_note = remedy.sudo().move_id
        self.assertTrue(credit_note)
        self.assertEqual(credit_note.move_type, "out_refund")
        self.assertEqual(credit_note.reversed_entry_id, self.invoice)
        self.assertEqual(credit_note.partner_id, self.invoice.partner_id)
        self.assertEqual(credit_note.company_id, self.company)
        self.assertAlmostEqual(credit_note.amount_total, 100.0, places=1)
        self.assertIn(complaint.name, credit_note.ref)

    def test_execute_full_refund(self):
        """R34: a refund without an amount reverses the whole invoice."""
        complaint = self._complaint_in_investigation()
        remedy = self._remedy(complaint, remedy_type="refund")
        remedy.with_user(self.manager).action_approve()
        remedy.action_execute()
        credit_note = remedy.sudo().move_id
        self.assertEqual(credit_note.reversed_entry_id, self.invoice)
        self.assertAlmostEqual(credit_note.amount_total, self.invoice.amount_total)

    def test_execute_credit_note_needs_posted_invoice(self):
        """R34: a credit note needs a posted customer invoice on the complaint."""
        complaint = self._complaint_in_investigation(invoice_id=False)
        remedy = self._remedy(complaint, remedy_type="credit_note", amount=10.0)
        with self.assertRaises(UserError):
            remedy.action_execute()
        self.assertEqual(remedy.state, "draft")

    def test_execute_replacement(self):
        """R34: a replacement creates a quotation from the complained-about order
        line, free of charge, and links it."""
        complaint = self._complaint_in_investigation(
            env=self.env_b, team_id=self.team_b.id
        )
        remedy = self._remedy(complaint, remedy_type="replacement")
        # the handler of team B has no sales rights: a manager approves first
        with self.assertRaises(AccessError):
            remedy.action_execute()
        remedy.with_user(self.manager).action_approve()
        remedy.action_execute()
        self.assertEqual(remedy.state, "done")
        quotation = remedy.sudo().sale_order_id
        self.assertTrue(quotation)
        self.assertEqual(quotation.state, "draft")
        self.assertEqual(quotation.partner_id, self.customer)
        self.assertEqual(quotation.origin, complaint.name)
        self.assertEqual(quotation.order_line.product_id, self.product)
        self.assertEqual(quotation.order_line.product_uom_qty, 2)
        self.assertEqual(quotation.amount_untaxed, 0.0)

    def test_execute_replacement_whole_order(self):
        """R34: without a line, the replacement quotes all the order's lines."""
        complaint = self._complaint_in_investigation(sale_line_id=False)
        remedy = self._remedy(complaint, remedy_type="replacement")
        remedy.action_execute()
        self.assertEqual(
            remedy.sale_order_id.order_line.product_id, self.product | self.product_2
        )

    def test_execute_needs_write_access(self):
        """R07, R34: action_execute's sudo is reached only by who may write the
        complaint."""
        complaint = self._complaint_in_investigation()
        remedy = self._remedy(complaint, remedy_type="refund", amount=10.0)
        with self.assertRaises(AccessError):
            remedy.with_user(self.user_b).action_execute()
        self.assertEqual(remedy.state, "draft")

    def test_remedy_state_set_by_its_actions_only(self):
        """R34: a remedy cannot be created approved, nor written approved, refused,
        done or linked to a document by hand; the refusal names the fields and
        nothing is written."""
        complaint = self._complaint_in_investigation()
        Remedy = self.env_a["complaint.remedy"]
        count = Remedy.search_count([])
        for values in (
            {"state": "approved", "approved_by_id": self.manager.id},
            {"date_approved": "2026-01-01 10:00:00"},
            {"move_id": self.invoice.id},
            {"sale_order_id": self.order.id},
        ):
            with self.subTest(values=values), self.assertRaises(UserError) as error:
                self._remedy(
                    complaint, remedy_type="compensation", amount=800.0, **values
                )
            self.assertIn("not by hand", str(error.exception))
        self.assertEqual(Remedy.search_count([]), count)
        remedy = self._remedy(complaint, remedy_type="compensation", amount=800.0)
        self.assertEqual(remedy.state, "to_approve")
        for values in (
            {"state": "approved"},
            {"approved_by_id": self.manager.id},
            {"state": "done", "move_id": self.invoice.id},
        ):
            with self.subTest(values=values), self.assertRaises(UserError) as error:
                remedy.write(values)
            self.assertIn("not by hand", str(error.exception))
        remedy.invalidate_recordset()
        self.assertEqual(remedy.state, "to_approve")
        self.assertFalse(remedy.approved_by_id)
        with self.assertRaises(UserError):
            remedy.action_execute()

    def test_remedy_context_defaults_ignored(self):
        """R34: a context default (an order's ``default_sale_order_id``, a forged
        ``default_state``) never sets the remedy's state or documents."""
        complaint = self._complaint_in_investigation()
        remedy = (
            self.env_a["complaint.remedy"]
            .with_context(
                default_state="approved",
                default_approved_by_id=self.manager.id,
                default_sale_order_id=self.order.id,
            )
            .create({"complaint_id": complaint.id, "remedy_type": "apology"})
        )
        self.assertEqual(remedy.state, "draft")
        self.assertFalse(remedy.approved_by_id)
        self.assertFalse(remedy.sale_order_id)

    def test_remedy_tracking(self):
        """R10, R34: amount, state, approver and executed document are tracked."""
        complaint = self._complaint_in_investigation().with_context(mail_notrack=False)
        remedy = self._remedy(complaint, remedy_type="refund", amount=600.0)
        remedy2 = self._remedy(complaint, remedy_type="apology", amount=10.0)
        # changes in the creating transaction are not tracked: commit-time hooks
        self.env.flush_all()
        self.env.cr.flush()
        remedy.with_user(self.manager).action_approve()
        remedy.action_execute()
        remedy2.write({"amount": 20.0})
        self.env.flush_all()
        self.env.cr.flush()
        tracked = remedy.sudo().message_ids.tracking_value_ids.field_id.mapped("name")
        for field_name in ("state", "approved_by_id", "move_id"):
            self.assertIn(field_name, tracked)
        self.assertIn(
            "amount",
            remedy2.sudo().message_ids.tracking_value_ids.field_id.mapped("name"),
        )

    def test_executed_remedy_frozen(self):
        """R34: the amount of an executed remedy cannot change afterwards."""
        complaint = self._complaint_in_investigation()
        remedy = self._remedy(complaint, remedy_type="apology", amount=10.0)
        remedy.action_execute()
        self.assertEqual(remedy.state, "done")
        with self.assertRaises(UserError):
            remedy.write({"amount": 5.0})
        self.assertEqual(remedy.amount, 10.0)
