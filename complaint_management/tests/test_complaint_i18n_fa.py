# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The addon speaks Persian: labels, selections, errors, mails and the decision letter
of a complainant whose language is fa_IR come from i18n/fa.po."""

import re
import subprocess
import tempfile
import unicodedata

from markupsafe import Markup

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import ComplaintCommon

REPORT = "complaint_management.action_report_complaint_decision"
PERSIAN = re.compile("[\u0600-\u06ff]")


BIDI_AND_SPACES = re.compile("[\u200c-\u200f\u202a-\u202e\\s]+")


def _letters(text):
    """The PDF's text without spacing: wkhtmltopdf lays Persian out glyph by glyph, in
    visual order, so pdftotext gives each word's letters in order but the words of a
    line reversed and wrapped in bidi marks. NFKC folds presentation forms (U+FExx)."""
    return BIDI_AND_SPACES.sub("", unicodedata.normalize("NFKC", text))


def _words(text):
    return [word for word in BIDI_AND_SPACES.split(text) if word]


@tagged("post_install", "-at_install")
class TestComplaintPersian(ComplaintCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fa_IR")
        cls.env["ir.module.module"]._load_module_terms(
            ["complaint_management"], ["fa_IR"], overwrite=True
        )
        cls.customer.lang = "fa_IR"
        cls.env_fa = cls.env(context=dict(cls.env.context, lang="fa_IR"))

    def test_labels_and_selections_in_persian(self):
        fields = self.env_fa["complaint.complaint"].fields_get(
            ["partner_id", "severity", "outcome"], ["string", "selection"]
        )
        self.assertEqual(fields["partner_id"]["string"], "شاکی")
        self.assertIn(("critical", "بحرانی"), fields["severity"]["selection"])
        self.assertIn(
            ("partially_upheld", "شکایت تا حدی وارد است"),
            fields["outcome"]["selection"],
        )
        stage = self.env_fa.ref("complaint_management.complaint_stage_new")
        self.assertEqual(stage.name, "جدید")
        action = self.env_fa.ref(
            "complaint_management.action_report_complaint_decision"
        )
        self.assertEqual(action.name, "نامهٔ تصمیم")

    def test_right_to_left_stylesheets(self):
        """Odoo turns the letter's stylesheets right to left for Persian (rtlcss, which
        `make setup` installs): Bootstrap's start is on the right."""
        bundle = self.env["ir.qweb"]._get_asset_bundle(
            "web.report_assets_common", js=False, rtl=True
        )
        css = bundle.css().raw.decode()
        self.assertRegex(css, r"\.text-start\{\s*text-align:\s*right")
        self.assertFalse(bundle.css_errors)

    def test_error_message_in_persian(self):
        complaint = self._create_complaint()
        with self.assertRaisesRegex(ValidationError, "نمی‌تواند در آینده باشد"):
            complaint.with_env(self.env_fa).write(
                {"date_received": "2999-01-01 00:00:00"}
            )

    def test_acknowledgement_mail_in_persian(self):
        complaint = self._create_complaint()
        template = self.env.ref("complaint_management.mail_template_complaint_ack")
        values = template._generate_template(complaint.ids, ("subject", "body_html"))[
            complaint.id
        ]
        self.assertEqual(
            values["subject"], f"شکایت شما {complaint.name} را دریافت کردیم"
        )
        body = str(values["body_html"])
        self.assertIn("از اینکه نگرانی خود را با ما در میان گذاشتید سپاسگزاریم", body)
        self.assertIn(complaint.name, body)
        self.assertIn("care@main.example.com", body)
        self.assertIn('dir="rtl"', body)

    def test_decision_letter_pdf_in_persian(self):
        """The decision letter of a Persian complainant is written in Persian, with
        a font that has Persian glyphs embedded (no boxes)."""
        # wkhtmltopdf would fetch the stylesheets from this very process (see
        # test_complaint_report): a closed port renders the letter without them.
        self.env["ir.config_parameter"].sudo().set_param(
            "report.url", "http://127.0.0.1:9"
        )
        complaint = self._walk_to(
            self._create_complaint(env=self.env(user=self.user_a)), "decision"
        )
        complaint.write(
            {
                "outcome": "partially_upheld",
                "decision_reason": Markup("<p>کالا معیوب بود.</p>"),
            }
        )
        pdf, _format = (
            self.env["ir.actions.report"]
            .with_user(self.user_a)
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(REPORT, res_ids=complaint.ids)
        )
        with tempfile.NamedTemporaryFile(suffix=".pdf") as pdf_file:
            pdf_file.write(pdf)
            pdf_file.flush()
            text = subprocess.run(
                ["pdftotext", "-raw", pdf_file.name, "-"],
                capture_output=True,
                check=True,
                timeout=60,
                text=True,
            ).stdout
            fonts = subprocess.run(
                ["pdffonts", pdf_file.name],
                capture_output=True,
                check=True,
                timeout=60,
                text=True,
            ).stdout
        self.assertIn(complaint.name, text)
        letters = _letters(text)
        # Headings and the outcome, word by word. Not paragraphs: Debian's
        # wkhtmltopdf (unpatched Qt) mis-measures right-to-left lines that hold
        # punctuation or must wrap, draws their first letters past the right margin,
        # and pdftotext drops them.
        for expected in (
            "تصمیم دربارهٔ شکایت",
            "تصمیم ما",
            "دلایل",
            "شکایت تا حدی وارد است",
            "اقدامات باقی‌مانده",
            "اگر موافق نیستید",
            "مرجع بیرونی حل اختلاف",
        ):
            for word in _words(expected):
                self.assertIn(_letters(word), letters, expected)
        for english in (
            "Decision on complaint",
            "Our decision",
            "Reasons",
            "Partially Upheld",
        ):
            self.assertNotIn(english, text)
        # Every font of the letter is embedded, and one of them covers Persian.
        embedded = [line.split() for line in fonts.splitlines()[2:]]
        self.assertTrue(embedded)
        names = {row[0].split("+")[-1] for row in embedded}
        self.assertTrue(all("yes" in row[-5:-2] for row in embedded), fonts)
        persian_families = subprocess.run(
            ["fc-list", ":lang=fa", "family", "postscriptname"],
            capture_output=True,
            check=True,
            timeout=60,
            text=True,
        ).stdout
        self.assertTrue(
            any(
                name.split("-")[0] in persian_families.replace(" ", "")
                for name in names
            ),
            f"no font with Persian glyphs in the letter: {fonts}",
        )
