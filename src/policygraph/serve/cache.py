"""Answers of canned queries, kept per version of the store, in memory and beside the build.

The embedded store changes only when a build is published, and each build lives in its own
directory, so the live build's directory names the version of the data: an answer computed
for it stays right until the next build goes live, and a new build simply misses. Canned
queries are few and their parameters repeat (a dashboard asks the same question every few
seconds), so what the engine takes a second to aggregate is answered from memory after the
first time. Answers are also written into the build's own `answers/` directory, so a restarted
server (or a second one on the same store) does not compute them again, and they go when the
build is pruned. Both are bounded in bytes: past its budget, memory drops the answers least
recently used, and the disk those least recently used by this server (each use touches the
file), so that paging through every offset of a list cannot fill either. A remote store can
change behind the service's back: its answers are not kept.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import logging
import os
from collections import OrderedDict
from functools import lru_cache
from pathlib import Path

from ..store import GraphStore
from .remote import remote_endpoint
from .results import Job, Outcome
from .settings import DEFAULT_ANSWER_DISK_BYTES

# Bytes of answers kept in memory at most; the least recently used go first.
DEFAULT_BUDGET = 64 * 1024 * 1024
_ANSWERS = "answers"

log = logging.getLogger("policygraph.serve")
Key = tuple[Path, Job]


class ResultCache:
    """Outcomes by (live build, job): least recently used first out of memory, all on disk."""

    def __init__(self, source: Path | str, budget: int = DEFAULT_BUDGET,
                 disk_budget: int = DEFAULT_ANSWER_DISK_BYTES) -> None:
        local = remote_endpoint(str(source)) is None
        self._store = GraphStore(Path(source)) if local else None
        self._budget = budget
        self._size = 0
        self._entries: OrderedDict[Key, Outcome] = OrderedDict()
        self._disk_budget = disk_budget
        self._on_disk: dict[Path, int] = {}  # bytes of answers per build, once counted

    def build(self) -> Path | None:
        """The live build, whose answers are kept; None for a remote store or before the
        first build."""
        return self._store.current if self._store is not None else None

    def key(self, job: Job) -> Key | None:
        """Where `job`'s answer is kept for the live build; None if it cannot be kept."""
        current = self.build()
        return None if current is None else (current, job)

    def get(self, key: Key) -> Outcome | None:
        outcome = self._entries.get(key)
        if outcome is not None:
            self._entries.move_to_end(key)
            _touch(_file(key))
            return outcome
        outcome = _read(_file(key))
        if outcome is not None:
            self._remember(key, outcome)
        return outcome

    def put(self, key: Key, outcome: Outcome) -> None:
        self._remember(key, outcome)
        written = _write(_file(key), outcome)
        build = key[0]
        if build not in self._on_disk:
            self._on_disk = {build: _usage(build / _ANSWERS)}  # older builds are not served
        else:
            self._on_disk[build] += written
        if self._on_disk[build] > self._disk_budget:
            self._on_disk[build] = _evict(build / _ANSWERS, self._disk_budget * 3 // 4)

    def _remember(self, key: Key, outcome: Outcome) -> None:
        if len(outcome.body) > self._budget or key in self._entries:
            return
        self._entries[key] = outcome
        self._size += len(outcome.body)
        while self._size > self._budget:
            _, dropped = self._entries.popitem(last=False)
            self._size -= len(dropped.body)


@lru_cache(maxsize=4096)
def _file(key: Key) -> Path:
    """The file of an answer: named by a digest of everything that shapes it (kept, since a
    hit in memory touches the file too)."""
    build, job = key
    digest = hashlib.sha256(json.dumps(dataclasses.asdict(job), sort_keys=True,
                                       ensure_ascii=False).encode()).hexdigest()
    return build / _ANSWERS / f"{digest}.answer"


def _read(path: Path) -> Outcome | None:
    """The answer kept in `path`: a line of JSON about it, then its body; None if absent."""
    try:
        about, body = path.read_bytes().split(b"\n", 1)
        _touch(path)
        fields = json.loads(about)
        return Outcome(body=body, media_type=fields["media_type"], rows=fields["rows"],
                       truncated=fields["truncated"])
    except (OSError, ValueError, KeyError):
        return None


def _write(path: Path, outcome: Outcome) -> int:
    """Keep `outcome` in `path`, whole or not at all (written beside it, then renamed), and
    say how many bytes that took; a store the server may not write to only loses the disk
    copy."""
    about = {"media_type": outcome.media_type, "rows": outcome.rows,
             "truncated": outcome.truncated}
    data = json.dumps(about).encode() + b"\n" + outcome.body
    partial = path.with_suffix(f".{os.getpid()}.partial")
    try:
        path.parent.mkdir(exist_ok=True)
        partial.write_bytes(data)
        os.replace(partial, path)
    except OSError as error:
        log.warning("answers are not kept on disk: %s", error)
        with contextlib.suppress(OSError):
            partial.unlink()
        return 0
    return len(data)


def _touch(path: Path) -> None:
    """Mark an answer as used now, so that eviction takes others first."""
    with contextlib.suppress(OSError):
        os.utime(path)


def _answers(folder: Path) -> list[tuple[float, int, Path]]:
    """The answers kept in `folder`: when each was last used, its size and its path."""
    found = []
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            if entry.name.endswith(".answer"):
                with contextlib.suppress(OSError):
                    info = entry.stat()
                    found.append((info.st_mtime, info.st_size, Path(entry.path)))
    return found


def _usage(folder: Path) -> int:
    return sum(size for _, size, _ in _answers(folder))


def _evict(folder: Path, target: int) -> int:
    """Delete the answers least recently used until at most `target` bytes are left; the
    bytes left."""
    kept = sorted(_answers(folder))
    total = sum(size for _, size, _ in kept)
    for _, size, path in kept:
        if total <= target:
            break
        with contextlib.suppress(OSError):
            path.unlink()
            total -= size
    return total
