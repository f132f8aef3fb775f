# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import ComplaintCommon

# Friday 6 March 2026, 10:00 UTC; Monday 9 March is a public holiday in the tests.
FRIDAY = datetime(2026, 3, 6, 10, 0)


class ComplaintSlaCommon(ComplaintCommon):
    """A UTC working calendar (Mon-Fri 8-12, 13-17) with a public holiday on Monday
    9 March 2026, used by team A, and the shipped default policy only."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.calendar = cls.env["resource.calendar"].create(
            {"name": "SLA test calendar (UTC)", "tz": "UTC"}
        )
        cls.env["resource.calendar.leaves"].create(
            {
                "name": "Public holiday",
                "calendar_id": cls.calendar.id,
                "resource_id": False,
                "date_from": datetime(2026, 3, 9, 0, 0),
                "date_to": datetime(2026, 3, 9, 23, 59, 59),
            }
        )
        (cls.team_a | cls.team_b).resource_calendar_id = cls.calendar
        cls.default_policy = cls.env.ref(
            "complaint_management.complaint_sla_policy_default"
        )
        cls.env["complaint.sla.policy"].search(
            [("id", "!=", cls.default_policy.id)]
        ).active = False
        cls.Policy = cls.env["complaint.sla.policy"]

    @classmethod
    def _received_friday(cls, **values):
        return cls._create_complaint(date_received=FRIDAY, **values)


@tagged("post_install", "-at_install")
class TestComplaintSla(ComplaintSlaCommon):
    """R15, R39, K9: deadlines on working calendars, policies, pause, extension."""

    @freeze_time(FRIDAY)
    def test_deadlines_weekend_and_holiday(self):
        """R15: received on a Friday before a Monday holiday, the default policy
        (8 working hours, 10 and 30 working days) skips the weekend and the
        holiday; working hours agree with resource.calendar.plan_hours."""
        complaint = self._received_friday()
        self.assertEqual(complaint.sla_policy_id, self.default_policy)
        # Fri 10-12 + 13-17 = 6 h; Sat, Sun, holiday Mon; Tue 8-10 = 2 h
        self.assertEqual(complaint.ack_deadline, datetime(2026, 3, 10, 10, 0))
        self.assertEqual(
            complaint.ack_deadline,
            self.calendar.plan_hours(8, FRIDAY, compute_leaves=True),
        )
        # 10 working days after the day of receipt: Tue 10 ... Mon 23, end of day
        self.assertEqual(complaint.response_deadline, datetime(2026, 3, 23, 17, 0))
        # 30 working days: Tue 10 March ... Mon 20 April (no other holiday)
        self.assertEqual(complaint.close_deadline, datetime(2026, 4, 20, 17, 0))
        self.assertEqual(complaint.sla_deadline, complaint.ack_deadline)
        self.assertEqual(complaint.sla_status, "on_track")

    @freeze_time(FRIDAY)
    def test_batch_create_groups_by_calendar(self):
        """R15: a batch create computes every complaint, each on its team's
        calendar (team B keeps the company calendar here)."""
        self.team_b.resource_calendar_id = self.company.resource_calendar_id
        complaints = self.Complaint.create(
            [
                self._complaint_vals(date_received=FRIDAY),
                self._complaint_vals(date_received=FRIDAY, team_id=self.team_b.id),
                self._complaint_vals(date_received=datetime(2026, 3, 5, 9, 0)),
            ]
        )
        first, other_calendar, thursday = complaints
        self.assertEqual(first.ack_deadline, datetime(2026, 3, 10, 10, 0))
        company_calendar = self.company.resource_calendar_id
        self.assertEqual(
            other_calendar.ack_deadline,
            company_calendar.plan_hours(8, FRIDAY, compute_leaves=True),
        )
        # Thursday 9-12 and 13-17 = 7 working hours, the 8th on Friday 8-9
        self.assertEqual(thursday.ack_deadline, datetime(2026, 3, 6, 9, 0))
        self.assertTrue(all(complaints.mapped("response_deadline")))

    @freeze_time(FRIDAY)
    def test_most_specific_policy_wins(self):
        """R15: the policy with most matching criteria wins, then the sequence;
        changing severity or category re-applies the rule and the deadlines."""
        team_policy = self.Policy.create(
            {
                "name": "Team A",
                "team_id": self.team_a.id,
                "company_id": self.company.id,
                "sequence": 50,
            }
        )
        category_policy = self.Policy.create(
            {"name": "Quality", "category_id": self.category.id, "sequence": 5}
        )
        urgent = self.Policy.create(
            {
                "name": "Team A, critical",
                "team_id": self.team_a.id,
                "company_id": self.company.id,
                "severity": "critical",
                "sequence": 90,
                "ack_hours": 2,
                "response_days": 2,
                "close_days": 5,
            }
        )
        self.Policy.create(
            {"name": "Critical anywhere", "severity": "critical", "sequence": 1}
        )
        self.Policy.create({"name": "Other channel", "channel": "web", "sequence": 1})
        complaint = self._received_friday()
        self.assertEqual(complaint.sla_policy_id, team_policy)
        complaint.category_id = self.category
        self.assertEqual(complaint.sla_policy_id, category_policy, "tie: sequence")
        complaint.severity = "critical"
        self.assertEqual(complaint.sla_policy_id, urgent, "two criteria beat one")
        self.assertEqual(complaint.ack_deadline, datetime(2026, 3, 6, 12, 0))
        self.assertEqual(complaint.response_deadline, datetime(2026, 3, 11, 17, 0))
        other_company = self._received_friday(
            team_id=self.team_company_b.id,
            company_id=self.company_b.id,
            sale_order_id=False,
            sale_line_id=False,
            invoice_id=False,
            product_id=False,
            partner_id=self.other_customer.id,
        )
        self.assertEqual(other_company.sla_policy_id, self.default_policy)

    def test_pause_and_resume_keeps_remaining_time(self):
        """R15: a stage waiting on the complainant stops the clock; on resume the
        deadlines move by the working time spent paused."""
        with freeze_time(FRIDAY):
            complaint = self._walk_to(self._received_friday(), "investigation")
            response = complaint.response_deadline
            waiting = self.env.ref("complaint_management.complaint_stage_waiting")
            complaint.stage_id = waiting
            self.assertEqual(complaint.sla_status, "paused")
            self.assertFalse(complaint.sla_deadline)
            self.assertEqual(complaint.sla_paused_since, FRIDAY)
        # Wednesday 10:00: Fri 6 h + holiday + Tue 8 h + Wed 2 h = 16 working hours
        with freeze_time("2026-03-11 10:00:00"):
            complaint.stage_id = self.stages["investigation"]
            self.assertFalse(complaint.sla_paused_since)
            self.assertAlmostEqual(complaint.sla_paused_hours, 16.0, places=4)
            # Mon 23 17:00 + 16 working hours = Wed 25 17:00
            self.assertEqual(response, datetime(2026, 3, 23, 17, 0))
            self.assertEqual(complaint.response_deadline, datetime(2026, 3, 25, 17, 0))
            self.assertEqual(complaint.sla_deadline, complaint.response_deadline)
            self.assertEqual(complaint.sla_status, "on_track")

    @freeze_time(FRIDAY)
    def test_extension_needs_reason_mails_and_counts(self):
        """R39, K9: an extension needs a reason and a later date; it moves the
        response deadline, mails the complainant, is counted and logged."""
        complaint = self._walk_to(self._received_friday(), "investigation")
        Wizard = self.env["complaint.complaint.extend"]
        new_date = datetime(2026, 4, 3, 17, 0)
        with self.assertRaises(UserError):
            Wizard.create(
                {
                    "complaint_ids": complaint.ids,
                    "reason": "   ",
                    "new_response_deadline": new_date,
                }
            ).action_extend()
        with self.assertRaises(UserError):
            Wizard.create(
                {
                    "complaint_ids": complaint.ids,
                    "reason": "Waiting for the lab",
                    "new_response_deadline": datetime(2026, 3, 12, 17, 0),
                }
            ).action_extend()
        self.assertEqual(complaint.extension_count, 0)
        mails_before = self.env["mail.mail"].search_count([])
        action = complaint.action_open_extend_wizard()
        wizard = Wizard.with_context(**action["context"]).create(
            {"reason": "Waiting for the lab report", "new_response_deadline": new_date}
        )
        wizard.action_extend()
        self.assertEqual(complaint.response_deadline, new_date)
        self.assertEqual(complaint.extension_count, 1)
        self.assertEqual(complaint.sla_extension_reason, "Waiting for the lab report")
        mails = self.env["mail.mail"].search([], order="id desc", limit=1)
        self.assertEqual(self.env["mail.mail"].search_count([]), mails_before + 1)
        self.assertIn(complaint.name, mails.subject)
        self.assertIn("Waiting for the lab report", str(mails.body_html))
        self.assertEqual(mails.recipient_ids, complaint.partner_id)
        self.assertTrue(
            complaint.message_ids.filtered(
                lambda m: "Waiting for the lab report" in str(m.body)
            )
        )
        # re-routing keeps the agreed date; a second extension counts again
        complaint.severity = "medium"
        self.assertEqual(complaint.response_deadline, new_date)
        Wizard.create(
            {
                "complaint_ids": complaint.ids,
                "reason": "Lab is late",
                "new_response_deadline": datetime(2026, 4, 10, 17, 0),
            }
        ).action_extend()
        self.assertEqual(complaint.extension_count, 2)
        self.assertEqual(complaint.close_deadline, datetime(2026, 4, 20, 17, 0))

    def test_status_follows_the_state(self):
        """R15: the SLA target follows the process: acknowledgement while new,
        response until the decision is sent, then closing; a backdated complaint
        is breached at once, and a closed one keeps its final status."""
        with freeze_time(FRIDAY):
            late = self._create_complaint(date_received=datetime(2026, 2, 2, 9, 0))
            self.assertEqual(late.sla_status, "breached")
            complaint = self._received_friday()
            self.assertEqual(complaint.sla_deadline, complaint.ack_deadline)
            self._walk_to(complaint, "acknowledged")
            self.assertEqual(complaint.sla_deadline, complaint.response_deadline)
            self._walk_to(complaint, "communicated")
            self.assertEqual(complaint.sla_deadline, complaint.close_deadline)
            self._walk_to(complaint, "closed")
            self.assertFalse(complaint.sla_deadline)
            self.assertEqual(complaint.sla_status, "on_track")
            answered_late = self._walk_to(self._received_friday(), "communicated")
        # past the close deadline: the open one is breached, then closes breached
        with freeze_time(complaint.close_deadline + timedelta(days=3)):
            self.Complaint._cron_update_sla_status()
            self.assertEqual(answered_late.sla_status, "breached")
            self._walk_to(answered_late, "closed")
            self.assertEqual(answered_late.sla_status, "breached")
        # long after: the status job leaves both closed complaints as they closed
        with freeze_time(complaint.close_deadline + timedelta(days=60)):
            self.Complaint._cron_update_sla_status()
            (complaint | answered_late).invalidate_recordset(["sla_status"])
            self.assertEqual(complaint.sla_status, "on_track")
            self.assertEqual(answered_late.sla_status, "breached")

    @freeze_time(FRIDAY)
    def test_backfill_after_sql_load(self):
        """R15: complaints loaded by SQL (bench corpus, legacy import) get the same
        SLA targets from one UPDATE as the ORM computes."""
        new = self._received_friday()
        investigating = self._walk_to(self._received_friday(), "investigation")
        answered = self._walk_to(self._received_friday(), "communicated")
        complaints = new | investigating | answered
        expected = {
            c.id: (c.sla_deadline, c.sla_at_risk_date, c.sla_policy_id)
            for c in complaints
        }
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE complaint_complaint SET sla_deadline = NULL, "
            "sla_at_risk_date = NULL, sla_policy_id = NULL WHERE id IN %s",
            [tuple(complaints.ids)],
        )
        self.assertGreaterEqual(self.Complaint._sla_backfill_targets(), 3)
        for complaint in complaints:
            got = (
                complaint.sla_deadline,
                complaint.sla_at_risk_date,
                complaint.sla_policy_id,
            )
            self.assertEqual(got, expected[complaint.id], complaint.state)

    @freeze_time(FRIDAY)
    def test_extension_by_handler_and_policy_access(self):
        """R19, R39: a complaint handler extends a complaint of their team;
        SLA policies are read-only for handlers (STYLE rule 14)."""
        complaint = self._walk_to(self._received_friday(), "investigation")
        env_a = self.env(user=self.user_a)
        env_a["complaint.complaint.extend"].create(
            {
                "complaint_ids": complaint.ids,
                "reason": "Supplier report pending",
                "new_response_deadline": datetime(2026, 4, 3, 17, 0),
            }
        ).action_extend()
        self.assertEqual(complaint.extension_count, 1)
        policy = env_a["complaint.sla.policy"].browse(self.default_policy.id)
        self.assertTrue(policy.name)
        with self.assertRaises(AccessError):
            policy.write({"response_days": 20})
        env_manager = self.env(user=self.manager)
        env_manager["complaint.sla.policy"].browse(policy.id).response_days = 12
        self.assertEqual(self.default_policy.response_days, 12)
