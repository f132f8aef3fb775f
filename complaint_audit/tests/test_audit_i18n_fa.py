# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The register and the audit trail speak Persian to a user whose language is fa_IR."""

import io

import openpyxl

from odoo.tests import tagged

from .common import ComplaintAuditCommon


@tagged("post_install", "-at_install")
class TestAuditPersian(ComplaintAuditCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fa_IR")
        cls.env["ir.module.module"]._load_module_terms(
            ["complaint_management", "complaint_audit"], ["fa_IR"], overwrite=True
        )
        cls.manager.lang = "fa_IR"
        cls.complaint = cls._walk_to(cls._create_complaint(), "closed")

    def test_register_headers_in_persian(self):
        export = (
            self.env["complaint.register.export"]
            .with_user(self.manager)
            .with_context(lang=self.manager.lang)
            .create({"domain": repr([("id", "=", self.complaint.id)])})
        )
        sheet = openpyxl.load_workbook(io.BytesIO(export._export_register())).active
        header = [cell.value for cell in sheet[1]]
        self.assertEqual(sheet.title, "دفتر ثبت")
        for label in ("شمارهٔ مرجع", "موضوع", "تاریخ دریافت", "شاکی", "شدت", "نتیجه"):
            self.assertIn(label, header)
        self.assertNotIn("Reference", header)

    def test_audit_labels_in_persian(self):
        env_fa = self.env(
            user=self.manager, context=dict(self.env.context, lang="fa_IR")
        )
        fields = env_fa["complaint.audit.event"].fields_get(
            ["event_type"], ["string", "selection"]
        )
        self.assertEqual(
            dict(fields["event_type"]["selection"])["stage"], "تغییر مرحله"
        )
        self.assertEqual(
            env_fa.ref("complaint_audit.group_complaint_auditor").name, "ممیز"
        )
