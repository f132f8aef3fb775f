# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime

from freezegun import freeze_time
from markupsafe import Markup

from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged

from .common import ComplaintProcessCommon


@tagged("post_install", "-at_install")
class TestComplaintClosing(ComplaintProcessCommon):
    """Communication, cancellation, reopening, the level-2 review and the external
    referral (R11, R35, R37-R40), as a handler does them."""

    # --- R35: the decision is communicated by sending it --------------------------
    def test_drag_to_communicated_refused(self):
        """R35: a drag (plain write of the stage) to "Decision communicated" with no
        message sent and no channel is refused."""
        complaint = self._walk_to(self._new(), "decision")
        with self.assertRaises(ValidationError) as caught:
            complaint.write({"stage_id": self.stages["communicated"].id})
        self.assertIn("Decision Sent By Means Of", str(caught.exception))
        self._assert_unchanged(complaint, "decision", date_communicated=False)

    def test_message_post_with_context_key_does_not_communicate(self):
        """R35: no context key of a posted message moves the complaint."""
        complaint = self._walk_to(self._new(), "decision")
        complaint.with_context(complaint_mark_communicated=True).message_post(
            body="Here is our decision", message_type="comment"
        )
        self._assert_unchanged(complaint, "decision", date_communicated=False)

    def test_send_decision_composer_communicates(self):
        """R35: Send Decision opens the composer with the decision letter; sending it
        records the date, the channel and the sender, and moves the complaint."""
        complaint = self._walk_to(self._new(), "decision")
        action = complaint.action_send_decision()
        self.assertNotIn("complaint_mark_communicated", action["context"])
        composer = Form(
            self.env_a[action["res_model"]].with_context(**action["context"])
        ).save()
        composer.action_send_mail()
        self.assertEqual(complaint.state, "communicated")
        self.assertEqual(complaint.communication_channel, "email")
        self.assertEqual(complaint.communicated_by_id, self.user_a)
        self.assertTrue(complaint.date_communicated)

    def test_other_template_does_not_communicate(self):
        """R35: a composer with another template (or none) is a plain message."""
        complaint = self._walk_to(self._new(), "decision")
        composer = (
            self.env_a["mail.compose.message"]
            .with_context(
                default_model=complaint._name,
                default_res_ids=complaint.ids,
                default_composition_mode="comment",
            )
            .create({"body": Markup("<p>Decision attached</p>")})
        )
        composer.action_send_mail()
        self._assert_unchanged(complaint, "decision", date_communicated=False)

    # --- R11, R37, R10: cancelling and archiving ----------------------------------
    def test_cancel_needs_reason_and_tells_complainant(self):
        """R11, R37: Cancel opens a wizard; the reason is required, stored, mailed
        to the complainant and logged."""
        complaint = self._walk_to(self._new(), "assessed")
        action = complaint.action_cancel()
        self.assertEqual(action["res_model"], "complaint.complaint.cancel")
        wizard_model = self.env_a["complaint.complaint.cancel"].with_context(
            **action["context"]
        )
        with self.assertRaises(UserError):
            wizard_model.create({"reason": "   "}).action_cancel()
        self._assert_unchanged(complaint, "assessed")
        wizard_model.create({"reason": "Withdrawn on the phone."}).action_cancel()
        self.assertEqual(complaint.state, "cancelled")
        self.assertEqual(complaint.cancel_reason, "Withdrawn on the phone.")
        mail = self.env["mail.mail"].search(
            [
                ("model", "=", complaint._name),
                ("res_id", "=", complaint.id),
                ("subject", "ilike", "without a decision"),
            ]
        )
        self.assertEqual(mail.recipient_ids, self.customer)
        self.assertIn("Withdrawn on the phone.", str(mail.body_html))
        self.assertIn(
            "Cancellation sent to", " ".join(complaint.message_ids.mapped("body"))
        )

    def test_cancel_unreachable_complainant_logged(self):
        """R37: with no e-mail address, the chatter says to tell them by hand."""
        # a contact of the customer (the order and invoice stay hers), no e-mail
        nomail = self.env["res.partner"].create(
            {"name": "No Mail", "parent_id": self.customer.id}
        )
        complaint = self._new(partner_id=nomail.id)
        complaint._cancel("Out of our scope.")
        self.assertEqual(complaint.state, "cancelled")
        self.assertIn(
            "no e-mail address", " ".join(complaint.message_ids.mapped("body"))
        )

    def test_cancel_by_drag_refused(self):
        """R11: a drag to the cancelled stage without the wizard's reason is
        refused, and the reason cannot be written by hand."""
        complaint = self._new()
        with self.assertRaises(ValidationError):
            complaint.write({"stage_id": self.stages["cancelled"].id})
        with self.assertRaises(UserError):
            complaint.write(
                {"stage_id": self.stages["cancelled"].id, "cancel_reason": "x"}
            )
        self._assert_unchanged(complaint, "new", cancel_reason=False)

    def test_archive_is_not_a_user_action(self):
        """R10: archiving hides a complaint from the board: users cannot."""
        complaint = self._new()
        with self.assertRaises(UserError):
            complaint.write({"active": False})
        with self.assertRaises(UserError):
            self.env_manager["complaint.complaint"].browse(
                complaint.id
            ).action_archive()
        self._assert_unchanged(complaint, "new", active=True)
        self.assertTrue(self.Complaint._fields["active"].readonly)

    # --- R38: reopening re-plans the deadlines -------------------------------------
    def test_reopen_replans_deadlines_and_keeps_closing_date(self):
        """R38: a complaint reopened two months after closing gets response and
        close deadlines from the reopening, is not breached at once, and the
        previous closing date stays in the chatter."""
        with freeze_time("2026-03-02 09:00:00"):
            complaint = self._walk_to(self._new(), "closed")
            closed_on = complaint.date_closed
            first_response = complaint.response_deadline
            first_close = complaint.close_deadline
        with freeze_time("2026-05-04 09:00:00"):
            wizard = self.env_a["complaint.complaint.reopen"].create(
                {
                    "complaint_ids": [(6, 0, complaint.ids)],
                    "reason": "The replacement broke too.",
                    "stage_id": self.stages["investigation"].id,
                }
            )
            wizard.action_reopen()
            self.assertEqual(complaint.state, "investigation")
            self.assertEqual(complaint.reopen_count, 1)
            self.assertEqual(complaint.date_reopened, datetime(2026, 5, 4, 9, 0))
            self.assertGreater(complaint.response_deadline, datetime(2026, 5, 4, 9))
            self.assertGreater(complaint.response_deadline, first_response)
            self.assertGreater(complaint.close_deadline, first_close)
            self.Complaint._cron_update_sla_status()
            complaint.invalidate_recordset(["sla_status"])
            self.assertNotEqual(complaint.sla_status, "breached")
            self.assertFalse(complaint.date_closed)
            notes = " ".join(complaint.message_ids.mapped("body"))
            self.assertIn("The replacement broke too.", notes)
            self.assertIn(
                self.Complaint._format_datetime_for(self.env_a, closed_on), notes
            )

    def test_reopen_only_through_wizard(self):
        """R38: a write with the old context key cannot leave a closed stage."""
        complaint = self._walk_to(self._new(), "closed")
        with self.assertRaises(UserError):
            complaint.with_context(complaint_reopen_reason="because").write(
                {"stage_id": self.stages["investigation"].id}
            )
        self._assert_unchanged(complaint, "closed", reopen_count=0)

    # --- R37, R39, R40: level-2 review and external referral -----------------------
    def _appeal(self, complaint):
        complaint = self._walk_to(complaint, "communicated")
        self.env_a["complaint.complaint.appeal"].create(
            {
                "complaint_id": complaint.id,
                "reviewer_id": self.user_a2.id,
                "reason": "The credit is too small.",
            }
        ).action_appeal()
        return complaint.with_user(self.user_a2)

    def test_appeal_keeps_first_level_and_acknowledges(self):
        """R39: the level-1 milestones are kept in their own fields, the level-2
        review is acknowledged to the complainant, runs against its own deadline
        and stamps its own milestones."""
        with freeze_time("2026-03-02 09:00:00"):
            complaint = self._walk_to(self._new(), "communicated")
            first_sent = complaint.date_communicated
            first_decided = complaint.date_decision
        with freeze_time("2026-03-20 09:00:00"):
            complaint = self._appeal(complaint)
            self.assertEqual(complaint.appeal_level, 2)
            self.assertEqual(complaint.first_level_date_communicated, first_sent)
            self.assertEqual(complaint.first_level_date_decision, first_decided)
            self.assertEqual(complaint.first_level_outcome, "upheld")
            self.assertFalse(complaint.date_communicated)
            self.assertEqual(complaint.date_appealed, datetime(2026, 3, 20, 9))
            self.assertEqual(
                complaint.date_appeal_acknowledged, datetime(2026, 3, 20, 9)
            )
            self.assertGreater(complaint.response_deadline, datetime(2026, 3, 20, 9))
            ack = self.env["mail.mail"].search(
                [
                    ("model", "=", complaint._name),
                    ("res_id", "=", complaint.id),
                    ("subject", "ilike", "reviewing our decision"),
                ]
            )
            self.assertEqual(ack.recipient_ids, self.customer)
        with freeze_time("2026-03-25 09:00:00"):
            complaint.action_decide()
            complaint._mark_communicated("email")
            self.assertEqual(complaint.date_communicated, datetime(2026, 3, 25, 9))
            self.assertEqual(complaint.first_level_date_communicated, first_sent)

    def test_level2_rejection_not_resolved(self):
        """R37, R40: a rejected level-2 decision offers external recourse and closes
        as not resolved, never as resolved."""
        complaint = self._appeal(self._new())
        complaint.action_decide()
        complaint._mark_communicated("email")
        complaint.action_response_rejected_final()
        recourse = self.env["mail.mail"].search(
            [
                ("model", "=", complaint._name),
                ("res_id", "=", complaint.id),
                ("subject", "ilike", "where to turn next"),
            ]
        )
        self.assertIn("Ombudsman Testland", str(recourse.body_html))
        complaint.action_close()
        self.assertEqual(complaint.state, "closed")
        self.assertEqual(complaint.close_reason, "not_resolved")

    def test_level2_rejection_referred(self):
        """R40: an external referral record (body, date, reference, outcome) closes
        the complaint as referred externally."""
        complaint = self._appeal(self._new())
        complaint.action_decide()
        complaint._mark_communicated("email")
        Referral = self.env(user=self.user_a2)["complaint.external.referral"]
        with self.assertRaises(UserError):
            Referral.create({"complaint_id": complaint.id, "body": "Ombudsman"})
        complaint.action_response_rejected_final()
        referral = Referral.create(
            {
                "complaint_id": complaint.id,
                "body": "Consumer Ombudsman",
                "reference": "OMB-42",
            }
        )
        with self.assertRaises(UserError):
            referral.write({"outcome": "settled"})
        referral.write({"outcome": "settled", "implementation_due": "2026-12-31"})
        complaint.action_close()
        self.assertEqual(complaint.close_reason, "referred")
        self.assertEqual(complaint.external_referral_ids, referral)

    def test_level1_rejection_cannot_close(self):
        """R39: at level 1 the rejection goes to the appeal, not to closing."""
        complaint = self._walk_to(self._new(), "communicated")
        with self.assertRaises(UserError):
            complaint.action_response_rejected_final()
