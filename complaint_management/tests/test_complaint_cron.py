# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import Counter
from datetime import datetime, timedelta
from unittest.mock import patch

from freezegun import freeze_time

from odoo import SUPERUSER_ID, api, fields
from odoo.tests import TransactionCase, tagged
from odoo.tools import format_datetime

from .test_complaint_sla import FRIDAY, ComplaintSlaCommon

BREACH_SUBJECT = "Complaints past their deadline"
REMINDER_SUBJECT = "Complaints due soon"


@tagged("post_install", "-at_install")
class TestComplaintCron(ComplaintSlaCommon):
    """R15, R28, R37, R39: the scheduled jobs act once per due event, in batches,
    resume after a failure and never act twice."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.resource_calendar_id = cls.calendar
        cls.sla_type = cls.env.ref(
            "complaint_management.mail_activity_type_complaint_sla"
        )

    def _activities(self, complaints):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "complaint.complaint"),
                ("res_id", "in", complaints.ids),
                ("activity_type_id", "=", self.sla_type.id),
            ]
        )

    def _mails(self, subject, user=None):
        domain = [("subject", "like", subject)]
        if user:
            domain.append(("recipient_ids", "in", user.partner_id.ids))
        return self.env["mail.mail"].search(domain)

    def _assessed_friday(self, owner):
        with freeze_time(FRIDAY):
            complaint = self._walk_to(self._received_friday(), "assessed")
            complaint.user_id = owner
        return complaint

    def _breached_batch(self, count):
        """``count`` complaints received long ago: acknowledgement breached."""
        with freeze_time(FRIDAY):
            return self.Complaint.create(
                [
                    self._complaint_vals(date_received=datetime(2026, 2, 2, 9, 0))
                    for _i in range(count)
                ]
            )

    # --- status and escalation ----------------------------------------------------
    def test_status_job_at_risk_then_breached_once(self):
        """R15: the status job flips on-track complaints to at risk and breached;
        a second run changes nothing."""
        complaint = self._assessed_friday(self.user_a2)
        with freeze_time("2026-03-20 10:00:00"):
            self.Complaint._cron_update_sla_status()
            self.assertEqual(complaint.sla_status, "at_risk")
            self.Complaint._cron_update_sla_status()
            self.assertEqual(complaint.sla_status, "at_risk")
        with freeze_time("2026-03-23 18:00:00"):
            self.Complaint._cron_update_sla_status()
            self.assertEqual(complaint.sla_status, "breached")
            self.assertEqual(complaint.escalation_level, 0)
            self.Complaint._cron_update_sla_status()
            self.assertEqual(complaint.sla_status, "breached")

    def test_escalation_ladder_each_step_once(self):
        """R39: level 1 alerts the owner, level 2 (24 h later) the team leader,
        level 3 (72 h) the complaints managers, each with one activity and one
        digest mail; re-running a step does nothing."""
        complaint = self._assessed_friday(self.user_a2)
        # the managers of the complaint's company only (never another company's)
        managers = self.Complaint._get_complaint_managers(complaint.company_id)
        steps = [
            ("2026-03-23 18:00:00", 1, self.user_a2),
            ("2026-03-24 18:00:00", 2, self.user_a),
            ("2026-03-26 18:00:00", 3, managers),
        ]
        expected = self.env["res.users"]
        for moment, level, users in steps:
            with freeze_time(moment):
                for _run in range(2):
                    self.Complaint._cron_update_sla_status()
                    self.Complaint._cron_escalate()
                    self.assertEqual(complaint.escalation_level, level)
                    activities = self._activities(complaint)
                    self.assertEqual(
                        activities.user_id, expected | users, f"level {level}"
                    )
                    self.assertEqual(len(activities), len(expected | users))
            expected |= users
        self.assertEqual(len(self._mails(BREACH_SUBJECT, self.user_a2)), 1)
        self.assertEqual(len(self._mails(BREACH_SUBJECT, self.user_a)), 1)
        # the breach is over once the deadline is extended: the ladder restarts
        with freeze_time("2026-03-26 18:00:00"):
            self.env["complaint.complaint.extend"].create(
                {
                    "complaint_ids": complaint.ids,
                    "reason": "Expert report needed",
                    "new_response_deadline": datetime(2026, 4, 3, 17, 0),
                }
            ).action_extend()
            self.assertEqual(complaint.sla_status, "on_track")
            self.assertEqual(complaint.escalation_level, 0)

    def test_escalation_digest_is_one_mail_per_user(self):
        """DESIGN 5: many breaches of one owner give one digest, not one mail per
        complaint."""
        complaints = self._breached_batch(4)
        complaints.user_id = self.user_a2
        with freeze_time("2026-03-06 11:00:00"):
            self.Complaint._cron_escalate()
        mails = self._mails(BREACH_SUBJECT, self.user_a2)
        self.assertEqual(len(mails), 1)
        for complaint in complaints:
            self.assertIn(complaint.name, str(mails.body_html))

    def test_failure_mid_run_then_clean_rerun(self):
        """DESIGN 6: a run that fails on its second batch keeps the first batch;
        the next run does the rest, with no duplicate activity or mail."""
        complaints = self._breached_batch(5)
        model_class = type(self.Complaint)
        original = model_class._sla_escalate
        calls = []

        def flaky(records, now, ladders):
            calls.append(records.ids)
            if len(calls) == 2:
                raise RuntimeError("injected failure")
            return original(records, now, ladders)

        with freeze_time("2026-03-06 11:00:00"):
            # not assertRaises: its savepoint would undo the first batch, which a
            # real run has committed
            failed = False
            with patch.object(model_class, "_sla_escalate", flaky):
                try:
                    self.Complaint._cron_escalate(batch_size=2)
                except RuntimeError:
                    failed = True
            self.assertTrue(failed)
            done = complaints.filtered("escalation_level")
            self.assertEqual(done.ids, calls[0])
            first_activities = len(self._activities(complaints))
            self.Complaint._cron_escalate(batch_size=2)
            self.Complaint._cron_escalate(batch_size=2)
        self.assertEqual(set(complaints.mapped("escalation_level")), {3})
        activities = self._activities(complaints)
        pairs = Counter((a.res_id, a.user_id.id) for a in activities)
        self.assertEqual(set(pairs.values()), {1}, "no duplicate activity")
        per_complaint = len(activities) // len(complaints)
        self.assertEqual(first_activities, per_complaint * len(done))
        self.assertEqual(len(activities), per_complaint * len(complaints))

    def test_jobs_through_ir_cron(self):
        """The jobs run as Odoo runs them (method_direct_trigger), report their
        progress (STYLE rule 23), and each one does its work on a record due for it:
        a status update, a closing without reply, a reminder digest."""
        self.company.complaint_reply_timeout_days = 14
        with freeze_time(FRIDAY):
            updating = self._walk_to(self._received_friday(), "investigation")
            silent = self._walk_to(self._received_friday(), "communicated")
        complaints = self._breached_batch(3)
        complaints.sla_status = "on_track"  # as if the job had not run yet
        status_cron = self.env.ref("complaint_management.ir_cron_complaint_sla_status")
        escalate_cron = self.env.ref("complaint_management.ir_cron_complaint_escalate")
        with freeze_time("2026-03-06 11:00:00"):
            status_cron.method_direct_trigger()
            self.assertEqual(set(complaints.mapped("sla_status")), {"breached"})
            escalate_cron.method_direct_trigger()
            self.assertEqual(set(complaints.mapped("escalation_level")), {3})
            progress = self.env["ir.cron.progress"].search(
                [("cron_id", "=", escalate_cron.id)], order="id desc", limit=1
            )
            self.assertEqual(progress.done, 3)
            self.assertEqual(progress.remaining, 0)
        with freeze_time("2026-03-21 10:00:00"):
            due_soon = self._create_complaint(
                date_received=fields.Datetime.now(), user_id=self.user_a2.id
            )
            for xmlid in (
                "ir_cron_complaint_progress_update",
                "ir_cron_complaint_auto_close",
                "ir_cron_complaint_reminder",
            ):
                self.env.ref(f"complaint_management.{xmlid}").method_direct_trigger()
        updates = self._mails("Update on your complaint").filtered(
            lambda mail: updating.name in mail.subject
        )
        self.assertEqual(len(updates), 1)
        self.assertEqual(updating.last_update_sent, datetime(2026, 3, 21, 10, 0))
        self.assertEqual(silent.state, "closed")
        self.assertEqual(silent.complainant_response, "no_reply")
        reminders = self._mails(REMINDER_SUBJECT, self.user_a2)
        self.assertEqual(len(reminders), 1)
        self.assertIn(due_soon.name, str(reminders.body_html))
        self.assertTrue(due_soon.sla_reminder_sent)

    # --- progress updates, auto-close, reminders -------------------------------------
    def test_progress_update_once_and_rescheduled(self):
        """R28: while no decision is made, the complainant gets a status update
        when next_update_due passes, and the date moves on by the policy's
        interval; a second run sends nothing."""
        with freeze_time(FRIDAY):
            complaint = self._walk_to(self._received_friday(), "investigation")
            decided = self._walk_to(self._received_friday(), "decision")
        # 5 working days after Friday (Monday 9 is a holiday): Monday 16, 17:00
        self.assertEqual(complaint.next_update_due, datetime(2026, 3, 16, 17, 0))
        self.assertFalse(decided.next_update_due)
        with freeze_time("2026-03-16 18:00:00"):
            for _run in range(2):
                self.Complaint._cron_send_progress_updates()
            mails = self._mails("Update on your complaint")
            self.assertEqual(len(mails), 1)
            self.assertEqual(mails.recipient_ids, complaint.partner_id)
            self.assertIn(complaint.name, mails.subject)
            self.assertEqual(complaint.next_update_due, datetime(2026, 3, 23, 17, 0))
            self.assertEqual(complaint.last_update_sent, fields.Datetime.now())

    def test_auto_close_without_reply_once(self):
        """R37: N days after the decision was sent without a reply the complaint
        closes with 'no reply' / 'no response'; answered or recent ones stay."""
        self.company.complaint_reply_timeout_days = 14
        with freeze_time(FRIDAY):
            silent = self._walk_to(self._received_friday(), "communicated")
            answered = self._walk_to(self._received_friday(), "communicated")
            answered.action_response_accepted()
        with freeze_time("2026-03-16 10:00:00"):
            recent = self._walk_to(self._received_friday(), "communicated")
        with freeze_time("2026-03-21 10:00:00"):
            for _run in range(2):
                self.Complaint._cron_auto_close()
        self.assertEqual(silent.state, "closed")
        self.assertEqual(silent.complainant_response, "no_reply")
        self.assertEqual(silent.close_reason, "no_response")
        self.assertTrue(silent.date_closed)
        self.assertEqual(answered.state, "communicated")
        self.assertEqual(recent.state, "communicated")

    def test_reminders_one_digest_per_user(self):
        """Reminders: one digest per owner listing the complaints due by the end
        of the next working day; a second run sends nothing."""
        # received a week later (a received date is never in the future): due
        # long after the reminders' horizon of the run below
        with freeze_time(FRIDAY + timedelta(days=7)):
            later = self._create_complaint(
                date_received=FRIDAY + timedelta(days=7), user_id=self.user_b.id
            )
        with freeze_time(FRIDAY):
            mine = self.Complaint.create(
                [
                    self._complaint_vals(date_received=FRIDAY, user_id=self.user_a2.id)
                    for _i in range(2)
                ]
            )
            theirs = self._received_friday(user_id=self.user_b.id)
            for _run in range(2):
                self.Complaint._cron_send_reminders()
        mails = self._mails(REMINDER_SUBJECT, self.user_a2)
        self.assertEqual(len(mails), 1)
        for complaint in mine:
            self.assertIn(complaint.name, str(mails.body_html))
        self.assertEqual(len(self._mails(REMINDER_SUBJECT, self.user_b)), 1)
        self.assertTrue(all((mine | theirs).mapped("sla_reminder_sent")))
        self.assertFalse(later.sla_reminder_sent)

    def test_digest_dates_in_the_reader_time_zone(self):
        """DESIGN 5: a digest gives each deadline in its reader's time zone and
        date format, not as a naive UTC string."""
        self.user_a2.tz = "Asia/Tokyo"
        complaints = self._breached_batch(2)
        complaints.user_id = self.user_a2
        with freeze_time("2026-03-06 11:00:00"):
            self.Complaint._cron_escalate()
        body = str(self._mails(BREACH_SUBJECT, self.user_a2).body_html)
        reader = self.env(context=dict(self.env.context, tz="Asia/Tokyo"))
        for complaint in complaints:
            deadline = complaint.sla_deadline
            self.assertNotIn(fields.Datetime.to_string(deadline), body)
            self.assertIn(
                format_datetime(reader, deadline, tz="Asia/Tokyo", dt_format="short"),
                body,
            )
        self.assertIn("Asia/Tokyo", body)


@tagged("post_install", "-at_install")
class TestComplaintCronConcurrency(TransactionCase):
    """DESIGN 6: two servers running the escalation job at once on committed data
    act once. Real concurrent transactions are needed, so this test commits its own
    complaints through separate cursors and deletes them afterwards."""

    def _cursor(self):
        cr = self.registry.cursor()
        cr.execute("SET LOCAL lock_timeout = '10s'")
        return cr

    def _env(self, cr):
        return api.Environment(
            cr,
            SUPERUSER_ID,
            {"mail_create_nosubscribe": True, "mail_create_nolog": True},
        )

    def test_two_workers_escalate_once(self):
        with self._cursor() as cr_setup:
            env = self._env(cr_setup)
            cr_setup.execute("SELECT COALESCE(MAX(id), 0) FROM mail_message")
            last_message = cr_setup.fetchone()[0]
            complaints = env["complaint.complaint"].create(
                [
                    {
                        "subject": f"Concurrency {i}",
                        "channel": "phone",
                        "date_received": datetime(2020, 1, 6, 9, 0),
                    }
                    for i in range(3)
                ]
            )
            ids = complaints.ids
            self.assertEqual(set(complaints.mapped("sla_status")), {"breached"})
            cr_setup.commit()
        try:
            self._run_two_workers(ids)
        finally:
            self._cleanup(ids, last_message)

    def _run_two_workers(self, ids):
        with self._cursor() as cr_a, self._cursor() as cr_b:
            env_a, env_b = self._env(cr_a), self._env(cr_b)
            # worker A escalates and holds its row locks (no commit yet)
            only_ours = [("id", "in", ids)]
            env_a["complaint.complaint"]._cron_escalate(extra_domain=only_ours)
            self.assertEqual(
                set(
                    env_a["complaint.complaint"].browse(ids).mapped("escalation_level")
                ),
                {3},
            )
            # worker B at the same moment: the rows are claimed, it skips them
            domain = env_b["complaint.complaint"]._get_escalation_domain(
                fields.Datetime.now()
            )
            found = env_b["complaint.complaint"].search([("id", "in", ids)] + domain)
            self.assertEqual(sorted(found.ids), sorted(ids), "B sees them due")
            env_b["complaint.complaint"]._cron_escalate(extra_domain=only_ours)
            cr_b.execute(
                "SELECT COUNT(*) FROM mail_activity WHERE res_model = "
                "'complaint.complaint' AND res_id IN %s",
                [tuple(ids)],
            )
            self.assertEqual(cr_b.fetchone()[0], 0)
            cr_a.commit()
            # B's old snapshot meets rows A changed: the claim drops them
            claimed = found._job_claim(domain)
            self.assertFalse(claimed)
            cr_b.rollback()
            # a fresh run of B finds nothing left to do
            env_b.invalidate_all()
            env_b["complaint.complaint"]._cron_escalate(extra_domain=only_ours)
            cr_b.commit()
        with self._cursor() as cr_check:
            cr_check.execute(
                "SELECT res_id, user_id, COUNT(*) FROM mail_activity "
                "WHERE res_model = 'complaint.complaint' AND res_id IN %s "
                "GROUP BY res_id, user_id",
                [tuple(ids)],
            )
            rows = cr_check.fetchall()
            self.assertTrue(rows)
            self.assertEqual({row[2] for row in rows}, {1}, "no duplicate")
            self.assertEqual({row[0] for row in rows}, set(ids))

    def _cleanup(self, ids, last_message):
        with self._cursor() as cr:
            params = [tuple(ids)]
            cr.execute(
                "DELETE FROM mail_activity WHERE res_model = 'complaint.complaint' "
                "AND res_id IN %s",
                params,
            )
            cr.execute(
                "DELETE FROM mail_mail WHERE mail_message_id IN (SELECT id FROM "
                "mail_message WHERE id > %s)",
                [last_message],
            )
            cr.execute(
                "DELETE FROM mail_message WHERE id > %s AND (model IS NULL OR "
                "(model = 'complaint.complaint' AND res_id IN %s))",
                [last_message, tuple(ids)],
            )
            cr.execute(
                "DELETE FROM mail_followers WHERE res_model = 'complaint.complaint' "
                "AND res_id IN %s",
                params,
            )
            cr.execute("DELETE FROM complaint_complaint WHERE id IN %s", params)
            cr.commit()  # pylint: disable=unknown-option-value,invalid-commit  # own cursor, test cleanup
