# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime

from freezegun import freeze_time

from odoo import SUPERUSER_ID, api
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, TransactionCase, tagged

from .common import ComplaintAuditCommon


@tagged("post_install", "-at_install")
class TestAuditTrailEvents(ComplaintAuditCommon):
    """R10: the process leaves one audit event per fact, written set-based."""

    def test_log_fills_who_when_where(self):
        complaint = self._create_complaint()
        events = self.Event.with_user(self.user_a)._log(
            [
                {
                    "complaint_id": complaint.id,
                    "event_type": "register_export",
                    "ref": "sha256:abc",
                    "user_id": self.manager.id,
                    "company_id": self.company_b.id,
                }
            ]
        )
        self.assertEqual(events.user_id, self.user_a)
        self.assertEqual(events.company_id, complaint.company_id)
        self.assertEqual(events.ref, "sha256:abc")
        self.assertTrue(events.date)
        self.assertFalse(events.chain_hash)
        self.assertEqual(complaint.audit_event_ids, events)
        with self.assertRaises(ValueError):
            self.Event._log([{"complaint_id": complaint.id, "event_type": "nope"}])

    def test_lifecycle_events(self):
        complaint = self._create_complaint(env=self.env_a)
        self._walk_to(complaint, "decision")
        self.assertEqual(
            [new for _f, _old, new in self._changes(complaint, "stage")],
            [
                self.stages[s].display_name
                for s in ("acknowledged", "assessed", "investigation", "decision")
            ],
        )
        self.assertIn(
            ("user_id", False, self.user_a.display_name),
            self._changes(complaint, "assignment"),
        )
        self.assertIn(("severity", False, "low"), self._changes(complaint, "severity"))
        self.assertEqual(
            self._changes(complaint, "category"),
            [("category_id", False, self.category.display_name)],
        )
        outcome = self._events(complaint, "outcome")
        self.assertEqual(outcome.mapped("field_name"), ["outcome", "decision_reason"])
        self.assertEqual(outcome[0].new_value, "upheld")
        self.assertEqual(
            outcome.mapped("personal"), [False, True], "reasons are free text"
        )
        self.assertEqual(self._events(complaint).user_id, self.user_a)
        # a second assignment records old → new
        complaint.user_id = self.user_a2
        self.assertEqual(
            self._changes(complaint, "assignment")[-1],
            ("user_id", self.user_a.display_name, self.user_a2.display_name),
        )

    def test_extension_moves_the_deadline(self):
        complaint = self._walk_to(self._create_complaint(), "investigation")
        old_deadline = complaint.response_deadline
        self.env["complaint.complaint.extend"].create(
            {
                "complaint_ids": complaint.ids,
                "reason": "Expert report needed",
                "new_response_deadline": datetime(2099, 4, 3, 17, 0),
            }
        ).action_extend()
        extension = self._events(complaint, "extension")
        self.assertEqual(len(extension), 1)
        self.assertEqual(extension.new_value, "2099-04-03 17:00:00")
        self.assertEqual(extension.note, "Expert report needed")
        deadline = self._events(complaint, "deadline").filtered(
            lambda e: e.field_name == "response_deadline"
        )
        self.assertEqual(
            (deadline[-1:].old_value, deadline[-1:].new_value),
            (str(old_deadline), str(complaint.response_deadline)),
        )

    def test_remedy_approval_and_execution(self):
        complaint = self._walk_to(self._create_complaint(), "investigation")
        remedy = self.env["complaint.remedy"].create(
            {"complaint_id": complaint.id, "remedy_type": "compensation", "amount": 800}
        )
        self.assertFalse(self._events(complaint, "remedy_approval"))
        remedy.with_user(self.manager).action_approve()
        approval = self._events(complaint, "remedy_approval")
        self.assertEqual(
            (approval.old_value, approval.new_value, approval.user_id),
            ("to_approve", "approved", self.manager),
        )
        remedy.with_user(self.user_a).action_execute()
        execution = self._events(complaint, "remedy_execution")
        self.assertEqual(
            (execution.new_value, execution.user_id), ("done", self.user_a)
        )
        self.assertIn(f"complaint.remedy,{remedy.id}", execution.ref)

    def test_reader_sees_labels_the_chain_keeps_keys(self):
        """R10: the trail shows field labels and selection labels, old → new,
        while the chain keeps (and verifies) the technical values it hashed."""
        complaint = self._walk_to(self._create_complaint(), "investigation")
        complaint.severity = "high"
        remedy = self.env["complaint.remedy"].create(
            {"complaint_id": complaint.id, "remedy_type": "compensation", "amount": 800}
        )
        remedy.with_user(self.manager).action_approve()
        severity = self._events(complaint, "severity")[-1].with_user(self.auditor)
        self.assertEqual((severity.old_value, severity.new_value), ("low", "high"))
        self.assertEqual(
            (
                severity.field_label,
                severity.old_value_label,
                severity.new_value_label,
            ),
            ("Severity", "Low", "High"),
        )
        approval = self._events(complaint, "remedy_approval").with_user(self.auditor)
        self.assertEqual(
            (
                approval.field_label,
                approval.old_value_label,
                approval.new_value_label,
            ),
            ("State", "To Approve", "Approved"),
        )
        # a relation keeps its recorded name; an event without a field has no label
        stage = self._events(complaint, "stage")[-1]
        self.assertEqual(stage.new_value_label, stage.new_value)
        export = self.Event._log(
            [{"complaint_id": complaint.id, "event_type": "register_export"}]
        )
        self.assertFalse(export.field_label)
        # the labels are outside the hashed payload: the chain still verifies
        self.Event._seal()
        results = self.Event._verify_chain([complaint.company_id.id])
        self.assertIsNone(results[complaint.company_id.id]["broken"])

    def test_escalation_by_the_job(self):
        with freeze_time("2026-03-02 10:00:00"):
            complaints = self.Complaint.create(
                [
                    self._complaint_vals(
                        date_received=datetime(2026, 2, 2, 9, 0), user_id=self.user_a.id
                    )
                    for _i in range(3)
                ]
            )
        with freeze_time("2026-03-06 11:00:00"):
            self.Complaint._cron_update_sla_status()
            with self._count_event_inserts() as inserts:
                self.Complaint._cron_escalate()
        escalations = self._events(complaints, "escalation")
        self.assertEqual(escalations.complaint_id, complaints)
        self.assertEqual(set(escalations.mapped("old_value")), {"0"})
        self.assertEqual(len(inserts), len(set(escalations.mapped("new_value"))))

    def test_appeal_reopen_cancel(self):
        complaint = self._walk_to(
            self._create_complaint(env=self.env_a), "communicated"
        )
        # the complainant's rejection, as the workflow tests record it
        complaint.sudo().write({"complainant_response": "rejected"})
        action = complaint.action_open_appeal_wizard()
        wizard = Form(self.env_a[action["res_model"]].with_context(**action["context"]))
        wizard.reviewer_id = self.user_a2
        wizard.save().action_appeal()
        self.assertEqual(
            self._changes(complaint, "appeal"), [("appeal_level", "1", "2")]
        )
        closed = self._walk_to(self._create_complaint(env=self.env_a), "closed")
        self.env_a["complaint.complaint.reopen"].create(
            {"complaint_ids": [(6, 0, closed.ids)], "reason": "New evidence"}
        ).action_reopen()
        self.assertEqual(self._changes(closed, "reopen"), [("reopen_count", "0", "1")])
        self.assertEqual(
            self._changes(closed, "stage")[-1][1], self.stages["closed"].display_name
        )
        cancelled = self._create_complaint()
        self._cancel(cancelled)
        self.assertEqual(len(self._events(cancelled, "cancel")), 1)
        self.assertEqual(
            self._changes(cancelled, "stage")[-1][2],
            self.stages["cancelled"].display_name,
        )

    def _cancel(self, complaints):
        self.env["complaint.complaint.cancel"].create(
            {"complaint_ids": [(6, 0, complaints.ids)], "reason": "Lodged twice."}
        ).action_cancel()

    def test_merge(self):
        keep, dup_1, dup_2 = (self._create_complaint() for _i in range(3))
        self.env["complaint.complaint.merge"].create(
            {"complaint_ids": [(6, 0, (keep | dup_1 | dup_2).ids)], "keep_id": keep.id}
        ).action_merge()
        merges = self._events(dup_1 | dup_2, "merge")
        self.assertEqual(merges.complaint_id, dup_1 | dup_2)
        self.assertEqual(set(merges.mapped("new_value")), {keep.display_name})
        self.assertEqual(len(self._events(dup_1 | dup_2, "cancel")), 2)

    def test_one_insert_per_batch(self):
        """DESIGN §9: one INSERT per write, whatever the batch size."""
        for size in (1, 4, 12):
            complaints = self.Complaint.create(
                [self._complaint_vals() for _i in range(size)]
            )
            with self._count_event_inserts() as inserts:
                complaints.write(
                    {
                        "user_id": self.user_b.id,
                        "severity": "high",
                        "category_id": self.category.id,
                        "stage_id": self.stages["acknowledged"].id,
                    }
                )
            self.assertEqual(len(inserts), 1, f"batch of {size}")
            self.assertEqual(len(self._events(complaints, "stage")), size)
            self.assertEqual(len(self._events(complaints, "assignment")), size)
            with self._count_event_inserts() as inserts:
                self._cancel(complaints)
            self.assertEqual(len(inserts), 1, f"cancel batch of {size}")
            self.assertEqual(len(self._events(complaints, "cancel")), size)

    def test_client_context_cannot_swallow_events(self):
        """R10: a buffer-shaped dict sent in the context (as JSON-RPC would send
        it) is not an open buffer: the write's events are still recorded."""
        complaint = self._create_complaint()
        forged = {"events": [], "closed": False}
        complaint.with_context(complaint_audit_buffer=forged).write(
            {"severity": "high"}
        )
        self.assertFalse(forged["events"])
        self.assertEqual(
            [new for _f, _old, new in self._changes(complaint, "severity")], ["high"]
        )

    def test_unwatched_write_logs_nothing(self):
        complaint = self._create_complaint()
        with self._count_event_inserts() as inserts:
            complaint.write({"color": 3, "remedy_requested": "A refund."})
        self.assertFalse(inserts)


