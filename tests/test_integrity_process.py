"""Issue 11, the process part: attacks a handler (and the auditor, the portal
customer) could play through Odoo's external API on the complaint record, each
refused with a message naming the field, leaving the record as it was.

- process fields written or created by hand (const.PROCESS_FIELDS);
- remedies approved or executed without the rights or the approval (R34);
- bad input: sizes, amounts, dates, NaN;
- links across boundaries: company, order, customer.
"""

from datetime import timedelta

from integrity_common import IntegrityCase

from odoo import Command, fields
from odoo.tests import tagged


@tagged("post_install", "-at_install")
class TestIntegrityProcess(IntegrityCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_complaint = cls.env["complaint.complaint"].create(
            {"subject": "Another one", "partner_id": cls.customer.id}
        )
        cls.company_b = cls.env["res.company"].create({"name": "Integrity B Ltd"})
        cls.product = cls.env["product.product"].create(
            {"name": "Integrity Blender", "type": "consu", "list_price": 100.0}
        )
        cls.order = cls._order(cls.customer)
        cls.other_order = cls._order(cls.customer)
        cls.order_other_customer = cls._order(cls.other_customer)
        cls.invoice_other_customer = cls.order_other_customer._create_invoices()
        cls.order_b = cls._order(cls.customer, company=cls.company_b)

    @classmethod
    def _order(cls, partner, company=None):
        company = company or cls.env.company
        order = (
            cls.env["sale.order"]
            .with_company(company)
            .create(
                {
                    "partner_id": partner.id,
                    "company_id": company.id,
                    "order_line": [
                        Command.create(
                            {"product_id": cls.product.id, "price_unit": 100.0}
                        )
                    ],
                }
            )
        )
        order.action_confirm()
        return order

    # --- helpers --------------------------------------------------------------------
    def _complaint_count(self):
        return self.env["complaint.complaint"].sudo().search_count([])

    def _label(self, name, model="complaint.complaint"):
        return self.env[model]._fields[name]._description_string(self.env)

    def _write_refused(self, user, values, message, call=None, record=None):
        record = record or self.complaint
        call = call or self.xmlrpc
        before = self.snapshot(record)
        self.assertRefused(
            call, user, record._name, "write", [record.id], values, message=message
        )
        self.assertEqual(self.snapshot(record), before)

    def _create_refused(self, user, values, message, model="complaint.complaint"):
        count = self.env[model].sudo().search_count([])
        self.assertRefused(self.xmlrpc, user, model, "create", values, message=message)
        self.assertEqual(self.env[model].sudo().search_count([]), count)

    def _complaint_vals(self, **values):
        return {
            "subject": "Forged",
            "partner_id": self.customer.id,
            "channel": "phone",
            "team_id": self.team.id,
            **values,
        }

    # --- process fields -------------------------------------------------------------
    def _process_values(self):
        now = fields.Datetime.to_string(fields.Datetime.now())
        return {
            "state": "closed",
            "date_acknowledged": now,
            "date_communicated": now,
            "date_closed": now,
            "escalation_level": 0,
            "sla_status": "on_track",
            "sla_paused_hours": 500.0,
            "ack_deadline": now,
            "response_deadline": now,
            "close_deadline": now,
            "sla_extended_until": now,
            "appeal_level": 2,
            "first_level_user_id": self.manager.id,
            "reopen_count": 0,
            "extension_count": 0,
            "merged_into_id": self.other_complaint.id,
            "access_token": "known-token",
        }

    def test_process_fields_written_by_hand(self):
        """A handler writing a process field over XML-RPC or JSON-RPC is refused,
        naming it; the complaint, its messages and tracking stay as they were."""
        for name, value in self._process_values().items():
            with self.subTest(field=name):
                self._write_refused(self.handler, {name: value}, self._label(name))
        self._write_refused(
            self.handler,
            {"date_closed": "2026-01-01 10:00:00", "escalation_level": 0},
            self._label("date_closed"),
            call=self.jsonrpc,
        )
        # the auditor and the portal customer cannot either
        for user in (self.auditor, self.users["int_portal"]):
            with self.subTest(user=user.login):
                self._write_refused(user, {"date_closed": "2026-01-01 10:00:00"}, None)

    def test_process_fields_at_create(self):
        """The same fields at create are refused and no complaint is made; context
        defaults of process fields are ignored."""
        for name, value in self._process_values().items():
            with self.subTest(field=name):
                self._create_refused(
                    self.handler,
                    self._complaint_vals(**{name: value}),
                    self._label(name),
                )
        complaint_id = self.xmlrpc(
            self.handler,
            "complaint.complaint",
            "create",
            self._complaint_vals(),
            context={
                "default_date_closed": "2026-01-01 10:00:00",
                "default_access_token": "known-token",
                "default_appeal_level": 2,
            },
        )
        complaint = self.env["complaint.complaint"].browse(complaint_id)
        self.assertFalse(complaint.date_closed)
        self.assertNotEqual(complaint.access_token, "known-token")
        self.assertEqual(complaint.appeal_level, 1)

    def test_jump_new_to_closed(self):
        """New -> closed in one write with invented gate values is refused."""
        closed = self.env["complaint.stage"]._get_first_for_state("closed")
        gate_values = {
            "severity": "low",
            "category_id": self.env["complaint.category"].create({"name": "Cat"}).id,
            "complexity": "simple",
            "impact": "individual",
            "outcome": "withdrawn",
            "decision_reason": "<p>Invented</p>",
            "stage_id": closed.id,
        }
        self._write_refused(
            self.handler,
            {**gate_values, "complainant_response": "accepted"},
            self._label("complainant_response"),
        )
        self._write_refused(
            self.handler,
            {
                **gate_values,
                "complainant_response": "accepted",
                "date_communicated": "2026-01-01 10:00:00",
                "date_closed": "2026-01-01 10:00:00",
            },
            self._label("date_closed"),
        )
        self._write_refused(
            self.handler, gate_values, self._label("complainant_response")
        )

    # --- remedies (R34) ---------------------------------------------------------------
    def _remedy_vals(self, **values):
        return {
            "complaint_id": self.complaint.id,
            "remedy_type": "refund",
            "amount": 50.0,
            **values,
        }

    def test_remedy_created_approved(self):
        """R34: a handler cannot create a remedy approved by a manager."""
        for values in (
            {"state": "approved", "approved_by_id": self.manager.id},
            {"state": "done"},
            {"approved_by_id": self.manager.id},
        ):
            with self.subTest(values=values):
                self._create_refused(
                    self.handler,
                    self._remedy_vals(**values),
                    "not by hand",
                    model="complaint.remedy",
                )

    def test_remedy_written_approved_then_executed(self):
        """R34: writing ``approved`` by hand is refused; executing a refund without
        invoicing rights and without a manager's recorded approval is refused and
        creates no credit note."""
        remedy = (
            self.env["complaint.remedy"]
            .with_user(self.handler)
            .create(self._remedy_vals(amount=800.0, remedy_type="compensation"))
        )
        self.assertEqual(remedy.state, "to_approve")
        self._write_refused(
            self.handler,
            {"state": "approved", "approved_by_id": self.manager.id},
            self._label("state", "complaint.remedy"),
            record=remedy,
        )
        refund = (
            self.env["complaint.remedy"]
            .with_user(self.handler)
            .create(self._remedy_vals())
        )
        moves = self.env["account.move"].sudo().search_count([])
        before = self.snapshot(refund)
        self.assertRefused(
            self.xmlrpc,
            self.handler,
            "complaint.remedy",
            "action_execute",
            [refund.id],
            message="approve",
        )
        self.assertEqual(self.snapshot(refund), before)
        self.assertEqual(self.env["account.move"].sudo().search_count([]), moves)

    # --- bad input --------------------------------------------------------------------
    def test_bad_input(self):
        now = fields.Datetime.now()
        for values, label in (
            ({"description": "x" * 1_048_576}, self._label("description")),
            ({"subject": "s" * 10_000}, self._label("subject")),
            (
                {"date_received": fields.Datetime.to_string(now + timedelta(days=3))},
                self._label("date_received"),
            ),
            ({"date_received": "1900-01-01 00:00:00"}, self._label("date_received")),
            ({"date_received": "2026-13-45 99:00:00"}, self._label("date_received")),
            ({"color": float("nan")}, self._label("color")),
        ):
            with self.subTest(values=str(values)[:60]):
                self._write_refused(self.handler, values, label)
                self._create_refused(
                    self.handler, self._complaint_vals(**values), label
                )
        for amount in (1e20, float("nan"), float("inf")):
            with self.subTest(amount=amount):
                self._create_refused(
                    self.handler,
                    self._remedy_vals(amount=amount),
                    self._label("amount", "complaint.remedy"),
                    model="complaint.remedy",
                )

    # --- links across boundaries ------------------------------------------------------
    def test_links_across_boundaries(self):
        """An order line of another company or of another order, an invoice of
        another customer: refused, naming the field."""
        for values, label in (
            ({"sale_line_id": self.order_b.order_line.id}, self._label("sale_line_id")),
            (
                {
                    "sale_order_id": self.order.id,
                    "sale_line_id": self.other_order.order_line.id,
                },
                self._label("sale_line_id"),
            ),
            ({"invoice_id": self.invoice_other_customer.id}, self._label("invoice_id")),
            (
                {"sale_order_id": self.order_other_customer.id},
                self._label("sale_order_id"),
            ),
        ):
            with self.subTest(values=values):
                self._write_refused(self.handler, values, label)
                self._create_refused(
                    self.handler, self._complaint_vals(**values), label
                )
