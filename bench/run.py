#!/usr/bin/env python3
# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The benchmark command line (bench/README.md): our operations next to the OCA peers'
equivalents, in one process, one database per job. The harness is in bench/harness/,
the benchmarks in bench/cases/ (one decorated function per row family).

    .venv/bin/python bench/run.py --size 100000 [--runs 5] [--only intake,kanban]
"""

import argparse
import json
import os
import platform
import sys
import time
from datetime import datetime

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import cases  # noqa: F401  (registers the benchmarks)
from harness.db import PREFIX, SEED, psql
from harness.odoo_env import ROOT
from harness.registry import Session, select
from harness.results import print_table, say, write_json

PEER_MODULES = ("helpdesk_mgmt", "helpdesk_mgmt_sla", "mgmtsystem_claim", "crm_claim")


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--base", default=f"{PREFIX}_base")
    parser.add_argument(
        "--peers-status", default=os.path.join(ROOT, ".state", "bench_peers.json")
    )
    parser.add_argument("--anchor", help="YYYY-MM-DD (default: today)")
    parser.add_argument(
        "--only",
        help="comma list of sections (intake, kanban, jobs, audit) or benchmark names",
    )
    return parser.parse_args(argv)


def peers_status(path, base):
    """What became of each peer: installed, no 18.0 release, not installed."""
    available = {}
    if os.path.exists(path):
        with open(path) as f:
            available = json.load(f)
    sql = "SELECT name FROM ir_module_module WHERE state = 'installed'"
    installed = set(psql(base, sql).split())
    for mod in PEER_MODULES:
        if mod not in installed:
            available.setdefault(mod, "not installed")
            say(f"peer {mod}: {available[mod]}")
    return available


def main(argv=None):
    args = parse_args(argv)
    benchmarks = select(args.only)
    if args.runs < 5:
        say("note: fewer than 5 runs: figures are not the documented medians")
    today = datetime.utcnow().replace(hour=0, minute=0, second=0, microsecond=0)
    anchor = datetime.strptime(args.anchor, "%Y-%m-%d") if args.anchor else today
    available = peers_status(args.peers_status, args.base)
    load = os.getloadavg()[0]
    if load > (os.cpu_count() or 1) * 0.5:
        say(
            f"WARNING: load average {load:.1f} on {os.cpu_count()} CPUs before the "
            "run: other processes compete, figures will be noisy (see loadavg_1m)"
        )
    started = time.perf_counter()
    Session(args.base, args.size, args.runs, anchor, available).run(benchmarks)
    elapsed = time.perf_counter() - started
    print_table()
    # a partial run (--only) does not replace the full run's figures
    name = (
        "latest"
        if not args.only
        else "partial-" + "-".join(sorted(args.only.split(",")))
    )
    path = os.path.join(ROOT, "bench", "results", f"{name}.json")
    write_json(
        path,
        {
            "size": args.size,
            "runs": args.runs,
            "seed": SEED,
            "anchor": f"{anchor:%Y-%m-%d}",
            "date": datetime.utcnow().isoformat(timespec="seconds") + "Z",
            "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
            "timing": "median wall time of N runs after one warm-up, in this process",
            "memory": "tracemalloc peak (Python heap, KiB) of one extra traced run",
            "peers": available,
            "elapsed_s": round(elapsed),
        },
    )
    say(f"\nwritten {os.path.relpath(path, ROOT)} in {elapsed:.0f} s")


if __name__ == "__main__":
    main()
