# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The SLA engine of complaint.complaint (R15, R28, R37, R39, K9; ISO 10002 4.15,
7.3-7.5): deadlines on the team's working calendar, pause and extension, the SLA
status and the scheduled jobs acting on them.

Kept beside complaint_complaint.py (which several people edit) as an extension of
the same model: deadlines are stored computed fields, so the ORM computes them for a
whole batch at create and on re-routing, and flushes them in one UPDATE.
"""

import logging
import threading
from collections import defaultdict
from datetime import timedelta

import psycopg2
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL, mute_logger, split_every
from odoo.tools.sql import create_index

from .complaint_stage import DONE_STATES, STATE_RANK
from .sla_calendar import SlaCalendar

_logger = logging.getLogger(__name__)

DEFAULT_RISK_RATIO = 0.75
DEFAULT_LADDER = (0.0, 24.0, 72.0)
MAX_ESCALATION_LEVEL = 3
# States in which the complainant is still waiting for a decision (R28).
AWAITING_DECISION_STATES = ("acknowledged", "assessed", "investigation")


class ComplaintComplaint(models.Model):
    _inherit = "complaint.complaint"

    # --- SLA engine: fields -----------------------------------------------------------
    sla_policy_id = fields.Many2one(
        "complaint.sla.policy",
        string="SLA Policy",
        compute="_compute_sla_deadlines",
        store=True,
        index="btree_not_null",
        copy=False,
    )
    ack_deadline = fields.Datetime(compute="_compute_sla_deadlines", store=True)
    response_deadline = fields.Datetime(compute="_compute_sla_deadlines", store=True)
    close_deadline = fields.Datetime(compute="_compute_sla_deadlines", store=True)
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
    # computed (no default: a default would stand in for the computed value)
    sla_status = fields.Selection(
        compute="_compute_sla_status", store=True, readonly=False, default=None
    )
    escalation_level = fields.Integer(
        compute="_compute_escalation_level", store=True, readonly=False, default=None
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
        string="Extensions", copy=False, tracking=True, help="K9"
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

    # --- SLA engine: computes ---------------------------------------------------------
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

    @api.depends(
        "date_received",
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
            dated = [c for c in complaints if c.date_received]
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
                [c.date_received for c in dated],
                days=policy.close_days,
                hours=policy.ack_hours + max(c.sla_paused_hours for c in dated),
            )
            for complaint in dated:
                complaint._set_sla_deadlines(policy, planner)

    def _set_sla_deadlines(self, policy, planner):
        self.ensure_one()
        start = self.date_received
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
            if not deadline or not complaint.date_received:
                complaint.sla_at_risk_date = False
                continue
            ratio = complaint.sla_policy_id.at_risk_ratio or DEFAULT_RISK_RATIO
            allowed = max(deadline - complaint.date_received, timedelta())
            complaint.sla_at_risk_date = complaint.date_received + allowed * ratio

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

    # --- SLA engine: pause and resume -------------------------------------------------
    def _on_stage_change(self, previous_stage_by_id):
        result = super()._on_stage_change(previous_stage_by_id)
        now = fields.Datetime.now()
        pausing = self.filtered(
            lambda c: c.stage_id.sla_paused
            and c.state not in DONE_STATES
            and not c.sla_paused_since
        )
        if pausing:
            pausing.write({"sla_paused_since": now})
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
                complaint.write(
                    {
                        "sla_paused_hours": complaint.sla_paused_hours + paused,
                        "sla_paused_since": False,
                    }
                )

    # --- SLA engine: extension (R39, K9) ----------------------------------------------
    def _sla_extend(self, new_date, reason):
        """Move the response deadline to ``new_date``, tell the complainants (one
        batch of mails) and log the reason in the chatter."""
        groups = defaultdict(list)
        for complaint in self:
            key = (complaint.extension_count, complaint.sla_paused_hours)
            groups[key].append(complaint.id)
        for (count, paused), ids in groups.items():
            self.browse(ids).write(
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
        self._message_log_batch(
            bodies={
                complaint.id: Markup("<p>%s</p>")
                % self.env._(
                    "Response deadline extended to %(date)s. Reason: %(reason)s",
                    date=fields.Datetime.to_string(complaint.response_deadline),
                    reason=reason,
                )
                for complaint in self
            }
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

    # --- SLA engine: job plumbing -----------------------------------------------------
    @api.model
    def _sla_auto_commit(self):
        return not getattr(threading.current_thread(), "testing", False)

    def _sla_claim(self, domain):
        """Lock the batch's rows that no other worker holds (SKIP LOCKED) and keep
        those that still match ``domain`` under the lock: a second server or a retry
        sees them done and skips them."""
        if not self:
            return self
        self.env.flush_all()
        try:
            # muted: a serialization failure here is expected, not a bad query
            with mute_logger("odoo.sql_db"), self.env.cr.savepoint(flush=False):
                self.env.cr.execute(
                    SQL(
                        "SELECT id FROM %s WHERE id IN %s FOR UPDATE SKIP LOCKED",
                        SQL.identifier(self._table),
                        tuple(self.ids),
                    )
                )
                locked_ids = [row[0] for row in self.env.cr.fetchall()]
        except psycopg2.errors.SerializationFailure:
            _logger.info(
                "Complaint batch changed by another worker since this run started; "
                "left to that worker or the next run."
            )
            return self.browse()
        claimed = self.browse(locked_ids)
        claimed.invalidate_recordset()
        return claimed.filtered_domain(domain)

    @api.model
    def _sla_run_batches(self, domain, process, batch_size):
        """Run ``process(batch)`` over the complaints matching ``domain`` in batches:
        claim, re-check, act, report progress, commit. A failed run keeps the batches
        already committed; the next run only finds the rest."""
        complaints = self.search(domain, order="id")
        total = len(complaints)
        done = 0
        auto_commit = self._sla_auto_commit()
        if auto_commit:
            # end the search's transaction: each batch locks on a fresh snapshot
            self.env.cr.commit()  # pylint: disable=unknown-option-value,invalid-commit  # cron, see above
        for batch in split_every(batch_size, complaints.ids, self.browse):
            claimed = batch._sla_claim(domain)
            if claimed:
                process(claimed)
            done += len(batch)
            self.env["ir.cron"]._notify_progress(done=done, remaining=total - done)
            if auto_commit:
                # cron batch boundary: keep this batch's work if a later one fails
                self.env.cr.commit()  # pylint: disable=unknown-option-value,invalid-commit  # see above
        return total

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
            before_answer=tuple(
                state
                for state, rank in STATE_RANK.items()
                if 0 < rank < STATE_RANK["communicated"]
            ),
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

    # --- Job: SLA status --------------------------------------------------------------
    @api.model
    def _get_sla_breach_domain(self, now):
        return [
            ("sla_status", "in", ("on_track", "at_risk")),
            ("sla_deadline", "<", now),
            ("state", "not in", DONE_STATES),
        ]

    @api.model
    def _get_sla_risk_domain(self, now):
        return [
            ("sla_status", "=", "on_track"),
            ("sla_at_risk_date", "<", now),
            ("sla_deadline", ">=", now),
            ("state", "not in", DONE_STATES),
        ]

    @api.model
    def _cron_update_sla_status(self, batch_size=2000):
        """Flip complaints whose time passed to at risk or breached (one write per
        status and batch), then wake the escalation job if anything breached."""
        now = fields.Datetime.now()
        breached = self._sla_run_batches(
            self._get_sla_breach_domain(now),
            lambda batch: batch.write({"sla_status": "breached"}),
            batch_size,
        )
        self._sla_run_batches(
            self._get_sla_risk_domain(now),
            lambda batch: batch.write({"sla_status": "at_risk"}),
            batch_size,
        )
        if breached:
            cron = self.env.ref(
                "complaint_management.ir_cron_complaint_escalate",
                raise_if_not_found=False,
            )
            if cron:
                cron._trigger()
        return True

    # --- Job: escalation ladder (R39) -------------------------------------------------
    @api.model
    def _get_escalation_ladders(self):
        """{policy id or False: [hours after breach for levels 1, 2, 3]}"""
        policies = (
            self.env["complaint.sla.policy"]
            .with_context(active_test=False)
            .search([("active", "in", (True, False))])
        )
        ladders = {policy.id: policy._get_escalation_ladder() for policy in policies}
        ladders[False] = list(DEFAULT_LADDER)
        return ladders

    @api.model
    def _get_escalation_domain(self, now):
        """Breached complaints whose next ladder step is due, per policy and level:
        every term is served by the (sla_status, escalation_level, sla_deadline)
        index."""
        terms = []
        for policy_id, ladder in self._get_escalation_ladders().items():
            for level in range(MAX_ESCALATION_LEVEL):
                terms.append(
                    [
                        ("sla_policy_id", "=", policy_id),
                        ("escalation_level", "=", level),
                        ("sla_deadline", "<=", now - timedelta(hours=ladder[level])),
                    ]
                )
        return [
            ("sla_status", "=", "breached"),
            ("state", "not in", DONE_STATES),
        ] + self._or_domains(terms)

    @staticmethod
    def _or_domains(terms):
        domain = []
        for index, term in enumerate(terms):
            if index < len(terms) - 1:
                domain.append("|")
            domain.extend(["&", "&", *term])
        return domain

    @api.model
    def _cron_escalate(self, batch_size=1000, extra_domain=None):
        """R39: walk breached complaints up the ladder (1 owner, 2 team leader,
        3 complaints managers): one level write per level and batch with one batch
        of chatter notes, activities created in one call, one digest mail per
        person and batch. ``extra_domain`` narrows the run (tests, partial runs)."""
        now = fields.Datetime.now()
        ladders = self._get_escalation_ladders()
        self._sla_run_batches(
            (extra_domain or []) + self._get_escalation_domain(now),
            lambda batch: batch._sla_escalate(now, ladders),
            batch_size,
        )
        return True

    def _sla_escalate(self, now, ladders):
        by_level = defaultdict(list)
        steps = []  # (complaint, level reached)
        for complaint in self:
            ladder = ladders.get(complaint.sla_policy_id.id, DEFAULT_LADDER)
            overdue = (now - complaint.sla_deadline).total_seconds() / 3600
            due = sum(1 for hours in ladder if overdue >= hours)
            if due <= complaint.escalation_level:
                continue
            for level in range(complaint.escalation_level + 1, due + 1):
                steps.append((complaint, level))
            by_level[due].append(complaint.id)
        bodies = {}
        for level, ids in by_level.items():
            # no per-record tracking message (4 ms each, measured at 1M rows): the
            # chatter gets one batch of notes below instead
            self.browse(ids).with_context(mail_notrack=True).write(
                {"escalation_level": level}
            )
            note = Markup("<p>%s</p>") % self.env._(
                "SLA breached: escalated to level %(level)s.", level=level
            )
            bodies.update(dict.fromkeys(ids, note))
        if bodies:
            self.browse(list(bodies))._message_log_batch(bodies=bodies)
        self._sla_notify_escalations(steps)

    def _get_escalation_recipients(self, level, managers):
        """Who hears of ladder step ``level``; falls back up the ladder when a role
        is empty."""
        self.ensure_one()
        if level == 1 and self.user_id:
            return self.user_id
        if level <= 2 and self.team_id.leader_id:
            return self.team_id.leader_id
        return managers

    def _sla_notify_escalations(self, steps):
        if not steps:
            return
        managers = self.env.ref(
            "complaint_management.group_complaint_manager"
        ).users.filtered(lambda u: u.active and not u.share)
        activity_type = self.env.ref(
            "complaint_management.mail_activity_type_complaint_sla",
            raise_if_not_found=False,
        ) or self.env.ref("mail.mail_activity_data_todo")
        model_id = self.env["ir.model"]._get_id(self._name)
        today = fields.Date.context_today(self)
        activities = []
        digest = defaultdict(list)  # user -> [(complaint, level)]
        seen = set()
        for complaint, level in steps:
            for user in complaint._get_escalation_recipients(level, managers):
                if (complaint.id, user.id) in seen:
                    continue
                seen.add((complaint.id, user.id))
                digest[user].append((complaint, level))
                activities.append(
                    {
                        "res_model_id": model_id,
                        "res_id": complaint.id,
                        "activity_type_id": activity_type.id,
                        "user_id": user.id,
                        "summary": self.env._(
                            "SLA breached: escalation level %(level)s", level=level
                        ),
                        "date_deadline": today,
                    }
                )
        if activities:
            # quick update: no mail per activity; the digest below tells each person
            self.env["mail.activity"].with_context(
                mail_activity_quick_update=True
            ).create(activities)
        self._sla_send_digests(
            digest,
            self.env._("Complaints past their deadline"),
            self.env._(
                "These complaints have passed their deadline and were escalated to you:"
            ),
        )

    def _sla_send_digests(self, digest, subject, intro):
        """{user: [(complaint, level)]}: one mail per person, each complaint with the
        deadline it missed or is due by."""
        self._send_digest_mails(
            {
                user: [
                    (
                        complaint,
                        f"{complaint.subject} "
                        f"({fields.Datetime.to_string(complaint.sla_deadline)})",
                    )
                    for complaint, _level in items
                ]
                for user, items in digest.items()
            },
            subject,
            intro,
        )

    # --- Job: progress updates (R28) --------------------------------------------------
    @api.model
    def _get_progress_update_domain(self, now):
        return [
            ("next_update_due", "<=", now),
            ("state", "in", AWAITING_DECISION_STATES),
        ]

    @api.model
    def _cron_send_progress_updates(self, batch_size=500):
        now = fields.Datetime.now()
        self._sla_run_batches(
            self._get_progress_update_domain(now),
            lambda batch: batch._sla_send_progress_update(now),
            batch_size,
        )
        return True

    def _sla_send_progress_update(self, now):
        self._mail_complainants(
            "complaint_management.mail_template_complaint_progress",
            lambda c: self.env._(
                "Progress update sent to %(email)s.", email=c.partner_id.email
            ),
        )
        groups = defaultdict(list)
        for complaint in self:
            days = complaint.sla_policy_id.update_interval_days
            groups[days, complaint._get_sla_calendar()].append(complaint.id)
        for (days, calendar), ids in groups.items():
            due = (
                SlaCalendar.for_range(calendar, [now], days=days).plan_days(now, days)
                if days
                else False
            )
            self.browse(ids).write({"next_update_due": due, "last_update_sent": now})

    # --- Job: auto-close without reply (R37) ------------------------------------------
    @api.model
    def _get_auto_close_domain(self, now):
        terms = []
        # sudo: the timeout is a setting read by the job, not data shown to users
        for company in (
            self.env["res.company"]
            .sudo()
            .search([("complaint_reply_timeout_days", ">", 0)])
        ):
            days = company.complaint_reply_timeout_days
            if days:
                terms.append(
                    [
                        ("company_id", "=", company.id),
                        ("date_communicated", "<=", now - timedelta(days=days)),
                        ("date_communicated", "!=", False),
                    ]
                )
        if not terms:
            return [("id", "=", 0)]
        return [
            ("state", "=", "communicated"),
            ("complainant_response", "=", False),
        ] + self._or_domains(terms)

    @api.model
    def _cron_auto_close(self, batch_size=500):
        now = fields.Datetime.now()
        closed_stage = self.env["complaint.stage"].search(
            [("state", "=", "closed")], order="sequence, id", limit=1
        )
        if not closed_stage:
            return True
        self._sla_run_batches(
            self._get_auto_close_domain(now),
            lambda batch: batch._sla_auto_close(now, closed_stage),
            batch_size,
        )
        return True

    def _sla_auto_close(self, now, closed_stage):
        values = {
            "complainant_response": "no_reply",
            "date_response": now,
            "close_reason": "no_response",
            "stage_id": closed_stage.id,
        }
        try:
            with self.env.cr.savepoint():
                self.write(values)
            return
        except (ValidationError, UserError) as error:
            _logger.info("Auto-close batch failed (%s); closing one by one.", error)
        for complaint in self:
            try:
                with self.env.cr.savepoint():
                    complaint.write(values)
            except (ValidationError, UserError) as error:
                # a gate (e.g. a corrective action the category asks for) still
                # blocks this one: it stays open for a person to finish
                _logger.info("Complaint %s not auto-closed: %s", complaint.name, error)

    # --- Job: deadline reminders ------------------------------------------------------
    @api.model
    def _get_reminder_domain(self, now):
        calendar = self.env.company.resource_calendar_id
        horizon = SlaCalendar.for_range(calendar, [now], days=1).plan_days(now, 1)
        return [
            ("sla_reminder_sent", "=", False),
            ("sla_deadline", ">", now),
            ("sla_deadline", "<=", horizon),
            ("user_id", "!=", False),
        ]

    @api.model
    def _cron_send_reminders(self, batch_size=2000):
        """One digest per owner of the complaints due by the end of the next working
        day, not one mail per complaint."""
        now = fields.Datetime.now()
        self._sla_run_batches(
            self._get_reminder_domain(now),
            lambda batch: batch._sla_remind(),
            batch_size,
        )
        return True

    def _sla_remind(self):
        digest = defaultdict(list)
        for complaint in self:
            digest[complaint.user_id].append((complaint, complaint.escalation_level))
        self.write({"sla_reminder_sent": True})
        self._sla_send_digests(
            digest,
            self.env._("Complaints due soon"),
            self.env._("These complaints of yours are due by the next working day:"),
        )
