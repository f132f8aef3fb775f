# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The SLA engine of complaint.complaint (R15, R28, R37, R39, K9; ISO 10002 4.15,
7.3-7.5): every SLA field (defined here only), deadlines on the team's working
calendar, pause and extension, the SLA status and the indexes the jobs read.

Deadlines are stored computed fields, so the ORM computes them for a whole batch at
create and on re-routing, and flushes them in one UPDATE. The jobs acting on them are
in complaint_complaint_cron.py.
"""

from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import SQL, split_every
from odoo.tools.sql import create_index

from ..const import (
    AWAITING_DECISION_STATES,
    BEFORE_ANSWER_STATES,
    DONE_STATES,
    SLA_STATUSES,
    STATE_RANK,
)
from ..tools import SlaCalendar

DEFAULT_RISK_RATIO = 0.75


# one concern of complaint.complaint per file (LAYOUT principle 2)
class ComplaintComplaint(models.Model):
    _inherit = "complaint.complaint"  # pylint: disable=unknown-option-value,consider-merging-classes-inherited

    # --- Fields -----------------------------------------------------------------------
    sla_policy_id = fields.Many2one(
        "complaint.sla.policy",
        string="SLA Policy",
        compute="_compute_sla_deadlines",
        store=True,
        index="btree_not_null",
        copy=False,
    )
    ack_deadline = fields.Datetime(
        string="Acknowledge By",
        compute="_compute_sla_deadlines",
        store=True,
        index=True,
        copy=False,
        tracking=True,
    )
    response_deadline = fields.Datetime(
        string="Respond By",
        compute="_compute_sla_deadlines",
        store=True,
        index=True,
        copy=False,
        tracking=True,
    )
    close_deadline = fields.Datetime(
        string="Close By",
        compute="_compute_sla_deadlines",
        store=True,
        index=True,
        copy=False,
        tracking=True,
    )
    sla_deadline = fields.Datetime(
        string="Next SLA Deadline",
        compute="_compute_sla_targets",
        store=True,
        index="btree_not_null",
        copy=False,
        help="The deadline the complaint runs against now: acknowledgement, "
        "response or closing. Empty while paused or once done.",
    )
    sla_at_risk_date = fields.Datetime(
        string="At Risk From",
        compute="_compute_sla_targets",
        store=True,
        copy=False,
    )
    sla_status = fields.Selection(
        SLA_STATUSES,
        string="SLA Status",
        compute="_compute_sla_status",
        store=True,
        readonly=False,
        index=True,
        copy=False,
    )
    escalation_level = fields.Integer(
        compute="_compute_escalation_level",
        store=True,
        readonly=False,
        copy=False,
        tracking=True,
    )
    sla_reminder_sent = fields.Boolean(
        compute="_compute_sla_reminder_sent",
        store=True,
        readonly=False,
        copy=False,
        help="The owner got a reminder for the current deadline.",
    )
    sla_paused_since = fields.Datetime(string="SLA Paused Since", copy=False)
    sla_paused_hours = fields.Float(
        string="SLA Paused (working hours)",
        copy=False,
        help="Working hours spent in stages waiting on the complainant; deadlines "
        "move by this much.",
    )
    sla_extended_until = fields.Datetime(
        string="Response Extended To",
        copy=False,
        tracking=True,
        help="R39: the response date agreed in the last extension.",
    )
    sla_paused_hours_at_extension = fields.Float(copy=False)
    sla_extension_reason = fields.Text(
        string="Extension Reason", copy=False, tracking=True
    )
    extension_count = fields.Integer(
        string="Extensions",
        copy=False,
        tracking=True,
        help="How many times the response deadline was extended, each with its "
        "reason and the complainant told.",
    )
    next_update_due = fields.Datetime(
        string="Next Progress Update",
        compute="_compute_next_update_due",
        store=True,
        readonly=False,
        index="btree_not_null",
        copy=False,
        help="R28: when the complainant gets the next status update if no "
        "decision has been made by then.",
    )
    last_update_sent = fields.Datetime(string="Last Progress Update", copy=False)

    def init(self):
        result = super().init()
        # Partial composite indexes for the jobs' domains: open work only, so a run
        # with nothing to do reads a few index pages (DESIGN section 5).
        table = self._table
        create_index(
            self.env.cr,
            "complaint_complaint_sla_due_idx",
            table,
            ["sla_status", "sla_deadline"],
            where="sla_deadline IS NOT NULL",
        )
        create_index(
            self.env.cr,
            "complaint_complaint_sla_risk_idx",
            table,
            ["sla_status", "sla_at_risk_date"],
            where="sla_at_risk_date IS NOT NULL",
        )
        create_index(
            self.env.cr,
            "complaint_complaint_sla_escalation_idx",
            table,
            ["sla_status", "escalation_level", "sla_deadline"],
            where="sla_deadline IS NOT NULL",
        )
        return result

    # --- Computes ---------------------------------------------------------------------
    def _get_sla_criteria(self):
        self.ensure_one()
        return {
            "company_id": self.company_id.id,
            "team_id": self.team_id.id,
            "category_id": self.category_id.id,
            "severity": self.severity,
            "priority": self.priority,
            "channel": self.channel,
        }

    def _get_sla_calendar(self):
        self.ensure_one()
        return self.team_id.resource_calendar_id or self.company_id.resource_calendar_id

    def _get_sla_start(self):
        """R38, R39: deadlines run from receipt, or from the last reopening or the
        start of the level-2 review, whichever is latest."""
        self.ensure_one()
        starts = [
            d for d in (self.date_received, self.date_reopened, self.date_appealed) if d
        ]
        return max(starts) if starts else False

    @api.depends(
        "date_received",
        "date_reopened",
        "date_appealed",
        "company_id",
        "team_id",
        "category_id",
        "severity",
        "priority",
        "channel",
        "sla_paused_hours",
        "sla_extended_until",
        "sla_paused_hours_at_extension",
    )
    def _compute_sla_deadlines(self):
        """R15: one policy search and one calendar read per (policy, calendar) group
        of the batch; each deadline is then plain interval arithmetic."""
        policies = self.env["complaint.sla.policy"].search([("active", "=", True)])
        groups = defaultdict(list)
        for complaint in self:
            policy = policies._get_policy_for(complaint._get_sla_criteria(), policies)
            groups[policy, complaint._get_sla_calendar()].append(complaint)
        for (policy, calendar), complaints in groups.items():
            dated = [c for c in complaints if c._get_sla_start()]
            for complaint in complaints:
                complaint.sla_policy_id = policy
                if not policy or not complaint.date_received:
                    complaint.ack_deadline = False
                    complaint.response_deadline = False
                    complaint.close_deadline = False
            if not policy or not dated:
                continue
            planner = SlaCalendar.for_range(
                calendar,
                [c._get_sla_start() for c in dated],
                days=policy.close_days,
                hours=policy.ack_hours + max(c.sla_paused_hours for c in dated),
            )
            for complaint in dated:
                complaint._set_sla_deadlines(policy, planner)

    def _set_sla_deadlines(self, policy, planner):
        self.ensure_one()
        start = self._get_sla_start()
        shift = self.sla_paused_hours
        ack = planner.plan_hours(start, policy.ack_hours)
        response = planner.plan_days(start, policy.response_days)
        close = planner.plan_days(start, policy.close_days)
        if shift:
            ack, response, close = (
                planner.plan_hours(deadline, shift)
                for deadline in (ack, response, close)
            )
        if self.sla_extended_until:
            since_extension = shift - self.sla_paused_hours_at_extension
            response = (
                planner.plan_hours(self.sla_extended_until, since_extension)
                if since_extension > 0
                else self.sla_extended_until
            )
            close = max(close, response)
        self.ack_deadline = ack
        self.response_deadline = response
        self.close_deadline = close

    def _get_sla_target_field(self):
        """The deadline the complaint runs against in its current state."""
        self.ensure_one()
        if self.state in DONE_STATES or self.stage_id.sla_paused:
            return None
        if self.state == "new":
            return "ack_deadline"
        if STATE_RANK.get(self.state, 0) < STATE_RANK["communicated"]:
            return "response_deadline"
        return "close_deadline"

    @api.depends(
        "stage_id",
        "state",
        "date_received",
        "date_reopened",
        "date_appealed",
        "ack_deadline",
        "response_deadline",
        "close_deadline",
        "sla_policy_id",
    )
    def _compute_sla_targets(self):
        for complaint in self:
            target = complaint._get_sla_target_field()
            deadline = target and complaint[target]
            complaint.sla_deadline = deadline or False
            start = complaint._get_sla_start()
            if not deadline or not start:
                complaint.sla_at_risk_date = False
                continue
            ratio = complaint.sla_policy_id.at_risk_ratio or DEFAULT_RISK_RATIO
            allowed = max(deadline - start, timedelta())
            complaint.sla_at_risk_date = start + allowed * ratio

    @api.depends("sla_deadline", "sla_at_risk_date", "stage_id", "state")
    def _compute_sla_status(self):
        now = fields.Datetime.now()
        for complaint in self:
            if complaint.stage_id.sla_paused and complaint.state not in DONE_STATES:
                complaint.sla_status = "paused"
            elif complaint.state in DONE_STATES or not complaint.sla_deadline:
                # done: the status it closed with stays (K-figures on timeliness)
                if complaint.sla_status in (False, "paused"):
                    complaint.sla_status = "on_track"
            else:
                complaint.sla_status = complaint._get_sla_status_at(now)

    def _get_sla_status_at(self, moment):
        self.ensure_one()
        if self.sla_deadline < moment:
            return "breached"
        if self.sla_at_risk_date and self.sla_at_risk_date < moment:
            return "at_risk"
        return "on_track"

    @api.depends("sla_status")
    def _compute_escalation_level(self):
        """A breach that is over (new target, extension) resets the ladder; paused or
        still breached keeps it, so nobody is alerted twice for one breach."""
        for complaint in self:
            if complaint.sla_status in ("on_track", "at_risk"):
                complaint.escalation_level = 0
            else:
                complaint.escalation_level = complaint.escalation_level or 0

    @api.depends("sla_deadline")
    def _compute_sla_reminder_sent(self):
        self.sla_reminder_sent = False

    @api.depends("date_acknowledged", "state", "sla_policy_id")
    def _compute_next_update_due(self):
        """R28: first progress update N working days after acknowledgement; none
        once a decision is made."""
        now = fields.Datetime.now()
        to_plan = defaultdict(list)
        for complaint in self:
            if (
                not complaint.date_acknowledged
                or complaint.state not in AWAITING_DECISION_STATES
            ):
                complaint.next_update_due = False
            elif not complaint.next_update_due:
                days = (
                    complaint.sla_policy_id.update_interval_days
                    if complaint.sla_policy_id
                    else 0
                )
                if days:
                    to_plan[days, complaint._get_sla_calendar()].append(complaint)
                else:
                    complaint.next_update_due = False
            else:
                complaint.next_update_due = complaint.next_update_due
        for (days, calendar), complaints in to_plan.items():
            due = SlaCalendar.for_range(calendar, [now], days=days).plan_days(now, days)
            for complaint in complaints:
                complaint.next_update_due = due

    # --- Pause and resume -------------------------------------------------------------
    def _on_stage_change(self, previous_stage_by_id):
        result = super()._on_stage_change(previous_stage_by_id)
        now = fields.Datetime.now()
        pausing = self.filtered(
            lambda c: c.stage_id.sla_paused
            and c.state not in DONE_STATES
            and not c.sla_paused_since
        )
        if pausing:
            pausing._process_write({"sla_paused_since": now})
        resuming = self.filtered(
            lambda c: c.sla_paused_since
            and (not c.stage_id.sla_paused or c.state in DONE_STATES)
        )
        if resuming:
            resuming._sla_resume(now)
        return result

    def _sla_resume(self, now):
        """Shift the deadlines by the working time spent paused, so the time left
        when the clock stopped is still left now."""
        by_calendar = defaultdict(list)
        for complaint in self:
            by_calendar[complaint._get_sla_calendar()].append(complaint)
        for calendar, complaints in by_calendar.items():
            planner = SlaCalendar(
                calendar, min(c.sla_paused_since for c in complaints), now
            )
            for complaint in complaints:
                paused = planner.work_hours(complaint.sla_paused_since, now)
                # per record: each complaint has its own paused time; bounded by the
                # user's selection; the ORM flushes these writes as one UPDATE
                complaint._process_write(
                    {
                        "sla_paused_hours": complaint.sla_paused_hours + paused,
                        "sla_paused_since": False,
                    }
                )

    # --- Extension (R39, K9) ----------------------------------------------------------
    def _sla_extend(self, new_date, reason):
        """Move the response deadline to ``new_date``, tell the complainants (one
        batch of mails) and log the reason in the chatter."""
        groups = defaultdict(list)
        for complaint in self:
            key = (complaint.extension_count, complaint.sla_paused_hours)
            groups[key].append(complaint.id)
        for (count, paused), ids in groups.items():
            self.browse(ids)._process_write(
                {
                    "sla_extended_until": new_date,
                    "sla_extension_reason": reason,
                    "sla_paused_hours_at_extension": paused,
                    "extension_count": count + 1,
                }
            )
        template = self.env.ref(
            "complaint_management.mail_template_complaint_extension",
            raise_if_not_found=False,
        )
        recipients = self.filtered("partner_id.email")
        if template and recipients:
            template.send_mail_batch(recipients.ids)
        # a note has many readers: the date is written in the author's time zone
        self._log_notes(
            lambda complaint: self.env._(
                "Response deadline extended to %(date)s. Reason: %(reason)s",
                date=self._format_datetime_for(self.env, complaint.response_deadline),
                reason=reason,
            )
        )

    def action_open_extend_wizard(self):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Extend Response Deadline"),
            "res_model": "complaint.complaint.extend",
            "view_mode": "form",
            "target": "new",
            "context": {"default_complaint_ids": self.ids},
        }

    # --- Bulk loads and upgrades ------------------------------------------------------
    @api.model
    def _sla_plan_unplanned(self, batch_size=1000):
        """Plan the open complaints that have no SLA policy or no deadlines: a database
        from before the SLA engine (its fields were computed at the upgrade before the
        default policy was loaded) or rows loaded by SQL. The deadline computes run on
        batches of them (one policy search and calendar read per batch), their
        dependants (targets, status, next update) follow; then the targets of rows that
        have deadlines but no target (``_sla_backfill_targets``). A closed or cancelled
        complaint keeps what it closed with: no deadline is invented after the fact.
        Returns the number of complaints planned."""
        complaints = self.with_context(active_test=False).search(
            [
                ("state", "not in", list(DONE_STATES)),
                ("date_received", "!=", False),
                "|",
                "|",
                "|",
                ("sla_policy_id", "=", False),
                ("ack_deadline", "=", False),
                ("response_deadline", "=", False),
                ("close_deadline", "=", False),
            ]
        )
        for batch in split_every(batch_size, complaints.ids, self.browse):
            # the computes depend on date_received: marking it modified recomputes
            # the deadlines and everything that depends on them, flushed per batch
            batch.modified(["date_received"])
            self.env.flush_all()
            self.env.invalidate_all()
        self._sla_backfill_targets()
        return len(complaints)

    # --- Bulk loads -------------------------------------------------------------------
    @api.model
    def _sla_backfill_targets(self):
        """Set the SLA target columns of complaints loaded by SQL (COPY, imports of
        legacy data) that bypassed the ORM computes: one UPDATE, same rules as
        ``_compute_sla_targets``; complaints without a policy get the default one.
        Returns the number of rows filled."""
        default_policy = self.env.ref(
            "complaint_management.complaint_sla_policy_default",
            raise_if_not_found=False,
        )
        self.env.flush_all()
        target = SQL(
            """CASE
                WHEN c.state IN %(done)s OR s.sla_paused THEN NULL
                WHEN c.state = 'new' THEN c.ack_deadline
                WHEN c.state IN %(before_answer)s THEN c.response_deadline
                ELSE c.close_deadline
            END""",
            done=DONE_STATES,
            before_answer=BEFORE_ANSWER_STATES,
        )
        self.env.cr.execute(
            SQL(
                """
                UPDATE complaint_complaint c
                   SET sla_policy_id = COALESCE(c.sla_policy_id, %(policy)s),
                       sla_deadline = %(target)s,
                       sla_at_risk_date = c.date_received + (%(target)s
                           - c.date_received) * COALESCE(p.at_risk_ratio, %(ratio)s)
                  FROM complaint_stage s,
                       complaint_complaint c2
                  LEFT JOIN complaint_sla_policy p
                         ON p.id = COALESCE(c2.sla_policy_id, %(policy)s)
                 WHERE s.id = c.stage_id
                   AND c2.id = c.id
                   AND c.sla_deadline IS NULL
                   AND c.state NOT IN %(done)s
                """,
                policy=default_policy.id if default_policy else None,
                target=target,
                ratio=DEFAULT_RISK_RATIO,
                done=DONE_STATES,
            )
        )
        count = self.env.cr.rowcount
        self.invalidate_model(["sla_policy_id", "sla_deadline", "sla_at_risk_date"])
        return count
