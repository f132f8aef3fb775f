# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The Solar Hijri (Jalali) calendar: dates as a Persian reader reads them, and the UTC
range of a Jalali month or year (what KPI and register periods group by).

The conversion is jdatetime's (PyPI). Only the date itself is converted: references,
amounts and e-mail addresses never pass through here, so their digits stay Latin.
"""

from datetime import date, datetime, time

import jdatetime
from pytz import timezone, utc

PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
# jdatetime's month names (1 = Farvardin), in Persian and in Latin letters.
MONTHS_FA = jdatetime.date.j_months_fa
MONTHS_EN = jdatetime.date.j_months_en


def persian_digits(text):
    """``text`` with its Latin digits as Persian (Extended Arabic-Indic) ones."""
    return str(text).translate(PERSIAN_DIGITS)


def to_local(value, tz_name):
    """A naive UTC datetime (Odoo's storage) as the naive wall time in ``tz_name``;
    a date is returned as is."""
    if isinstance(value, datetime):
        aware = utc.localize(value) if value.tzinfo is None else value
        return aware.astimezone(timezone(tz_name or "UTC")).replace(tzinfo=None)
    return value


def to_jalali(value, tz_name=None):
    """The Jalali date of a date, or of a naive UTC datetime read in ``tz_name``."""
    local = to_local(value, tz_name)
    if isinstance(local, datetime):
        local = local.date()
    return jdatetime.date.fromgregorian(date=local)


def format_jalali(value, tz_name=None, persian=True, with_time=False):
    """``value`` (date, or naive UTC datetime) as a Jalali date: "۲ فروردین ۱۴۰۵" for
    a Persian reader, "2 Farvardin 1405" otherwise; ``with_time`` adds the reader's
    wall-clock hour ("۱۴۰۵ ۰۱:۳۰")."""
    if not value:
        return ""
    local = to_local(value, tz_name)
    jday = to_jalali(local)
    months = MONTHS_FA if persian else MONTHS_EN
    text = f"{jday.day} {months[jday.month - 1]} {jday.year}"
    if with_time and isinstance(local, datetime):
        text += f" {local:%H:%M}"
    return persian_digits(text) if persian else text


def jalali_month_range(year, month, tz_name="Asia/Tehran"):
    """The naive UTC datetimes [start, stop) of Jalali month ``month`` of ``year``,
    midnight to midnight in ``tz_name``: Farvardin 1405 in Asia/Tehran starts on
    2026-03-20 20:30 UTC (2026-03-21 00:00 Tehran) and stops at the start of
    Ordibehesht."""
    if not 1 <= month <= 12:
        raise ValueError(f"a Jalali month is 1..12, not {month}")
    start = jdatetime.date(year, month, 1).togregorian()
    nxt = jdatetime.date(year + month // 12, month % 12 + 1, 1).togregorian()
    return _utc_midnight(start, tz_name), _utc_midnight(nxt, tz_name)


def jalali_year_range(year, tz_name="Asia/Tehran"):
    """The naive UTC datetimes [start, stop) of Jalali year ``year`` (1 Farvardin to
    the next 1 Farvardin, in ``tz_name``)."""
    start = jdatetime.date(year, 1, 1).togregorian()
    stop = jdatetime.date(year + 1, 1, 1).togregorian()
    return _utc_midnight(start, tz_name), _utc_midnight(stop, tz_name)


def _utc_midnight(day: date, tz_name):
    local = timezone(tz_name or "UTC").localize(datetime.combine(day, time.min))
    return local.astimezone(utc).replace(tzinfo=None)