@tagged("post_install", "-at_install")
class TestAuditTrailAppendOnly(ComplaintAuditCommon):
    """R10: nobody rewrites or deletes the trail, not even an administrator."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.complaint = cls._create_complaint()
        cls.event = cls.Event._log(
            [{"complaint_id": cls.complaint.id, "event_type": "dossier"}]
        )

    def test_write_and_unlink_refused_for_everyone(self):
        admin = self.env.ref("base.user_admin")
        for user in (admin, self.manager, self.auditor, self.user_a):
            for event in (
                self.event.with_user(user),
                self.event.with_user(user).sudo(),
            ):
                with self.assertRaises(UserError):
                    event.write({"note": "rewritten"})
                with self.assertRaises(UserError):
                    event.unlink()
                with self.assertRaises(UserError):
                    event.copy()
                with self.assertRaises(UserError):
                    event.create(
                        {"complaint_id": self.complaint.id, "event_type": "dossier"}
                    )
        self.assertFalse(self.event.note)

    def test_read_access(self):
        complaint_a = self._create_complaint(team_id=self.team_a.id)
        events = self.Event._log(
            [{"complaint_id": complaint_a.id, "event_type": "dossier"}]
        )
        for user in (self.manager, self.auditor, self.user_a):
            self.assertEqual(
                self.Event.with_user(user).search([("id", "in", events.ids)]), events
            )
        for user in (self.user_b, self.manager_b):
            self.assertFalse(
                self.Event.with_user(user).search([("id", "in", events.ids)])
            )
        with self.assertRaises(AccessError):
            self.Event.with_user(self.internal_user).search([])


@tagged("post_install", "-at_install")
class TestAuditTrailChain(ComplaintAuditCommon):
    """The trail is hash-chained per company; a row changed, deleted or inserted
    in SQL is named by the verification."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.complaint = cls._create_complaint()
        cls.complaint_b = cls._create_complaint(
            company_id=cls.company_b.id,
            team_id=cls.team_company_b.id,
            sale_order_id=False,
            sale_line_id=False,
            invoice_id=False,
        )
        cls.events = cls.Event._log(
            [
                {
                    "complaint_id": complaint.id,
                    "event_type": "stage",
                    "field_name": "stage_id",
                    "old_value": f"old {i}",
                    "new_value": f"new {i}",
                    "note": "free text",
                    "personal": i % 3 == 0,
                }
                for i in range(8)
                for complaint in (cls.complaint, cls.complaint_b)
            ]
        )
        cls.events_a = cls.events.filtered(lambda e: e.company_id == cls.company)

    def _verify(self, batch_size=3):
        self.Event._seal()
        return self.Event._verify_chain(
            [self.company.id, self.company_b.id], batch_size=batch_size
        )

    def _assert_broken(self, event, problem):
        results = self._verify()
        broken = results[self.company.id]["broken"]
        self.assertTrue(broken, "the tampering went unnoticed")
        self.assertEqual((broken["event_id"], broken["problem"]), (event.id, problem))
        self.assertIsNone(results[self.company_b.id]["broken"])
        return broken

    def test_chain_verifies_and_sealing_is_idempotent(self):
        self.assertGreaterEqual(self.Event._seal(), len(self.events))
        self.assertEqual(self.Event._seal(), 0)
        for company in (self.company, self.company_b):
            chain = self.events.filtered(lambda e, c=company: e.company_id == c)
            self.assertEqual(chain.mapped("sequence"), sorted(chain.mapped("sequence")))
            self.assertTrue(
                all(h.startswith("v1$") for h in chain.mapped("chain_hash"))
            )
        results = self._verify()
        self.assertFalse(any(r["broken"] for r in results.values()))
        self.assertGreaterEqual(results[self.company.id]["count"], 8)
        # events logged after a seal continue the chain
        self.Event._log([{"complaint_id": self.complaint.id, "event_type": "dossier"}])
        self.assertFalse(any(r["broken"] for r in self._verify().values()))

    def test_row_changed_in_sql(self):
        self._verify()
        target = self.events_a[4]
        self._sql(
            "UPDATE complaint_audit_event SET new_value = 'forged' WHERE id = %s",
            target.id,
        )
        broken = self._assert_broken(target, "changed")
        self.assertEqual(broken["stored"], target.chain_hash)
        self.assertNotEqual(broken["expected"], broken["stored"])
        self.assertIn(str(target.id), self.Event._describe_break(broken))

    def test_row_deleted_in_sql(self):
        self._verify()
        target = self.events_a[4]
        self._sql("DELETE FROM complaint_audit_event WHERE id = %s", target.id)
        self._assert_broken(self.events_a[5], "deleted")

    def test_row_inserted_in_sql(self):
        self._verify()
        after = self.events_a[3]
        self._sql(
            "UPDATE complaint_audit_event SET sequence = -sequence - 1 "
            "WHERE company_id = %s AND sequence > %s",
            self.company.id,
            after.sequence,
        )
        self._sql(
            "UPDATE complaint_audit_event SET sequence = -sequence "
            "WHERE company_id = %s AND sequence < 0",
            self.company.id,
        )
        self._sql(
            "INSERT INTO complaint_audit_event (complaint_id, company_id, event_type,"
            " user_id, date, sequence, chain_hash) SELECT complaint_id, company_id,"
            " 'outcome', user_id, date, sequence + 1, chain_hash"
            " FROM complaint_audit_event WHERE id = %s",
            after.id,
        )
        inserted = self.Event.search([("event_type", "=", "outcome")])
        self._assert_broken(inserted, "changed")

    def test_unsealed_row_with_a_forged_hash(self):
        self._verify()
        self._sql(
            "INSERT INTO complaint_audit_event (complaint_id, company_id, event_type,"
            " date, chain_hash) VALUES (%s, %s, 'outcome', now(), 'v1$00')",
            self.complaint.id,
            self.company.id,
        )
        inserted = self.Event.search([("event_type", "=", "outcome")])
        results = self.Event._verify_chain([self.company.id])
        self.assertEqual(results[self.company.id]["broken"]["event_id"], inserted.id)

    def test_anonymisation_keeps_the_chain(self):
        self._verify()
        self.events_a._erase_personal_data()
        self.assertFalse(any(self.events_a.mapped("note")))
        personal = self.events_a.filtered("personal")
        self.assertTrue(personal)
        self.assertFalse(any(personal.mapped("new_value")))
        self.assertTrue(all((self.events_a - personal).mapped("new_value")))
        self.assertIsNone(self._verify()[self.company.id]["broken"])
        # the same blanking on a non-personal value is tampering
        target = (self.events_a - personal)[0]
        self._sql(
            "UPDATE complaint_audit_event SET new_value = NULL WHERE id = %s", target.id
        )
        self._assert_broken(target, "changed")

    def test_verify_action_and_scheduled_check(self):
        action = self.Event.with_user(self.auditor).action_verify_trail()
        self.assertEqual(action["params"]["type"], "success")
        with self.assertRaises(AccessError):
            self.Event.with_user(self.user_a).action_verify_trail()
        target = self.events_a[2]
        self._sql(
            "UPDATE complaint_audit_event SET field_name = 'x' WHERE id = %s", target.id
        )
        action = self.Event.with_user(self.manager).action_verify_trail()
        self.assertEqual(action["params"]["type"], "danger")
        self.assertTrue(action["params"]["sticky"])
        self.assertIn(f"#{target.id}", action["params"]["message"])
        logger = "odoo.addons.complaint_audit.models.complaint_audit_event_chain"
        with self.assertLogs(logger, "ERROR"):
            results = self.Event._cron_verify_trail()
        self.assertEqual(results[self.company.id]["broken"]["event_id"], target.id)
        notice = self.env["mail.message"].search(
            [("subject", "like", "audit trail broken")]
        )
        self.assertEqual(len(notice), 1)
        self.assertIn(self.manager.partner_id, notice.partner_ids)
        self.assertNotIn(self.manager_b.partner_id, notice.partner_ids)


