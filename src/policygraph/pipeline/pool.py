"""Chunks of work spread over worker processes, or done in this one when that is quicker.

Workers are started with `spawn`, which is safe whatever threads the calling process runs (a
test server, a progress bar), at about half a second per worker; a corpus too small to repay
that is worked through in this process, by the same functions, unless a number of workers is
asked for.
"""

from __future__ import annotations

import math
import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import ExitStack
from itertools import repeat
from typing import Any, TypeVar

from tqdm import tqdm

from ..lifetime import die_with_parent

Item = TypeVar("Item")
Result = TypeVar("Result")

# Documents per chunk at most: enough to spread the cost of a task, few enough to balance load.
_CHUNK = 25
# Below this many documents, starting workers costs more than they save.
_PARALLEL_FROM = 60


class WorkerDied(Exception):
    """A worker process that ended without finishing its work."""


def chunked(items: Sequence[Item], cores: int | None = None) -> list[list[Item]]:
    """`items` in chunks, at least four per core so that cores finish together."""
    workers = cores or _cores()
    size = max(1, min(_CHUNK, math.ceil(len(items) / (4 * workers))))
    return [list(items[start:start + size]) for start in range(0, len(items), size)]


def run_chunks(work: Callable[..., Result], chunks: list[list[Any]], args: tuple[Any, ...],
               jobs: int | None, progress: bool, label: str) -> Iterator[Result]:
    """`work(chunk, *args)` for every chunk, yielded in order as they are done, on `jobs`
    processes; if None, on every core, unless the work is too small to repay starting them.
    Work not yet started is dropped if the caller stops early."""
    total = sum(map(len, chunks))
    workers = min(jobs or (_cores() if total >= _PARALLEL_FROM else 1), len(chunks))
    with tqdm(total=total, desc=label, unit="doc", disable=not progress or None,
              leave=False) as bar, ExitStack() as stack:
        mapping: Callable[..., Iterator[Result]] = map
        if workers > 1:
            context = multiprocessing.get_context("spawn")
            pool = stack.enter_context(ProcessPoolExecutor(
                workers, mp_context=context, initializer=die_with_parent,
                initargs=(os.getpid(),)))  # a build killed takes its workers with it
            stack.callback(pool.shutdown, cancel_futures=True)
            mapping = pool.map
        arguments = (repeat(arg, len(chunks)) for arg in args)
        try:
            for chunk, result in zip(chunks, mapping(work, chunks, *arguments), strict=True):
                bar.update(len(chunk))
                yield result
        except BrokenProcessPool:
            raise WorkerDied(f"a worker process died during {label} (killed, or out of "
                             "memory)") from None


def _cores() -> int:
    """The cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
