# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from markupsafe import Markup

from odoo import Command, fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import ComplaintCommon


@tagged("post_install", "-at_install")
class TestComplaintInput(ComplaintCommon):
    """Bad input (complaint.input.mixin) and links that agree: refused with a
    translated error naming the field, before anything is stored."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env_a = cls.env(user=cls.user_a)

    def _count(self):
        return self.env["complaint.complaint"].search_count([])

    def assertCreateRefused(self, field_label, **values):
        count = self._count()
        with self.assertRaises(ValidationError) as error:
            self._create_complaint(env=self.env_a, **values)
        self.assertIn(field_label, str(error.exception))
        self.assertEqual(self._count(), count)
        return error

    # --- sizes -----------------------------------------------------------------
    def test_text_sizes_bounded(self):
        """A 1 MB description and a 10,000-character subject are refused; the
        description limit is the company's setting."""
        self.assertCreateRefused("Description", description="x" * 1_000_000)
        self.assertCreateRefused("Subject", subject="s" * 10_000)
        self.assertCreateRefused("Remedy Requested", remedy_requested="r" * 20_000)
        complaint = self._create_complaint(
            env=self.env_a, description=Markup("<p>%s</p>") % ("y" * 40_000)
        )
        self.company.complaint_description_max_chars = 10_000
        with self.assertRaises(ValidationError) as error:
            complaint.write({"description": "z" * 20_000})
        self.assertIn("Description", str(error.exception))
        self.assertIn("10000", str(error.exception))
        self.assertIn("y" * 100, complaint.description)

    # --- dates -----------------------------------------------------------------
    def test_date_received_range(self):
        """Received in the future, in 1900, malformed or too old for the company's
        setting: refused, naming the field."""
        now = fields.Datetime.now()
        self.assertCreateRefused("Received On", date_received=now + timedelta(days=2))
        self.assertCreateRefused("Received On", date_received="1900-01-01 10:00:00")
        self.assertCreateRefused("Received On", date_received="2026-02-30 10:00:00")
        self.assertCreateRefused("Received On", date_received="yesterday")
        self.assertCreateRefused(
            "Received On", date_received=now - timedelta(days=365 * 11)
        )
        # within the floor, then the company shortens it
        complaint = self._create_complaint(
            env=self.env_a, date_received=now - timedelta(days=365 * 3)
        )
        self.company.complaint_received_max_age_years = 2
        with self.assertRaises(ValidationError):
            complaint.write({"date_received": now - timedelta(days=365 * 3 + 1)})

    def test_malformed_other_dates(self):
        complaint = self._create_complaint(env=self.env_a)
        with self.assertRaises(ValidationError) as error:
            complaint.write({"subject_informed_at": "not a date"})
        self.assertIn("Subject Informed On", str(error.exception))
        self.assertFalse(complaint.subject_informed_at)

    def test_company_limits_are_sane(self):
        with self.assertRaises(ValidationError):
            self.company.complaint_description_max_chars = 0
        with self.assertRaises(ValidationError):
            self.company.complaint_received_max_age_years = 0

    # --- numbers ---------------------------------------------------------------
    def test_remedy_amount_range(self):
        """A remedy of 1e20, NaN or infinity is refused, naming the amount."""
        complaint = self._create_complaint(env=self.env_a)
        Remedy = self.env_a["complaint.remedy"]
        count = Remedy.search_count([])
        for amount in (1e20, float("nan"), float("inf"), "lots"):
            with self.subTest(amount=amount), self.assertRaises(ValidationError) as e:
                Remedy.create(
                    {
                        "complaint_id": complaint.id,
                        "remedy_type": "compensation",
                        "amount": amount,
                    }
                )
            self.assertIn("Amount", str(e.exception))
        self.assertEqual(Remedy.search_count([]), count)
        remedy = Remedy.create(
            {"complaint_id": complaint.id, "remedy_type": "apology", "amount": 10.0}
        )
        with self.assertRaises(ValidationError):
            remedy.write({"amount": float("nan")})
        self.assertEqual(remedy.amount, 10.0)

    def test_integer_out_of_range(self):
        complaint = self._create_complaint(env=self.env_a)
        with self.assertRaises(ValidationError) as error:
            complaint.write({"color": 10**20})
        self.assertIn("Color", str(error.exception))

    # --- links -----------------------------------------------------------------
    def test_links_agree(self):
        """The line belongs to the order, the order and the invoice to the
        complainant, the product to the line."""
        other_order = self.env["sale.order"].create(
            {
                "partner_id": self.other_customer.id,
                "order_line": [Command.create({"product_id": self.product.id})],
            }
        )
        error = self.assertCreateRefused(
            "Order Line", sale_line_id=other_order.order_line.id
        )
        self.assertIn("Sales Order", str(error.exception))
        self.assertCreateRefused(
            "Sales Order", partner_id=self.other_customer.id, invoice_id=False
        )
        self.assertCreateRefused(
            "Invoice",
            partner_id=self.other_customer.id,
            sale_order_id=False,
            sale_line_id=False,
        )
        self.assertCreateRefused("Product", product_id=self.product_2.id)
        # a contact of the customer is the same commercial partner: accepted
        complaint = self._create_complaint(
            env=self.env_a, partner_id=self.customer_contact.id
        )
        with self.assertRaises(ValidationError):
            complaint.write({"sale_line_id": other_order.order_line.id})
        self.assertEqual(complaint.sale_line_id, self.line_1)

    def test_links_stay_in_the_company(self):
        """check_company: an order line, a related complaint or a corrective action
        of another company is refused."""
        order_b = (
            self.env["sale.order"]
            .with_company(self.company_b)
            .create(
                {
                    "partner_id": self.customer.id,
                    "company_id": self.company_b.id,
                    "order_line": [Command.create({"product_id": self.product.id})],
                }
            )
        )
        with self.assertRaises(UserError):
            self._create_complaint(
                sale_order_id=False, sale_line_id=order_b.order_line.id
            )
        complaint = self._create_complaint()
        complaint_b = self._create_complaint(
            company_id=self.company_b.id,
            team_id=self.team_company_b.id,
            sale_order_id=False,
            sale_line_id=False,
            invoice_id=False,
        )
        with self.assertRaises(UserError):
            complaint.write({"related_complaint_ids": [Command.link(complaint_b.id)]})
        self.assertFalse(complaint.related_complaint_ids)
        action_b = self.env["complaint.corrective.action"].create(
            {"title": "Fix B", "company_id": self.company_b.id}
        )
        with self.assertRaises(UserError):
            complaint.write({"corrective_action_ids": [Command.link(action_b.id)]})
        self.assertFalse(complaint.corrective_action_ids)
