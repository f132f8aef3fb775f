# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The registry of benchmarks: ``@benchmark(section, needs=..., fresh_copy=...)`` on a
function ``f(ctx)`` that records its rows (``results.record(Row(...))``). Benchmarks run
in the order they are registered (bench/cases/__init__.py imports the areas in order).

``needs`` names the database the benchmark reads, built (or reused) by the harness:

* ``"corpus"``: the snapshot at SIZE (base + corpus);
* ``"corpus_small"``: the snapshot at min(SIZE, 10,000) (intake: the cost of a create
  does not depend on the table size);
* ``"open"``: the escalation scenario at SIZE (every complaint open, 1 % breached);
* ``None``: the benchmark asks for its own, e.g. ``ctx.snapshot(size)`` per size.

``fresh_copy=True``: the benchmark writes. ``ctx.db`` is then a throwaway copy of that
database, made on first use, shared by the consecutive benchmarks with the same needs
(and with them ``ctx.shared``) and dropped after them; ``ctx.fresh_copy()`` gives a new
copy per run to a job that commits. Without it, ``ctx.db`` is the snapshot itself and
every write must be rolled back.
"""

import contextlib
import dataclasses
from collections.abc import Callable

from . import db

SMALL = 10_000
REGISTRY = []


@dataclasses.dataclass(frozen=True)
class Benchmark:
    name: str
    section: str
    func: Callable
    needs: str | None
    fresh_copy: bool


def benchmark(section, needs="corpus", fresh_copy=False):
    if needs not in ("corpus", "corpus_small", "open", None):
        raise ValueError(f"unknown needs={needs!r}")

    def register(func):
        REGISTRY.append(Benchmark(func.__name__, section, func, needs, fresh_copy))
        return func

    return register


def select(only=None):
    """The benchmarks whose section or name is in the comma list ``only`` (all if
    empty)."""
    if not only:
        return list(REGISTRY)
    wanted = set(only.split(","))
    known = {b.section for b in REGISTRY} | {b.name for b in REGISTRY}
    if wanted - known:
        raise SystemExit(f"--only: unknown {', '.join(sorted(wanted - known))}")
    return [b for b in REGISTRY if b.section in wanted or b.name in wanted]


class Context:
    """What a benchmark gets: the run's parameters and its databases."""

    def __init__(self, session, bench):
        self._session, self._bench = session, bench
        self.size, self.runs, self.peers = session.size, session.runs, session.peers

    def snapshot(self, size):
        return self._session.snapshot(size)

    @property
    def source(self):
        """The database of ``needs``, built or reused."""
        return self._session.source(self._bench.needs)

    @property
    def db(self):
        """The database to work in: the source, or its shared copy (fresh_copy)."""
        if not self._bench.fresh_copy:
            return self.source
        return self._session.shared_copy(self.source)

    @property
    def shared(self):
        """A dict shared with the other benchmarks working in the same ``db`` (values
        prepared once, figures measured once)."""
        return self._session.shared.setdefault(self.db, {})

    @contextlib.contextmanager
    def fresh_copy(self):
        """A new copy of the source for one run of a job that commits; dropped after."""
        if not self._bench.fresh_copy:
            raise RuntimeError(f"{self._bench.name}: register it with fresh_copy=True")
        source, name = self.source, f"{db.PREFIX}_run"
        db.release(source)
        db.copy_db(source, name)
        try:
            yield name
        finally:
            db.drop_db(name)


class Session:
    """One run of ``bench/run.py``: the snapshots built so far and the shared copy."""

    def __init__(self, base, size, runs, anchor, peers):
        self.base, self.size, self.runs = base, size, runs
        self.anchor, self.peers = anchor, peers
        self._snapshots, self._copy, self.shared = {}, None, {}

    def snapshot(self, size):
        if size not in self._snapshots:
            self._snapshots[size] = db.snapshot(self.base, size, self.anchor)
        return self._snapshots[size]

    def source(self, needs):
        if needs == "corpus":
            return self.snapshot(self.size)
        if needs == "corpus_small":
            return self.snapshot(min(self.size, SMALL))
        if needs == "open":
            if "open" not in self._snapshots:
                snap = self.snapshot(self.size)
                self._snapshots["open"] = db.open_snapshot(snap, self.size)
            return self._snapshots["open"]
        raise RuntimeError("needs=None: ask for ctx.snapshot(size)")

    def shared_copy(self, source):
        if self._copy and self._copy[0] != source:
            self.drop_copy()
        if not self._copy:
            name = f"{db.PREFIX}_job"
            db.copy_db(source, name)
            self._copy = (source, name)
        return self._copy[1]

    def drop_copy(self):
        if self._copy:
            self.shared.pop(self._copy[1], None)
            db.drop_db(self._copy[1])
            self._copy = None

    def run(self, benchmarks):
        previous = None
        for bench in benchmarks:
            if (bench.needs, bench.fresh_copy) != previous:
                self.drop_copy()
                previous = (bench.needs, bench.fresh_copy)
            bench.func(Context(self, bench))
        self.drop_copy()
