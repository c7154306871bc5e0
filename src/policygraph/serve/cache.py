"""Answers of canned queries, kept per version of the store.

The embedded store changes only when a build is published, and each build lives in its own
directory, so the live build's directory names the version of the data: an answer computed
for it stays right until the next build goes live, and a new build simply misses. Canned
queries are few and their parameters repeat (a dashboard asks the same question every few
seconds), so what the engine takes a second to aggregate is answered from memory after the
first time. A remote store can change behind the service's back: its answers are not kept.
"""

from __future__ import annotations

from collections import OrderedDict
from pathlib import Path

from ..store import GraphStore
from .remote import remote_endpoint
from .results import Job, Outcome

# Bytes of answers kept at most; the least recently used go first.
DEFAULT_BUDGET = 64 * 1024 * 1024


class ResultCache:
    """Outcomes by (store version, job), least recently used first out."""

    def __init__(self, source: Path | str, budget: int = DEFAULT_BUDGET) -> None:
        local = remote_endpoint(str(source)) is None
        self._store = GraphStore(Path(source)) if local else None
        self._budget = budget
        self._size = 0
        self._entries: OrderedDict[tuple[str, Job], Outcome] = OrderedDict()

    def key(self, job: Job) -> tuple[str, Job] | None:
        """Where `job`'s answer is kept for the live build; None if it cannot be kept."""
        current = self._store.current if self._store is not None else None
        return None if current is None else (current.name, job)

    def get(self, key: tuple[str, Job]) -> Outcome | None:
        outcome = self._entries.get(key)
        if outcome is not None:
            self._entries.move_to_end(key)
        return outcome

    def put(self, key: tuple[str, Job], outcome: Outcome) -> None:
        if len(outcome.body) > self._budget or key in self._entries:
            return
        self._entries[key] = outcome
        self._size += len(outcome.body)
        while self._size > self._budget:
            _, dropped = self._entries.popitem(last=False)
            self._size -= len(dropped.body)
