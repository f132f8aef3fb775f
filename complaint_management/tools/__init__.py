# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from .sla_calendar import SlaCalendar
from . import jalali
