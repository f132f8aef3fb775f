# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import ComplaintCommon


@tagged("post_install", "-at_install")
class TestComplaintMultiCompany(ComplaintCommon):
    """R23 per-company references and R07 multi-company isolation."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer_b = cls.env["res.partner"].create(
            {
                "name": "Bravo Customer",
                "email": "bravo@second.example.com",
                "company_id": cls.company_b.id,
            }
        )

    def _vals_b(self, **values):
        vals = {
            "subject": "Second company complaint",
            "partner_id": self.customer_b.id,
            "company_id": self.company_b.id,
            "channel": "phone",
        }
        vals.update(values)
        return vals

    def _sequence(self, company):
        return self.env["ir.sequence"].search(
            [("code", "=", "complaint.complaint"), ("company_id", "=", company.id)]
        )

    def test_reference_from_per_company_sequence(self):
        """R23: each company numbers its complaints from its own sequence; the
        sequence is created on the company's first complaint."""
        self.assertTrue(self._sequence(self.company))
        self.assertFalse(self._sequence(self.company_b))
        complaint_a = self._create_complaint()
        env_b = self.env(user=self.manager_b)
        Complaint_b = env_b["complaint.complaint"]
        first_b, second_b = Complaint_b.create([self._vals_b(), self._vals_b()])
        sequence_b = self._sequence(self.company_b)
        self.assertEqual(len(sequence_b), 1)
        for complaint in (first_b, second_b):
            self.assertTrue(
                complaint.name.startswith(f"C{self.company_b.id}/CMP/"),
                complaint.name,
            )
            self.assertNotIn(complaint.name, ("New", complaint_a.name))
        self.assertNotEqual(first_b.name, second_b.name)
        number = int(first_b.name.rsplit("/", 1)[1])
        self.assertEqual(int(second_b.name.rsplit("/", 1)[1]), number + 1)
        # company A's counter was not used by company B
        next_a = self._create_complaint()
        self.assertEqual(
            int(next_a.name.rsplit("/", 1)[1]),
            int(complaint_a.name.rsplit("/", 1)[1]) + 1,
        )
        # and a third complaint of B takes the next number of B's own sequence
        third_b = Complaint_b.create(self._vals_b())
        self.assertEqual(int(third_b.name.rsplit("/", 1)[1]), number + 2)
        self.assertEqual(len(self._sequence(self.company_b)), 1)

    def test_two_companies_never_issue_the_same_reference(self):
        """R23: the same number drawn by two companies gives two references: the
        prefix is the company's code; the main company keeps CMP/."""
        self.company_b.complaint_reference_code = "SEC"
        complaint_a = self._create_complaint()
        complaint_b = self.env(user=self.manager_b)["complaint.complaint"].create(
            self._vals_b()
        )
        self.assertTrue(complaint_a.name.startswith("CMP/"), complaint_a.name)
        self.assertTrue(complaint_b.name.startswith("SEC/CMP/"), complaint_b.name)
        all_names = self.env["complaint.complaint"].sudo().search([]).mapped("name")
        self.assertEqual(len(all_names), len(set(all_names)))

    def test_reference_unique_per_company(self):
        """R23: the same reference cannot exist twice in one company."""
        complaint = self._create_complaint()
        other = self._create_complaint()
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            # sudo: only the superuser may write a reference at all
            other.sudo().write({"name": complaint.name})
            self.env.flush_all()

    def test_default_team_per_company(self):
        """A complaint without a team goes to a team of its company."""
        complaint = self.env(user=self.manager_b)["complaint.complaint"].create(
            self._vals_b()
        )
        self.assertEqual(complaint.team_id, self.team_company_b)
        self.assertEqual(complaint.company_id, self.company_b)

    def test_company_consistency(self):
        """A complaint of company B cannot use company A's team or order (STYLE
        rule 10)."""
        with self.assertRaises(UserError):
            self.env["complaint.complaint"].create(self._vals_b(team_id=self.team_a.id))
        with self.assertRaises(UserError):
            self.env["complaint.complaint"].create(
                self._vals_b(sale_order_id=self.order.id)
            )

    @mute_logger("odoo.addons.base.models.ir_rule")
    def test_isolation(self):
        """R07: users see the complaints of the companies they work in, and of the
        companies selected in the switcher only."""
        complaint_a = self._create_complaint()
        complaint_b = self.env["complaint.complaint"].create(self._vals_b())
        both = complaint_a | complaint_b
        Complaint = self.env["complaint.complaint"]

        def visible(user, company_ids):
            return (
                Complaint.with_user(user)
                .with_context(allowed_company_ids=company_ids)
                .search([("id", "in", both.ids)])
            )

        both_ids = [self.company.id, self.company_b.id]
        self.assertEqual(visible(self.manager, both_ids), both)
        self.assertEqual(visible(self.manager, [self.company.id]), complaint_a)
        self.assertEqual(visible(self.manager, [self.company_b.id]), complaint_b)
        self.assertEqual(visible(self.manager_b, [self.company_b.id]), complaint_b)
        self.assertEqual(visible(self.user_a, [self.company.id]), complaint_a)
        with self.assertRaises(AccessError):
            complaint_b.with_user(self.user_a).read(["subject"])
        with self.assertRaises(AccessError):
            complaint_a.with_user(self.manager_b).read(["subject"])
        # counting on documents respects the isolation too
        self.assertEqual(self.customer.with_user(self.manager_b).complaint_count, 0)

    def test_escalation_never_crosses_companies(self):
        """R07, R39: level 3 of the ladder tells the complaints managers of the
        complaint's company only: a manager of another company alone gets nothing."""
        complaint = self._create_complaint(date_received=datetime(2026, 2, 2, 9, 0))
        with freeze_time("2026-03-06 11:00:00"):
            self.Complaint._cron_update_sla_status()
            self.Complaint._cron_escalate()
        self.assertEqual(complaint.escalation_level, 3)
        activities = self.env["mail.activity"].search(
            [("res_model", "=", complaint._name), ("res_id", "=", complaint.id)]
        )
        self.assertIn(self.manager, activities.user_id)
        self.assertNotIn(self.manager_b, activities.user_id)
        mails_b = self.env["mail.mail"].search(
            [("recipient_ids", "in", self.manager_b.partner_id.ids)]
        )
        self.assertFalse(mails_b.filtered(lambda m: complaint.name in str(m.body_html)))
