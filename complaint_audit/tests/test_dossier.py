# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import hashlib
import io
import subprocess
import tempfile
import zipfile
from unittest.mock import patch

from markupsafe import Markup

from odoo.tests import tagged

from ..models import complaint_complaint_dossier
from .common import ComplaintAuditCommon

REPORT = "complaint_audit.action_report_complaint_dossier"


def pdf_text(pdf):
    with tempfile.NamedTemporaryFile(suffix=".pdf") as pdf_file:
        pdf_file.write(pdf)
        pdf_file.flush()
        result = subprocess.run(
            ["pdftotext", "-layout", pdf_file.name, "-"],
            capture_output=True,
            check=True,
            timeout=60,
        )
    return " ".join(result.stdout.decode().split())


@tagged("post_install", "-at_install")
class TestDossier(ComplaintAuditCommon):
    """R53: the complaint dossier, one PDF per complaint."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # wkhtmltopdf fetches the stylesheets from report.url, i.e. this very Odoo
        # process, whose request threads wait for the registry lock while the test
        # waits for wkhtmltopdf: a deadlock. A closed loopback port makes it render
        # without them at once (see complaint_management's test_complaint_report).
        cls.env["ir.config_parameter"].sudo().set_param(
            "report.url", "http://127.0.0.1:9"
        )
        # the dossier shows the tracked changes: track them here
        cls.tracked_env = cls.env(context=dict(cls.env.context, mail_notrack=False))
        complaint = cls._create_complaint(env=cls.tracked_env)
        complaint.message_post(
            body=Markup("<p>Alpha: the customer called about the jug.</p>"),
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )
        cls.env.cr.flush()
        # one step at a time: tracking is posted when the transaction flushes
        for state in ("acknowledged", "assessed", "investigation", "decision"):
            cls._walk_to(complaint, state)
            cls.env.cr.flush()
        complaint.message_post(
            body=Markup("<p>Bravo: the carrier confirmed the damage.</p>"),
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )
        cls._walk_to(complaint, "communicated")
        cls.env.cr.flush()
        cls.complaint = complaint

    def _render(self, complaints, user=None):
        pdf, report_format = (
            self.env["ir.actions.report"]
            .with_user(user or self.user_a)
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(REPORT, res_ids=complaints.ids)
        )
        self.assertEqual(report_format, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        return pdf

    def _stage(self, state):
        return self.stages[state].name

    def test_dossier_content_in_order(self):
        """R53: the follow-up record's sections in the order of the ISO 10002 form,
        then each stage change and each message in the order they happened."""
        text = pdf_text(self._render(self.complaint, user=self.auditor))
        self.assertIn(self.complaint.name, text)
        positions = []
        for expected in (
            "1. Receipt",
            "The jug was cracked on arrival.",
            "2. Acknowledgement",
            "3. Initial assessment",
            "4. Investigation",
            "Check the shipment",
            "5. Decision",
            "The product was damaged in transit.",
            "6. Communication of the decision",
            "7. Complainant's response",
            "8. Closure or escalation",
            "History: messages and tracked changes",
            "Alpha: the customer called about the jug.",
            f"{self._stage('new')} → {self._stage('acknowledged')}",
            f"{self._stage('acknowledged')} → {self._stage('assessed')}",
            f"{self._stage('assessed')} → {self._stage('investigation')}",
            f"{self._stage('investigation')} → {self._stage('decision')}",
            "Bravo: the carrier confirmed the damage.",
            f"{self._stage('decision')} → {self._stage('communicated')}",
        ):
            self.assertIn(expected, text)
            position = text.find(expected, positions[-1] if positions else 0)
            self.assertGreaterEqual(position, 0, f"{expected!r} out of order")
            positions.append(position)
        self.assertNotIn("more messages not shown", text)

    def test_page_budget(self):
        """The history is capped: the rest is one "N more not shown" line."""
        total = self.env["mail.message"].search_count(
            [
                ("model", "=", "complaint.complaint"),
                ("res_id", "=", self.complaint.id),
                ("message_type", "!=", "user_notification"),
            ]
        )
        with patch.object(complaint_complaint_dossier, "DOSSIER_MESSAGE_LIMIT", 2):
            entries, hidden = self.complaint._dossier_history()
        self.assertEqual(len(entries), 2)
        self.assertEqual(hidden, total - 2)
        self.assertIn(
            "the customer called", str(entries[0]["body"]) + str(entries[1]["body"])
        )

    def test_batch_prints_a_zip(self):
        """Several complaints print as a zip of one PDF each, not one giant PDF."""
        other = self._create_complaint(subject="Kettle leaks")
        action = (self.complaint | other).with_user(self.user_a).action_print_dossier()
        self.assertEqual(action["type"], "ir.actions.act_url")
        export = self.env["complaint.dossier.export"].search(
            [], order="id desc", limit=1
        )
        self.assertIn(
            f"/web/content/complaint.dossier.export/{export.id}/", action["url"]
        )
        with zipfile.ZipFile(io.BytesIO(base64.b64decode(export.zip_file))) as archive:
            names = archive.namelist()
            self.assertEqual(len(names), 2)
            for complaint, name in zip(self.complaint | other, names, strict=True):
                self.assertIn(complaint.name.replace("/", "-"), name)
                text = pdf_text(archive.read(name))
                self.assertIn(complaint.name, text)
                self.assertIn(complaint.subject, text)
        # one complaint prints its PDF directly
        single = self.complaint.with_user(self.user_a).action_print_dossier()
        self.assertEqual(
            single["report_name"], "complaint_audit.report_complaint_dossier"
        )

    def test_sealed_at_closure(self):
        """At closure the dossier is generated once by the job, attached, and its
        SHA-256 recorded in the trail; a second run does nothing."""
        complaint = self.complaint.with_user(self.user_a)
        complaint.action_response_accepted()
        complaint.action_close()
        self.assertTrue(self.complaint.dossier_due)
        self.assertFalse(self.complaint.dossier_attachment_id)
        cron = self.env.ref("complaint_audit.ir_cron_complaint_seal_dossiers")
        cron.method_direct_trigger()
        attachment = self.complaint.dossier_attachment_id
        self.assertTrue(attachment)
        self.assertFalse(self.complaint.dossier_due)
        self.assertEqual(attachment.res_model, "complaint.complaint")
        self.assertEqual(attachment.res_id, self.complaint.id)
        digest = hashlib.sha256(attachment.raw).hexdigest()
        self.assertEqual(self.complaint.dossier_sha256, digest)
        events = self._events(self.complaint, "dossier")
        self.assertEqual(len(events), 1)
        self.assertEqual(events.ref, digest)
        self.assertIn(self.complaint.name, pdf_text(attachment.raw))
        cron.method_direct_trigger()
        self.assertEqual(self.complaint.dossier_attachment_id, attachment)
        self.assertEqual(len(self._events(self.complaint, "dossier")), 1)
