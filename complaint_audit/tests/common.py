# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Shared fixtures for the complaint_audit tests: complaint_management's fixtures
plus an auditor and helpers to read the trail."""

from odoo.tests import new_test_user

from odoo.addons.complaint_management.tests.common import ComplaintCommon


class ComplaintAuditCommon(ComplaintCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Event = cls.env["complaint.audit.event"]
        cls.auditor = new_test_user(
            cls.env,
            login="ca_auditor",
            groups="complaint_audit.group_complaint_auditor",
            name="Aude Auditor",
            company_id=cls.company.id,
            context=cls.env.context,
        )

    def _events(self, complaints, event_type=None):
        domain = [("complaint_id", "in", complaints.ids)]
        if event_type:
            domain.append(("event_type", "=", event_type))
        return self.Event.search(domain, order="id")
