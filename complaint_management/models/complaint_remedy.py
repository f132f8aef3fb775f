# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

# Managers asked to approve a remedy (one activity on the complaint).
APPROVER_LIMIT = 1


class ComplaintRemedy(models.Model):
    _name = "complaint.remedy"
    _description = "Complaint Remedy"
    _inherit = ["complaint.chatter.mixin", "complaint.notification.mixin"]
    _order = "complaint_id, sequence, id"
    _check_company_auto = True

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
    amount = fields.Monetary(currency_field="currency_id")
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
        index=True,
    )
    approved_by_id = fields.Many2one("res.users", readonly=True)
    date_approved = fields.Datetime(string="Approved On", readonly=True)
    move_id = fields.Many2one(
        "account.move", string="Credit Note", readonly=True, copy=False
    )
    sale_order_id = fields.Many2one(
        "sale.order", string="Replacement Quotation", readonly=True, copy=False
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
        remedies = super().create(vals_list)
        remedies._request_approval_if_needed()
        return remedies

    def write(self, vals):
        result = super().write(vals)
        if {"amount", "currency_id"} & set(vals):
            self.filtered(lambda r: r.state == "approved").write({"state": "draft"})
            self._request_approval_if_needed()
        return result

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
        to_approve.write({"state": "to_approve"})
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
        for remedy in self:
            if self.env.user in remedy.complaint_id.subject_user_ids:
                raise ValidationError(
                    self.env._(
                        "You are a person complained about in %(ref)s and cannot "
                        "approve its remedies.",
                        ref=remedy.complaint_id.name,
                    )
                )
        self.filtered(lambda r: r.state == "to_approve").write(
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
        self.filtered(lambda r: r.state == "to_approve").write({"state": "refused"})
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
            # The documents below are created with sudo: complaint handlers rarely
            # hold invoicing or sales rights; the approval above (R34) and write
            # access to the complaint are the authorisation.
            remedy.complaint_id.check_access("write")
            if remedy.remedy_type in ("refund", "credit_note"):
                remedy._execute_credit_note()
            elif remedy.remedy_type == "replacement":
                remedy._execute_replacement()
            else:
                remedy.state = "done"
        return True

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
        self.write({"move_id": credit_note.id, "state": "done"})

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
        self.write({"sale_order_id": quotation.id, "state": "done"})
