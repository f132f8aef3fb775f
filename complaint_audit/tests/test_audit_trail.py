# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import ComplaintAuditCommon


@tagged("post_install", "-at_install")
class TestAuditTrail(ComplaintAuditCommon):
    def test_log_fills_who_when_where(self):
        complaint = self._create_complaint()
        events = self.Event.with_user(self.user_a)._log(
            [
                {
                    "complaint_id": complaint.id,
                    "event_type": "register_export",
                    "ref": "sha256:abc",
                    "user_id": self.manager.id,
                }
            ]
        )
        self.assertEqual(events.user_id, self.user_a)
        self.assertEqual(events.company_id, complaint.company_id)
        self.assertEqual(events.ref, "sha256:abc")
        self.assertTrue(events.date)
        self.assertEqual(complaint.audit_event_ids, events)

    def test_append_only(self):
        complaint = self._create_complaint()
        event = self.Event._log([{"complaint_id": complaint.id, "event_type": "dossier"}])
        for env in (self.env, self.env(su=True)):
            with self.assertRaises(UserError):
                event.with_env(env).write({"note": "x"})
            with self.assertRaises(UserError):
                event.with_env(env).unlink()
