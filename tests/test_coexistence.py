"""Coexistence: users of Sales, Invoicing, Inventory and the portal who hold no
complaints role work as if our addons were not installed.

The users are real (created here with core groups only), the calls go through Odoo's
XML-RPC and JSON-RPC and its HTTP routes, and the records they touch have complaints
logged against them, so that a complaint count or a complaint link would have
something to read. Every model of another app our addons extend is read with all its
fields, exported with every field its user sees, and its form and list views loaded:
our fields and buttons are absent for these users, present for a complaints user.

Runs on the coexistence database of scripts/core_tests.sh (both addons, plus ``stock``
and ``contacts``, which our addons do not depend on): the warehouse user needs
Inventory.
"""

import re

from integrity_common import RpcCase

from odoo import Command, http
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

# The models of other apps our addons add fields to, and the forms and lists of theirs
# our views inherit.
EXTENDED_MODELS = (
    "sale.order",
    "account.move",
    "res.partner",
    "product.template",
    "product.product",
    "res.company",
)
OUR_ADDONS = ("complaint_management", "complaint_audit")

# The fields Odoo itself does not let these users read (an AccessError on another of its
# models), with or without our addons: found field by field on this database and on the
# template with contacts and stock but without our addons, and identical on both
# (README, "Coexistence"). The test checks the list both ways: exactly these fields
# raise, and read() of every other field passes.
CORE_UNREADABLE = {
    ("cx_sales", "account.move"): {
        "payment_ids",
        "statement_line_ids",
        "stock_valuation_layer_ids",
    },
    ("cx_sales", "product.product"): {
        "stock_valuation_layer_ids",
    },
    ("cx_accountant", "account.move"): {
        "stock_valuation_layer_ids",
    },
    ("cx_accountant", "sale.order"): {
        "available_product_document_ids",
        "is_pdf_quote_builder_available",
    },
    ("cx_accountant", "product.template"): {
        "nbr_reordering_rules",
        "reordering_max_qty",
        "reordering_min_qty",
    },
    ("cx_accountant", "product.product"): {
        "nbr_reordering_rules",
        "orderpoint_ids",
        "reordering_max_qty",
        "reordering_min_qty",
        "stock_valuation_layer_ids",
    },
    ("cx_stock", "res.partner"): {
        "days_sales_outstanding",
        "invoice_ids",
        "journal_item_count",
        "supplier_invoice_count",
    },
    ("cx_stock", "product.product"): {
        "stock_valuation_layer_ids",
    },
    ("cx_portal", "sale.order"): {
        "activity_exception_decoration",
        "activity_exception_icon",
        "available_product_document_ids",
        "has_active_pricelist",
        "has_archived_products",
        "is_pdf_quote_builder_available",
        "json_popover",
        "sale_order_option_ids",
        "show_json_popover",
        "tax_totals",
    },
    ("cx_portal", "account.move"): {
        "activity_exception_decoration",
        "activity_exception_icon",
        "attachment_ids",
        "highest_name",
        "invoice_pdf_report_id",
        "partner_credit",
        "payment_ids",
        "quick_edit_mode",
        "statement_line_ids",
        "stock_valuation_layer_ids",
        "suitable_journal_ids",
        "tax_lock_date_message",
        "tax_totals",
        "taxes_legal_notes",
        "ubl_cii_xml_id",
    },
    ("cx_portal", "res.partner"): {
        "activity_exception_decoration",
        "activity_exception_icon",
        "bank_account_count",
        "bank_ids",
        "contract_ids",
        "display_invoice_template_pdf_report_id",
        "duplicated_bank_account_partners_count",
        "property_product_pricelist",
    },
}


