# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Jalali periods: a Jalali month is a range of Tehran days, not a Gregorian month
relabelled, and counting complaints by it counts exactly those received in it."""

from datetime import datetime, timedelta

from odoo.tests import tagged

from ..tools.jalali import jalali_month_range, jalali_year_range
from .common import ComplaintCommon

SECOND = timedelta(seconds=1)


@tagged("post_install", "-at_install")
class TestComplaintJalaliPeriods(ComplaintCommon):
    def test_farvardin_range(self):
        """Farvardin 1405 is 2026-03-21 .. 2026-04-20 in Tehran (UTC+03:30)."""
        self.assertEqual(
            jalali_month_range(1405, 1),
            (datetime(2026, 3, 20, 20, 30), datetime(2026, 4, 20, 20, 30)),
        )
        # Esfand (month 12) ends where the next year's Farvardin starts.
        self.assertEqual(
            jalali_month_range(1404, 12)[1], jalali_month_range(1405, 1)[0]
        )
        self.assertEqual(
            jalali_year_range(1405),
            (datetime(2026, 3, 20, 20, 30), datetime(2027, 3, 20, 20, 30)),
        )
        with self.assertRaises(ValueError):
            jalali_month_range(1405, 13)

    def test_count_complaints_received_in_farvardin(self):
        """Complaints received on either side of both boundaries, in Tehran time:
        only the ones from 1 Farvardin 00:00 to 31 Farvardin 23:59:59 count."""
        start, stop = jalali_month_range(1405, 1)
        # 1 Farvardin 00:00 and 31 Farvardin 23:59:59 in Tehran, a day between; the
        # instants a second before and after, and a complaint of Bahman.
        inside = [
            datetime(2026, 3, 20, 20, 30),
            datetime(2026, 3, 31, 12, 0),
            datetime(2026, 4, 20, 20, 29, 59),
        ]
        outside = [
            datetime(2026, 3, 20, 20, 29, 59),
            datetime(2026, 4, 20, 20, 30),
            datetime(2026, 2, 17, 20, 30),
        ]
        complaints = self.Complaint.create(
            [self._complaint_vals(date_received=when) for when in inside + outside]
        )
        self.assertEqual(
            sorted(complaints.mapped("date_received")), sorted(inside + outside)
        )
        received_in_farvardin = complaints[: len(inside)]
        domain = [
            ("id", "in", complaints.ids),
            ("date_received", ">=", start),
            ("date_received", "<", stop),
        ]
        self.assertEqual(self.Complaint.search(domain), received_in_farvardin)
        [(count,)] = self.Complaint._read_group(domain, aggregates=["__count"])
        self.assertEqual(count, 3)
        # A Gregorian month relabelled would be wrong: March 2026 holds three of them.
        march = self.Complaint.search_count(
            [
                ("id", "in", complaints.ids),
                ("date_received", ">=", datetime(2026, 3, 1)),
                ("date_received", "<", datetime(2026, 4, 1)),
            ]
        )
        self.assertEqual(march, 3)
