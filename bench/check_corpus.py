#!/usr/bin/env python3
# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
# ruff: noqa: E501  (SQL, messages and table layouts read better unwrapped)
"""Check that a corpus written by the fast path is what the ORM would have written:
on a sample of every generated model, recompute every stored computed/related field
and compare with the stored value; run the complaints' constraints (stage gates); check
the invoices balance and the references are unique. Read-only (rolls back).

    .venv/bin/python bench/check_corpus.py --db complaints_bench_snap_10000 [--sample 300]
"""

import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from harness.odoo_env import environment

MODELS = {
    "res.partner": "email LIKE 'customer%%@example.com'",
    "sale.order": "name LIKE 'SB%%'",
    "sale.order.line": "order_id IN (SELECT id FROM sale_order WHERE name LIKE 'SB%%')",
    "account.move": "name LIKE 'INVB/%%'",
    "account.move.line": "move_name LIKE 'INVB/%%'",
    "complaint.complaint": "TRUE",
    "helpdesk.ticket": "TRUE",
}
# Computed fields whose value depends on "now" or on data the corpus leaves out on purpose.
# Journal item amounts are set by the move's synchronisation, not by their computes
# (recomputing one line alone gives 0): the balance of every entry is checked instead.
SKIP = {
    "res.partner": {"calendar_last_notif_ack", "partner_share", "signup_type"},
    "sale.order": {"validity_date"},  # today + validity days, at recompute time
    "account.move.line": {
        "balance",
        "debit",
        "credit",
        "amount_currency",
        "amount_residual",
        "amount_residual_currency",
        "reconciled",
        "sequence",
    },  # display order, given at creation by the move
    "account.move": {"needed_terms", "invoice_payments_widget", "tax_totals"},
    "helpdesk.ticket": set(),
}


def main(argv=None):  # noqa: C901 - one linear check after the other
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--sample", type=int, default=300)
    args = parser.parse_args(argv)
    problems = []
    with environment(args.db) as env:
        cr = env.cr
        cr.execute("""SELECT count(*) FROM (SELECT move_id FROM account_move_line
                      GROUP BY move_id HAVING abs(sum(balance)) > 0.005) x""")
        unbalanced = cr.fetchone()[0]
        if unbalanced:
            problems.append(f"{unbalanced} unbalanced journal entries")
        for model, where in MODELS.items():
            if model not in env:
                continue
            Model = env[model]
            cr.execute(
                f"SELECT id FROM {Model._table} WHERE {where} "
                "ORDER BY md5(id::text) LIMIT %s",
                [args.sample],
            )
            records = Model.browse([r[0] for r in cr.fetchall()])
            if not records:
                problems.append(f"{model}: no generated record found")
                continue
            fields = [
                f
                for f in Model._fields.values()
                if f.store
                and f.compute
                and f.column_type
                and f.name not in SKIP.get(model, ())
            ]
            stored = {f.name: {r.id: r[f.name] for r in records} for f in fields}
            env.invalidate_all()
            for field in fields:
                env.add_to_compute(field, records)
            records._recompute_recordset() if hasattr(
                records, "_recompute_recordset"
            ) else None
            env.flush_all()
            env.invalidate_all()
            mismatches = {}
            for f in fields:
                for r in records:
                    before, after = stored[f.name][r.id], r[f.name]
                    if f.type == "float" or f.type == "monetary":
                        same = abs((before or 0) - (after or 0)) < 0.005
                    else:
                        same = before == after
                    if not same:
                        mismatches.setdefault(f.name, (r.id, before, after))
            for fname, (rid, before, after) in mismatches.items():
                problems.append(
                    f"{model}.{fname} (id {rid}): stored {before!r}, ORM {after!r}"
                )
            print(
                f"{model}: {len(records)} records, {len(fields)} stored computed fields, "
                f"{len(mismatches)} differing"
            )
        if "complaint.complaint" in env:
            cr.execute(
                "SELECT id FROM complaint_complaint ORDER BY md5(id::text) LIMIT %s",
                [args.sample],
            )
            complaints = env["complaint.complaint"].browse(
                [r[0] for r in cr.fetchall()]
            )
            for c in complaints:
                try:
                    c._validate_fields(list(c._fields))
                except Exception as exc:
                    problems.append(f"complaint {c.id} ({c.state}): {exc}")
                    if len(problems) > 30:
                        break
            print(
                f"complaint.complaint: constraints run on {len(complaints)} complaints"
            )
        cr.execute(
            "SELECT count(*) - count(DISTINCT (name, company_id)) FROM complaint_complaint"
        )
        dup = cr.fetchone()[0]
        if dup:
            problems.append(f"{dup} duplicate complaint references")
        cr.rollback()
    for p in problems:
        print("PROBLEM", p)
    print("corpus check:", "OK" if not problems else f"{len(problems)} problems")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
