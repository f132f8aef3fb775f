# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Shared fixtures for the complaint_audit tests: complaint_management's fixtures
plus an auditor and helpers to read and tamper with the trail."""

from contextlib import contextmanager

from odoo.tests import new_test_user
from odoo.tools import SQL

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
        cls.env_a = cls.env(user=cls.user_a)

    def _events(self, complaints, event_type=None):
        domain = [("complaint_id", "in", complaints.ids)]
        if event_type:
            domain.append(("event_type", "=", event_type))
        return self.Event.search(domain, order="id")

    def _changes(self, complaints, event_type):
        """[(field, old, new)] of the events of one type, in order."""
        return [
            (e.field_name, e.old_value, e.new_value)
            for e in self._events(complaints, event_type)
        ]

    @contextmanager
    def _count_event_inserts(self):
        """Count the INSERT statements into the events table run in the block (a
        spy on this test's cursor: the statements still run)."""
        cr = self.env.cr
        execute = cr.execute
        inserts = []

        def spy(query, params=None, log_exceptions=True):
            code = query.code if isinstance(query, SQL) else str(query)
            if code.startswith('INSERT INTO "complaint_audit_event"'):
                inserts.append(code)
            return execute(query, params, log_exceptions)

        cr.execute = spy
        try:
            yield inserts
        finally:
            del cr.execute

    def _sql(self, query, *args):
        self.env.flush_all()
        self.env.cr.execute(SQL(query, *args))
        self.env.invalidate_all()
