# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64

from freezegun import freeze_time
from markupsafe import Markup

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import ComplaintAuditCommon

KPI_GROUPBYS = ["state", "category_id", "outcome", "channel", "severity", "team_id"]


@tagged("post_install", "-at_install")
class TestRetention(ComplaintAuditCommon):
    """R41: after the retention period, the complainant's personal data goes and
    the statistics stay."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.complaint_retention_years = 2
        cls.tracked_env = cls.env(context=dict(cls.env.context, mail_notrack=False))
        with freeze_time("2023-05-02 09:00:00"):
            cls.old = cls._create_complaint(
                env=cls.tracked_env,
                subject="Alice Acme's blender, call 555-0101",
                email_cc="alice.private@example.com",
            )
            # the complainant changes (tracked): both names are in the tracking
            cls.old.partner_id = cls.customer_contact
            cls.env.cr.flush()
            cls.old.message_subscribe(partner_ids=cls.customer_contact.ids)
            cls.from_complainant = cls.old.message_post(
                body=Markup("<p>I am Alice, my address is 1 Private Lane.</p>"),
                author_id=cls.customer_contact.id,
                message_type="email",
                subtype_xmlid="mail.mt_comment",
                attachments=[("photo.jpg", b"jpeg of the broken jug")],
            )
            cls.to_complainant = cls.old.message_post(
                body=Markup("<p>Dear Alice, we are sorry.</p>"),
                partner_ids=cls.customer_contact.ids,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
            cls.internal_note = cls.old.message_post(
                body=Markup("<p>Internal: carrier at fault.</p>"),
                message_type="comment",
                subtype_xmlid="mail.mt_note",
            )
            cls._walk_to(cls.old, "closed")
            cls.env["complaint.remedy"].create(
                {
                    "complaint_id": cls.old.id,
                    "remedy_type": "refund",
                    "description": "Refund to Alice",
                    "amount": 80.0,
                }
            )
        with freeze_time("2025-01-10 09:00:00"):
            cls.recent = cls._walk_to(cls._create_complaint(), "closed")
            cls.open = cls._create_complaint(subject="Still open")
        cls.env.cr.flush()

    def _kpis(self):
        Complaint = self.env["complaint.complaint"]
        domain = [("id", "in", (self.old | self.recent | self.open).ids)]
        return {
            groupby: Complaint._read_group(
                domain, [groupby], ["__count", "remedy_amount:sum"]
            )
            for groupby in KPI_GROUPBYS
        } | {
            "messages": self.env["mail.message"].search_count(
                [("model", "=", "complaint.complaint"), ("res_id", "=", self.old.id)]
            ),
            "dates": self.old.read(
                ["date_received", "date_acknowledged", "date_closed", "date_decision"]
            ),
        }

    def _run_job(self):
        cron = self.env.ref("complaint_audit.ir_cron_complaint_anonymise_expired")
        with freeze_time("2025-06-01 00:00:00"):
            cron.method_direct_trigger()

    def test_job_anonymises_expired_complaints(self):
        """R41: the job blanks every personal field and message of the complainant of
        complaints closed longer ago than the retention period; the counts, dates,
        categories, outcomes and amounts stay, and so does the audit chain."""
        kpis_before = self._kpis()
        # the chain sealed with the personal values in place
        self.Event._seal()
        attachment = self.from_complainant.attachment_ids
        self.assertTrue(attachment)
        self._run_job()
        old = self.old
        self.assertTrue(old.anonymised_date)
        self.assertFalse(self.recent.anonymised_date)
        self.assertFalse(self.open.anonymised_date)
        self.assertEqual(self.recent.partner_id, self.customer)
        # the complaint's personal fields
        self.assertFalse(old.partner_id)
        self.assertFalse(old.commercial_partner_id)
        self.assertFalse(old.partner_email)
        self.assertEqual(old.subject, "Anonymised")
        self.assertEqual(str(old.description), "<p>Anonymised</p>")
        self.assertEqual(old.remedy_requested, "Anonymised")
        self.assertFalse(old.email_cc)
        self.assertFalse(old.access_token)
        # the messages by and to the complainant: blanked, not deleted
        self.assertFalse(self.from_complainant.author_id)
        self.assertTrue(self.to_complainant.author_id)  # the handler who wrote it
        for message in (self.from_complainant, self.to_complainant):
            self.assertFalse(message.body)
            self.assertFalse(message.email_from)
            self.assertFalse(message.partner_ids)
            self.assertFalse(message.attachment_ids)
        self.assertFalse(attachment.exists())
        self.assertIn("carrier at fault", str(self.internal_note.body))
        self.assertNotIn(self.customer_contact, old.message_partner_ids)
        # no message, tracking value or event of the complaint still names them
        messages = self.env["mail.message"].search(
            [("model", "=", "complaint.complaint"), ("res_id", "=", old.id)]
        )
        for tracking in messages.tracking_value_ids:
            for value in (
                tracking.old_value_char,
                tracking.new_value_char,
                tracking.old_value_text,
                tracking.new_value_text,
            ):
                self.assertNotIn("Alice", value or "")
                self.assertNotIn("Acme", value or "")
        for message in messages:
            self.assertNotIn("Alice", str(message.body))
            self.assertNotIn("Alice", message.subject or "")
        # the statistics are the same
        self.assertEqual(self._kpis(), kpis_before)
        self.assertEqual(old.remedy_amount, 80.0)
        # one trail event
        events = self._events(old, "anonymisation")
        self.assertEqual(len(events), 1)
        self.assertEqual(events.note, "Retention period over")
        # the events' personal values are blanked and the chain still verifies
        reason_events = self._events(old, "outcome").filtered(
            lambda e: e.field_name == "decision_reason"
        )
        self.assertTrue(reason_events)
        for event in self._events(old):
            for value in (event.old_value, event.new_value, event.note):
                self.assertNotIn("damaged in transit", value or "")
        self.Event._seal()
        results = self.Event._verify_chain([self.company.id])
        self.assertIsNone(results[self.company.id]["broken"])

    def test_job_anonymises_complaints_short_of_a_newer_requirement(self):
        """R41: a complaint closed before its stage required some field (legacy
        data, a requirement added since) is anonymised all the same: the stage
        gates do not stop the erasure, and a client context cannot turn them
        off."""
        self._sql(
            "UPDATE complaint_complaint SET communication_channel = NULL WHERE id = %s",
            self.old.id,
        )
        with self.assertRaises(ValidationError):
            self.old.with_context(complaint_anonymising=True).write(
                {"decision_reason": False}
            )
        self._run_job()
        self.assertTrue(self.old.anonymised_date)
        self.assertEqual(self.old.subject, "Anonymised")

    def test_job_twice_does_nothing(self):
        """R41: a second run finds nothing to do: no write, no event."""
        self._run_job()
        anonymised_date = self.old.anonymised_date
        events = self.Event.search_count([])
        self.env.flush_all()
        self.env.cr.execute(
            "SELECT max(write_date) FROM complaint_complaint WHERE id IN %s",
            [tuple((self.old | self.recent | self.open).ids)],
        )
        last_write = self.env.cr.fetchone()[0]
        with freeze_time("2025-06-01 00:05:00"):
            self.env.ref(
                "complaint_audit.ir_cron_complaint_anonymise_expired"
            ).method_direct_trigger()
        self.env.flush_all()
        self.env.cr.execute(
            "SELECT max(write_date) FROM complaint_complaint WHERE id IN %s",
            [tuple((self.old | self.recent | self.open).ids)],
        )
        self.assertEqual(self.env.cr.fetchone()[0], last_write)
        self.assertEqual(self.old.anonymised_date, anonymised_date)
        self.assertEqual(self.Event.search_count([]), events)

    def test_erasure_on_request(self):
        """A complaints manager anonymises one closed complaint at once, with the
        reason; a handler cannot, nor can an open complaint be."""
        Wizard = self.env["complaint.complaint.anonymise"]
        reason = "Erasure request of 2025-01-12"
        with self.assertRaises(AccessError):
            Wizard.with_user(self.user_a).create(
                {"complaint_ids": self.recent.ids, "reason": reason}
            ).action_anonymise()
        wizard = Wizard.with_user(self.manager).create(
            {"complaint_ids": self.open.ids, "reason": reason}
        )
        with self.assertRaises(UserError):
            wizard.action_anonymise()
        action = self.recent.with_user(self.manager).action_open_anonymise_wizard()
        wizard = (
            Wizard.with_user(self.manager)
            .with_context(**action["context"])
            .create({"reason": reason})
        )
        wizard.action_anonymise()
        self.assertTrue(self.recent.anonymised_date)
        self.assertFalse(self.recent.partner_id)
        events = self._events(self.recent, "anonymisation")
        self.assertEqual(events.note, reason)
        self.assertEqual(events.user_id, self.manager)

    def test_sealed_dossier_replaced(self):
        """The sealed dossier holds personal data: it is removed and a new one, of
        the anonymised record, is due."""
        sealed = self.env["ir.attachment"].create(
            {
                "name": "Dossier.pdf",
                "datas": base64.b64encode(b"%PDF Alice"),
                "res_model": "complaint.complaint",
                "res_id": self.old.id,
            }
        )
        self.old.sudo().write(
            {"dossier_attachment_id": sealed.id, "dossier_due": False}
        )
        self._run_job()
        self.assertFalse(sealed.exists())
        self.assertTrue(self.old.dossier_due)

    def test_retention_period_setting(self):
        settings = self.env["res.config.settings"].create({})
        self.assertEqual(settings.complaint_retention_years, 2)
        with self.assertRaises(ValidationError):
            self.company.complaint_retention_years = -1
