# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What keeps the record trustworthy (R10, principle 4.9): the process fields only the
process writes (``const.PROCESS_FIELDS``, ``_process_write``), bounded input checked
before anything is written, and links (order, line, invoice, complainant, company)
that agree. ``create`` and ``write`` of the main file call these checks."""

from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.models import parse_read_group_spec

from ..const import (
    PROCESS_FIELDS,
)


# one concern of complaint.complaint per file (LAYOUT principle 2)
class ComplaintComplaint(models.Model):
    _inherit = "complaint.complaint"  # pylint: disable=unknown-option-value,consider-merging-classes-inherited

    # --- Links that agree ------------------------------------------------------------
    @api.constrains(
        "partner_id", "sale_order_id", "sale_line_id", "invoice_id", "product_id"
    )
    def _check_links(self):
        """The order line belongs to the order, the order and the invoice to the
        complainant's commercial partner, and the product is the line's."""
        # sudo: only the links between the documents are compared; a handler may
        # not read orders or invoices
        for complaint in self.sudo():
            line, order = complaint.sale_line_id, complaint.sale_order_id
            invoice, partner = complaint.invoice_id, complaint.commercial_partner_id
            problem = None
            if line and order and line.order_id != order:
                problem = ("sale_line_id", "sale_order_id")
            elif (
                order and partner and order.partner_id.commercial_partner_id != partner
            ):
                problem = ("sale_order_id", "partner_id")
            elif invoice and partner and invoice.commercial_partner_id != partner:
                problem = ("invoice_id", "partner_id")
            elif (
                line
                and complaint.product_id
                and line.product_id != complaint.product_id
            ):
                problem = ("product_id", "sale_line_id")
            if problem:
                raise ValidationError(
                    self.env._(
                        "%(field)s of %(ref)s does not belong with its %(other)s.",
                        field=self._fields[problem[0]]._description_string(self.env),
                        other=self._fields[problem[1]]._description_string(self.env),
                        ref=complaint.name,
                    )
                )

    @api.model
    def _check_process_fields(self, field_sets):
        """R10: the process fields (const.PROCESS_FIELDS) are set by the process
        only, through ``_process_write``; anyone else is refused before anything is
        written, whatever the context."""
        if self.env.su:
            return
        forbidden = set().union(*(PROCESS_FIELDS & names for names in field_sets))
        if forbidden:
            labels = sorted(
                self._fields[name]._description_string(self.env) for name in forbidden
            )
            raise UserError(
                self.env._(
                    "These fields are set by the complaints process, not by hand: "
                    "%(fields)s. Use the buttons and wizards of the complaint.",
                    fields=", ".join(labels),
                )
            )

    # --- Fields kept to some groups are not searched by others ------------------------
    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        """A field kept to some groups (the persons complained about) cannot be
        searched by anyone else: Odoo checks the fields of a domain that are
        columns, not a many2many, so that a handler could find out whom a complaint
        is about by searching ``subject_user_ids``. Paths through other models are
        checked by those models' own search."""
        if not self.env.su and domain:
            names = {
                leaf[0].split(".", 1)[0]
                for leaf in domain
                if isinstance(leaf, list | tuple) and isinstance(leaf[0], str)
            }
            self.check_field_access_rights("read", sorted(names & set(self._fields)))
        return super()._search(domain, offset=offset, limit=limit, order=order)

    def _read_group_groupby(self, groupby_spec, query):
        # Odoo checks the fields grouped by that are columns, not a many2many
        if not self.env.su:
            self.check_field_access_rights(
                "read", [parse_read_group_spec(groupby_spec)[0]]
            )
        return super()._read_group_groupby(groupby_spec, query)

    def _input_companies(self, vals):
        if vals.get("company_id"):
            return self.env["res.company"].browse(vals["company_id"])
        return self.company_id or self.env.company

    @api.model
    def _get_text_limits(self, vals):
        limits = super()._get_text_limits(vals)
        # sudo: a setting of the company, read for whoever sends the complaint
        size = min(
            self._input_companies(vals).sudo().mapped("complaint_description_max_chars")
        )
        limits.update(description=size, decision_reason=size)
        return limits

    @api.model
    def _check_input_values(self, vals_list):
        result = super()._check_input_values(vals_list)
        now = fields.Datetime.now()
        for vals in vals_list:
            if not vals.get("date_received"):
                continue
            received = fields.Datetime.to_datetime(vals["date_received"])
            label = self._fields["date_received"]._description_string(self.env)
            # a few minutes of clock difference between client and server
            if received > now + timedelta(minutes=5):
                raise ValidationError(
                    self.env._("%(field)s cannot be in the future.", field=label)
                )
            # sudo: see _get_text_limits
            years = max(
                self._input_companies(vals)
                .sudo()
                .mapped("complaint_received_max_age_years")
            )
            if received < now - relativedelta(years=years):
                raise ValidationError(
                    self.env._(
                        "%(field)s is more than %(years)s years ago: check the "
                        "date (the limit is a company setting).",
                        field=label,
                        years=years,
                    )
                )
        return result

    def _process_write(self, vals):
        """The one way the process (stage hook, actions, wizards, jobs) writes the
        process fields (const.PROCESS_FIELDS)."""
        # sudo: the public caller (action, wizard, job, stage move) checked access to
        # these complaints; sudo() keeps env.uid, so tracking and notes keep the real
        # user as author.
        return self.sudo().write(vals)
