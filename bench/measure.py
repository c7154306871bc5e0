"""Timing helpers for the benchmarks: repeated timings, latency percentiles, throughput under
concurrent clients, and a child process's wall time and peak memory (with its workers')."""

from __future__ import annotations

import contextlib
import statistics
import subprocess
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import psutil


@dataclass(frozen=True)
class Spread:
    """The median of repeated measurements, with their minimum and maximum."""

    median: float
    low: float
    high: float

    @classmethod
    def of(cls, values: Sequence[float]) -> Spread:
        return cls(statistics.median(values), min(values), max(values))

    def text(self, scale: float = 1.0, digits: int = 2) -> str:
        return (f"{self.median * scale:.{digits}f} "
                f"({self.low * scale:.{digits}f}–{self.high * scale:.{digits}f})")


@dataclass(frozen=True)
class Latency:
    """Per-request latency in seconds."""

    p50: float
    p99: float

    @classmethod
    def of(cls, call: Callable[[], object], requests: int, warmup: int = 2,
           budget: float = float("inf")) -> Latency:
        """`requests` timed calls after `warmup` untimed ones; once `budget` seconds have
        passed, no more calls than one warm-up and one sample (a query of minutes is timed
        once)."""
        deadline = time.monotonic() + budget
        for done in range(warmup):
            if done and time.monotonic() > deadline:
                break
            call()
        samples: list[float] = []
        while len(samples) < requests and not (samples and time.monotonic() > deadline):
            started = time.perf_counter()
            call()
            samples.append(time.perf_counter() - started)
        samples.sort()
        return cls(statistics.median(samples),
                   samples[min(len(samples) - 1, round(0.99 * (len(samples) - 1)))])


def throughput(call: Callable[[], object], clients: int, seconds: float) -> float:
    """Requests per second that `clients` threads, each calling in a loop, complete in
    `seconds` (the calls must release the GIL while waiting, as HTTP requests do). A call
    that raises TimeoutError is not counted as done."""
    deadline = time.monotonic() + seconds
    done = [0] * clients

    def client(index: int) -> None:
        while time.monotonic() < deadline:
            try:
                call()
            except TimeoutError:
                continue
            done[index] += 1

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(done) / (time.monotonic() - started)


@dataclass(frozen=True)
class Run:
    """A finished child process: wall seconds, peak resident memory in bytes, exit status."""

    seconds: float
    peak_rss: int
    status: int


def run_measured(command: Sequence[str], log_path: str, interval: float = 0.05) -> Run:
    """Run `command` to completion, timing it; its peak memory is the largest sum of the
    resident sets of it and its worker processes, sampled every `interval` seconds (pages
    they share are counted in each, so the figure errs high)."""
    with open(log_path, "ab") as log:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
        tree, peak = psutil.Process(process.pid), 0
        while process.poll() is None:
            peak = max(peak, _resident(tree))
            time.sleep(interval)
        seconds = time.perf_counter() - started
    return Run(seconds, peak, process.returncode)


def _resident(tree: psutil.Process) -> int:
    """Bytes resident in `tree`'s processes now (those that end meanwhile count nothing)."""
    total = 0
    for process in [tree, *_children(tree)]:
        with contextlib.suppress(psutil.Error):
            total += process.memory_info().rss
    return total


def _children(tree: psutil.Process) -> list[psutil.Process]:
    try:
        return tree.children(recursive=True)
    except psutil.Error:
        return []
