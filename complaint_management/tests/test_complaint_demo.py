# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo.tests import TransactionCase, tagged

from ..const import MILESTONES


@tagged("post_install", "-at_install")
class TestComplaintDemo(TransactionCase):
    """The demo complaints, walked through the process at install, read like real
    work: each complaint's history runs from its receipt, not from the install."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.demo = cls.env["complaint.complaint"].browse(
            [
                cls.env.ref(f"complaint_management.complaint_demo_c{n}").id
                for n in range(1, 12)
            ]
        )

    def test_history_follows_each_complaint_timeline(self):
        install = max(self.demo.mapped("create_date"))
        for complaint in self.demo:
            messages = complaint.message_ids.sorted("id")
            self.assertTrue(messages, complaint.name)
            dates = messages.mapped("date")
            # written in order, after the receipt, none at the install time
            self.assertEqual(dates, sorted(dates), complaint.name)
            self.assertGreaterEqual(min(dates), complaint.date_received)
            self.assertLess(max(dates), install - timedelta(minutes=30))
            stamped = [complaint[name] for name in MILESTONES if complaint[name]]
            self.assertEqual(stamped, sorted(stamped), complaint.name)
            self.assertLess(max(stamped), install - timedelta(minutes=30))
            # the dates the chatter shows for the milestones are the milestones'
            for tracking in messages.sudo().tracking_value_ids.filtered(
                lambda v: v.field_id.name in MILESTONES
            ):
                if tracking.new_value_datetime:
                    self.assertLess(tracking.new_value_datetime, install)

    def test_closed_complaints_took_weeks(self):
        c10 = self.env.ref("complaint_management.complaint_demo_c10")
        self.assertEqual(c10.state, "closed")
        self.assertGreater(c10.date_closed - c10.date_received, timedelta(days=20))
        closing = c10.message_ids.sudo().tracking_value_ids.filtered(
            lambda v: v.field_id.name == "stage_id" and v.new_value_char == "Closed"
        )
        self.assertEqual(len(closing), 1)
        self.assertLess(
            abs(closing.mail_message_id.date - c10.date_closed), timedelta(minutes=1)
        )