@tagged("post_install", "-at_install")
class TestCoexistence(RpcCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if "stock.picking" not in cls.env:
            raise AssertionError(
                "tests/test_coexistence.py runs on the coexistence database, where "
                "Inventory (stock) is installed: `make test-core` prepares it."
            )
        cls.env = cls.env(context=dict(cls.env.context, no_reset_password=True))
        env = cls.env
        address = {
            "street": "Rue du Test 1",
            "city": "Brussels",
            "zip": "1000",
            "country_id": env.ref("base.be").id,
        }
        cls.company_partner = env["res.partner"].create(
            {
                "name": "Coexist Retail Ltd",
                "is_company": True,
                "email": "co@example.com",
                **address,
            }
        )
        cls.customer = env["res.partner"].create(
            {
                "name": "Carla Coexist",
                "email": "carla@example.com",
                "parent_id": cls.company_partner.id,
                **address,
            }
        )
        # internal users may export, as in any database where people export lists
        users = (
            (
                "cx_sales",
                "sales_team.group_sale_salesman,base.group_allow_export",
                None,
            ),
            (
                "cx_accountant",
                "account.group_account_invoice,base.group_allow_export",
                None,
            ),
            ("cx_stock", "stock.group_stock_user,base.group_allow_export", None),
            ("cx_portal", "base.group_portal", cls.customer),
            (
                "cx_handler",
                "sales_team.group_sale_manager,account.group_account_invoice,"
                "complaint_management.group_complaint_user",
                None,
            ),
        )
        cls.users = {}
        for login, groups, partner in users:
            extra = {"partner_id": partner.id} if partner else {}
            cls.users[login] = new_test_user(
                env, login=login, password=f"{login}-Pw-1", groups=groups, **extra
            )
        cls.sales = cls.users["cx_sales"]
        cls.accountant = cls.users["cx_accountant"]
        cls.stock_user = cls.users["cx_stock"]
        cls.portal = cls.users["cx_portal"]
        cls.handler = cls.users["cx_handler"]
        for user in cls.users.values():
            if user != cls.handler:
                assert not user.has_group("complaint_management.group_complaint_user")

        cls.product = env["product.product"].create(
            {
                "name": "Coexist Kettle",
                "type": "consu",
                "is_storable": True,
                "list_price": 50.0,
            }
        )
        warehouse = env["stock.warehouse"].search(
            [("company_id", "=", env.company.id)], limit=1
        )
        env["stock.quant"]._update_available_quantity(
            cls.product, warehouse.lot_stock_id, 10.0
        )
        cls.order = env["sale.order"].create(
            {
                "partner_id": cls.customer.id,
                "user_id": cls.sales.id,
                "order_line": [
                    Command.create({"product_id": cls.product.id, "product_uom_qty": 2})
                ],
            }
        )
        cls.order.action_confirm()
        cls.invoice = cls.order._create_invoices()
        cls.invoice.action_post()
        # complaints hang off the order, the invoice, the product and the customer:
        # a count or a link readable by these users would have something to show
        cls.complaint = env["complaint.complaint"].create(
            {
                "subject": "Kettle arrived dented",
                "partner_id": cls.customer.id,
                "sale_order_id": cls.order.id,
                "invoice_id": cls.invoice.id,
                "product_id": cls.product.id,
                "channel": "phone",
                "user_id": cls.handler.id,
            }
        )

    # --- what each user works with ----------------------------------------------------
    def everyday_records(self):
        """(user, model, ids) each user reads in their daily work."""
        order, invoice, customer = self.order, self.invoice, self.customer
        product, template = self.product, self.product.product_tmpl_id
        partners = customer | customer.parent_id
        picking = order.picking_ids
        self.assertTrue(picking, "the order has no delivery: is sale_stock installed?")
        return [
            (self.sales, "sale.order", order.ids),
            (self.sales, "account.move", invoice.ids),
            (self.sales, "res.partner", partners.ids),
            (self.sales, "product.template", template.ids),
            (self.sales, "product.product", product.ids),
            (self.sales, "res.company", self.env.company.ids),
            (self.accountant, "account.move", invoice.ids),
            (self.accountant, "sale.order", order.ids),
            (self.accountant, "res.partner", partners.ids),
            (self.accountant, "product.template", template.ids),
            (self.accountant, "product.product", product.ids),
            (self.stock_user, "stock.picking", picking.ids),
            (self.stock_user, "res.partner", customer.ids),
            (self.stock_user, "product.template", template.ids),
            (self.stock_user, "product.product", product.ids),
            (self.portal, "sale.order", order.ids),
            (self.portal, "account.move", invoice.ids),
            (self.portal, "res.partner", self.portal.partner_id.ids),
        ]

    def our_fields(self, model):
        """The fields our addons add to ``model`` (another app's)."""
        return {
            field.name: field
            for field in self.env["ir.model.fields"].search([("model", "=", model)])
            if set(field.modules.split(", ")) & set(OUR_ADDONS)
        }

    def unreadable_fields(self, user, model, ids):
        """The fields ``user`` cannot read on these records, one by one, in-process."""
        records = self.env[model].with_user(user).browse(ids)
        unreadable = set()
        for name in records.check_field_access_rights("read", None):
            records.env.invalidate_all()
            try:
                with self.env.cr.savepoint():
                    records.read([name])
            except AccessError as error:
                self.assertNotIn("complaint", str(error), f"{model}.{name}")
                unreadable.add(name)
        records.env.invalidate_all()
        return unreadable

    def assertNoFieldOfOurs(self, names, user, model):
        if model == "res.company":
            # the complaints settings of the company (letters' texts, thresholds):
            # plain values, no link to a complaint record (test_fields_we_add_*)
            return
        ours = sorted(set(names) & set(self.our_fields(model)))
        self.assertFalse(ours, f"{user.login} {model}: fields of our addons")

    # --- tests ------------------------------------------------------------------------
    def test_fields_we_add_to_other_apps(self):
        """Every field our addons add to a model of another app: a link to a record of
        ours is restricted to the complaints roles, and every other one is a plain
        value anyone may read."""
        Fields = self.env["ir.model.fields"]
        ours = Fields.search([("model", "not like", "complaint.%")]).filtered(
            lambda f: set(f.modules.split(", ")) & set(OUR_ADDONS)
            and not self.env[f.model]._transient
            and not self.env[f.model]._abstract
        )
        self.assertTrue(ours)
        for field in ours:
            with self.subTest(field=f"{field.model}.{field.name}"):
                definition = self.env[field.model]._fields[field.name]
                if (field.relation or "").startswith("complaint."):
                    self.fail("a relational field to our models on another app's model")
                if field.model in EXTENDED_MODELS[:-1]:
                    # on the documents and partners: only for the complaints roles
                    self.assertTrue(definition.groups, "no groups=")
                    self.assertTrue(
                        set(definition.groups.split(","))
                        <= {
                            "complaint_management.group_complaint_user",
                            "complaint_management.group_complaint_manager",
                        }
                    )

    def test_read_all_fields(self):
        """read() without naming fields, as each user, over XML-RPC and JSON-RPC: every
        field passes but the ones Odoo itself refuses them (CORE_UNREADABLE)."""
        for user, model, ids in self.everyday_records():
            core_unreadable = CORE_UNREADABLE.get((user.login, model), set())
            with self.subTest(user=user.login, model=model, via="in-process"):
                self.assertEqual(
                    self.unreadable_fields(user, model, ids), core_unreadable
                )
            names = set(
                self.env[model].with_user(user).check_field_access_rights("read", None)
            )
            self.assertNoFieldOfOurs(names, user, model)
            for call in (self.xmlrpc, self.jsonrpc):
                with self.subTest(user=user.login, model=model, via=call.__name__):
                    if core_unreadable:
                        rows = call(
                            user, model, "read", ids, sorted(names - core_unreadable)
                        )
                    else:
                        rows = call(user, model, "read", ids)  # no field named
                    self.assertEqual(sorted(row["id"] for row in rows), sorted(ids))
                    self.assertNoFieldOfOurs(rows[0], user, model)

    def test_complaints_user_sees_the_count(self):
        """The control of the tests above: a complaints user reads the counts."""
        for model, record in (
            ("sale.order", self.order),
            ("account.move", self.invoice),
            ("res.partner", self.customer),
            ("product.template", self.product.product_tmpl_id),
        ):
            with self.subTest(model=model):
                rows = self.xmlrpc(
                    self.handler, model, "read", record.ids, ["complaint_count"]
                )
                self.assertEqual(rows[0]["complaint_count"], 1)

    def test_export_every_field(self):
        """export_data of every field the user sees, as the web client's export does."""
        for user, model, ids in self.everyday_records():
            if user == self.portal:
                continue  # the portal exports nothing
            with self.subTest(user=user.login, model=model):
                described = self.xmlrpc(user, model, "fields_get", [], ["type"])
                self.assertNoFieldOfOurs(described, user, model)
                core_unreadable = CORE_UNREADABLE.get((user.login, model), set())
                names = sorted(
                    name
                    for name, field in described.items()
                    if field["type"] not in ("binary", "properties", "json")
                    and name not in core_unreadable
                )
                exported = self.xmlrpc(user, model, "export_data", ids, names)
                self.assertTrue(exported["datas"])

    def test_views_without_our_additions(self):
        """The forms and lists our views inherit load for every user, without our
        fields and buttons; a complaints user gets them."""
        ours = re.compile(r'name="[^"]*complaint')
        views = [[False, "form"], [False, "list"]]
        for user, model, _ids in self.everyday_records():
            if model == "res.company" or user == self.portal:
                continue
            with self.subTest(user=user.login, model=model):
                result = self.xmlrpc(user, model, "get_views", views)
                for view in result["views"].values():
                    self.assertFalse(ours.findall(view["arch"]))
                for model_name, description in result["models"].items():
                    self.assertNoFieldOfOurs(description["fields"], user, model_name)
        for model in ("sale.order", "account.move", "res.partner", "product.template"):
            with self.subTest(user=self.handler.login, model=model):
                result = self.xmlrpc(self.handler, model, "get_views", views)
                arch = result["views"]["form"]["arch"]
                self.assertIn('name="action_view_complaints"', arch)
                self.assertIn('name="action_log_complaint"', arch)
                self.assertIn("complaint_count", result["models"][model]["fields"])

    def test_everyday_writes(self):
        """Each user does their daily work over RPC: a quotation confirmed, an invoice
        posted and refunded, a delivery validated, the customer's own details edited."""
        # the salesperson: a quotation with a line, confirmed; the customer read
        order_id = self.xmlrpc(
            self.sales,
            "sale.order",
            "create",
            {
                "partner_id": self.customer.id,
                "order_line": [
                    (0, 0, {"product_id": self.product.id, "product_uom_qty": 1})
                ],
            },
        )
        self.jsonrpc(self.sales, "sale.order", "write", [order_id], {"note": "Gift"})
        self.xmlrpc(self.sales, "sale.order", "action_confirm", [order_id])
        order = self.env["sale.order"].browse(order_id)
        self.assertEqual(order.state, "sale")

        # the accountant: the order's invoice, posted, then a credit note
        invoice = order._create_invoices()
        self.xmlrpc(self.accountant, "account.move", "write", invoice.ids, {"ref": "X"})
        self.xmlrpc(self.accountant, "account.move", "action_post", invoice.ids)
        reversal = self.xmlrpc(
            self.accountant,
            "account.move.reversal",
            "create",
            {"journal_id": invoice.journal_id.id, "reason": "Dented"},
            context={"active_model": "account.move", "active_ids": invoice.ids},
        )
        self.xmlrpc(
            self.accountant, "account.move.reversal", "refund_moves", [reversal]
        )
        self.env.invalidate_all()
        self.assertEqual(invoice.state, "posted")
        self.assertEqual(len(invoice.reversal_move_ids), 1)

        # the warehouse user: the order's delivery, picked and validated
        picking = order.picking_ids
        self.xmlrpc(self.stock_user, "stock.picking", "action_assign", picking.ids)
        self.xmlrpc(
            self.stock_user,
            "stock.move",
            "write",
            picking.move_ids.ids,
            {"quantity": 1, "picked": True},
        )
        self.xmlrpc(self.stock_user, "stock.picking", "button_validate", picking.ids)
        self.env.invalidate_all()
        self.assertEqual(picking.state, "done")

        # the portal customer: their own details, from the portal's form
        self.authenticate(self.portal.login, self.password(self.portal))
        self.assertEqual(self.url_open("/my/account").status_code, 200)
        response = self.url_open(
            "/my/account",
            data={
                "name": self.customer.name,
                "email": self.customer.email,
                "phone": "+32 2 555 01 01",
                "street": "Rue du Test 1",
                "city": "Brussels",
                "zipcode": "1000",
                "country_id": self.env.ref("base.be").id,
                "csrf_token": http.Request.csrf_token(self),
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("alert-danger", response.text)
        self.env.invalidate_all()
        self.assertEqual(self.customer.phone, "+32 2 555 01 01")

    def test_pdf_of_an_order_and_an_invoice(self):
        """The order and invoice PDFs rendered by wkhtmltopdf as their users, and the
        report and portal routes (which answer HTML under test, as Odoo's report
        engine does whenever tests run)."""
        Report = self.env["ir.actions.report"].with_context(force_report_rendering=True)
        for user, report, record in (
            (self.sales, "sale.report_saleorder", self.order),
            (self.accountant, "account.report_invoice", self.invoice),
            (self.sales, "account.report_invoice", self.invoice),
        ):
            with self.subTest(user=user.login, report=report):
                pdf, kind = Report.with_user(user)._render_qweb_pdf(report, record.ids)
                self.assertEqual(kind, "pdf")
                self.assertTrue(pdf.startswith(b"%PDF"))
        for user, url, text in (
            (self.sales, f"/report/pdf/sale.report_saleorder/{self.order.id}", None),
            (
                self.accountant,
                f"/report/pdf/account.report_invoice/{self.invoice.id}",
                None,
            ),
            (self.portal, "/my/orders", self.order.name),
            (self.portal, f"/my/orders/{self.order.id}", self.order.name),
            (self.portal, f"/my/orders/{self.order.id}?report_type=pdf", None),
            (self.portal, "/my/invoices", self.invoice.name),
            (self.portal, f"/my/invoices/{self.invoice.id}", self.invoice.name),
            (self.portal, f"/my/invoices/{self.invoice.id}?report_type=pdf", None),
        ):
            with self.subTest(user=user.login, url=url):
                self.authenticate(user.login, self.password(user))
                response = self.url_open(url)
                self.assertEqual(response.status_code, 200)
                self.assertNotIn(b"Access Denied", response.content)
                if text:
                    self.assertIn(text, response.text)
