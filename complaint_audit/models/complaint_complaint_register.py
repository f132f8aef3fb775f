# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging
import re

import pytz

from odoo import fields, models
from odoo.tools import SQL

from odoo.addons.complaint_management.const import MILESTONES

_logger = logging.getLogger(__name__)

# The register's columns read straight from complaint_complaint (one SELECT per
# chunk); the related names are resolved once per chunk, or once per export for the
# few records shared by every row (companies, owners, teams, categories, products).
REGISTER_COLUMNS = (
    "id",
    "name",
    "subject",
    "company_id",
    "channel",
    "partner_id",
    "sale_order_id",
    "product_id",
    "invoice_id",
    "category_id",
    "severity",
    "user_id",
    "team_id",
    "state",
    "outcome",
    "complainant_response",
    "close_reason",
    "remedy_amount",
    "escalation_level",
    "appeal_level",
    "reopen_count",
)
REGISTER_DATES = MILESTONES + (
    "date_reopened",
    "ack_deadline",
    "response_deadline",
    "close_deadline",
)
REGISTER_SELECTIONS = (
    "channel",
    "severity",
    "state",
    "outcome",
    "complainant_response",
    "close_reason",
)
# res.partner's display name is its complete name, cleaned as _compute_display_name
# does (a partner without a name shows its address type, translated: ORM then)
_PARTNER_SPACES = re.compile(r"\s+\n")


