# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Shared fixtures for the complaint tests.

``ComplaintCommon`` builds, once per class, everything a lifecycle test needs
without relying on demo data: two companies, customers with e-mail, products, a
confirmed sales order with two lines and its posted invoice, two teams, categories
and one user per role.
``_walk_to`` drives a complaint to any canonical state with the minimum data each gate
asks for. Other test files reuse it: keep names and behaviour stable.
"""

from markupsafe import Markup

from odoo import Command
from odoo.tests import TransactionCase, new_test_user

from ..const import STATE_RANK

# The states _walk_to passes through, in order.
WALK_ORDER = [
    "new",
    "acknowledged",
    "assessed",
    "investigation",
    "decision",
    "communicated",
    "closed",
]


class ComplaintCommon(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(
            context=dict(
                cls.env.context,
                mail_create_nolog=True,
                mail_create_nosubscribe=True,
                mail_notrack=True,
                no_reset_password=True,
            )
        )
        cls.Complaint = cls.env["complaint.complaint"]
        # --- companies ------------------------------------------------------------
        cls.company = cls.env.ref("base.main_company")
        cls.company.write(
            {
                "email": "care@main.example.com",
                "complaint_external_recourse": Markup(
                    "<p>Consumer Ombudsman Testland, within six months.</p>"
                ),
                "complaint_remedy_approval_threshold": 500.0,
            }
        )
        cls.company_b = cls.env["res.company"].create(
            {
                "name": "Complaints Second Company",
                "email": "care@second.example.com",
                "currency_id": cls.company.currency_id.id,
            }
        )
        # --- stages by canonical state (first stage of each state) ----------------
        cls.stages = {}
        for stage in cls.env["complaint.stage"].search([], order="sequence, id"):
            cls.stages.setdefault(stage.state, stage)
        # --- users per role -------------------------------------------------------
        user_group = "complaint_management.group_complaint_user"
        # Team A's handlers also work in Sales (they open orders and log complaints
        # from them); team B's handler has the complaints group only.
        sales_group = f"{user_group},sales_team.group_sale_salesman_all_leads"
        common = {"company_id": cls.company.id, "context": cls.env.context}
        cls.user_a = new_test_user(
            cls.env, login="cm_user_a", groups=sales_group, name="Ada Handler", **common
        )
        cls.user_a2 = new_test_user(
            cls.env,
            login="cm_user_a2",
            groups=sales_group,
            name="Alan Reviewer",
            **common,
        )
        cls.user_b = new_test_user(
            cls.env, login="cm_user_b", groups=user_group, name="Bea Handler", **common
        )
        cls.manager = new_test_user(
            cls.env,
            login="cm_manager",
            groups="complaint_management.group_complaint_manager",
            name="Carl Manager",
            company_ids=[Command.set([cls.company.id, cls.company_b.id])],
            **common,
        )
        cls.internal_user = new_test_user(
            cls.env,
            login="cm_internal",
            groups="base.group_user",
            name="Ines Internal",
            **common,
        )
        cls.manager_b = new_test_user(
            cls.env,
            login="cm_manager_b",
            groups="complaint_management.group_complaint_manager",
            name="Bruno Manager B",
            company_id=cls.company_b.id,
            context=cls.env.context,
        )
        # --- customers ------------------------------------------------------------
        Partner = cls.env["res.partner"]
        cls.customer = Partner.create(
            {
                "name": "Acme Buyers",
                "is_company": True,
                "email": "buyers@acme.example.com",
            }
        )
        cls.customer_contact = Partner.create(
            {
                "name": "Alice Acme",
                "parent_id": cls.customer.id,
                "email": "alice@acme.example.com",
            }
        )
        cls.other_customer = Partner.create(
            {"name": "Zed Other", "email": "zed@other.example.com"}
        )
        cls.portal_user = new_test_user(
            cls.env,
            login="cm_portal",
            groups="base.group_portal",
            name="Alice Acme Portal",
            partner_id=cls.customer_contact.id,
            email="alice@acme.example.com",
            **common,
        )
        # --- products, order, invoice --------------------------------------------
        Product = cls.env["product.product"]
        cls.product = Product.create(
            {
                "name": "Complaint Test Blender",
                "type": "consu",
                "list_price": 120.0,
                "invoice_policy": "order",
            }
        )
        cls.product_2 = Product.create(
            {
                "name": "Complaint Test Kettle",
                "type": "consu",
                "list_price": 40.0,
                "invoice_policy": "order",
            }
        )
        cls.order = cls.env["sale.order"].create(
            {
                "partner_id": cls.customer.id,
                "company_id": cls.company.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": cls.product.id,
                            "product_uom_qty": 2,
                            "price_unit": 120.0,
                        }
                    ),
                    Command.create(
                        {
                            "product_id": cls.product_2.id,
                            "product_uom_qty": 1,
                            "price_unit": 40.0,
                        }
                    ),
                ],
            }
        )
        cls.order.action_confirm()
        cls.line_1, cls.line_2 = cls.order.order_line
        cls.invoice = cls.order._create_invoices()
        cls.invoice.action_post()
        # --- teams and categories -------------------------------------------------
        Team = cls.env["complaint.team"]
        cls.team_a = Team.create(
            {
                "name": "Team A",
                "company_id": cls.company.id,
                "leader_id": cls.user_a.id,
                "member_ids": [Command.set([cls.user_a.id, cls.user_a2.id])],
            }
        )
        cls.team_b = Team.create(
            {
                "name": "Team B",
                "company_id": cls.company.id,
                "member_ids": [Command.set([cls.user_b.id])],
            }
        )
        cls.team_company_b = Team.create(
            {
                "name": "Team of Company B",
                "company_id": cls.company_b.id,
                "resource_calendar_id": cls.company_b.resource_calendar_id.id,
            }
        )
        Category = cls.env["complaint.category"]
        cls.category = Category.create({"name": "Product Quality"})
        cls.category_delivery = Category.create(
            {"name": "Delivery", "team_id": cls.team_b.id, "company_id": cls.company.id}
        )

    # --- helpers ------------------------------------------------------------------
    @classmethod
    def _complaint_vals(cls, **values):
        vals = {
            "subject": "Blender arrived broken",
            "partner_id": cls.customer.id,
            "channel": "phone",
            "team_id": cls.team_a.id,
            "company_id": cls.company.id,
            "sale_order_id": cls.order.id,
            "sale_line_id": cls.line_1.id,
            "product_id": cls.product.id,
            "invoice_id": cls.invoice.id,
            "description": Markup("<p>The jug was cracked on arrival.</p>"),
            "remedy_requested": "A new blender.",
        }
        vals.update(values)
        return vals

    @classmethod
    def _create_complaint(cls, env=None, **values):
        """A complaint with sensible defaults (staff-entered by phone: state new)."""
        env = env or cls.env
        return env["complaint.complaint"].create(cls._complaint_vals(**values))

    @classmethod
    def _assessment_vals(cls, **values):
        vals = {
            "severity": "low",
            "category_id": cls.category.id,
            "complexity": "simple",
            "impact": "individual",
            "user_id": cls.user_a.id,
        }
        vals.update(values)
        return vals

    @classmethod
    def _add_investigation(cls, complaint, **values):
        vals = {
            "name": "Check the shipment",
            "complaint_id": complaint.id,
            "investigator_id": complaint.user_id.id or cls.user_a.id,
            "findings": Markup("<p>The carrier dropped the parcel.</p>"),
        }
        vals.update(values)
        return complaint.env["complaint.investigation"].create(vals)

    @classmethod
    def _decision_vals(cls, **values):
        vals = {
            "outcome": "upheld",
            "decision_reason": Markup("<p>The product was damaged in transit.</p>"),
        }
        vals.update(values)
        return vals

    @classmethod
    def _walk_to(cls, complaint, state):
        """Drive ``complaint`` (in the env it is bound to) to ``state`` through the
        process, adding the minimum data each gate needs. Returns the complaint."""
        target = STATE_RANK[state]
        for step in WALK_ORDER[1:]:
            if STATE_RANK[step] > target:
                break
            if STATE_RANK[complaint.state] >= STATE_RANK[step]:
                continue
            if step == "acknowledged":
                complaint.action_acknowledge()
            elif step == "assessed":
                complaint.write(cls._assessment_vals())
                complaint.action_assess()
            elif step == "investigation":
                complaint.action_start_investigation()
            elif step == "decision":
                if not complaint.investigation_ids:
                    cls._add_investigation(complaint)
                complaint.write(cls._decision_vals())
                complaint.action_decide()
            elif step == "communicated":
                complaint._mark_communicated("email")
            elif step == "closed":
                complaint.action_response_accepted()
                complaint.action_close()
        if state == "cancelled":
            complaint._cancel("Withdrawn by the complainant.")
        return complaint


class ComplaintProcessCommon(ComplaintCommon):
    """The process walked by real users: a handler's and a manager's environment."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env_a = cls.env(user=cls.user_a)
        cls.env_manager = cls.env(user=cls.manager)

    def _new(self, **values):
        return self._create_complaint(env=self.env_a, **values)

    def _assert_unchanged(self, complaint, state, **values):
        complaint.invalidate_recordset()
        self.assertEqual(complaint.state, state)
        for field_name, value in values.items():
            self.assertEqual(complaint[field_name], value, field_name)
