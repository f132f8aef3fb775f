# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL


class ComplaintReferenceMixin(models.AbstractModel):
    """An immutable reference per company (R23, R10), drawn for a whole batch.

    The sequence is the company's own ``_reference_code`` sequence, else a shared one
    (no company), as ``ir.sequence.next_by_code`` picks it; a company with neither gets
    its own on first use, prefixed with the company's code (R23). A batch draws its
    numbers in one ``nextval`` query.
    """

    _name = "complaint.reference.mixin"
    _description = "Complaint Reference Numbering"
    _reference_code = None  # ir.sequence code
    _reference_prefix = None  # prefix of a sequence created on first use
    _reference_padding = 5

    name = fields.Char(
        string="Reference",
        required=True,
        readonly=True,
        copy=False,
        index="btree",
        default=lambda self: self.env._("New"),
    )

    @api.model_create_multi
    def create(self, vals_list):
        self._assign_references(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        if "name" in vals and not self.env.su:
            raise UserError(
                self.env._(
                    "The reference of a %(document)s cannot be changed.",
                    document=self._description.lower(),
                )
            )
        return super().write(vals)

    @api.model
    def _assign_references(self, vals_list):
        """References for every entry of ``vals_list``, one draw per company."""
        default_company = self.env.company
        vals_by_company = defaultdict(list)
        for vals in vals_list:
            company = (
                self.env["res.company"].browse(vals["company_id"])
                if vals.get("company_id")
                else default_company
            )
            vals_by_company[company].append(vals)
        for company, company_vals in vals_by_company.items():
            sequence = self._get_reference_sequence(company)
            references = self._next_references(sequence, len(company_vals))
            for vals, reference in zip(company_vals, references, strict=True):
                vals["name"] = reference

    @api.model
    def _get_reference_sequence(self, company):
        """The company's sequence (its own, else a shared one), created on first use."""
        # sudo: ir.sequence is technical configuration; users (and the portal/web
        # intake) only draw numbers from it, which create() authorises.
        sequences = (
            self.env["ir.sequence"]
            .sudo()
            .search(
                [
                    ("code", "=", self._reference_code),
                    ("company_id", "in", (company.id, False)),
                ],
                order="id",
            )
        )
        sequence = (
            sequences.filtered(lambda s: s.company_id == company)[:1] or (sequences[:1])
        )
        if not sequence:
            sequence = sequences.create(
                {
                    "name": self.env._(
                        "%(document)s reference (%(company)s)",
                        document=self._description,
                        company=company.name,
                    ),
                    "code": self._reference_code,
                    "prefix": self._reference_company_prefix(company)
                    + self._reference_prefix,
                    "padding": self._reference_padding,
                    "use_date_range": True,
                    "company_id": company.id,
                }
            )
        return sequence

    @api.model
    def _reference_company_prefix(self, company):
        """R23: a sequence made for one company starts with the company's code, so
        two companies never issue the same reference (the shipped sequence of the
        main company keeps its plain prefix: references already issued stay)."""
        code = (company.complaint_reference_code or f"C{company.id}").strip()
        return f"{code}/"

    @api.model
    def _next_references(self, sequence, count):
        """``count`` references drawn from ``sequence`` in one query for a standard
        (PostgreSQL-backed) sequence, instead of one or two queries per record."""
        sequence = sequence.sudo()  # sudo: see _get_reference_sequence
        if count == 1 or sequence.implementation != "standard":
            return [sequence._next() for _i in range(count)]
        seq_date = self.env.context.get("ir_sequence_date") or fields.Date.today()
        if sequence.use_date_range:
            date_range = self.env["ir.sequence.date_range"].sudo().search(
                [
                    ("sequence_id", "=", sequence.id),
                    ("date_from", "<=", seq_date),
                    ("date_to", ">=", seq_date),
                ],
                limit=1,
            ) or sequence._create_date_range_seq(seq_date)
            pg_sequence = f"ir_sequence_{sequence.id:03d}_{date_range.id:03d}"
            sequence = sequence.with_context(
                ir_sequence_date=seq_date, ir_sequence_date_range=date_range.date_from
            )
        else:
            pg_sequence = f"ir_sequence_{sequence.id:03d}"
        # ir.sequence internals: the same nextval() Odoo calls, once for the batch.
        self.env.cr.execute(
            SQL("SELECT nextval(%s) FROM generate_series(1, %s)", pg_sequence, count)
        )
        numbers = sorted(row[0] for row in self.env.cr.fetchall())
        return [sequence.get_next_char(number) for number in numbers]
