# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging
import threading
from collections import defaultdict
from datetime import timedelta

from psycopg2 import IntegrityError
from psycopg2.extensions import TransactionRollbackError

from odoo import Command, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

# Complaint field each rule dimension groups by, and the alert field that names the key.
DIMENSION_FIELDS = {
    "product": "product_id",
    "category": "category_id",
    "root_cause": "root_cause_id",
    "customer": "commercial_partner_id",
}
ALERT_KEY_FIELDS = {
    "product": "product_id",
    "category": "category_id",
    "root_cause": "root_cause_id",
    "customer": "partner_id",
}
DIMENSIONS = [
    ("product", "Product"),
    ("category", "Category"),
    ("root_cause", "Root Cause"),
    ("customer", "Customer"),
]
SEVERITY_ORDER = ["low", "medium", "high", "critical"]

_logger = logging.getLogger(__name__)


class ComplaintRecurrenceRule(models.Model):
    """Systemic-issue rule (R43, K10, K14; ISO 10002 8.2): alert the complaints
    manager when at least ``threshold`` complaints with the same product, category,
    root cause or customer were received within the last ``window_days`` days."""

    _name = "complaint.recurrence.rule"
    _description = "Complaint Recurrence Rule"
    _order = "sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    dimension = fields.Selection(DIMENSIONS, required=True, default="product")
    threshold = fields.Integer(
        required=True,
        default=5,
        help="Alert when at least this many complaints share the same key.",
    )
    window_days = fields.Integer(
        string="Rolling Window (Days)",
        required=True,
        default=30,
        help="Only complaints received within this many days count.",
    )
    severity_floor = fields.Selection(
        [
            ("low", "Low"),
            ("medium", "Medium"),
            ("high", "High"),
            ("critical", "Critical"),
        ],
        help="Count only complaints of at least this severity. Empty: all.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Notify",
        default=lambda self: self.env.user,
        domain=[("share", "=", False)],
        help="Who gets the activity for a new alert. Empty: the complaints managers.",
    )
    alert_ids = fields.One2many("complaint.recurrence.alert", "rule_id")
    alert_count = fields.Integer(compute="_compute_alert_count")

    _sql_constraints = [
        (
            "threshold_positive",
            "CHECK(threshold >= 2)",
            "The threshold must be 2 or more.",
        ),
        (
            "window_positive",
            "CHECK(window_days >= 1)",
            "The window must be a day or more.",
        ),
    ]

    def _compute_alert_count(self):
        counts = dict(
            self.env["complaint.recurrence.alert"]._read_group(
                [("rule_id", "in", self.ids)], ["rule_id"], ["__count"]
            )
        )
        for rule in self:
            rule.alert_count = counts.get(rule, 0)

    @api.constrains("threshold", "window_days")
    def _check_figures(self):
        for rule in self:
            if rule.threshold < 2 or rule.window_days < 1:
                raise ValidationError(
                    self.env._(
                        "Rule %(rule)s needs a threshold of 2 or more and a window of "
                        "a day or more.",
                        rule=rule.name,
                    )
                )

    # --- Detection --------------------------------------------------------------------
    @api.model
    def _cron_detect(self):
        """Scheduled (R43): run every active rule; one grouped query per rule."""
        auto_commit = not getattr(threading.current_thread(), "testing", False)
        rules = self.search([("active", "=", True)])
        for done, rule in enumerate(rules, start=1):
            try:
                with self.env.cr.savepoint():
                    rule._detect()
            except (IntegrityError, TransactionRollbackError) as error:
                # a concurrent run (manual "Run now", a second worker) opened the same
                # alert first: the partial unique index refused the duplicate
                _logger.info("Recurrence rule %s skipped: %s", rule.id, error)
            self.env["ir.cron"]._notify_progress(done=done, remaining=len(rules) - done)
            if auto_commit:
                self.env.cr.commit()  # pylint: disable=unknown-option-value,invalid-commit  # batch boundary

    def action_detect_now(self):
        for rule in self:
            rule._detect()
        return True

    def _get_complaint_domain(self, window_start):
        self.ensure_one()
        field_name = DIMENSION_FIELDS[self.dimension]
        domain = [
            ("company_id", "=", self.company_id.id),
            ("date_received", ">=", window_start),
            (field_name, "!=", False),
            ("state", "!=", "cancelled"),
        ]
        if self.severity_floor:
            floor = SEVERITY_ORDER.index(self.severity_floor)
            domain.append(("severity", "in", SEVERITY_ORDER[floor:]))
        return domain

    def _detect(self):
        """One grouped query for the rule (complaints per key within the window,
        ``having count >= threshold``), then one open alert per rule and key: new
        complaints join the open alert; once it is closed, a new alert needs
        ``threshold`` complaints that no alert of this key has counted yet."""
        self.ensure_one()
        # sudo: a rule counts every complaint of its company, whoever runs it (cron
        # or a manager's "Run now"); only ids and counts leave this method.
        rule = self.sudo()
        now = fields.Datetime.now()
        window_start = now - timedelta(days=rule.window_days)
        field_name = DIMENSION_FIELDS[rule.dimension]
        groups = (
            self.env["complaint.complaint"]
            .sudo()
            ._read_group(
                rule._get_complaint_domain(window_start),
                [field_name],
                ["id:array_agg", "date_received:max"],
                having=[("__count", ">=", rule.threshold)],
            )
        )
        if not groups:
            return self.env["complaint.recurrence.alert"]
        ids_by_key = {key.id: (ids, last) for key, ids, last in groups}
        Alert = (
            self.env["complaint.recurrence.alert"]
            .sudo()
            # tracking_disable: mail.thread's create would otherwise subscribe
            # and track alert by alert; the alert's activity notifies its user
            .with_context(tracking_disable=True)
        )
        existing = Alert.search(
            [
                ("rule_id", "=", rule.id),
                ("res_key", "in", list(ids_by_key)),
                "|",
                ("state", "=", "open"),
                ("date_last", ">=", window_start),
            ]
        )
        counted = defaultdict(set)
        open_by_key = {
            alert.res_key: alert for alert in existing if alert.state == "open"
        }
        key_by_alert = {alert.id: alert.res_key for alert in existing}
        if existing:
            Alert.flush_model(["complaint_ids"])
            # read the relation table directly: the ORM would load and filter every
            # linked complaint record only to compare ids
            self.env.cr.execute(
                SQL(
                    "SELECT alert_id, complaint_id FROM %s WHERE alert_id IN %s",
                    SQL.identifier(Alert._fields["complaint_ids"].relation),
                    tuple(existing.ids),
                )
            )
            for alert_id, complaint_id in self.env.cr.fetchall():
                counted[key_by_alert[alert_id]].add(complaint_id)
        to_create = []
        for key, (ids, last) in ids_by_key.items():
            fresh = [cid for cid in ids if cid not in counted[key]]
            alert = open_by_key.get(key)
            if alert:
                if fresh:
                    # per alert: bounded by the keys over the threshold
                    alert.write(
                        {
                            "complaint_ids": [Command.link(cid) for cid in fresh],
                            "complaint_count": alert.complaint_count + len(fresh),
                            "date_last": max(last, alert.date_last or last),
                        }
                    )
            elif len(fresh) >= rule.threshold:
                to_create.append(
                    rule._prepare_alert_vals(key, fresh, window_start, last)
                )
        alerts = Alert.create(to_create)
        alerts._notify_new()
        return alerts

    def _prepare_alert_vals(self, key, complaint_ids, window_start, last):
        self.ensure_one()
        return {
            "rule_id": self.id,
            "res_key": key,
            ALERT_KEY_FIELDS[self.dimension]: key,
            "complaint_ids": [Command.set(complaint_ids)],
            "complaint_count": len(complaint_ids),
            "date_window_start": window_start,
            "date_last": last,
        }
