# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The scheduled jobs of complaint.complaint (R28, R37, R39): SLA status, the
escalation ladder, progress updates, auto-close without reply and deadline reminders.

Each job has a ``_get_*_domain(now)`` hook (what it acts on, served by the SLA
indexes) and a batch worker; ``complaint.batch.job.mixin`` walks the batches (claim
with SKIP LOCKED, re-check, commit per batch, progress), so every job is safe to run
twice and in parallel.
"""

import logging
from collections import defaultdict
from datetime import timedelta

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.osv import expression

from ..const import AWAITING_DECISION_STATES, DONE_STATES
from ..tools import SlaCalendar

_logger = logging.getLogger(__name__)

DEFAULT_LADDER = (0.0, 24.0, 72.0)
MAX_ESCALATION_LEVEL = 3


# one concern of complaint.complaint per file (LAYOUT principle 2)
class ComplaintComplaint(models.Model):
    _inherit = "complaint.complaint"  # pylint: disable=unknown-option-value,consider-merging-classes-inherited

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
        breached = self._job_run_batches(
            self._get_sla_breach_domain(now),
            lambda batch: batch._process_write({"sla_status": "breached"}),
            batch_size,
        )
        self._job_run_batches(
            self._get_sla_risk_domain(now),
            lambda batch: batch._process_write({"sla_status": "at_risk"}),
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
        ] + expression.OR(terms)

    @api.model
    def _cron_escalate(self, batch_size=1000, extra_domain=None):
        """R39: walk breached complaints up the ladder (1 owner, 2 team leader,
        3 complaints managers): one level write per level and batch with one batch
        of chatter notes, activities created in one call, one digest mail per
        person and batch. ``extra_domain`` narrows the run (tests, partial runs)."""
        now = fields.Datetime.now()
        ladders = self._get_escalation_ladders()
        self._job_run_batches(
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
            self.browse(ids).with_context(mail_notrack=True)._process_write(
                {"escalation_level": level}
            )
            note = Markup("<p>%s</p>") % self.env._(
                "SLA breached: escalated to level %(level)s.", level=level
            )
            bodies.update(dict.fromkeys(ids, note))
        if bodies:
            self.browse(list(bodies))._message_log_batch(bodies=bodies)
        self._sla_notify_escalations(steps)

    def _get_escalation_recipients(self, level):
        """Who hears of ladder step ``level``: the owner, the team leader, then the
        complaints managers of the complaint's company (never another company's);
        falls back up the ladder when a role is empty."""
        self.ensure_one()
        if level == 1 and self.user_id:
            return self.user_id
        if level <= 2 and self.team_id.leader_id:
            return self.team_id.leader_id
        return self._get_complaint_managers(self.company_id)

    def _sla_notify_escalations(self, steps):
        if not steps:
            return
        activity_type = self.env.ref(
            "complaint_management.mail_activity_type_complaint_sla",
            raise_if_not_found=False,
        )
        activities = []
        digest = defaultdict(list)  # user -> complaint ids
        seen = set()
        for complaint, level in steps:
            for user in complaint._get_escalation_recipients(level):
                if (complaint.id, user.id) in seen:
                    continue
                seen.add((complaint.id, user.id))
                digest[user].append(complaint.id)
                activities.append(
                    complaint._prepare_activity(
                        user,
                        lambda env, lvl=level: env._(
                            "SLA breached: escalation level %(level)s", level=lvl
                        ),
                        activity_type=activity_type,
                    )
                )
        # quick update: no mail per activity; the digest below tells each person
        self._schedule_activities(activities)
        self._sla_send_digests(
            {user: self.browse(ids) for user, ids in digest.items()},
            lambda env, records: env._("Complaints past their deadline"),
            lambda env, records: env._(
                "These complaints have passed their deadline and were escalated to you:"
            ),
        )

    def _sla_send_digests(self, digest, subject, intro):
        """{user: complaints}: one mail per person, each complaint with the deadline
        it missed or is due by, in the reader's time zone."""
        self._send_digest_mails(
            digest,
            subject,
            intro,
            lambda complaint, env: (
                f"{complaint.subject} "
                f"({self._format_datetime_for(env, complaint.sla_deadline)})"
            ),
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
        self._job_run_batches(
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
            self.browse(ids)._process_write(
                {"next_update_due": due, "last_update_sent": now}
            )

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
        ] + expression.OR(terms)

    @api.model
    def _cron_auto_close(self, batch_size=500):
        now = fields.Datetime.now()
        closed_stage = self.env["complaint.stage"]._get_first_for_state("closed")
        if not closed_stage:
            return True
        self._job_run_batches(
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
                self._process_write(values)
            return
        except (ValidationError, UserError) as error:
            _logger.info("Auto-close batch failed (%s); closing one by one.", error)
        for complaint in self:
            try:
                with self.env.cr.savepoint():
                    complaint._process_write(values)
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
        self._job_run_batches(
            self._get_reminder_domain(now),
            lambda batch: batch._sla_remind(),
            batch_size,
        )
        return True

    def _sla_remind(self):
        digest = defaultdict(list)
        for complaint in self:
            digest[complaint.user_id].append(complaint.id)
        self._process_write({"sla_reminder_sent": True})
        self._sla_send_digests(
            {user: self.browse(ids) for user, ids in digest.items()},
            lambda env, records: env._("Complaints due soon"),
            lambda env, records: env._(
                "These complaints of yours are due by the next working day:"
            ),
        )
