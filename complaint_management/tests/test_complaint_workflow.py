# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import ComplaintProcessCommon


@tagged("post_install", "-at_install")
class TestComplaintWorkflow(ComplaintProcessCommon):
    """The complaint lifecycle of ISO 10002 clause 7, walked by real users."""

    # --- receipt and acknowledgement ----------------------------------------------
    # --- assessment ---------------------------------------------------------------
    # --- investigation and objectivity --------------------------------------------
    def test_investigation_depth_low_severity(self):
        """R32: for a low-severity complaint, findings suffice for a decision."""
        complaint = self._walk_to(self._new(), "investigation")
        self.assertTrue(complaint.date_investigation)
        complaint.write(self._decision_vals())
        with self.assertRaises(ValidationError) as error:
            complaint.action_decide()
        self.assertIn("an investigation with findings", str(error.exception))
        self._assert_unchanged(complaint, "investigation")
        self._add_investigation(complaint)
        complaint.action_decide()
        self.assertEqual(complaint.state, "decision")
        self.assertTrue(complaint.date_decision)

    def test_investigation_depth_high_severity(self):
        """R32: high severity also needs a root cause and a reviewer."""
        complaint = self._new()
        complaint.action_acknowledge()
        complaint.write(self._assessment_vals(severity="high"))
        complaint.action_assess()
        complaint.action_start_investigation()
        investigation = self._add_investigation(complaint)
        complaint.write(self._decision_vals())
        with self.assertRaises(ValidationError) as error:
            complaint.action_decide()
        self.assertIn("root cause", str(error.exception))
        self._assert_unchanged(complaint, "investigation")
        root_cause = self.env["complaint.root.cause"].search([], limit=1)
        investigation.write(
            {"root_cause_id": root_cause.id, "reviewed_by_id": self.user_a2.id}
        )
        complaint.action_decide()
        self.assertEqual(complaint.state, "decision")

    def test_objectivity_subject_never_handles(self):
        """R06: the person complained about is never owner, investigator, reviewer
        or approver of the complaint."""
        complaint = self._walk_to(self._new(), "investigation")
        # the persons complained about are named by a manager (the handler cannot
        # see them)
        complaint.with_user(self.manager).write(
            {"subject_user_ids": [(4, self.user_a2.id)]}
        )
        with self.assertRaises(ValidationError):
            complaint.write({"user_id": self.user_a2.id})
        self._assert_unchanged(complaint, "investigation", user_id=self.user_a)
        Investigation = self.env_a["complaint.investigation"]
        with self.assertRaises(ValidationError):
            Investigation.create(
                {
                    "name": "Self-investigation",
                    "complaint_id": complaint.id,
                    "investigator_id": self.user_a2.id,
                }
            )
        investigation = self._add_investigation(complaint)
        with self.assertRaises(ValidationError):
            investigation.write({"reviewed_by_id": self.user_a2.id})
        # the subject cannot be added once they are the owner either
        owned = self._walk_to(self._new(), "assessed")
        with self.assertRaises(ValidationError):
            owned.with_user(self.manager).write(
                {"subject_user_ids": [(4, self.user_a.id)]}
            )
        # nor approve a remedy
        complaint.with_user(self.manager).write(
            {"subject_user_ids": [(4, self.manager.id)]}
        )
        remedy = self.env_a["complaint.remedy"].create(
            {
                "complaint_id": complaint.id,
                "remedy_type": "compensation",
                "amount": 900.0,
            }
        )
        self.assertEqual(remedy.state, "to_approve")
        with self.assertRaises(ValidationError):
            remedy.with_user(self.manager).action_approve()
        self.assertEqual(remedy.state, "to_approve")

    def test_subject_informed_before_decision(self):
        """R33: with persons complained about, the decision needs the date they were
        informed and heard."""
        complaint = self._walk_to(self._new(), "investigation")
        complaint.with_user(self.manager).write(
            {"subject_user_ids": [(4, self.user_b.id)]}
        )
        # the investigator records the account of the person complained about
        self._add_investigation(
            complaint, subject_account=Markup("<p>I followed the procedure.</p>")
        )
        complaint.write(self._decision_vals())
        with self.assertRaises(ValidationError) as error:
            complaint.action_decide()
        self.assertIn("Subject Informed On", str(error.exception))
        self._assert_unchanged(complaint, "investigation")
        complaint.write({"subject_informed_at": fields.Datetime.now()})
        complaint.action_decide()
        self.assertEqual(complaint.state, "decision")

    # --- decision, communication, closing ------------------------------------------
    def test_send_decision_records_communication(self):
        """R35: sending the decision through the composer records date, channel and
        sender and moves the complaint to communicated."""
        complaint = self._walk_to(self._new(), "decision")
        action = complaint.action_send_decision()
        self.assertEqual(action["res_model"], "mail.compose.message")
        composer = Form(
            self.env_a["mail.compose.message"].with_context(**action["context"])
        )
        self.assertIn(complaint.name, composer.subject)
        composer.save().action_send_mail()
        self.assertEqual(complaint.state, "communicated")
        self.assertTrue(complaint.date_communicated)
        self.assertEqual(complaint.communication_channel, "email")
        self.assertEqual(complaint.communicated_by_id, self.user_a)
        message = complaint.message_ids.filtered(
            lambda m: m.message_type == "comment"
            and complaint.name in (m.subject or "")
        )
        self.assertEqual(len(message), 1)
        # the decision letter goes with the message (HTML in test mode, else PDF)
        self.assertEqual(len(message.attachment_ids), 1)
        self.assertTrue(
            message.attachment_ids.name.startswith(
                f"Decision - {complaint.name.replace('/', '-')}."
            )
        )

    def test_send_decision_refused_when_incomplete(self):
        """R34, R35: the decision cannot be sent before it is complete."""
        complaint = self._walk_to(self._new(), "investigation")
        with self.assertRaises(UserError) as error:
            complaint.action_send_decision()
        self.assertIn("Outcome", str(error.exception))

    def test_close_needs_complainant_response(self):
        """R11, R37: closing records the complainant's response; without it, no
        close, by the button or by a drag."""
        complaint = self._walk_to(self._new(), "communicated")
        with self.assertRaises(ValidationError) as error:
            complaint.action_close()
        self.assertIn("Complainant Response", str(error.exception))
        self._assert_unchanged(complaint, "communicated", date_closed=False)
        # the same gate for a kanban drag
        with self.assertRaises(ValidationError) as error:
            complaint.write({"stage_id": self.stages["closed"].id})
        self.assertIn("Complainant Response", str(error.exception))
        self._assert_unchanged(complaint, "communicated", date_closed=False)
        complaint.action_response_accepted()
        complaint.action_close()
        self.assertEqual(complaint.state, "closed")
        self.assertEqual(complaint.close_reason, "resolved")
        self.assertTrue(complaint.date_closed)
        self.assertTrue(complaint.date_response)

    def test_close_no_reply(self):
        """R37: 'no reply' closes with the reason no_response."""
        complaint = self._walk_to(self._new(), "communicated")
        complaint.action_response_no_reply()
        complaint.action_close()
        self.assertEqual(complaint.state, "closed")
        self.assertEqual(complaint.close_reason, "no_response")

    def test_rejection_appeal_level_two(self):
        """R37, R39: a rejected decision cannot close at level 1; the appeal wizard
        hands it to a different reviewer at level 2."""
        complaint = self._walk_to(self._new(), "communicated")
        # a process field (const.PROCESS_FIELDS): set as the superuser here
        complaint.sudo().write({"complainant_response": "rejected"})
        with self.assertRaises(ValidationError) as error:
            complaint.action_close()
        self.assertIn("level-2", str(error.exception))
        self._assert_unchanged(complaint, "communicated")
        action = complaint.action_open_appeal_wizard()
        wizard_form = Form(
            self.env_a[action["res_model"]].with_context(**action["context"])
        )
        wizard_form.reviewer_id = self.user_a
        wizard_form.reason = "The refund does not cover the delivery."
        with self.assertRaises(UserError):
            wizard_form.save().action_appeal()
        self._assert_unchanged(complaint, "communicated", appeal_level=1)
        wizard_form = Form(
            self.env_a[action["res_model"]].with_context(**action["context"])
        )
        wizard_form.reviewer_id = self.user_a2
        wizard_form.save().action_appeal()
        self.assertEqual(complaint.appeal_level, 2)
        self.assertEqual(complaint.user_id, self.user_a2)
        self.assertEqual(complaint.first_level_user_id, self.user_a)
        self.assertEqual(complaint.state, "investigation")
        with self.assertRaises(ValidationError):
            complaint.write({"user_id": self.user_a.id})
        # level 2 runs the process again and can close
        complaint.write(
            {"decision_reason": Markup("<p>Reviewed: delivery refunded too.</p>")}
        )
        complaint.action_decide()
        complaint._mark_communicated("letter")
        self.assertFalse(
            complaint.complainant_response,
            "the level-2 decision waits for its own response",
        )
        with self.assertRaises(ValidationError):
            complaint.action_close()
        complaint.action_response_accepted()
        complaint.action_close()
        self.assertEqual(complaint.state, "closed")
        self.assertEqual(complaint.complainant_response, "accepted")

    def test_reopen_needs_reason_and_counts(self):
        """Reopening needs a reason, goes back through the wizard and counts (the
        re-planned deadlines of R38 are asserted by their own test)."""
        complaint = self._walk_to(self._new(), "closed")
        with self.assertRaises(UserError):
            complaint.write({"stage_id": self.stages["investigation"].id})
        self._assert_unchanged(complaint, "closed", reopen_count=0)
        Wizard = self.env_a["complaint.complaint.reopen"]
        wizard = Wizard.create(
            {"complaint_ids": [(6, 0, complaint.ids)], "reason": " "}
        )
        with self.assertRaises(UserError):
            wizard.action_reopen()
        self._assert_unchanged(complaint, "closed", reopen_count=0)
        action = complaint.action_open_reopen_wizard()
        wizard_form = Form(Wizard.with_context(**action["context"]))
        wizard_form.reason = "The replacement broke too."
        wizard_form.save().action_reopen()
        self.assertEqual(complaint.state, "investigation")
        self.assertEqual(complaint.reopen_count, 1)
        self.assertFalse(complaint.date_closed)
        self.assertFalse(complaint.complainant_response)
        self.assertTrue(
            complaint.message_ids.filtered(
                lambda m: "The replacement broke too." in str(m.body)
            )
        )
        complaint._mark_communicated("phone")
        complaint.action_response_accepted()
        complaint.action_close()
        wizard_form = Form(Wizard.with_context(default_complaint_ids=complaint.ids))
        wizard_form.reason = "Again."
        wizard_form.save().action_reopen()
        self.assertEqual(complaint.reopen_count, 2)

    def test_cancel_keeps_record(self):
        """Cancelling keeps the complaint in the register with its close date."""
        complaint = self._walk_to(self._new(), "cancelled")
        self.assertEqual(complaint.state, "cancelled")
        self.assertTrue(complaint.date_closed)
        self.assertTrue(complaint.exists())

    # --- integrity ------------------------------------------------------------------
    def test_tracking_values(self):
        """R10: stage, owner, severity and outcome changes are tracked."""
        complaint = self._new().with_context(mail_notrack=False)
        # changes in the transaction that creates a record are not tracked: the
        # creation is the record's first message; commit-time hooks run here
        self.env.flush_all()
        self.env.cr.flush()
        complaint.action_acknowledge()
        complaint.write(self._assessment_vals())
        complaint.action_assess()
        complaint.write({"severity": "medium", "user_id": self.user_a2.id})
        complaint.action_start_investigation()
        self._add_investigation(complaint)
        complaint.write(self._decision_vals())
        complaint.action_decide()
        complaint.write({"outcome": "partially_upheld"})
        self.env.flush_all()
        self.env.cr.flush()
        # tracking values are readable by administrators only
        messages = complaint.sudo().message_ids
        tracked = messages.tracking_value_ids.field_id.mapped("name")
        for field_name in ("stage_id", "user_id", "severity", "outcome"):
            self.assertIn(field_name, tracked)

    def test_nobody_unlinks(self):
        """R10: no group may delete a complaint, not even the administrator."""
        complaint = self._new()
        for user in (self.user_a, self.manager):
            with self.assertRaises(AccessError):
                complaint.with_user(user).unlink()
        with self.assertRaises(UserError):
            complaint.sudo().unlink()
        self.assertTrue(complaint.exists())

    def test_reference_immutable_and_unique(self):
        """R23: references are distinct, from the company's sequence, not writable."""
        first, second = self.env_a["complaint.complaint"].create(
            [self._complaint_vals(), self._complaint_vals(subject="Kettle leaks")]
        )
        self.assertNotEqual(first.name, second.name)
        for env in (self.env_a, self.env_manager):
            with self.assertRaises(UserError):
                first.with_env(env).write({"name": "CMP/HACKED"})
        self._assert_unchanged(first, "new", name=first.name)
        self.assertNotEqual(first.name, "CMP/HACKED")

    # --- the documents complaints hang off ------------------------------------------
    def test_smart_button_counts(self):
        """complaint_count on orders, product templates, partners, invoices."""
        self._new()
        self._new(subject="Second")
        self._new(
            subject="Unrelated",
            partner_id=self.other_customer.id,
            sale_order_id=False,
            sale_line_id=False,
            invoice_id=False,
            product_id=self.product_2.id,
        )
        env = self.env_manager
        self.assertEqual(self.order.with_env(env).complaint_count, 2)
        self.assertEqual(self.invoice.with_env(env).complaint_count, 2)
        self.assertEqual(self.product.product_tmpl_id.with_env(env).complaint_count, 2)
        self.assertEqual(
            self.product_2.product_tmpl_id.with_env(env).complaint_count, 1
        )
        self.assertEqual(self.customer.with_env(env).complaint_count, 2)
        self.assertEqual(self.customer_contact.with_env(env).complaint_count, 2)
        self.assertEqual(self.other_customer.with_env(env).complaint_count, 1)
        action = self.order.with_env(env).action_view_complaints()
        self.assertEqual(env["complaint.complaint"].search_count(action["domain"]), 2)

    def test_log_complaint_from_order(self):
        """R24: "Log Complaint" on an order opens a form prefilled with the partner
        and the order; the chosen line gives the product."""
        action = self.order.with_env(self.env_a).action_log_complaint()
        self.assertEqual(action["res_model"], "complaint.complaint")
        self.assertEqual(action["view_mode"], "form")
        form = Form(self.env_a["complaint.complaint"].with_context(**action["context"]))
        self.assertEqual(form.partner_id, self.customer)
        self.assertEqual(form.sale_order_id, self.order)
        self.assertEqual(form.channel, "phone")
        self.assertEqual(form.company_id, self.company)
        offered = self.env_a["sale.order.line"].search(
            [("order_id", "=", self.order.id), ("display_type", "=", False)]
        )
        self.assertEqual(offered, self.order.order_line)
        form.sale_line_id = self.line_2
        self.assertEqual(form.product_id, self.product_2)
        form.subject = "Kettle lid missing"
        complaint = form.save()
        self.assertEqual(complaint.state, "new")
        self.assertEqual(complaint.sale_line_id, self.line_2)
        self.assertEqual(complaint.invoice_id, self.invoice)

    def test_log_complaint_from_invoice_product_partner(self):
        """R24: the other "Log Complaint" actions prefill their document."""
        env = self.env_a
        action = self.invoice.with_env(env).action_log_complaint()
        form = Form(env["complaint.complaint"].with_context(**action["context"]))
        self.assertEqual(form.invoice_id, self.invoice)
        self.assertEqual(form.partner_id, self.customer)
        self.assertEqual(form.sale_order_id, self.order)
        action = self.product.product_tmpl_id.with_env(env).action_log_complaint()
        form = Form(env["complaint.complaint"].with_context(**action["context"]))
        self.assertEqual(form.product_id, self.product)
        action = self.customer_contact.with_env(env).action_log_complaint()
        form = Form(env["complaint.complaint"].with_context(**action["context"]))
        self.assertEqual(form.partner_id, self.customer_contact)
        form.subject = "Rude driver"
        self.assertEqual(form.save().commercial_partner_id, self.customer)


