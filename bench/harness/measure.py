# Copyright 2026 Complaints Team
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Timing and memory: median of runs after a warm-up, tracemalloc peak of one more
run, resident memory growth sampled from /proc."""

import gc
import os
import statistics
import threading
import time
import tracemalloc


def measure(func, runs, setup=None, teardown=None):
    """Median wall time (s) of ``runs`` calls after one warm-up, and the tracemalloc
    peak (KiB) of one more call (traced separately so tracing does not slow the
    timed calls). Returns (median, peak, times)."""
    times = []
    for i in range(runs + 1):
        ctx = setup() if setup else None
        gc.collect()
        start = time.perf_counter()
        func(ctx)
        elapsed = time.perf_counter() - start
        if teardown:
            teardown(ctx)
        if i:
            times.append(elapsed)
    ctx = setup() if setup else None
    gc.collect()
    tracemalloc.start()
    try:
        func(ctx)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    if teardown:
        teardown(ctx)
    return statistics.median(times), peak / 1024, times


def savepoint_runner(env, func):
    """Run func in the transaction, then roll the whole transaction back: every run
    does the same work on the same committed data. (A savepoint per run would leave
    every run's rows as dead index entries that later runs, in the same
    transaction, must step over: the models measured last would pay for the
    others.)"""

    def run(_ctx):
        try:
            func()
            env.flush_all()
        finally:
            env.cr.rollback()
            env.invalidate_all()

    return run


class RssSampler:
    """Peak growth of this process's resident memory while the block runs,
    sampled every 10 ms from /proc (tracemalloc sees the Python heap only)."""

    def __init__(self):
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self.start_rss = self.peak_rss = self._rss()

    @staticmethod
    def _rss():
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")

    def _run(self):
        while not self._stop.wait(0.01):
            self.peak_rss = max(self.peak_rss, self._rss())

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        self.peak_rss = max(self.peak_rss, self._rss())

    @property
    def growth_mib(self):
        return (self.peak_rss - self.start_rss) / 2**20
