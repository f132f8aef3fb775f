#!/usr/bin/env python3
# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
# ruff: noqa: E501  (SQL, messages and table layouts read better unwrapped)
"""Bounded load run (scripts/load.sh): N concurrent XML-RPC clients create, move and
comment complaints for a fixed time against an Odoo on loopback, then check that nothing
was lost: every complaint created exists, every move stuck, every message is there.

Exit status 0 only if no error other than retried serialization conflicts happened and
the check found nothing missing.
"""

import argparse
import json
import os
import random
import statistics
import sys
import threading
import time
import xmlrpc.client

RETRYABLE = (
    "could not serialize",
    "concurrent update",
    "deadlock detected",
    "SerializationFailure",
    "TransactionRollbackError",
)
# Stages a complaint can reach with what the load run fills at creation (no decision
# gate): states in process order.
MOVES = ("acknowledged", "assessed", "investigation")


def percentile(values, pct):
    if not values:
        return None
    values = sorted(values)
    k = (len(values) - 1) * pct / 100
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


class Shared:
    def __init__(self):
        self.lock = threading.Lock()
        self.pool = []  # complaint ids free to be moved or commented
        self.expected_state = {}  # complaint id -> state of the last successful move
        self.created = {}  # complaint id -> token in its subject
        self.messages = {}  # message id -> (complaint id, token)
        self.latency = {"create": [], "move": [], "comment": []}
        self.errors = []
        self.retries = 0