@tagged("post_install", "-at_install")
class TestAuditTrailSealConcurrency(TransactionCase):
    """Two sealers at once on committed events (two servers): the second skips the
    chain the first holds, then finds nothing left; the chain verifies. Real
    concurrent transactions: the test commits its own data and deletes it after."""

    def _env(self, cr):
        return api.Environment(cr, SUPERUSER_ID, {"mail_create_nolog": True})

    def test_two_sealers(self):
        with self.registry.cursor() as cr:
            env = self._env(cr)
            complaints = env["complaint.complaint"].create(
                [{"subject": f"Seal {i}", "channel": "phone"} for i in range(3)]
            )
            ids = complaints.ids
            env["complaint.audit.event"]._log(
                [{"complaint_id": i, "event_type": "dossier"} for i in ids]
            )
            company_id = complaints.company_id.id
            cr.execute(
                "SELECT COALESCE(MAX(sequence), 0) FROM complaint_audit_event "
                "WHERE company_id = %s",
                [company_id],
            )
            last_sequence = cr.fetchone()[0]
            cr.commit()  # pylint: disable=unknown-option-value,invalid-commit  # own cursor, committed data
        try:
            with self.registry.cursor() as cr_a, self.registry.cursor() as cr_b:
                cr_b.execute("SET LOCAL lock_timeout = '10s'")
                events_a = self._env(cr_a)["complaint.audit.event"]
                events_b = self._env(cr_b)["complaint.audit.event"]
                self.assertGreaterEqual(events_a._seal([company_id]), 3)
                # A holds the company's lock until it commits: B does not wait
                self.assertEqual(events_b._seal([company_id], wait=False), 0)
                cr_a.commit()  # pylint: disable=unknown-option-value,invalid-commit  # worker A ends
                # B's snapshot predates A's commit: it leaves the chain to A
                self.assertEqual(events_b._seal([company_id]), 0)
            with self.registry.cursor() as cr_c:
                events_c = self._env(cr_c)["complaint.audit.event"]
                self.assertEqual(events_c._seal([company_id]), 0)
                self.assertEqual(
                    len(
                        events_c.search([("complaint_id", "in", ids)]).filtered(
                            "chain_hash"
                        )
                    ),
                    3,
                )
                result = events_c._verify_chain([company_id])[company_id]
                self.assertIsNone(result["broken"])
        finally:
            with self.registry.cursor() as cr:
                cr.execute(
                    "DELETE FROM mail_followers WHERE "
                    "res_model = 'complaint.complaint' AND res_id IN %s",
                    [tuple(ids)],
                )
                cr.execute(
                    "DELETE FROM mail_message WHERE model = 'complaint.complaint' "
                    "AND res_id IN %s",
                    [tuple(ids)],
                )
                # unseal what this test sealed (other committed events too), so
                # that the committed chain has no gap; the events go with their
                # complaints (ON DELETE CASCADE)
                cr.execute(
                    "UPDATE complaint_audit_event SET sequence = NULL, "
                    "chain_hash = NULL WHERE company_id = %s AND sequence > %s",
                    [company_id, last_sequence],
                )
                cr.execute(
                    "DELETE FROM complaint_complaint WHERE id IN %s", [tuple(ids)]
                )
