# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""complaint_audit's KPI summary and register export: slots that say "not implemented"
until the addon provides them (then each becomes a measured benchmark here)."""

from harness.db import release
from harness.odoo_env import environment
from harness.registry import benchmark
from harness.results import Row, record, say

from .jobs import find_method


def _slot(ctx, label, present):
    state = "present but not wired into the bench yet" if present else "not implemented"
    say(f"  {label}: {state}")
    record(Row(section="jobs", operation=label, size=ctx.size, note="not implemented"))


@benchmark("jobs", needs="corpus")
def kpi_summary(ctx):
    with environment(ctx.db) as env:
        present = "complaint.management.review" in env and find_method(
            env, "complaint.complaint", ["_kpi_summary", "get_kpi_summary"]
        )
    release(ctx.db)
    _slot(ctx, "KPI summary (complaint_audit)", present)


@benchmark("jobs", needs="corpus")
def register_export(ctx):
    with environment(ctx.db) as env:
        present = "complaint.register.export" in env or find_method(
            env, "complaint.complaint", ["_export_register", "action_export_register"]
        )
    release(ctx.db)
    _slot(ctx, "register export XLSX (complaint_audit)", present)