def client(idx, args, shared, ref, deadline):
    rng = random.Random(1000 + idx)
    url = f"http://127.0.0.1:{args.port}"
    common = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/common", allow_none=True)
    uid = common.login(args.db, args.login, args.password)
    proxy = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/object", allow_none=True)

    def call(model, method, *params, **kw):
        for attempt in range(6):
            try:
                return proxy.execute_kw(
                    args.db, uid, args.password, model, method, list(params), kw
                )
            except xmlrpc.client.Fault as fault:
                if any(r in fault.faultString for r in RETRYABLE) and attempt < 5:
                    with shared.lock:
                        shared.retries += 1
                    time.sleep(rng.uniform(0.01, 0.1) * (attempt + 1))
                    continue
                raise

    n = 0
    while time.monotonic() < deadline:
        n += 1
        op = rng.choices(("create", "move", "comment"), (4, 3, 3))[0]
        if op != "create" and not shared.pool:
            op = "create"
        start = time.perf_counter()
        try:
            if op == "create":
                token = f"L{idx:02d}-{n:05d}"
                partner = rng.choice(ref["partners"])
                cid = call(
                    "complaint.complaint",
                    "create",
                    {
                        "subject": f"Load run complaint {token}",
                        "partner_id": partner,
                        "channel": rng.choice(("phone", "in_person", "other")),
                        "description": f"<p>Created by the load run, token {token}.</p>",
                        "severity": rng.choice(("low", "medium", "high")),
                        "category_id": rng.choice(ref["categories"]),
                        "complexity": "simple",
                        "impact": "individual",
                        "user_id": rng.choice(ref["users"]),
                    },
                )
                if isinstance(cid, list):
                    cid = cid[0]
                with shared.lock:
                    shared.created[cid] = token
                    shared.expected_state[cid] = "new"
                    shared.pool.append(cid)
            elif op == "move":
                with (
                    shared.lock
                ):  # one mover per complaint at a time: moves are ordered
                    candidates = [
                        c for c in shared.pool if shared.expected_state[c] != MOVES[-1]
                    ]
                    if not candidates:
                        continue
                    cid = rng.choice(candidates)
                    shared.pool.remove(cid)
                    current = shared.expected_state[cid]
                target = (
                    MOVES[0] if current == "new" else MOVES[MOVES.index(current) + 1]
                )
                try:
                    call(
                        "complaint.complaint",
                        "write",
                        [cid],
                        {"stage_id": ref["stages"][target]},
                    )
                    with shared.lock:
                        shared.expected_state[cid] = target
                finally:
                    with shared.lock:
                        shared.pool.append(cid)
            else:
                cid = rng.choice(shared.pool)
                token = f"M{idx:02d}-{n:05d}"
                mid = call(
                    "complaint.complaint",
                    "message_post",
                    [cid],
                    body=f"Load run note {token}",
                    message_type="comment",
                    subtype_xmlid="mail.mt_note",
                )
                if isinstance(mid, list):
                    mid = mid[0]
                with shared.lock:
                    shared.messages[mid] = (cid, token)
            with shared.lock:
                shared.latency[op].append((time.perf_counter() - start) * 1000)
        except Exception as exc:
            text = getattr(exc, "faultString", str(exc)).strip().splitlines()
            with shared.lock:
                shared.errors.append(f"{op}: {(text[-1] if text else repr(exc))[:200]}")


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--port", type=int, default=8269)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--login", default="admin")
    parser.add_argument("--password", default="admin")
    parser.add_argument("--json", help="write the figures here")
    args = parser.parse_args(argv)

    url = f"http://127.0.0.1:{args.port}"
    common = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/common", allow_none=True)
    uid = common.login(args.db, args.login, args.password)
    if not uid:
        sys.exit("cannot log in as admin")
    proxy = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/object", allow_none=True)

    def kw(model, method, *params, **k):
        return proxy.execute_kw(
            args.db, uid, args.password, model, method, list(params), k
        )

    stages = {}
    for rec in kw(
        "complaint.stage", "search_read", [], fields=["state"], order="sequence, id"
    ):
        stages.setdefault(rec["state"], rec["id"])
    ref = {
        "partners": kw(
            "res.partner",
            "search",
            [("email", "like", "customer%@example.com")],
            limit=500,
        ),
        "categories": kw("complaint.category", "search", []),
        "users": kw("res.users", "search", [("login", "=like", "bench_handler_%")]),
        "stages": stages,
    }
    if not (ref["partners"] and ref["categories"] and ref["users"]):
        sys.exit("the load database has no corpus (partners, categories, handlers)")

    shared = Shared()
    deadline = time.monotonic() + args.seconds
    started = time.perf_counter()
    threads = [
        threading.Thread(target=client, args=(i, args, shared, ref, deadline))
        for i in range(args.clients)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started

    # --- verification: nothing lost -------------------------------------------------------
    lost = []
    ids = list(shared.created)
    found = {
        r["id"]: r for r in kw("complaint.complaint", "read", ids, ["subject", "state"])
    }
    for cid, token in shared.created.items():
        row = found.get(cid)
        if not row or token not in row["subject"]:
            lost.append(f"complaint {cid} ({token}) missing")
        elif row["state"] != shared.expected_state[cid]:
            lost.append(
                f"complaint {cid}: state {row['state']}, expected "
                f"{shared.expected_state[cid]} (lost update)"
            )
    mids = list(shared.messages)
    got = {
        m["id"]: m
        for m in kw("mail.message", "read", mids, ["body", "res_id", "model"])
    }
    for mid, (cid, token) in shared.messages.items():
        m = got.get(mid)
        if not m or m["res_id"] != cid or token not in (m["body"] or ""):
            lost.append(f"message {mid} ({token}) on complaint {cid} missing")

    ops = sum(len(v) for v in shared.latency.values())
    report = {
        "clients": args.clients,
        "seconds": round(elapsed, 1),
        "operations": ops,
        "throughput_ops_s": round(ops / elapsed, 1),
        "retried_conflicts": shared.retries,
        "errors": len(shared.errors),
        "lost": len(lost),
        "created": len(shared.created),
        "messages": len(shared.messages),
        "latency_ms": {
            op: {
                "count": len(v),
                **{f"p{p}": round(percentile(v, p), 1) for p in (50, 90, 95, 99) if v},
                **({"mean": round(statistics.mean(v), 1)} if v else {}),
            }
            for op, v in shared.latency.items()
        },
    }
    print(
        f"\nload run: {args.clients} clients, {elapsed:.0f} s, {ops} operations, "
        f"{report['throughput_ops_s']} ops/s; {shared.retries} retried conflicts, "
        f"{len(shared.errors)} errors, {len(lost)} lost"
    )
    print(
        f"{'operation':<10} {'count':>7} {'p50 ms':>8} {'p90 ms':>8} {'p95 ms':>8} {'p99 ms':>8}"
    )
    for op, stats in report["latency_ms"].items():
        print(
            f"{op:<10} {stats['count']:>7} "
            + " ".join(f"{stats.get(k, 0):>8.1f}" for k in ("p50", "p90", "p95", "p99"))
        )
    for err in shared.errors[:10]:
        print("ERROR", err)
    for item in lost[:10]:
        print("LOST", item)
    if args.json:
        os.makedirs(os.path.dirname(args.json), exist_ok=True)
        with open(args.json, "w") as f:
            json.dump(
                dict(report, error_samples=shared.errors[:20], lost_samples=lost[:20]),
                f,
                indent=1,
            )
    sys.exit(1 if shared.errors or lost else 0)


if __name__ == "__main__":
    main()
