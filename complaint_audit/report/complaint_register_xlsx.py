# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re

from xlsxwriter.utility import xl_col_to_name

from odoo import models
from odoo.tools import split_every

# Rows read, written and dropped from the cache at a time: memory stays flat
# whatever the size of the register.
REGISTER_CHUNK = 1000

# xlsxwriter's inline-string escapes (Worksheet._write_cell, constant_memory)
_CONTROL_1 = re.compile("(_x[0-9a-fA-F]{4}_)")
_CONTROL_2 = re.compile(r"([\x00-\x08\x0b-\x1f])")
_XML_DATA = re.compile("[&<>]")
_EDGE_SPACE = re.compile(r"^\s|\s$")
_STRING_MAX = 32767


def _inline_string(text):
    """``<is>`` content of a text cell, escaped as xlsxwriter escapes it; except
    that a text looking like rich-text XML (``<r>…</r>``), which xlsxwriter would
    write unescaped, stays text too."""
    text = text[:_STRING_MAX]
    if "_x" in text:
        text = _CONTROL_1.sub(r"_x005F\1", text)
    text = _CONTROL_2.sub(lambda match: f"_x{ord(match.group(1)):04X}_", text)
    text = text.replace("\ufffe", "_xFFFE_").replace("\uffff", "_xFFFF_")
    if _XML_DATA.search(text):
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if _EDGE_SPACE.search(text):
        return f'<t xml:space="preserve">{text}</t>'
    return f"<t>{text}</t>"


class _RowWriter:
    """Writes the register's data rows into a ``constant_memory`` worksheet, one
    string per chunk, with the XML xlsxwriter's ``write_string`` /
    ``write_number`` / ``write_datetime`` produce for these cells (inline strings;
    numbers and dates with their format). Measured at 100,000 complaints, the
    per-cell path of xlsxwriter was half of the export's time.

    Only what the register needs: text, numbers and datetimes, no formula, no
    rich text, no row formats. Without ``constant_memory`` the cells go through
    the public API."""

    def __init__(self, sheet, kinds, formats):
        self.sheet = sheet
        self.fast = bool(sheet.constant_memory)
        self.kinds = kinds
        self.formats = [formats.get(kind) for kind in kinds]
        self.refs = [xl_col_to_name(col) for col in range(len(kinds))]
        self.styles = None

    def add_rows(self, first_row, rows):
        """Write ``rows`` (lists of values in column order) from ``first_row``."""
        if not rows:
            return
        if not self.fast:
            for offset, values in enumerate(rows):
                self._write_api(first_row + offset, values)
            return
        sheet = self.sheet
        last_row = first_row + len(rows) - 1
        if sheet._check_dimensions(last_row, len(self.kinds) - 1):
            raise ValueError("The register does not fit in a worksheet.")
        # the rows before (the header) are written first, as a cell of a later
        # row would make xlsxwriter do; the table is then empty
        sheet._write_single_row(last_row + 1)
        if self.styles is None:
            # the formats' indexes, given in the order xlsxwriter would give them
            # (the header's first, then the data's, column by column)
            self.styles = [
                f' s="{fmt._get_xf_index()}"' if fmt is not None else ""
                for fmt in self.formats
            ]
        to_excel = sheet._convert_date_time
        kinds, refs, styles = self.kinds, self.refs, self.styles
        parts = []
        for offset, values in enumerate(rows):
            number = first_row + offset + 1
            parts.append(f'<row r="{number}">')
            for col, value in enumerate(values):
                if value is None or value is False or value == "":
                    continue
                kind = kinds[col]
                if kind == "datetime":
                    parts.append(
                        f'<c r="{refs[col]}{number}"{styles[col]}>'
                        f"<v>{to_excel(value):.16G}</v></c>"
                    )
                elif kind in ("amount", "integer"):
                    parts.append(
                        f'<c r="{refs[col]}{number}"{styles[col]}>'
                        f"<v>{value:.16G}</v></c>"
                    )
                else:
                    parts.append(
                        f'<c r="{refs[col]}{number}"{styles[col]} t="inlineStr">'
                        f"<is>{_inline_string(str(value))}</is></c>"
                    )
            parts.append("</row>")
        sheet._opt_reopen()
        sheet.fh.write("".join(parts))

    def _write_api(self, row, values):
        for col, value in enumerate(values):
            if value is None or value is False or value == "":
                continue
            kind = self.kinds[col]
            if kind == "datetime":
                self.sheet.write_datetime(row, col, value, self.formats[col])
            elif kind in ("amount", "integer"):
                self.sheet.write_number(row, col, value, self.formats[col])
            else:
                # write_string always: never a formula, a link or a number
                self.sheet.write_string(row, col, str(value))


