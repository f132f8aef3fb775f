# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .common import ComplaintProcessCommon


@tagged("post_install", "-at_install")
class TestComplaintIntake(ComplaintProcessCommon):
    """Receipt and acknowledgement (R01, R05, R20, R29), in
    models/complaint_complaint_intake.py."""

    def test_receipt_staff_entered_starts_new(self):
        """R23, R24: a complaint entered by staff gets a reference, records who
        received it, and waits in new, not acknowledged."""
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

    def test_ack_external_without_email_stays_new(self):
        """R05, R29: an external complaint whose complainant has no e-mail address
        is not recorded as acknowledged by e-mail: nothing was sent, it waits in
        new to be acknowledged by hand, which records the real method."""
        # a contact of the customer (the order and invoice stay hers), no e-mail
        nomail = self.env["res.partner"].create(
            {"name": "Nora No-Mail", "parent_id": self.customer.id}
        )
        for channel in ("email", "web"):
            complaint = self._new(channel=channel, partner_id=nomail.id)
            self.assertEqual(complaint.state, "new", channel)
            self.assertFalse(complaint.date_acknowledged)
            self.assertFalse(complaint.ack_method)
            self.assertFalse(
                self.env["mail.mail"].search(
                    [("model", "=", complaint._name), ("res_id", "=", complaint.id)]
                )
            )
        anonymous = self._new(channel="web", partner_id=False)
        self.assertEqual(anonymous.state, "new")
        complaint.action_acknowledge()
        self.assertEqual(complaint.state, "acknowledged")
        self.assertEqual(complaint.ack_method, "letter")

    def test_significant_mailed_to_configured_recipients(self):
        """R20: a significant complaint is e-mailed to the company's configured
        recipients (not only an activity), none of another company; without a
        setting, to the company's complaints managers, all of them."""
        self.manager.partner_id.email = "manager@example.com"
        self.user_a2.partner_id.email = "a2@example.com"
        self.manager_b.partner_id.email = "manager.b@example.com"
        self.company.complaint_significant_user_ids = self.user_a2 | self.manager_b

        def significant_mails(complaint):
            return self.env["mail.mail"].search(
                [
                    ("subject", "ilike", "Significant complaint"),
                    ("body_html", "ilike", complaint.name),
                ]
            )

        complaint = self._new(safety_flag=True)
        mails = significant_mails(complaint)
        self.assertEqual(mails.recipient_ids, self.user_a2.partner_id)
        self.company.complaint_significant_user_ids = False
        other = self._new(severity="critical")
        recipients = significant_mails(other).recipient_ids
        managers = self.Complaint._get_complaint_managers(self.company)
        self.assertIn(self.manager.partner_id, recipients)
        self.assertEqual(recipients, managers.filtered("partner_id.email").partner_id)
        self.assertNotIn(self.manager_b.partner_id, recipients)

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
