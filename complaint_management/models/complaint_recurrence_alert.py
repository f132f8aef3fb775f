# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from odoo import Command, api, fields, models
from odoo.tools import SQL

from .complaint_recurrence_rule import ALERT_KEY_FIELDS

# A detection run opening more alerts than this (a rule's first run over years of
# history) tells each person once, in a digest, instead of one activity per alert.
ACTIVITY_FLOOD_LIMIT = 20
# Managers told of one alert when its rule names nobody.
ALERT_MANAGER_LIMIT = 5


class ComplaintRecurrenceAlert(models.Model):
    """A systemic issue found by a recurrence rule (R43, K10, K14; ISO 10002 8.2).

    One *open* alert per rule and key (a partial unique index guards it, also against
    two detection runs at once): later complaints join it. Once it is closed, a new
    alert for that key needs ``threshold`` complaints no earlier alert has counted.
    """

    _name = "complaint.recurrence.alert"
    _description = "Complaint Recurrence Alert"
    _inherit = ["complaint.notification.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "state desc, date_detected desc, id desc"
    _check_company_auto = True
    _rec_names_search = [
        "rule_id",
        "product_id",
        "category_id",
        "root_cause_id",
        "partner_id",
    ]

    # No stored name: the display name is the rule's (translatable) name and the key,
    # written in the reader's language.
    rule_id = fields.Many2one(
        "complaint.recurrence.rule",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
    )
    company_id = fields.Many2one(related="rule_id.company_id", store=True, index=True)
    dimension = fields.Selection(related="rule_id.dimension", store=True)
    res_key = fields.Integer(
        string="Key",
        required=True,
        index=True,
        help="Id of the product, category, "
        "root cause or customer the complaints share.",
    )
    product_id = fields.Many2one("product.product", index="btree_not_null")
    category_id = fields.Many2one("complaint.category", index="btree_not_null")
    root_cause_id = fields.Many2one("complaint.root.cause", index="btree_not_null")
    partner_id = fields.Many2one(
        "res.partner", string="Customer", index="btree_not_null"
    )
    complaint_ids = fields.Many2many(
        "complaint.complaint",
        "complaint_recurrence_alert_complaint_rel",
        "alert_id",
        "complaint_id",
        string="Complaints",
    )
    complaint_count = fields.Integer(
        readonly=True,
        help="Complaints the alert counts; kept by the detection job, which links "
        "them (reading them back at 1M complaints would be the slow part).",
    )
    state = fields.Selection(
        [("open", "Open"), ("closed", "Closed")],
        default="open",
        required=True,
        index=True,
        tracking=True,
    )
    date_detected = fields.Datetime(
        string="Detected On", default=fields.Datetime.now, readonly=True
    )
    date_window_start = fields.Datetime(string="Window Start", readonly=True)
    date_last = fields.Datetime(string="Last Complaint On", index=True, readonly=True)
    date_closed = fields.Datetime(string="Closed On", readonly=True, copy=False)
    user_id = fields.Many2one(
        "res.users", string="Responsible", tracking=True, domain=[("share", "=", False)]
    )
    note = fields.Html()
    corrective_action_ids = fields.One2many(
        "complaint.corrective.action", "alert_id", string="Corrective Actions"
    )

    def init(self):
        # one open alert per rule and key, whatever process creates it
        self.env.cr.execute(
            SQL(
                "CREATE UNIQUE INDEX IF NOT EXISTS %s ON %s (rule_id, res_key) "
                "WHERE state = 'open'",
                SQL.identifier("complaint_recurrence_alert_open_key_uniq"),
                SQL.identifier(self._table),
            )
        )

    @api.depends("rule_id.name", "dimension", "res_key")
    @api.depends_context("lang")
    def _compute_display_name(self):
        for alert in self:
            key = alert[ALERT_KEY_FIELDS[alert.dimension]] if alert.dimension else False
            alert.display_name = (
                f"{alert.rule_id.name}: {key.display_name if key else ''}"
            )

    def _notify_new(self):
        """R43: one activity per new alert for the rule's user, else the complaints
        managers of the company; a flood of alerts (a rule's first run over years of
        history) gives one digest per person instead."""
        flood = len(self) > ACTIVITY_FLOOD_LIMIT
        activities = []
        digest = defaultdict(list)
        for alert in self:
            users = alert.rule_id.user_id or self._get_complaint_managers(
                alert.company_id, limit=ALERT_MANAGER_LIMIT
            )
            for user in users:
                if flood:
                    digest[user].append(alert.id)
                    continue
                activities.append(
                    alert._prepare_activity(
                        user,
                        lambda env: env._("Recurring complaints"),
                        lambda env, a=alert: env._(
                            "%(count)s complaints within %(days)s days: %(alert)s. "
                            "Decide whether a corrective action is needed.",
                            count=a.complaint_count,
                            days=a.rule_id.window_days,
                            alert=a.with_env(env).display_name,
                        ),
                    )
                )
        self._schedule_activities(activities)
        self._send_digest_mails(
            {user: self.browse(ids) for user, ids in digest.items()},
            lambda env, alerts: env._(
                "%(count)s new recurring-complaint alerts", count=len(alerts)
            ),
            lambda env, alerts: env._(
                "The recurrence detection opened these alerts. Review them and "
                "decide whether corrective actions are needed:"
            ),
            lambda alert, env: f"({alert.complaint_count})",
        )

    def action_close(self):
        self.filtered(lambda a: a.state == "open").write(
            {"state": "closed", "date_closed": fields.Datetime.now()}
        )
        return True

    def action_create_corrective_action(self):
        """R43, R50: a draft corrective action from the alert, with its key and its
        complaints."""
        self.ensure_one()
        vals = {
            "title": self.env._(
                "Recurring complaints: %(alert)s", alert=self.display_name
            ),
            "kind": "corrective",
            "source": "recurrence",
            "alert_id": self.id,
            "company_id": self.company_id.id,
            "complaint_ids": [Command.set(self.complaint_ids.ids)],
        }
        if self.dimension in ("product", "category", "root_cause"):
            field_name = ALERT_KEY_FIELDS[self.dimension]
            vals[field_name] = self[field_name].id
        action = self.env["complaint.corrective.action"].create(vals)
        return {
            "type": "ir.actions.act_window",
            "res_model": "complaint.corrective.action",
            "res_id": action.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
        }

    def action_view_complaints(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "complaint_management.complaint_complaint_action"
        )
        action.update(
            domain=[("id", "in", self.complaint_ids.ids)], context={"create": False}
        )
        return action
