# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import subprocess
import tempfile

from markupsafe import Markup

from odoo.tests import tagged

from .common import ComplaintCommon

REPORT = "complaint_management.action_report_complaint_decision"


@tagged("post_install", "-at_install")
class TestComplaintReport(ComplaintCommon):
    """R35: the decision letter and the decision mail."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # wkhtmltopdf fetches the report's stylesheets from report.url. In the test
        # run that is this very Odoo process, whose request threads wait for the
        # registry lock while the test waits for wkhtmltopdf: a deadlock. A closed
        # loopback port makes wkhtmltopdf render the letter without the stylesheets
        # at once; the test checks the letter's text, not its look.
        cls.env["ir.config_parameter"].sudo().set_param(
            "report.url", "http://127.0.0.1:9"
        )
        cls.company.complaint_escalation_text = Markup(
            "<p>Ask for a second review within 30 days.</p>"
        )
        complaint = cls._create_complaint(env=cls.env(user=cls.user_a))
        cls.complaint = cls._walk_to(complaint, "decision")
        cls.complaint.write(
            {
                "outcome": "partially_upheld",
                "decision_reason": Markup(
                    "<p>The blender was faulty; the delivery delay was not ours.</p>"
                ),
            }
        )
        cls.env["complaint.remedy"].create(
            {
                "complaint_id": cls.complaint.id,
                "remedy_type": "refund",
                "description": "Refund of the blender",
                "amount": 120.0,
            }
        )

    def _pdf_text(self, pdf):
        with tempfile.NamedTemporaryFile(suffix=".pdf") as pdf_file:
            pdf_file.write(pdf)
            pdf_file.flush()
            result = subprocess.run(
                ["pdftotext", "-layout", pdf_file.name, "-"],
                capture_output=True,
                check=True,
                timeout=60,
            )
        return result.stdout.decode()

    def test_decision_letter_pdf(self):
        """R35: the letter carries the decision, its reasons, the remedy, how to
        escalate and the company's external recourse."""
        pdf, report_format = (
            self.env["ir.actions.report"]
            .with_user(self.user_a)
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(REPORT, res_ids=self.complaint.ids)
        )
        self.assertEqual(report_format, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        text = " ".join(self._pdf_text(pdf).split())
        for expected in (
            self.complaint.name,
            "Partially Upheld",
            "the delivery delay was not ours",
            "Refund of the blender",
            "Ask for a second review within 30 days.",
            "Consumer Ombudsman Testland, within six months.",
        ):
            self.assertIn(expected, text)

    def test_decision_mail_template(self):
        """R35: the decision mail renders for the complaint and attaches the
        letter."""
        template = self.env.ref("complaint_management.mail_template_complaint_decision")
        values = template.with_user(self.user_a)._generate_template(
            self.complaint.ids,
            ("body_html", "subject", "partner_to", "report_template_ids"),
        )[self.complaint.id]
        self.assertIn(self.complaint.name, values["subject"])
        self.assertIn(self.complaint.name, str(values["body_html"]))
        self.assertIn("Acme Buyers", str(values["body_html"]))
        self.assertEqual(values["partner_ids"], self.customer.ids)
        self.assertEqual(len(values["attachments"]), 1)
        name, content = values["attachments"][0]
        # in test mode reports render as HTML (.html) unless forced
        self.assertTrue(
            name.startswith(f"Decision - {self.complaint.name.replace('/', '-')}.")
        )
        self.assertIn(b"the delivery delay was not ours", base64.b64decode(content))

    def test_acknowledgement_template(self):
        """R29: the acknowledgement names the reference, the expected response date
        and the contact point."""
        template = self.env.ref("complaint_management.mail_template_complaint_ack")
        values = template._generate_template(
            self.complaint.ids, ("body_html", "subject", "email_from")
        )[self.complaint.id]
        body = str(values["body_html"])
        self.assertIn(self.complaint.name, body)
        self.assertIn("care@main.example.com", body)
        self.assertIn("We aim to give you our response by", body)
        self.assertTrue(values["email_from"])
