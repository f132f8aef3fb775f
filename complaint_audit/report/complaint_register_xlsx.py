# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.tools import split_every

# Rows read, written and dropped from the cache at a time: memory stays flat
# whatever the size of the register.
REGISTER_CHUNK = 1000


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
        row = 0
        for chunk in split_every(REGISTER_CHUNK, complaints.ids, complaints.browse):
            for values in chunk._register_rows():
                row += 1
                for index, (key, _label, kind, _width) in enumerate(columns):
                    self._write_cell(sheet, row, index, values.get(key), kind, formats)
            # the rows are on disk: drop the chunk's records (and their orders,
            # partners...) from the cache; flushed first, so that no pending write
            # of the caller is lost
            self.env.invalidate_all()
        sheet.autofilter(0, 0, max(row, 1), len(columns) - 1)

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

    def _write_cell(self, sheet, row, col, value, kind, formats):
        if value is None or value is False or value == "":
            return
        if kind == "datetime":
            sheet.write_datetime(row, col, value, formats["datetime"])
        elif kind in ("amount", "integer"):
            sheet.write_number(row, col, value, formats[kind])
        else:
            # write_string always: never a formula, a link or a number
            sheet.write_string(row, col, str(value))

    def _register_columns(self):
        """(key, header, kind, width) of every register column, in order. The keys
        are those of ``complaint.complaint._register_rows``."""
        _ = self.env._
        columns = [
            ("name", _("Reference"), "text", 16),
            ("subject", _("Subject"), "text", 30),
            ("company", _("Company"), "text", 18),
            ("date_received", _("Received On"), "datetime", 17),
            ("date_acknowledged", _("Acknowledged On"), "datetime", 17),
            ("date_assessed", _("Assessed On"), "datetime", 17),
            ("date_investigation", _("Investigation Started On"), "datetime", 17),
            ("date_decision", _("Decided On"), "datetime", 17),
            ("date_communicated", _("Decision Sent On"), "datetime", 17),
            ("date_response", _("Response On"), "datetime", 17),
            ("date_closed", _("Closed On"), "datetime", 17),
            ("date_reopened", _("Last Reopened On"), "datetime", 17),
            ("channel", _("Channel"), "text", 14),
            ("complainant", _("Complainant"), "text", 24),
            ("sale_order", _("Sales Order"), "text", 14),
            ("product", _("Product"), "text", 24),
            ("invoice", _("Invoice"), "text", 16),
            ("category", _("Category"), "text", 18),
            ("severity", _("Severity"), "text", 10),
            ("owner", _("Owner"), "text", 18),
            ("team", _("Team"), "text", 18),
            ("state", _("Status"), "text", 14),
            ("ack_deadline", _("Acknowledge By"), "datetime", 17),
            ("ack_met", _("Acknowledged in Time"), "text", 10),
            ("response_deadline", _("Respond By"), "datetime", 17),
            ("response_met", _("Responded in Time"), "text", 10),
            ("close_deadline", _("Close By"), "datetime", 17),
            ("close_met", _("Closed in Time"), "text", 10),
            ("outcome", _("Outcome"), "text", 16),
            ("complainant_response", _("Complainant's Response"), "text", 14),
            ("close_reason", _("Close Reason"), "text", 16),
            ("remedies", _("Remedies"), "text", 30),
            ("remedy_amount", _("Remedy Value"), "amount", 12),
            ("escalation_level", _("Escalation Level"), "integer", 10),
            ("appeal_level", _("Appeal Level"), "integer", 10),
            ("reopen_count", _("Reopened"), "integer", 10),
        ]
        if "satisfaction" in self.env["complaint.complaint"]._fields:
            columns.append(("satisfaction", _("Satisfaction"), "text", 12))
        columns.append(("corrective_actions", _("Corrective Actions"), "text", 30))
        return columns
