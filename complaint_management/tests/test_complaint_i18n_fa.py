# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The addon speaks Persian: labels, selections, errors, mails and the decision letter
of a complainant whose language is fa_IR come from i18n/fa.po."""

import re
import subprocess
import tempfile
import unicodedata
from datetime import datetime

import jdatetime
from markupsafe import Markup
from pytz import timezone, utc

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import ComplaintCommon

REPORT = "complaint_management.action_report_complaint_decision"
PERSIAN = re.compile("[\u0600-\u06ff]")
PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
ARABIC_TO_PERSIAN_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩", "۰۱۲۳۴۵۶۷۸۹")
# 2026-03-21 21:00 UTC is 00:30 on 2026-03-22 in Tehran: 2 Farvardin 1405, where
# the UTC date would give 1 Farvardin.
DECIDED_UTC = datetime(2026, 3, 21, 21, 0)


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

    def _letter_text(self, complaint):
        pdf, _format = (
            self.env["ir.actions.report"]
            .with_user(self.user_a)
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(REPORT, res_ids=complaint.ids)
        )
        with tempfile.NamedTemporaryFile(suffix=".pdf") as pdf_file:
            pdf_file.write(pdf)
            pdf_file.flush()
            return subprocess.run(
                ["pdftotext", "-raw", pdf_file.name, "-"],
                capture_output=True,
                check=True,
                timeout=60,
                text=True,
            ).stdout

    def _decided_complaint(self, partner):
        self.env["ir.config_parameter"].sudo().set_param(
            "report.url", "http://127.0.0.1:9"
        )
        complaint = self._walk_to(
            self._create_complaint(
                env=self.env(user=self.user_a), partner_id=partner.id
            ),
            "decision",
        )
        complaint.write({"outcome": "upheld"})
        # The process dates the decision now; the test needs a known instant (sudo:
        # the process fields refuse a hand-written date, even a test's).
        complaint.sudo().write({"date_decision": DECIDED_UTC})
        return complaint

    def test_decision_letter_jalali_date(self):
        """The decision letter of a Persian complainant in Tehran gives the date of
        the decision in the Solar Hijri calendar, in Persian digits, on Tehran's
        clock (2 Farvardin 1405, not the UTC date's 1 Farvardin)."""
        self.customer.tz = "Asia/Tehran"
        complaint = self._decided_complaint(self.customer)
        text = self._letter_text(complaint)
        tehran = utc.localize(DECIDED_UTC).astimezone(timezone("Asia/Tehran"))
        expected = jdatetime.date.fromgregorian(date=tehran.date())
        self.assertEqual((expected.year, expected.month, expected.day), (1405, 1, 2))
        # The letter writes Persian digits (U+06F0..); the font draws them with the
        # glyphs of the Arabic-Indic digits (U+0660..), which pdftotext gives back.
        letters = _letters(text).translate(ARABIC_TO_PERSIAN_DIGITS)
        day, year = (
            str(number).translate(PERSIAN_DIGITS)
            for number in (expected.day, expected.year)
        )
        # In visual (right-to-left) order: year, month, day. Not the label before
        # them: Debian's wkhtmltopdf cuts the first letters of right-to-left lines
        # (see test_decision_letter_pdf_in_persian).
        self.assertIn(f"{year}فروردین{day}", letters)
        self.assertNotIn(f"{year}فروردین۱", letters)  # the UTC date's 1 Farvardin
        self.assertNotIn("1405", text)
        self.assertNotIn("03/22/2026", text)
        self.assertIn(complaint.name, text)  # the reference keeps its Latin digits

    def test_english_letter_keeps_gregorian_dates(self):
        """An English complainant's letter keeps the Gregorian date, in his time zone
        and language format, with Latin digits."""
        self.customer.write({"lang": "en_US", "tz": "Asia/Tehran"})
        complaint = self._decided_complaint(self.customer)
        text = self._letter_text(complaint)
        self.assertIn("Decided on 03/22/2026", " ".join(text.split()))
        self.assertNotIn("Farvardin", text)
        self.assertIsNone(re.search("[\u06f0-\u06f9]", text))

    def test_company_option_solar_hijri_for_every_reader(self):
        """With the company's "Solar Hijri dates", an English reader reads Jalali
        dates too, with Latin digits; a Persian reader always does, with Persian
        digits; a date field is not shifted by the time zone."""
        self.customer.write({"lang": "en_US", "tz": "Asia/Tehran"})
        complaint = self._create_complaint()
        complaint_en = complaint.with_context(lang="en_US")
        self.assertEqual(complaint_en._complaint_format_date(DECIDED_UTC), "03/22/2026")
        self.company.complaint_solar_hijri = True
        self.assertEqual(
            complaint_en._complaint_format_date(DECIDED_UTC), "2 Farvardin 1405"
        )
        self.assertEqual(
            complaint_en._complaint_format_date(DECIDED_UTC, with_time=True),
            "2 Farvardin 1405 00:30",
        )
        self.company.complaint_solar_hijri = False
        complaint_fa = complaint.with_env(self.env_fa)
        self.assertEqual(
            complaint_fa._complaint_format_date(DECIDED_UTC.date()),
            "۱ فروردین ۱۴۰۵",
        )

    def test_acknowledgement_mail_jalali_deadline(self):
        """The acknowledgement to a Persian complainant gives the response deadline
        as a Jalali date in Persian digits; the reference and the e-mail address
        keep their Latin digits."""
        complaint = self._create_complaint()
        template = self.env.ref("complaint_management.mail_template_complaint_ack")
        body = str(
            template._generate_template(complaint.ids, ("body_html",))[complaint.id][
                "body_html"
            ]
        )
        deadline = jdatetime.date.fromgregorian(
            date=complaint._get_response_deadline_display()
        )
        expected = (
            f"{deadline.day} {deadline.j_months_fa[deadline.month - 1]} "
            f"{deadline.year}"
        ).translate(PERSIAN_DIGITS)
        self.assertIn(expected, body)
        self.assertIn(complaint.name, body)
        self.assertIn("care@main.example.com", body)

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