class ComplaintComplaint(models.Model):
    _inherit = "complaint.complaint"  # pylint: disable=unknown-option-value,consider-merging-classes-inherited  # one file per concern (LAYOUT 4.2)

    # --- Register (R42) -----------------------------------------------------------
    def _register_rows(self, names=None):
        """One dict per complaint with the register's values, in the order of
        ``self``, read set-based: one SELECT of the complaints' columns, one of their
        partners, orders and invoices, one of their remedies and one of their
        corrective actions. The caller passes a chunk (the export: 1,000 at a time).

        :param names: a dict kept by the caller across chunks, where the display
            names of the companies, owners, teams, categories and products already
            met are cached (a handful for the whole register)
        """
        if not self:
            return []
        names = {} if names is None else names
        # sudo: the complaints come from the user's own search (record rules
        # applied); the names of their order, invoice, product, owner... are part
        # of the register even for an auditor without rights on sales or accounting
        self.check_access("read")
        complaints = self.sudo()
        self.env.flush_all()
        labels = {
            name: dict(self._fields[name]._description_selection(self.env))
            for name in REGISTER_SELECTIONS
        }
        yes, no = self.env._("Yes"), self.env._("No")
        anonymous = self.env._("Anonymous")
        now = fields.Datetime.now()
        to_local = self._register_local_time()

        def met(done, deadline):
            """Yes when done by the deadline, No when done late or overdue, empty
            while it can still be met."""
            if not deadline:
                return ""
            if done:
                return yes if done <= deadline else no
            return no if deadline < now else ""

        columns = REGISTER_COLUMNS + REGISTER_DATES
        self.env.cr.execute(
            SQL(
                """SELECT %s, so.name, inv.name, p.name, p.complete_name
                   FROM complaint_complaint c
                   LEFT JOIN sale_order so ON so.id = c.sale_order_id
                   LEFT JOIN account_move inv ON inv.id = c.invoice_id
                   LEFT JOIN res_partner p ON p.id = c.partner_id
                   WHERE c.id = ANY(%s)""",
                SQL(", ").join(SQL.identifier("c", column) for column in columns),
                self.ids,
            )
        )
        records = {row[0]: row for row in self.env.cr.fetchall()}
        width = len(columns)
        # partners without a name (their label is their translated address type)
        nameless = {
            row[columns.index("partner_id")]
            for row in records.values()
            if row[columns.index("partner_id")] and not row[width + 2]
        }
        partner_names = {
            partner.id: partner.display_name
            for partner in self.env["res.partner"].sudo().browse(nameless)
        }
        shared = {
            "company_id": "res.company",
            "product_id": "product.product",
            "category_id": "complaint.category",
            "user_id": "res.users",
            "team_id": "complaint.team",
        }
        for fname, model in shared.items():
            cache = names.setdefault(fname, {})
            index = columns.index(fname)
            missing = {row[index] for row in records.values()} - cache.keys() - {None}
            for record in self.env[model].sudo().browse(missing):
                # the register shows the name of companies, owners and teams
                # and the display name of categories and products
                cache[record.id] = (
                    record.display_name
                    if fname in ("product_id", "category_id")
                    else record.name
                )
        remedies = complaints._register_remedies()
        actions = complaints._register_corrective_actions()
        index = {column: position for position, column in enumerate(columns)}
        company, product, category, user, team = (names[fname] for fname in shared)
        rows = []
        for complaint_id in self.ids:
            row = records[complaint_id]
            partner_id = row[index["partner_id"]]
            if not partner_id:
                complainant = anonymous
            elif partner_id in partner_names:
                complainant = partner_names[partner_id] or anonymous
            else:
                complainant = (
                    _PARTNER_SPACES.sub("\n", row[width + 3] or "").strip() or anonymous
                )
            values = {
                "name": row[index["name"]],
                "subject": row[index["subject"]],
                "company": company.get(row[index["company_id"]]),
                "channel": labels["channel"].get(row[index["channel"]]),
                "complainant": complainant,
                "sale_order": row[width],
                "product": product.get(row[index["product_id"]]),
                "invoice": row[width + 1],
                "category": category.get(row[index["category_id"]]),
                "severity": labels["severity"].get(row[index["severity"]]),
                "owner": user.get(row[index["user_id"]]),
                "team": team.get(row[index["team_id"]]),
                "state": labels["state"].get(row[index["state"]]),
                "ack_met": met(
                    row[index["date_acknowledged"]], row[index["ack_deadline"]]
                ),
                "response_met": met(
                    row[index["date_communicated"]], row[index["response_deadline"]]
                ),
                "close_met": met(
                    row[index["date_closed"]], row[index["close_deadline"]]
                ),
                "outcome": labels["outcome"].get(row[index["outcome"]]),
                "complainant_response": labels["complainant_response"].get(
                    row[index["complainant_response"]]
                ),
                "close_reason": labels["close_reason"].get(row[index["close_reason"]]),
                "remedies": remedies.get(complaint_id, ""),
                "remedy_amount": float(row[index["remedy_amount"]] or 0.0),
                "escalation_level": row[index["escalation_level"]] or 0,
                "appeal_level": row[index["appeal_level"]] or 0,
                "reopen_count": row[index["reopen_count"]] or 0,
                "corrective_actions": actions.get(complaint_id, ""),
            }
            for fname in REGISTER_DATES:
                values[fname] = to_local(row[index[fname]])
            rows.append(values)
        if "satisfaction" in self._fields:
            # another addon's field: read through the ORM, whatever its kind
            field = self._fields["satisfaction"]
            selection = (
                dict(field._description_selection(self.env))
                if field.type == "selection"
                else None
            )
            for values, complaint in zip(rows, complaints, strict=True):
                value = complaint.satisfaction
                values["satisfaction"] = (
                    selection.get(value) if selection is not None else value
                )
        return rows

    def _register_local_time(self):
        """A function turning a UTC naive datetime into the user's local naive
        time, as ``fields.Datetime.context_timestamp`` does, the time zone being
        looked up once."""
        tz_name = self.env.context.get("tz") or self.env.user.tz
        tz = None
        if tz_name and tz_name != "UTC":
            try:
                tz = pytz.timezone(tz_name)
            except pytz.UnknownTimeZoneError:
                _logger.debug("Unknown time zone %s: the register is in UTC", tz_name)
        if tz is None:
            return lambda value: value or None
        utc = pytz.utc

        def local(value):
            if not value:
                return None
            return utc.localize(value, is_dst=False).astimezone(tz).replace(tzinfo=None)

        return local

    def _register_remedies(self):
        """{complaint id: "Type (description); ..."} in the remedies' order."""
        types = dict(
            self.env["complaint.remedy"]
            ._fields["remedy_type"]
            ._description_selection(self.env)
        )
        by_complaint = {}
        for remedy in (
            self.env["complaint.remedy"]
            .sudo()
            .search_fetch(
                [("complaint_id", "in", self.ids)],
                ["complaint_id", "remedy_type", "description"],
            )
        ):
            text = types.get(remedy.remedy_type, remedy.remedy_type) + (
                f" ({remedy.description})" if remedy.description else ""
            )
            by_complaint.setdefault(remedy.complaint_id.id, []).append(text)
        return {key: "; ".join(texts) for key, texts in by_complaint.items()}

    def _register_corrective_actions(self):
        """{complaint id: "action; ..."} in the corrective actions' order."""
        field = self._fields["corrective_action_ids"]
        self.env.cr.execute(
            SQL(
                "SELECT %s, %s FROM %s WHERE %s = ANY(%s)",
                SQL.identifier(field.column1),
                SQL.identifier(field.column2),
                SQL.identifier(field.relation),
                SQL.identifier(field.column1),
                self.ids,
            )
        )
        links = self.env.cr.fetchall()
        if not links:
            return {}
        # searched as the many2many reads them: the comodel's order, active ones
        actions = (
            self.env["complaint.corrective.action"]
            .sudo()
            .search([("id", "in", list({action for _c, action in links}))])
        )
        position = {action.id: rank for rank, action in enumerate(actions)}
        names = {action.id: action.display_name for action in actions}
        by_complaint = {}
        for complaint_id, action_id in links:
            if action_id in position:
                by_complaint.setdefault(complaint_id, []).append(action_id)
        return {
            complaint_id: "; ".join(
                names[a] for a in sorted(action_ids, key=position.__getitem__)
            )
            for complaint_id, action_ids in by_complaint.items()
        }