class ReportComplaintRegisterXlsx(models.AbstractModel):
    """The complaint register (R42): one row per complaint with every register field,
    for the period and filter of a ``complaint.register.export``."""

    _name = "report.complaint_audit.register_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Complaint Register (XLSX)"

    def get_workbook_options(self):
        # constant_memory: rows are flushed to disk as they are written.
        # strings_to_*: xlsxwriter turns a text starting with "=" into a live
        # formula and a text that looks like a link into a hyperlink by default; a
        # complaint's text is data, never a formula (CSV/formula injection).
        return dict(
            super().get_workbook_options(),
            constant_memory=True,
            strings_to_formulas=False,
            strings_to_urls=False,
            strings_to_numbers=False,
        )

    def create_xlsx_report(self, docids, data):
        content, report_format = super().create_xlsx_report(docids, data)
        # the trail records the export with the hash of the very file handed out
        self._get_objs_for_report(docids, data)._log_register_export(content)
        return content, report_format

    def generate_xlsx_report(self, workbook, data, objs):
        export = objs.ensure_one()
        complaints = export._search_complaints()
        columns = self._register_columns()
        formats = self._register_formats(workbook)
        sheet = workbook.add_worksheet(self.env._("Register"))
        for index, (_key, label, kind, width) in enumerate(columns):
            sheet.set_column(index, index, width, formats.get(kind))
            sheet.write_string(0, index, label, formats["header"])
        sheet.freeze_panes(1, 0)
        keys = [key for key, _label, _kind, _width in columns]
        writer = _RowWriter(sheet, [kind for _k, _l, kind, _w in columns], formats)
        names = {}
        row = 1
        for chunk in split_every(REGISTER_CHUNK, complaints.ids, complaints.browse):
            rows = [
                [values.get(key) for key in keys]
                for values in chunk._register_rows(names)
            ]
            writer.add_rows(row, rows)
            row += len(rows)
            # the rows are on disk: drop the chunk's records (and their orders,
            # partners...) from the cache; flushed first, so that no pending write
            # of the caller is lost
            self.env.invalidate_all()
        sheet.autofilter(0, 0, max(row - 1, 1), len(columns) - 1)

    def _register_formats(self, workbook):
        """Every format once per workbook, never per cell."""
        return {
            "header": workbook.add_format(
                {"bold": True, "bg_color": "#D9E1F2", "border": 1, "text_wrap": True}
            ),
            "datetime": workbook.add_format({"num_format": "yyyy-mm-dd hh:mm"}),
            "amount": workbook.add_format({"num_format": "#,##0.00"}),
            "integer": workbook.add_format({"num_format": "0"}),
        }

    def _register_columns(self):
        """(key, header, kind, width) of every register column, in order. The keys
        are those of ``complaint.complaint._register_rows``."""
        columns = [
            ("name", self.env._("Reference"), "text", 16),
            ("subject", self.env._("Subject"), "text", 30),
            ("company", self.env._("Company"), "text", 18),
            ("date_received", self.env._("Received On"), "datetime", 17),
            ("date_acknowledged", self.env._("Acknowledged On"), "datetime", 17),
            ("date_assessed", self.env._("Assessed On"), "datetime", 17),
            (
                "date_investigation",
                self.env._("Investigation Started On"),
                "datetime",
                17,
            ),
            ("date_decision", self.env._("Decided On"), "datetime", 17),
            ("date_communicated", self.env._("Decision Sent On"), "datetime", 17),
            ("date_response", self.env._("Response On"), "datetime", 17),
            ("date_closed", self.env._("Closed On"), "datetime", 17),
            ("date_reopened", self.env._("Last Reopened On"), "datetime", 17),
            ("channel", self.env._("Channel"), "text", 14),
            ("complainant", self.env._("Complainant"), "text", 24),
            ("sale_order", self.env._("Sales Order"), "text", 14),
            ("product", self.env._("Product"), "text", 24),
            ("invoice", self.env._("Invoice"), "text", 16),
            ("category", self.env._("Category"), "text", 18),
            ("severity", self.env._("Severity"), "text", 10),
            ("owner", self.env._("Owner"), "text", 18),
            ("team", self.env._("Team"), "text", 18),
            ("state", self.env._("Status"), "text", 14),
            ("ack_deadline", self.env._("Acknowledge By"), "datetime", 17),
            ("ack_met", self.env._("Acknowledged in Time"), "text", 10),
            ("response_deadline", self.env._("Respond By"), "datetime", 17),
            ("response_met", self.env._("Responded in Time"), "text", 10),
            ("close_deadline", self.env._("Close By"), "datetime", 17),
            ("close_met", self.env._("Closed in Time"), "text", 10),
            ("outcome", self.env._("Outcome"), "text", 16),
            ("complainant_response", self.env._("Complainant's Response"), "text", 14),
            ("close_reason", self.env._("Close Reason"), "text", 16),
            ("remedies", self.env._("Remedies"), "text", 30),
            ("remedy_amount", self.env._("Remedy Value"), "amount", 12),
            ("escalation_level", self.env._("Escalation Level"), "integer", 10),
            ("appeal_level", self.env._("Appeal Level"), "integer", 10),
            ("reopen_count", self.env._("Reopened"), "integer", 10),
        ]
        if "satisfaction" in self.env["complaint.complaint"]._fields:
            columns.append(("satisfaction", self.env._("Satisfaction"), "text", 12))
        columns.append(
            ("corrective_actions", self.env._("Corrective Actions"), "text", 30)
        )
        return columns
