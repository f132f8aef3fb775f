# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import ast
import hashlib
import logging
import threading
from collections import defaultdict
from datetime import datetime, time, timedelta

import psycopg2
from dateutil.relativedelta import relativedelta
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression
from odoo.tools import SQL, mute_logger

_logger = logging.getLogger(__name__)

REGISTER_REPORT = "complaint_audit.action_report_complaint_register"


class ComplaintRegisterExport(models.TransientModel):
    """Export the complaint register (R42) for a period and the list's filter or
    selection, as XLSX. Also what the monthly job renders."""

    _name = "complaint.register.export"
    _description = "Export the Complaint Register"

    date_from = fields.Date(string="Received From")
    date_to = fields.Date(string="Received Until")
    scope = fields.Selection(
        [
            ("filter", "All complaints matching the list's filter"),
            ("selected", "The selected complaints"),
        ],
        required=True,
        default="filter",
    )
    domain = fields.Char(
        default="[]", help="The list's search filter when the export was started."
    )
    complaint_ids = fields.Many2many(
        "complaint.complaint", string="Selected Complaints"
    )
    complaint_count = fields.Integer(compute="_compute_complaint_count")

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        context = self.env.context
        if context.get("active_model") == "complaint.complaint":
            if context.get("active_ids"):
                values["complaint_ids"] = [fields.Command.set(context["active_ids"])]
                values["scope"] = "selected"
            if context.get("active_domain"):
                values["domain"] = repr(context["active_domain"])
                if context.get("active_ids") and len(context["active_ids"]) == self.env[
                    "complaint.complaint"
                ].search_count(context["active_domain"]):
                    # everything the filter shows is selected: keep the filter,
                    # which also holds beyond the web client's 20,000 ids
                    values["scope"] = "filter"
        return values

    @api.depends("date_from", "date_to", "scope", "domain", "complaint_ids")
    def _compute_complaint_count(self):
        for export in self:
            export.complaint_count = self.env["complaint.complaint"].search_count(
                export._get_complaint_domain()
            )

    @api.constrains("date_from", "date_to")
    def _check_period(self):
        for export in self:
            if (
                export.date_from
                and export.date_to
                and export.date_from > export.date_to
            ):
                raise UserError(
                    self.env._("The period of the register ends before it starts.")
                )

    def _get_filter_domain(self):
        self.ensure_one()
        try:
            domain = ast.literal_eval(self.domain or "[]")
            return expression.normalize_domain(domain) if domain else []
        except (ValueError, SyntaxError, TypeError, AssertionError) as error:
            raise UserError(
                self.env._("The list's filter cannot be read: %(error)s", error=error)
            ) from error

    def _get_complaint_domain(self):
        """The complaints of the register: the filter (or the selection), within
        the period of reception. Dates are the user's days."""
        self.ensure_one()
        if self.scope == "selected":
            domain = [("id", "in", self.complaint_ids.ids)]
        else:
            domain = self._get_filter_domain()
        if self.date_from:
            domain = expression.AND(
                [domain, [("date_received", ">=", self._day_start(self.date_from))]]
            )
        if self.date_to:
            domain = expression.AND(
                [
                    domain,
                    [
                        (
                            "date_received",
                            "<",
                            self._day_start(self.date_to + timedelta(days=1)),
                        )
                    ],
                ]
            )
        return domain

    def _day_start(self, day):
        """Midnight of ``day`` in the user's time zone, as a UTC naive datetime."""
        local = fields.Datetime.context_timestamp(self, datetime.combine(day, time()))
        offset = local.utcoffset() or timedelta()
        return datetime.combine(day, time()) - offset

    def _search_complaints(self):
        """The complaints to export, as the current user sees them (record rules
        apply), in the register's order."""
        self.ensure_one()
        return self.env["complaint.complaint"].search(
            self._get_complaint_domain(), order="date_received, id"
        )

    def _log_register_export(self, content):
        """The export in the audit trail: one event per company of the exported
        complaints (the trail keeps one chain per company and every event belongs
        to a complaint, so it hangs on the company's first exported complaint), with
        the count, the period, the filter and the SHA-256 of the file."""
        self.ensure_one()
        groups = self.env["complaint.complaint"]._read_group(
            self._get_complaint_domain(), ["company_id"], ["id:min", "__count"]
        )
        digest = hashlib.sha256(content).hexdigest()
        period = f"{self.date_from or '…'} – {self.date_to or '…'}"
        scope = (
            self.env._("%(count)s selected complaints", count=len(self.complaint_ids))
            if self.scope == "selected"
            else self.domain or "[]"
        )
        self.env["complaint.audit.event"]._log(
            [
                {
                    "complaint_id": first_id,
                    "event_type": "register_export",
                    "note": self.env._(
                        "Register exported: %(count)s complaints of %(company)s, "
                        "received %(period)s; filter: %(scope)s",
                        count=count,
                        company=company.name,
                        period=period,
                        scope=scope[:1000],
                    ),
                    "ref": digest,
                }
                for company, first_id, count in groups
            ]
        )

    def action_export(self):
        self.ensure_one()
        if not self.complaint_count:
            raise UserError(self.env._("No complaint matches this period and filter."))
        return self.env.ref(REGISTER_REPORT).report_action(self)

    def _export_register(self):
        """The XLSX bytes of the register (the bench and the monthly job)."""
        self.ensure_one()
        content, _format = self.env["ir.actions.report"]._render_xlsx(
            REGISTER_REPORT, self.ids, data=None
        )
        return content

    # --- Job: the monthly register for the complaints managers -------------------
    @api.model
    def _register_month_name(self, company, month_start):
        return self.env._(
            "Complaint register %(company)s %(month)s.xlsx",
            company=company.name,
            month=month_start.strftime("%Y-%m"),
        )

    @api.model
    def _cron_send_monthly_register(self):
        """On the first days of a month, the register of the previous month for each
        company, attached to one mail per language to the company's complaints
        managers. The attachment on the company says it was done: a second run, a
        retry or a second server find it and skip the company."""
        today = fields.Date.context_today(self)
        month_start = today.replace(day=1) - relativedelta(months=1)
        auto_commit = not getattr(threading.current_thread(), "testing", False)
        managers = self.env.ref(
            "complaint_management.group_complaint_manager"
        ).users.filtered(lambda u: u.active and not u.share)
        # every company: a handful of rows
        companies = self.env["res.company"].search([], limit=None)
        done = 0
        for company in companies:
            if auto_commit:
                # a fresh snapshot: see what another server committed meanwhile
                self.env.cr.commit()  # pylint: disable=unknown-option-value,invalid-commit  # cron batch
            company_managers = managers.filtered(
                lambda u, c=company: c in u.company_ids
            )
            if company_managers and self._claim_company(company):
                self._send_register(company, month_start, company_managers)
            done += 1
            self.env["ir.cron"]._notify_progress(
                done=done, remaining=len(companies) - done
            )
            if auto_commit:
                # cron batch boundary: a company's mails are out and recorded
                self.env.cr.commit()  # pylint: disable=unknown-option-value,invalid-commit  # see above
        return True

    @api.model
    def _claim_company(self, company):
        """Lock the company's row against another run of this job (NO KEY UPDATE:
        inserts referencing the company are not blocked), or False if another
        worker holds it or changed it since this run's snapshot."""
        try:
            with mute_logger("odoo.sql_db"), self.env.cr.savepoint(flush=False):
                self.env.cr.execute(
                    SQL(
                        "SELECT id FROM res_company WHERE id = %s "
                        "FOR NO KEY UPDATE SKIP LOCKED",
                        company.id,
                    )
                )
                return bool(self.env.cr.fetchall())
        except psycopg2.errors.SerializationFailure:
            _logger.info("Company %s: register job left to another worker.", company.id)
            return False

    @api.model
    def _send_register(self, company, month_start, managers):
        # the lock of _claim_company makes this re-check safe: a run that sent the
        # register committed this date, and a run holding an older snapshot gets
        # a serialization failure when it locks the row
        if (
            company.complaint_register_month
            and company.complaint_register_month >= month_start
        ):
            return False
        name = self._register_month_name(company, month_start)
        Attachment = self.env["ir.attachment"]
        month_end = month_start + relativedelta(months=1, days=-1)
        lang = company.partner_id.lang or self.env.lang
        export = (
            self.with_company(company)
            .with_context(lang=lang, tz=company.partner_id.tz or "UTC")
            .create(
                {
                    "date_from": month_start,
                    "date_to": month_end,
                    "scope": "filter",
                    "domain": repr([("company_id", "=", company.id)]),
                }
            )
        )
        content = export._export_register()
        # sudo: the job runs for every company; the attachment keeps what was sent
        attachment = Attachment.sudo().create(
            {
                "name": name,
                "raw": content,
                "res_model": "res.company",
                "res_id": company.id,
                "mimetype": "application/vnd.openxmlformats-officedocument"
                ".spreadsheetml.sheet",
            }
        )
        by_lang = defaultdict(lambda: self.env["res.users"])
        for manager in managers:
            by_lang[manager.lang or lang] |= manager
        mails = []
        for manager_lang, users in by_lang.items():
            translated = self.with_context(lang=manager_lang).env
            mails.append(
                {
                    "subject": translated._(
                        "Complaint register of %(company)s, %(month)s",
                        company=company.name,
                        month=month_start.strftime("%Y-%m"),
                    ),
                    "body_html": Markup("<p>%s</p>")
                    % translated._(
                        "Attached: the complaint register of %(company)s for the "
                        "complaints received in %(month)s (%(count)s complaints).",
                        company=company.name,
                        month=month_start.strftime("%Y-%m"),
                        count=export.complaint_count,
                    ),
                    "recipient_ids": [fields.Command.set(users.partner_id.ids)],
                    "email_from": company.email_formatted
                    or self.env.company.email_formatted,
                    "attachment_ids": [fields.Command.link(attachment.id)],
                    "auto_delete": False,
                }
            )
        # sudo: mail.mail is technical; the recipients are the company's
        # complaints managers, who read the whole register
        self.env["mail.mail"].sudo().create(mails)
        # sudo: the job's own state on the company (the managers may not write it)
        company.sudo().complaint_register_month = month_start
        return attachment
