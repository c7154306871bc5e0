"""Running queries with limits: each in a worker process that can be stopped.

A Python thread cannot be interrupted, so a runaway SPARQL query in the server's own process
would hold a thread and a core until it finished. Queries therefore run in a small pool of
worker processes, each with the store open read-only; a query past its time limit has its
worker killed and replaced, the client gets a clear error, and the other workers keep
answering. Results are capped at a row limit and serialised in the worker, so only bytes
cross the process boundary.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import multiprocessing.connection
import os
import re
import resource
import signal
import threading
import time
from collections.abc import Awaitable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..lifetime import die_with_parent
from .cache import Key, ResultCache
from .limits import ClientGone, current_client
from .remote import execute_remote, remote_endpoint
from .results import Job, Outcome, QueryFailed, encode_bindings, execute
from .settings import DEFAULT_ANSWER_DISK_BYTES, DEFAULT_QUEUE, DEFAULT_WORKER_MEMORY_BYTES

__all__ = ["Job", "Outcome", "QueryFailed", "QueryPool", "QueryTimeout", "encode_bindings"]


@dataclass
class _Shared:
    """An answer being computed, which several requests may wait for: stopped once every one
    of them has gone away."""

    answer: asyncio.Future[Outcome]
    abandoned: threading.Event
    waiting: int = 0


async def _unless_gone(answer: Awaitable[Outcome], client: ClientGone | None) -> Outcome:
    """`answer`, unless the client goes away first (QueryTimeout)."""
    if client is None:
        return await answer
    waited = asyncio.ensure_future(answer)
    going = asyncio.ensure_future(client.wait())
    try:
        await asyncio.wait({waited, going}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        going.cancel()
    if not waited.done():
        waited.cancel()
        raise QueryTimeout("the query's client went away")
    return waited.result()


class QueryTimeout(Exception):
    """A query not answered in time, which the same request may get when the server is less
    busy: it ran past its time limit (counted from its arrival) and was stopped, it waited
    that long for a worker, or too many queries were waiting already."""


_READY = "ready"
# The exit status of a worker a query ran out of memory in.
_OUT_OF_MEMORY = 3
# How often a running query's client is looked at (whether it went away), in seconds.
_LOOK_AGAIN = 0.25
# A query that waited for a worker runs at least this long, whatever is left of its limit.
_LEAST_RUN = 0.05
# A wait for a worker this long is named when the query then runs past its limit.
_NOTED_WAIT = 0.1
# How long a new worker may take to import its libraries and open the store.
_START_TIMEOUT = 120.0


def _serve(store_dir: str, conn: multiprocessing.connection.Connection, parent: int,
           memory_bytes: int) -> None:
    """A worker's loop: receive a job, answer with an outcome or a failure. The worker ends
    with the server, even in the middle of a query, and when a query takes more memory than
    `memory_bytes` past what the open store holds (the pool replaces it)."""
    from ..store import GraphStore

    die_with_parent(parent)
    endpoint = remote_endpoint(store_dir)
    store = GraphStore(Path(store_dir))
    opened: tuple[Path | None, Any] = (None, None)
    if endpoint is None and store.current is not None:
        opened = (store.current, store.open())
    _limit_memory(memory_bytes)
    conn.send(_READY)  # imports done and the store open: time limits start counting now
    while True:
        try:
            job = conn.recv()
        except EOFError:
            return
        try:
            if endpoint is not None:
                conn.send(execute_remote(endpoint, job))
                continue
            current = store.current
            if opened[0] != current:  # a new build was published: read it
                opened = (current, store.open())
            conn.send(execute(opened[1], job))
        except QueryFailed as failure:
            conn.send(failure)
        except MemoryError:
            os._exit(_OUT_OF_MEMORY)  # the pool answers 503 and starts a fresh worker
        except Exception as error:  # reported to the client, the worker stays up
            conn.send(QueryFailed(500, f"{type(error).__name__}: {error}"))


def _limit_memory(budget: int) -> None:
    """Let the worker's data (its heap and private mappings, not the store's files) grow by
    `budget` bytes at most from now: past it an allocation fails, which ends the worker (the
    engine aborts; Python raises MemoryError). Where the system does not say how much data the
    process holds (`VmData`, Linux), no limit is set."""
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        return
    found = re.search(r"^VmData:\s*(\d+)\s*kB", status, re.M)
    if found is None:
        return
    limit = int(found[1]) * 1024 + budget
    resource.setrlimit(resource.RLIMIT_DATA, (limit, limit))


@dataclass
class _Worker:
    process: multiprocessing.process.BaseProcess
    conn: multiprocessing.connection.Connection

    def call(self, job: Job, timeout: float,
             abandoned: threading.Event | None = None) -> Outcome | QueryFailed | None:
        """The worker's answer, or None when the time limit passed first or its client went
        away (`abandoned` set). A worker that died on the query (the engine crashed, the
        kernel killed it for memory) answers with a failure saying so; the pool replaces it."""
        try:
            self.conn.send(job)
            deadline = time.monotonic() + timeout
            while not self.conn.poll(min(_LOOK_AGAIN, max(0.0, deadline - time.monotonic()))):
                if time.monotonic() >= deadline or (abandoned and abandoned.is_set()):
                    return None
            answer: Outcome | QueryFailed = self.conn.recv()
        except (EOFError, OSError):
            self.process.join(timeout=5)
            if self.process.exitcode in (_OUT_OF_MEMORY, -signal.SIGABRT):
                return QueryFailed(503, "the query took more memory than a worker may use; "
                                        "its worker was replaced")
            return QueryFailed(503, "the query's worker process ended (exit status "
                                    f"{self.process.exitcode}) and was replaced")
        return answer

    def stop(self) -> None:
        self.process.kill()
        self.process.join(timeout=5)
        self.conn.close()


@dataclass
class QueryPool:
    """Worker processes over one store; `run` waits for an idle worker, never the event loop."""

    store_dir: Path | str  # a store directory, or `sparql+http(s)://…` for a remote store
    size: int = 2
    answer_disk_bytes: int = DEFAULT_ANSWER_DISK_BYTES
    memory_bytes: int = DEFAULT_WORKER_MEMORY_BYTES  # a query's memory in its worker, at most
    queue_limit: int = DEFAULT_QUEUE  # queries waiting for a worker, at most
    _waiting: int = field(default=0, init=False)
    cache: ResultCache = field(init=False)
    _idle: asyncio.Queue[_Worker] = field(default_factory=asyncio.Queue)
    _all: list[_Worker] = field(default_factory=list)
    _pending: dict[Key, _Shared] = field(default_factory=dict)
    _context: Any = field(default_factory=lambda: multiprocessing.get_context("spawn"))

    def __post_init__(self) -> None:
        self.cache = ResultCache(self.store_dir, disk_budget=self.answer_disk_bytes)

    def _spawn(self) -> _Worker:
        """A new worker, not yet ready. Called on the event loop's thread, which lives as long
        as the server: a worker dies with the thread that started it (`lifetime`)."""
        parent, child = self._context.Pipe()
        process = self._context.Process(target=_serve,
                                        args=(str(self.store_dir), child, os.getpid(),
                                              self.memory_bytes),
                                        daemon=True, name="policygraph-query")
        process.start()
        child.close()
        return _Worker(process, parent)

    def _ready(self, worker: _Worker) -> _Worker:
        """`worker` once it says it is ready, so that its start-up (a second or two of imports
        and opening the store) never counts against a query's time limit."""
        if not worker.conn.poll(_START_TIMEOUT) or worker.conn.recv() != _READY:
            worker.stop()
            raise RuntimeError(f"a query worker did not start within {_START_TIMEOUT:g} s")
        self._all.append(worker)
        return worker

    def start(self) -> None:
        """Start the workers side by side and wait until all are ready."""
        for worker in [self._spawn() for _ in range(self.size)]:
            self._idle.put_nowait(self._ready(worker))

    async def _admit(self, timeout: float) -> _Worker:
        """An idle worker for a query, waiting for one at most `timeout` seconds, behind at
        most `queue_limit` others: a server past its means says so at once (503 and
        `Retry-After`) rather than make every client wait."""
        if self._idle.empty() and self._waiting >= self.queue_limit:
            raise QueryTimeout(f"the server is busy: {self._waiting} queries are waiting for "
                               "a worker; try again shortly")
        self._waiting += 1
        try:
            return await asyncio.wait_for(self._idle.get(), timeout)
        except TimeoutError:
            raise QueryTimeout(f"the query waited its whole time limit of {timeout:g} s for a "
                               "busy worker and was not run") from None
        finally:
            self._waiting -= 1

    def close(self) -> None:
        for worker in self._all:
            worker.stop()
        self._all.clear()

    async def run_cached(self, job: Job, timeout: float) -> Outcome:
        """`run`, answered from the cache when the live build already answered `job`. Callers
        asking what is being computed already wait for that answer (up to their own time
        limit) instead of computing it again: a slow aggregate costs the engine once."""
        key = self.cache.key(job)
        if key is None:
            return await self.run(job, timeout)
        kept = self.cache.get(key)
        if kept is not None:
            return kept
        shared = self._pending.get(key)
        if shared is None:
            abandoned = threading.Event()
            shared = _Shared(asyncio.ensure_future(self._answer(key, job, timeout, abandoned)),
                             abandoned)
            self._pending[key] = shared
            shared.answer.add_done_callback(lambda done: self._settled(key, done))
        client = current_client()
        shared.waiting += 1
        try:
            return await _unless_gone(asyncio.wait_for(asyncio.shield(shared.answer), timeout),
                                      client)
        except TimeoutError:
            raise QueryTimeout(f"the query ran past its time limit of {timeout:g} s") from None
        finally:
            shared.waiting -= 1
            if shared.waiting == 0 and client is not None and client.event.is_set():
                shared.abandoned.set()  # nobody waits for the answer any more

    async def _answer(self, key: Key, job: Job, timeout: float,
                      abandoned: threading.Event) -> Outcome:
        outcome = await self.run(job, timeout, abandoned)
        if self.cache.key(job) == key:  # not a build published meanwhile
            self.cache.put(key, outcome)
        return outcome

    def _settled(self, key: Key, done: asyncio.Future[Outcome]) -> None:
        """Forget a finished computation; its failure went to those who waited for it."""
        self._pending.pop(key, None)
        if not done.cancelled():
            done.exception()

    async def run(self, job: Job, timeout: float,
                  abandoned: threading.Event | None = None) -> Outcome:
        """The outcome of `job`; QueryTimeout `timeout` seconds after it arrived (waiting for
        a worker counts) or at once when `queue_limit` queries wait already, QueryFailed on
        errors. Once `abandoned` is set the query is stopped; by default, when the client of
        the request being answered goes away."""
        if abandoned is None:
            client = current_client()
            abandoned = client.event if client is not None else None
        loop = asyncio.get_running_loop()
        arrived = loop.time()
        worker = await self._admit(timeout)
        waited = loop.time() - arrived
        try:
            answer = await loop.run_in_executor(None, worker.call, job,
                                                max(timeout - waited, _LEAST_RUN), abandoned)
        except BaseException:
            answer = None
            raise
        finally:
            # Stopped mid-query (its state is unknown), or dead: replaced either way.
            if answer is None or not worker.process.is_alive():
                self._all.remove(worker)
                worker.stop()
                worker = await loop.run_in_executor(None, self._ready, self._spawn())
            self._idle.put_nowait(worker)
        if answer is None and abandoned is not None and abandoned.is_set():
            raise QueryTimeout("the query's client went away, and the query was stopped")
        if answer is None:
            queued = f" (it waited {waited:.1f} s for a worker)" if waited >= _NOTED_WAIT else ""
            raise QueryTimeout(f"the query ran past its time limit of {timeout:g} s{queued} "
                               "and was stopped")
        if isinstance(answer, QueryFailed):
            raise answer
        return answer