@tagged("post_install", "-at_install")
class TestComplaintProcessFields(ComplaintProcessCommon):
    """R10: the process fields (const.PROCESS_FIELDS) are set by the process only:
    a handler writing or creating them is refused, naming them, and nothing is
    written; context defaults are ignored; the buttons still move the complaint."""

    def _values(self):
        now = fields.Datetime.now()
        return {
            "state": "closed",
            "date_acknowledged": now,
            "date_closed": now,
            "date_communicated": now,
            "complainant_response": "accepted",
            "escalation_level": 0,
            "sla_status": "on_track",
            "response_deadline": now,
            "sla_extended_until": now,
            "sla_paused_hours": 100.0,
            "appeal_level": 2,
            "first_level_user_id": self.user_a2.id,
            "reopen_count": 0,
            "extension_count": 0,
            "merged_into_id": self.complaint_other.id,
            "access_token": "guessable",
        }

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.complaint_other = cls._create_complaint()

    def test_write_refused(self):
        complaint = self._new()
        snapshot = complaint.read(list(self._values()))[0]
        for name, value in self._values().items():
            with self.subTest(field=name), self.assertRaises(UserError) as error:
                complaint.write({name: value})
            label = complaint._fields[name]._description_string(complaint.env)
            self.assertIn(label, str(error.exception))
            self.assertIn("not by hand", str(error.exception))
        complaint.invalidate_recordset()
        self.assertEqual(complaint.read(list(self._values()))[0], snapshot)

    def test_context_cannot_lift_the_guard(self):
        complaint = self._new().with_context(
            complaint_process_write=True, tracking_disable=True, install_mode=True
        )
        with self.assertRaises(UserError):
            complaint.write({"date_closed": fields.Datetime.now()})
        self.assertFalse(complaint.date_closed)

    def test_create_refused(self):
        Complaint = self.env_a["complaint.complaint"]
        count = Complaint.search_count([])
        for name, value in self._values().items():
            with self.subTest(field=name), self.assertRaises(UserError):
                self._new(**{name: value})
        self.assertEqual(Complaint.search_count([]), count)
        # context defaults of process fields are ignored
        complaint = self._create_complaint(
            env=self.env_a(
                context=dict(
                    self.env_a.context,
                    default_date_closed="2026-01-01 10:00:00",
                    default_appeal_level=2,
                    default_access_token="guessable",
                )
            )
        )
        self.assertFalse(complaint.date_closed)
        self.assertEqual(complaint.appeal_level, 1)
        self.assertNotEqual(complaint.access_token, "guessable")

    def test_no_jump_new_to_closed(self):
        """Jumping new -> closed in one write with invented gate values is refused:
        the complainant's response is recorded only by the response buttons."""
        complaint = self._new()
        self._add_investigation(complaint)
        with self.assertRaises(UserError) as error:
            complaint.write(
                {
                    **self._assessment_vals(),
                    **self._decision_vals(outcome="withdrawn"),
                    "complainant_response": "accepted",
                    "stage_id": self.stages["closed"].id,
                }
            )
        self.assertIn("Complainant Response", str(error.exception))
        self.assertEqual(complaint.state, "new")
        with self.assertRaises(ValidationError):
            complaint.write(
                {
                    **self._assessment_vals(),
                    **self._decision_vals(outcome="withdrawn"),
                    "stage_id": self.stages["closed"].id,
                }
            )
        self.assertEqual(complaint.state, "new")
        # the response buttons answer a communicated decision only
        with self.assertRaises(UserError):
            complaint.action_response_accepted()
        self.assertFalse(complaint.complainant_response)

    def test_process_still_stamps(self):
        """The process writes its fields as the real user: stamps, acknowledgement,
        communication and closing, with the user in the tracking."""
        complaint = self._new().with_context(mail_notrack=False)
        self.env.flush_all()
        self.env.cr.flush()
        self._walk_to(complaint, "closed")
        self.env.flush_all()
        self.env.cr.flush()
        self.assertEqual(complaint.ack_user_id, self.user_a)
        self.assertEqual(complaint.communicated_by_id, self.user_a)
        for name in ("date_assessed", "date_decision", "date_response", "date_closed"):
            self.assertTrue(complaint[name], name)
        self.assertEqual(complaint.close_reason, "resolved")
        tracked = complaint.sudo().message_ids.filtered("tracking_value_ids")
        self.assertTrue(tracked)
        self.assertEqual(tracked.author_id, self.user_a.partner_id)
