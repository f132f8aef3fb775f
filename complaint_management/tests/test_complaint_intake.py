# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .common import ComplaintProcessCommon


@tagged("post_install", "-at_install")
class TestComplaintIntake(ComplaintProcessCommon):
    """Receipt and acknowledgement (R01, R05, R20, R29), in
    models/complaint_complaint_intake.py."""

    def test_receipt_staff_entered_starts_new(self):
        """R23, R29: a complaint entered by staff gets a reference and waits in new."""
        complaint = self._new()
        self.assertEqual(complaint.state, "new")
        self.assertTrue(complaint.name.startswith("CMP/"))
        self.assertFalse(complaint.date_acknowledged)
        self.assertEqual(complaint.received_by_id, self.user_a)
        self.assertEqual(complaint.team_id, self.team_a)

    def test_ack_external_channel_sends_mail(self):
        """R05: web/portal/e-mail complaints are acknowledged at once: a mail.mail is
        queued with the reference in its body, date_acknowledged is set and the
        complaint stands in an acknowledged stage."""
        for channel in ("email", "web", "portal"):
            complaint = self._new(channel=channel)
            self.assertEqual(complaint.state, "acknowledged", channel)
            self.assertTrue(complaint.date_acknowledged)
            self.assertEqual(
                complaint.ack_method, "portal" if channel == "portal" else "email"
            )
            mails = self.env["mail.mail"].search(
                [("model", "=", complaint._name), ("res_id", "=", complaint.id)]
            )
            self.assertEqual(len(mails), 1, channel)
            self.assertIn(complaint.name, str(mails.body_html))
            self.assertIn(complaint.name, mails.subject)
            self.assertEqual(mails.recipient_ids, self.customer)
            self.assertEqual(mails.state, "outgoing")

    def test_ack_manual_button(self):
        """R29: the Acknowledge button records the method (from the channel) and the
        user who acknowledged."""
        complaint = self._new(channel="phone")
        complaint.action_acknowledge()
        self.assertEqual(complaint.state, "acknowledged")
        self.assertEqual(complaint.ack_method, "phone")
        self.assertEqual(complaint.ack_user_id, self.user_a)
        self.assertTrue(complaint.date_acknowledged)
        self.assertFalse(
            self.env["mail.mail"].search(
                [("model", "=", complaint._name), ("res_id", "=", complaint.id)]
            ),
            "a manual acknowledgement sends no automatic mail",
        )

    def test_ack_manual_kanban_drag(self):
        """R29: a kanban drag is a plain write of stage_id and records the same."""
        complaint = self._new(channel="in_person")
        complaint.write({"stage_id": self.stages["acknowledged"].id})
        self.assertEqual(complaint.state, "acknowledged")
        self.assertEqual(complaint.ack_method, "in_person")
        self.assertEqual(complaint.ack_user_id, self.user_a)
        self.assertTrue(complaint.date_acknowledged)

    def test_significant_notifies_managers(self):
        """R20: a significant complaint (critical or safety) gives the complaints
        managers an activity, at creation and when the assessment makes it so."""
        complaint = self._new(safety_flag=True)
        self.assertTrue(complaint.is_significant)
        activities = complaint.activity_ids.filtered(
            lambda a: a.user_id == self.manager
        )
        self.assertEqual(len(activities), 1)
        self.assertIn(complaint.name, str(activities.note))
        self.assertFalse(
            complaint.activity_ids.filtered(lambda a: a.user_id == self.manager_b),
            "a manager of another company is not notified",
        )
        # significant only once assessed as critical
        later = self._walk_to(self._new(), "acknowledged")
        self.assertFalse(later.activity_ids)
        later.write(self._assessment_vals(severity="critical"))
        self.assertEqual(
            len(later.activity_ids.filtered(lambda a: a.user_id == self.manager)), 1
        )
        later.write({"safety_flag": True})
        self.assertEqual(
            len(later.activity_ids.filtered(lambda a: a.user_id == self.manager)),
            1,
            "no second notification for a complaint already significant",
        )

    def test_gateway_long_mail_kept_as_text(self):
        """An e-mail whose styled body exceeds the description limit still opens a
        complaint: the description keeps its text, cut to the company's limit."""
        self.company.complaint_description_max_chars = 5000
        body = '<p style="color: red">%s</p>' % ("word " * 2000)
        complaint = self.Complaint.message_new(
            {
                "subject": "Long mail",
                "body": body,
                "author_id": self.customer.id,
                "email_from": self.customer.email,
            },
            custom_values={"team_id": self.team_a.id},
        )
        self.assertEqual(complaint.channel, "email")
        self.assertIn("word word", complaint.description)
        self.assertNotIn("color: red", complaint.description)
        self.assertLessEqual(len(complaint.description), 5000 + 100)
