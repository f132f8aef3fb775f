#!/usr/bin/env python3
# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
# ruff: noqa: E501  (SQL, messages and table layouts read better unwrapped)
"""Write the synthetic corpus into an existing Odoo database (see data/README.md).

.venv/bin/python data/generate.py --db complaints_bench_x --size 100000
.venv/bin/python data/generate.py --db complaints_demo --size 1000 --orm
"""

import argparse
import os
import sys
import time
from datetime import datetime

sys.path.insert(
    0,
    os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "bench"),
)

import corpus
from harness.odoo_env import environment


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", required=True)
    parser.add_argument(
        "--size",
        type=int,
        default=1000,
        help="number of complaints (1,000 to 1,000,000)",
    )
    parser.add_argument("--seed", type=int, default=10002)
    parser.add_argument(
        "--anchor", help="YYYY-MM-DD the two years end at (default: today)"
    )
    parser.add_argument(
        "--orm",
        action="store_true",
        help="create the complaints through the ORM (slow, for write benchmarks)",
    )
    parser.add_argument(
        "--no-tickets",
        action="store_true",
        help="do not generate helpdesk tickets even if helpdesk_mgmt is there",
    )
    parser.add_argument("--no-complaints", action="store_true")
    args = parser.parse_args(argv)
    anchor = datetime.strptime(args.anchor, "%Y-%m-%d") if args.anchor else None
    start = time.perf_counter()
    with environment(args.db, commit=True) as env:
        if args.orm:
            corpus.generate_orm(env, args.size, seed=args.seed, anchor=anchor)
        else:
            corpus.generate(
                env,
                args.size,
                seed=args.seed,
                anchor=anchor,
                with_tickets=not args.no_tickets,
                with_complaints=not args.no_complaints,
            )
    print(
        f"corpus of {args.size} written to {args.db} in {time.perf_counter() - start:.1f} s"
    )


if __name__ == "__main__":
    main()
