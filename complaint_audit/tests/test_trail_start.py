# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged
from odoo.tools import SQL

from .common import ComplaintAuditCommon


@tagged("post_install", "-at_install")
class TestTrailStart(ComplaintAuditCommon):
    """The complaints that existed before complaint_audit get their trail started:
    one baseline event each, that anchors their chatter in the hash chain."""

    def test_demo_complaints_have_their_trail_started(self):
        """R10: the complaints made before the module (the demo, walked through
        the process at the install of complaint_management) have a trail."""
        demo = self.env["complaint.complaint"].browse(
            [
                self.env.ref(f"complaint_management.complaint_demo_c{n}").id
                for n in range(1, 12)
            ]
        )
        for complaint in demo:
            baseline = self._events(complaint, "baseline")
            self.assertEqual(len(baseline), 1, complaint.name)
            self.assertEqual(baseline.new_value, complaint.state)
        # started once: a second run finds nothing to start
        self.assertEqual(self.env["complaint.complaint"]._audit_start_trails(), 0)

    def test_baseline_anchors_the_earlier_chatter(self):
        """R10: the baseline event holds the SHA-256 of the history before the
        trail; a later change to that history no longer matches it, and the chain
        stays valid."""
        complaint = self._create_complaint(env=self.env_a)
        complaint.message_post(body="Called the customer.", message_type="comment")
        self.env.flush_all()
        # a complaint of the database without events, as before the module
        self.env.cr.execute(
            SQL(
                "DELETE FROM complaint_audit_event WHERE complaint_id = %s",
                complaint.id,
            )
        )
        self.assertEqual(self.env["complaint.complaint"]._audit_start_trails(), 1)
        baseline = self._events(complaint, "baseline")
        digest, count = complaint._audit_history_digests()[complaint.id]
        self.assertEqual(baseline.ref, f"sha256:{digest}")
        self.assertGreaterEqual(count, 1)  # the comment, at least
        self.assertIn(str(count), baseline.note)
        self.Event._seal()
        results = self.Event._verify_chain([complaint.company_id.id])
        self.assertFalse(results[complaint.company_id.id]["broken"])
        # the earlier history rewritten behind the guards' back is detected
        message = complaint.message_ids.filtered(lambda m: "Called" in str(m.body))
        self.env.cr.execute(
            SQL(
                "UPDATE mail_message SET body = '<p>Nothing</p>' WHERE id = %s",
                message.id,
            )
        )
        self.assertNotEqual(complaint._audit_history_digests()[complaint.id][0], digest)
