# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Result rows: one ``Row`` per figure, printed as it is recorded, then as a table and
as bench/results/*.json (the row's fields are the JSON keys)."""

import dataclasses
import json
import os

RESULTS = []


def say(msg=""):
    print(msg, flush=True)


@dataclasses.dataclass(kw_only=True)
class Row:
    """One figure: ours against a peer's (``peer`` names it, ``peer_value`` is its
    figure). ``ratio`` (ours / peer) and ``loadavg_1m`` are filled in."""

    section: str
    operation: str
    size: int | None = None
    ours: float | None = None
    peer: str | None = None
    peer_value: float | None = None
    unit: str = "ms"
    ratio: float | None = dataclasses.field(default=None, init=False)
    mem_ours_kib: float | None = None
    mem_peer_kib: float | None = None
    note: str = ""
    goal: str | None = None
    loadavg_1m: float = dataclasses.field(default=0.0, init=False)

    def __post_init__(self):
        if self.ours is not None and self.peer_value:
            self.ratio = round(self.ours / self.peer_value, 2)
        self.ours = _round(self.ours, 3)
        self.peer_value = _round(self.peer_value, 3)
        self.mem_ours_kib = _round(self.mem_ours_kib)
        self.mem_peer_kib = _round(self.mem_peer_kib)
        self.loadavg_1m = round(os.getloadavg()[0], 2)


def _round(value, digits=None):
    return None if value is None else round(value, digits)


def _fmt(value):
    return "-" if value is None else f"{value:,.2f}"


def record(row):
    """Keep ``row`` for the table and the JSON file, and print it."""
    RESULTS.append(row)
    say(
        f"  {row.operation:<48} {row.size or '':>9} ours {_fmt(row.ours):>10} "
        f"{row.unit}  {row.peer or '':<24} {_fmt(row.peer_value):>10}  "
        f"ratio {_fmt(row.ratio)}  {row.note}"
    )
    return row


def print_table():
    say("\n" + "=" * 150)
    say(
        f"{'section':<7} {'operation':<52} {'size':>9} {'ours':>10} {'unit':<6} "
        f"{'peer':<26} {'peer':>10} {'ratio':>6} {'mem ours':>9} {'mem peer':>9}  note"
    )
    say("-" * 150)
    for r in RESULTS:
        say(
            f"{r.section:<7} {r.operation[:52]:<52} {r.size or '':>9} "
            f"{_fmt(r.ours):>10} {r.unit:<6} {(r.peer or '')[:26]:<26} "
            f"{_fmt(r.peer_value):>10} {_fmt(r.ratio):>6} {_fmt(r.mem_ours_kib):>9} "
            f"{_fmt(r.mem_peer_kib):>9}  {r.note}"
        )
    say("-" * 150)
    say(
        "times: median of runs after a warm-up; ratio = ours / peer (below 1 is "
        "better); memory: tracemalloc peak in KiB (Python heap only)"
    )


def write_json(path, header):
    """``header`` (size, runs, seed, ...) and the rows, as bench/results/*.json."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    out = dict(header, rows=[dataclasses.asdict(r) for r in RESULTS])
    with open(path, "w") as f:
        json.dump(out, f, indent=1, ensure_ascii=False)
