# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Dates in the reader's calendar: the letters, mails and dossier a complainant or an
auditor reads give a date the way that reader reads it."""

from datetime import datetime

from odoo import models
from odoo.tools import format_date, format_datetime

from ..tools.jalali import format_jalali


class ComplaintComplaint(models.Model):
    _inherit = "complaint.complaint"

    def _complaint_uses_jalali(self):
        """Solar Hijri for a reader whose language is Persian (the env's language,
        which letters and mails set to the reader's), or when the complaint's company
        chose Solar Hijri dates for everyone."""
        company = self[:1].company_id or self.env.company
        return (self.env.lang or "").startswith("fa") or company.complaint_solar_hijri

    def _complaint_format_date(self, value, reader=None, with_time=False):
        """``value`` (a date, or a datetime as Odoo stores it, naive UTC) as text for
        ``reader`` (a res.partner; by default the complainant, who reads the letters
        and mails): a datetime in the reader's time zone; Jalali with Persian digits
        for a Persian reader, Jalali with Latin digits when the company chose Solar
        Hijri dates, else the language's own date format (Odoo's ``format_date``)."""
        if not value:
            return ""
        reader = reader if reader is not None else self[:1].partner_id
        tz_name = reader.tz or self.env.context.get("tz") or self.env.user.tz or "UTC"
        if self._complaint_uses_jalali():
            persian = (self.env.lang or "").startswith("fa")
            return format_jalali(value, tz_name, persian=persian, with_time=with_time)
        env = self.with_context(tz=tz_name).env
        if with_time and isinstance(value, datetime):
            return format_datetime(env, value, tz=tz_name, dt_format="short")
        return format_date(env, value)
