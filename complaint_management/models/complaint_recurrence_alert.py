# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from odoo import Command, api, fields, models
from odoo.tools import SQL

from .complaint_recurrence_rule import ALERT_KEY_FIELDS

# A detection run opening more alerts than this (a rule's first run over years of
# history) tells each person once, in a digest, instead of one activity per alert.
ACTIVITY_FLOOD_LIMIT = 20


class ComplaintRecurrenceAlert(models.Model):
    """A systemic issue found by a recurrence rule (R43, K10, K14; ISO 10002 8.2).

    One *open* alert per rule and key (a partial unique index guards it, also against
    two detection runs at once): later complaints join it. Once it is closed, a new
    alert for that key needs ``threshold`` complaints no earlier alert has counted.
    """

    _name = "complaint.recurrence.alert"
    _description = "Complaint Recurrence Alert"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "state desc, date_detected desc, id desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
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
    def _compute_name(self):
        for alert in self:
            key = alert[ALERT_KEY_FIELDS[alert.dimension]] if alert.dimension else False
            alert.name = f"{alert.rule_id.name}: {key.display_name if key else ''}"

    def _notify_new(self):
        """R43: one activity per new alert for the rule's user, else the complaints
        managers of the company."""
        if not self:
            return
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        model_id = self.env["ir.model"]._get_id(self._name)
        managers = self.env.ref("complaint_management.group_complaint_manager").users
        values = []
        digest = defaultdict(list)
        for alert in self:
            users = (
                alert.rule_id.user_id
                or managers.filtered(
                    lambda u, c=alert.company_id: u.active
                    and not u.share
                    and c in u.company_ids
                )[:5]
            )
            if len(self) > ACTIVITY_FLOOD_LIMIT:
                for user in users:
                    digest[user].append(alert)
                continue
            values += [
                {
                    "res_model_id": model_id,
                    "res_id": alert.id,
                    "activity_type_id": activity_type.id,
                    "user_id": user.id,
                    "summary": self.env._("Recurring complaints"),
                    "note": self.env._(
                        "%(count)s complaints within %(days)s days: %(alert)s. Decide "
                        "whether a corrective action is needed.",
                        count=alert.complaint_count,
                        days=alert.rule_id.window_days,
                        alert=alert.name,
                    ),
                    "date_deadline": fields.Date.context_today(self),
                }
                for user in users
            ]
        if values:
            self.env["mail.activity"].with_context(
                mail_activity_quick_update=True
            ).create(values)
        if digest:
            self._send_flood_digests(digest)

    def _send_flood_digests(self, digest):
        """One mail per person listing the alerts a run opened, ``{user: [alert]}``
        (the complaints' digest mails)."""
        Complaint = self.env["complaint.complaint"]
        for user, alerts in digest.items():
            env = self.with_context(lang=user.lang).env
            Complaint.with_env(env)._send_digest_mails(
                {user: [(alert, f"({alert.complaint_count})") for alert in alerts]},
                env._("%(count)s new recurring-complaint alerts", count=len(alerts)),
                env._(
                    "The recurrence detection opened these alerts. Review them and "
                    "decide whether corrective actions are needed:"
                ),
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
            "title": self.env._("Recurring complaints: %(alert)s", alert=self.name),
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
