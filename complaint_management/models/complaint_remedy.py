# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..const import REMEDY_DOCUMENT_GROUPS, REMEDY_PROCESS_FIELDS

# The largest remedy amount accepted (a typo beyond it).
REMEDY_AMOUNT_MAX = 1_000_000_000.0

# Managers asked to approve a remedy (one activity on the complaint).
APPROVER_LIMIT = 1


class ComplaintRemedy(models.Model):
    _name = "complaint.remedy"
    _description = "Complaint Remedy"
    _inherit = [
        "complaint.chatter.mixin",
        "complaint.input.mixin",
        "complaint.notification.mixin",
    ]
    _order = "complaint_id, sequence, id"
    _check_company_auto = True
    # complaint.input.mixin: no remedy of 1e20, NaN or an essay of a description
    _text_limits = {"description": 10000}
    _number_ranges = {"amount": (0.0, REMEDY_AMOUNT_MAX)}

    sequence = fields.Integer(default=10)
    complaint_id = fields.Many2one(
        "complaint.complaint",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    company_id = fields.Many2one(
        related="complaint_id.company_id", store=True, index=True
    )
    remedy_type = fields.Selection(
        [
            ("explanation", "Explanation"),
            ("apology", "Apology"),
            ("repair", "Repair"),
            ("replacement", "Replacement"),
            ("refund", "Refund"),
            ("credit_note", "Credit Note"),
            ("compensation", "Compensation"),
            ("other", "Other"),
        ],
        string="Type",
        required=True,
        default="explanation",
    )
    description = fields.Text()
    amount = fields.Monetary(currency_field="currency_id", tracking=True)
    currency_id = fields.Many2one(
        "res.currency",
        required=True,
        default=lambda self: self.env.company.currency_id,
    )
    amount_company = fields.Monetary(
        compute="_compute_amount_company",
        store=True,
        currency_field="company_currency_id",
        string="Value (Company Currency)",
    )
    company_currency_id = fields.Many2one(
        related="company_id.currency_id", string="Company Currency"
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("to_approve", "To Approve"),
            ("approved", "Approved"),
            ("refused", "Refused"),
            ("done", "Done"),
        ],
        default="draft",
        required=True,
        readonly=True,
        index=True,
        copy=False,
        tracking=True,
    )
    approved_by_id = fields.Many2one(
        "res.users", readonly=True, copy=False, tracking=True
    )
    date_approved = fields.Datetime(string="Approved On", readonly=True, copy=False)
    move_id = fields.Many2one(
        "account.move", string="Credit Note", readonly=True, copy=False, tracking=True
    )
    sale_order_id = fields.Many2one(
        "sale.order",
        string="Replacement Quotation",
        readonly=True,
        copy=False,
        tracking=True,
    )

    @api.depends("amount", "currency_id", "complaint_id.date_received")
    def _compute_amount_company(self):
        for remedy in self:
            company = remedy.complaint_id.company_id or self.env.company
            remedy.amount_company = remedy.currency_id._convert(
                remedy.amount,
                company.currency_id,
                company,
                fields.Date.to_date(remedy.complaint_id.date_received)
                or fields.Date.today(),
            )

    @api.constrains("amount")
    def _check_amount(self):
        if any(remedy.amount < 0 for remedy in self):
            raise ValidationError(self.env._("A remedy amount cannot be negative."))

    @api.model_create_multi
    def create(self, vals_list):
        # R34: a remedy starts as a draft; its state, approver and documents come
        # from its actions: given values are refused, context defaults ignored (an
        # order's ``default_sale_order_id`` is not a replacement quotation)
        self._check_remedy_process_fields([set(vals) for vals in vals_list])
        self._check_input_values(vals_list)
        # the whole context is replaced: keys are dropped, not overridden
        creator = self.with_context(  # pylint: disable=context-overridden
            {
                key: value
                for key, value in self.env.context.items()
                if not (key.startswith("default_") and key[8:] in REMEDY_PROCESS_FIELDS)
            }
        )
        remedies = super(ComplaintRemedy, creator).create(vals_list).with_env(self.env)
        remedies._request_approval_if_needed()
        return remedies

    def write(self, vals):
        self._check_remedy_process_fields([set(vals)])
        self._check_input_values([vals])
        if {"amount", "currency_id", "remedy_type", "complaint_id"} & set(
            vals
        ) and self.filtered(lambda r: r.state == "done"):
            raise UserError(
                self.env._("An executed remedy cannot be changed: its document exists.")
            )
        result = super().write(vals)
        if {"amount", "currency_id"} & set(vals):
            self.filtered(lambda r: r.state == "approved")._process_write(
                {"state": "draft", "approved_by_id": False, "date_approved": False}
            )
            self._request_approval_if_needed()
        return result

    @api.model
    def _check_remedy_process_fields(self, field_sets):
        """R34: state, approver and executed documents are set by the remedy's
        actions only; anyone else is refused before anything is written."""
        if self.env.su:
            return
        forbidden = set().union(
            *(REMEDY_PROCESS_FIELDS & names for names in field_sets)
        )
        if forbidden:
            raise UserError(
                self.env._(
                    "These fields of a remedy are set by its actions (approve, "
                    "refuse, execute), not by hand: %(fields)s.",
                    fields=", ".join(
                        sorted(
                            self._fields[name]._description_string(self.env)
                            for name in forbidden
                        )
                    ),
                )
            )

    def _process_write(self, vals):
        """The one way the remedy's actions write its state, approver and
        documents."""
        # sudo: the public action checked the caller (group, write access on the
        # complaint); sudo() keeps env.uid, so tracking keeps the real author
        return self.sudo().write(vals)

    def _needs_approval(self):
        self.ensure_one()
        threshold = self.complaint_id.company_id.complaint_remedy_approval_threshold
        return self.amount_company > threshold

    def _request_approval_if_needed(self):
        """R34: remedies above the company threshold wait for a manager's approval;
        the managers get an activity on the complaint."""
        to_approve = self.filtered(lambda r: r.state == "draft" and r._needs_approval())
        if not to_approve:
            return
        to_approve._process_write({"state": "to_approve"})
        activities = []
        for complaint in to_approve.complaint_id:
            activities += [
                complaint._prepare_activity(
                    manager, lambda env: env._("Approve remedy")
                )
                for manager in self._get_complaint_managers(
                    complaint.company_id, limit=APPROVER_LIMIT
                )
            ]
        self._schedule_activities(activities)

    def action_approve(self):
        if not self.env.user.has_group("complaint_management.group_complaint_manager"):
            raise AccessError(
                self.env._("Only a complaints manager can approve remedies.")
            )
        # sudo: the names of the persons complained about are compared, never shown
        for remedy in self.sudo():
            if self.env.user in remedy.complaint_id.subject_user_ids:
                raise ValidationError(
                    self.env._(
                        "You are a person complained about in %(ref)s and cannot "
                        "approve its remedies.",
                        ref=remedy.complaint_id.name,
                    )
                )
        # a draft below the threshold may be approved too: the recorded approval
        # then authorises its execution by a handler without invoicing rights
        self.filtered(lambda r: r.state in ("draft", "to_approve"))._process_write(
            {
                "state": "approved",
                "approved_by_id": self.env.uid,
                "date_approved": fields.Datetime.now(),
            }
        )
        return True

    def action_refuse(self):
        if not self.env.user.has_group("complaint_management.group_complaint_manager"):
            raise AccessError(
                self.env._("Only a complaints manager can refuse remedies.")
            )
        self.filtered(lambda r: r.state in ("draft", "to_approve"))._process_write(
            {"state": "refused"}
        )
        return True

    def action_execute(self):
        """Create the real document the remedy stands for, and link it."""
        for remedy in self:
            if remedy.state in ("to_approve", "refused"):
                raise UserError(
                    self.env._(
                        "This remedy of %(ref)s needs a manager's approval first.",
                        ref=remedy.complaint_id.name,
                    )
                )
            if remedy.state == "done":
                continue
            # The documents below are created with sudo: the caller may write the
            # complaint and either holds the rights to issue the document or has a
            # manager's approval recorded on the remedy (R34).
            remedy.complaint_id.check_access("write")
            remedy._check_document_rights()
            if remedy.remedy_type in ("refund", "credit_note"):
                remedy._execute_credit_note()
            elif remedy.remedy_type == "replacement":
                remedy._execute_replacement()
            else:
                remedy._process_write({"state": "done"})
        return True

    def _check_document_rights(self):
        """R34: issuing a credit note or a quotation takes the rights to issue it,
        or a manager's approval recorded on the remedy; never sudo on behalf of a
        user who has neither."""
        self.ensure_one()
        group = REMEDY_DOCUMENT_GROUPS.get(self.remedy_type)
        if not group or self.env.user.has_group(group):
            return
        if self.state == "approved" and self.approved_by_id:
            return
        raise AccessError(
            self.env._(
                "Executing this %(type)s remedy of %(ref)s issues a document you have "
                "no rights to issue: a complaints manager must approve it first.",
                type=dict(self._fields["remedy_type"]._description_selection(self.env))[
                    self.remedy_type
                ],
                ref=self.complaint_id.name,
            )
        )

    def _execute_credit_note(self):
        self.ensure_one()
        invoice = self.complaint_id.invoice_id.sudo()  # sudo: see action_execute
        if (
            not invoice
            or invoice.state != "posted"
            or invoice.move_type != "out_invoice"
        ):
            raise UserError(
                self.env._(
                    "A credit note needs a posted customer invoice on complaint "
                    "%(ref)s.",
                    ref=self.complaint_id.name,
                )
            )
        # sudo: authorised in action_execute (approval and write access, R34)
        wizard = (
            self.env["account.move.reversal"]
            .sudo()
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create(
                {
                    "reason": self.env._(
                        "Complaint %(ref)s", ref=self.complaint_id.name
                    ),
                    "journal_id": invoice.journal_id.id,
                }
            )
        )
        wizard.refund_moves()
        credit_note = wizard.new_move_ids[:1]
        if self.amount and credit_note:
            # A partial refund: scale the lines to the remedy's amount.
            ratio = min(1.0, self.amount / (invoice.amount_total or self.amount))
            if ratio < 1.0:
                credit_note.write(
                    {
                        "invoice_line_ids": [
                            Command.update(
                                line.id, {"price_unit": line.price_unit * ratio}
                            )
                            for line in credit_note.invoice_line_ids
                        ]
                    }
                )
        self._process_write({"move_id": credit_note.id, "state": "done"})

    def _execute_replacement(self):
        self.ensure_one()
        complaint = self.complaint_id
        order = complaint.sale_order_id.sudo()  # sudo: see action_execute
        if not order:
            raise UserError(
                self.env._(
                    "A replacement needs a sales order on complaint %(ref)s.",
                    ref=complaint.name,
                )
            )
        lines = complaint.sale_line_id.sudo() or order.order_line.filtered(
            lambda line: not line.display_type and line.product_id
        )
        # sudo: authorised in action_execute (approval and write access, R34)
        sale_orders = self.env["sale.order"].sudo()
        quotation = sale_orders.create(
            {
                "partner_id": order.partner_id.id,
                "company_id": order.company_id.id,
                "origin": complaint.name,
                "client_order_ref": order.name,
                "order_line": [
                    Command.create(
                        {
                            "product_id": line.product_id.id,
                            "product_uom_qty": line.product_uom_qty,
                            "product_uom": line.product_uom.id,
                            "price_unit": 0.0,
                            "name": self.env._(
                                "Replacement for %(ref)s: %(name)s",
                                ref=complaint.name,
                                name=line.name,
                            ),
                        }
                    )
                    for line in lines
                ],
            }
        )
        self._process_write({"sale_order_id": quotation.id, "state": "done"})
