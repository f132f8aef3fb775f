# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Jalali periods: a Jalali month is a range of Tehran days, not a Gregorian month
relabelled, and counting complaints by it counts exactly those received in it."""

from datetime import datetime, timedelta

from odoo.tests import tagged

from ..tools.jalali import jalali_month_range, jalali_year_range
from ..tools.sla_calendar import SlaCalendar
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


@tagged("post_install", "-at_install")
class TestComplaintIranianCalendar(ComplaintCommon):
    def test_working_days_skip_friday_and_a_holiday(self):
        """On the shipped Iranian calendar (Saturday to Wednesday, Tehran), two
        working days after a Wednesday skip Thursday, Friday and a listed holiday
        on Saturday: they end on Monday at 16:00 Tehran time."""
        calendar = self.env.ref("complaint_management.resource_calendar_iran")
        self.assertEqual(
            sorted(set(calendar.attendance_ids.mapped("dayofweek"))),
            ["0", "1", "2", "5", "6"],
        )
        # Wednesday 6 May 2026, 10:00 in Tehran (UTC+03:30).
        wednesday = datetime(2026, 5, 6, 6, 30)
        without_holiday = SlaCalendar.for_range(calendar, [wednesday], days=2)
        # Saturday 9, Sunday 10: 16:00 Tehran is 12:30 UTC.
        self.assertEqual(
            without_holiday.plan_days(wednesday, 2), datetime(2026, 5, 10, 12, 30)
        )
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Official holiday",
                "calendar_id": calendar.id,
                "resource_id": False,
                "date_from": datetime(2026, 5, 8, 20, 30),
                "date_to": datetime(2026, 5, 9, 20, 29, 59),
            }
        )
        on_calendar = SlaCalendar.for_range(calendar, [wednesday], days=2)
        # The holiday Saturday 9 is skipped: Sunday 10, Monday 11.
        self.assertEqual(
            on_calendar.plan_days(wednesday, 2), datetime(2026, 5, 11, 12, 30)
        )
