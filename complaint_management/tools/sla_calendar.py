# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Working-time arithmetic for SLA deadlines, set-based.

``resource.calendar.plan_hours``/``plan_days`` read the calendar's attendances and
leaves again for every call. A batch of complaints on one calendar shares one list of
work intervals (attendances minus public holidays, i.e. global leaves), fetched once
by ``_work_intervals_batch`` and walked in Python for each complaint.
"""

import bisect
from datetime import datetime, time, timedelta

from pytz import timezone, utc

# Working days are seldom more than 2 x the calendar span, plus long holidays.
_MARGIN_DAYS = 21
_MAX_WINDOW_DAYS = 3 * 366


def _aware(dt):
    return utc.localize(dt) if dt.tzinfo is None else dt.astimezone(utc)


def _naive(dt):
    return dt.astimezone(utc).replace(tzinfo=None)


class SlaCalendar:
    """Work intervals of one calendar over a window, with ``plan_hours``,
    ``plan_days`` and ``work_hours`` on naive UTC datetimes (Odoo's storage)."""

    def __init__(self, calendar, start, end):
        self.calendar = calendar
        self.start = _aware(start)
        self.end = _aware(end)
        self.tz = timezone(calendar.tz or "UTC") if calendar else utc
        self.intervals = []
        if calendar:
            intervals = calendar._work_intervals_batch(
                self.start, self.end, compute_leaves=True
            )[False]
            # (start utc, stop utc, local working date)
            self.intervals = [
                (_aware(start), _aware(stop), start.astimezone(self.tz).date())
                for start, stop, _meta in intervals
            ]
        self.stops = [stop for _start, stop, _date in self.intervals]

    @classmethod
    def for_range(cls, calendar, starts, days=0, hours=0.0):
        """A window wide enough for ``days`` working days or ``hours`` working hours
        after every datetime of ``starts``."""
        first, last = min(starts), max(starts)
        span = timedelta(days=2 * days + hours / 4 + _MARGIN_DAYS)
        return cls(calendar, first - timedelta(days=1), last + span)

    def _extend(self, until):
        """The same calendar over a wider window (rare: very long holidays). A
        calendar without working time over years counts wall-clock time instead."""
        if until - self.start > timedelta(days=_MAX_WINDOW_DAYS):
            return SlaCalendar._empty(self.calendar, self.start)
        return SlaCalendar(self.calendar, self.start, max(until, self.end))

    @classmethod
    def _empty(cls, calendar, start):
        """No calendar: wall-clock time."""
        return cls(calendar.browse(), start, start)

    def _index_after(self, moment):
        """Index of the first interval ending after ``moment`` (aware)."""
        return bisect.bisect_right(self.stops, moment)

    def plan_hours(self, start, hours):
        """``start`` + ``hours`` working hours (``calendar.plan_hours`` with
        ``compute_leaves=True``). Without a calendar, wall-clock hours."""
        if not self.calendar:
            return start + timedelta(hours=hours)
        moment = _aware(start)
        remaining = timedelta(hours=hours)
        for begin, stop, _date in self.intervals[self._index_after(moment) :]:
            begin = max(begin, moment)
            if remaining <= stop - begin:
                return _naive(begin + remaining)
            remaining -= stop - begin
        return self._extend(self.end + timedelta(days=2 * _MARGIN_DAYS)).plan_hours(
            start, hours
        )

    def plan_days(self, start, days):
        """End of the ``days``-th working day after the day of ``start`` (local time
        of the calendar). The day of receipt is not counted, as regulators count
        days (e.g. FCA DISP 1.6 "business days following receipt"). Without a
        calendar, ``days`` calendar days."""
        if not self.calendar:
            return start + timedelta(days=days)
        local_day = _aware(start).astimezone(self.tz).date()
        next_day = self.tz.localize(datetime.combine(local_day, time.min)) + timedelta(
            days=1
        )
        seen = 0
        last_stop = None
        current = None
        for _begin, stop, work_date in self.intervals[self._index_after(next_day) :]:
            if work_date <= local_day:
                continue
            if work_date != current:
                if seen == days:
                    return _naive(last_stop)
                seen += 1
                current = work_date
            last_stop = stop
        if seen == days and last_stop and last_stop < self.end - timedelta(days=2):
            return _naive(last_stop)
        return self._extend(
            self.end + timedelta(days=2 * days + _MARGIN_DAYS)
        ).plan_days(start, days)

    def work_hours(self, start, stop):
        """Working hours between two naive UTC datetimes."""
        if not self.calendar:
            return max((stop - start).total_seconds() / 3600, 0.0)
        begin_at, stop_at = _aware(start), _aware(stop)
        total = timedelta()
        for begin, end, _date in self.intervals[self._index_after(begin_at) :]:
            if begin >= stop_at:
                break
            total += min(end, stop_at) - max(begin, begin_at)
        return max(total.total_seconds() / 3600, 0.0)
