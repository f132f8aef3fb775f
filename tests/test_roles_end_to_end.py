"""Across both addons: one complaint worked from a sales order to closure by a handler,
then read by an auditor (everything, history included, nothing writable), by the
complainant's portal user (their own only) and by nobody else (R07, R10, R19, R48).
"""

from datetime import datetime, timedelta

from freezegun import freeze_time
from markupsafe import Markup

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestRolesEndToEnd(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, no_reset_password=True))
        cls.customer = cls.env["res.partner"].create(
            {"name": "Rosa Complainant", "email": "rosa@example.com"}
        )
        cls.other_customer = cls.env["res.partner"].create(
            {"name": "Otto Other", "email": "otto@example.com"}
        )
        product = cls.env["product.product"].create(
            {"name": "Kettle E2E", "list_price": 40.0, "type": "consu"}
        )
        cls.order = cls.env["sale.order"].create(
            {
                "partner_id": cls.customer.id,
                "order_line": [Command.create({"product_id": product.id})],
            }
        )
        cls.order.action_confirm()
        cls.handler = new_test_user(
            cls.env,
            login="e2e_handler",
            groups="complaint_management.group_complaint_user",
        )
        cls.auditor = new_test_user(
            cls.env,
            login="e2e_auditor",
            groups="complaint_audit.group_complaint_auditor",
        )
        cls.internal = new_test_user(
            cls.env, login="e2e_internal", groups="base.group_user"
        )
        cls.portal = new_test_user(
            cls.env,
            login="e2e_portal",
            groups="base.group_portal",
            partner_id=cls.customer.id,
        )
        cls.other_portal = new_test_user(
            cls.env,
            login="e2e_portal_other",
            groups="base.group_portal",
            partner_id=cls.other_customer.id,
        )
        cls.team = cls.env["complaint.team"].create(
            {"name": "E2E team", "member_ids": [Command.link(cls.handler.id)]}
        )
        cls.category = cls.env["complaint.category"].create({"name": "E2E defects"})

    def _work_complaint(self, clock):
        """Each step of the process an hour after the one before (``clock`` is a
        frozen time that the steps move on)."""
        Complaint = self.env["complaint.complaint"].with_user(self.handler)
        complaint = Complaint.create(
            {
                "subject": "Kettle leaks",
                "partner_id": self.customer.id,
                "sale_order_id": self.order.id,
                "product_id": self.order.order_line.product_id.id,
                "channel": "phone",
                "team_id": self.team.id,
            }
        )
        self.assertEqual(complaint.state, "new")
        clock.tick(timedelta(hours=1))
        complaint.action_acknowledge()
        complaint.write(
            {
                "severity": "medium",
                "category_id": self.category.id,
                "complexity": "simple",
                "impact": "individual",
                "user_id": self.handler.id,
            }
        )
        clock.tick(timedelta(hours=1))
        complaint.action_assess()
        clock.tick(timedelta(hours=1))
        complaint.action_start_investigation()
        self.env["complaint.investigation"].with_user(self.handler).create(
            {
                "name": "Check the kettle",
                "complaint_id": complaint.id,
                "findings": Markup("<p>The seal was missing.</p>"),
            }
        )
        complaint.write(
            {
                "outcome": "upheld",
                "decision_reason": Markup("<p>The seal was missing.</p>"),
            }
        )
        clock.tick(timedelta(hours=1))
        complaint.action_decide()
        clock.tick(timedelta(hours=1))
        complaint._mark_communicated("email")
        complaint.action_response_accepted()
        clock.tick(timedelta(hours=1))
        complaint.action_close()
        return complaint

    def test_handler_to_auditor_to_portal(self):
        """R07, R27, R48: each milestone is stamped when it is reached, later than
        the one before; the auditor reads the worked complaint and its history and
        cannot write; the complainant's portal user reads it, another customer's
        and a plain internal user do not."""
        with freeze_time(datetime(2026, 3, 2, 9, 0)) as clock:
            complaint = self._work_complaint(clock)
        self.assertEqual(complaint.state, "closed")
        self.assertEqual(complaint.close_reason, "resolved")
        stamps = [
            complaint.date_received,
            complaint.date_acknowledged,
            complaint.date_assessed,
            complaint.date_investigation,
            complaint.date_decision,
            complaint.date_communicated,
            complaint.date_closed,
        ]
        self.assertTrue(all(stamps), "every milestone is stamped (R27)")
        self.assertTrue(
            all(a < b for a, b in zip(stamps, stamps[1:], strict=False)),
            f"each milestone is stamped when it is reached (R27): {stamps}",
        )

        # The auditor reads the complaint, its investigation and its whole history.
        as_auditor = complaint.with_user(self.auditor)
        self.assertEqual(as_auditor.subject, "Kettle leaks")
        self.assertTrue(as_auditor.investigation_ids.findings)
        messages = (
            self.env["mail.message"]
            .with_user(self.auditor)
            .search(
                [("model", "=", "complaint.complaint"), ("res_id", "=", complaint.id)]
            )
        )
        self.assertTrue(messages, "the auditor sees the chatter history")
        with self.assertRaises(AccessError):
            as_auditor.write({"subject": "Changed by the auditor"})
        with self.assertRaises(AccessError):
            self.env["complaint.complaint"].with_user(self.auditor).create(
                {"subject": "Auditor complaint", "partner_id": self.customer.id}
            )

        # The complainant's portal user reads it; another customer's does not.
        self.assertEqual(
            self.env["complaint.complaint"].with_user(self.portal).search([]), complaint
        )
        self.assertFalse(
            self.env["complaint.complaint"].with_user(self.other_portal).search([])
        )
        with self.assertRaises(AccessError):
            complaint.with_user(self.other_portal).read(["subject"])
        with self.assertRaises(AccessError):
            complaint.with_user(self.portal).write({"subject": "Portal edit"})

        # A plain internal user has no access to complaints at all (R07).
        with self.assertRaises(AccessError):
            complaint.with_user(self.internal).read(["subject"])
