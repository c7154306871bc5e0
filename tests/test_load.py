"""Load: 50 concurrent clients on loopback, mixing canned queries, SPARQL and linked data, for
10 s (60 s with --long). Every request is answered without error: an answer, or a server too
busy to take the query now saying so (503 with `Retry-After`), for a minority; and the server's
memory (its process and its query workers) does not grow with the requests served. The
latencies and memory are printed (`pytest -s`); bench/ times the service side by side with its
peers."""

from __future__ import annotations

import asyncio
import random
import statistics
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import psutil
import pytest

from .live import LiveServer, start, wait_for_warm_up

CLIENTS = 50
TASK_COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?t a pg:Task }"
LEADS = ("SELECT ?task ?agency WHERE { ?task pg:leadAgency ?agency } "
         "ORDER BY ?task LIMIT 50")


@pytest.fixture(scope="module")
def loaded(corpus_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    live = start(corpus_store, log=tmp_path_factory.mktemp("load") / "server.log")
    wait_for_warm_up(live.url)
    yield live
    live.stop()


def requests(url: str) -> list[tuple[str, dict[str, str]]]:
    """The mix: the REST API's lists and lookups, ad-hoc SPARQL and linked-data pages."""
    tasks = httpx.get(f"{url}/api/queries/tasks", params={"limit": "5"}).json()["items"]
    mix = [(f"{url}/api/queries/{name}", {}) for name in
           ("documents", "targets", "agency-workload", "platforms-and-projects",
            "unresolved-agencies", "implementing-plans")]
    mix += [(f"{url}/api/tasks", {"led_by": "发改委"}),
            (f"{url}/api/queries/search-tasks", {"q": "物流"}),
            (f"{url}/api/queries/targets", {"unit": "%"}),
            (f"{url}/sparql", {"query": TASK_COUNT}),
            (f"{url}/sparql", {"query": LEADS}),
            *((f"{url}/api/task", {"iri": task["task"]}) for task in tasks[:2]),
            *((url + urlsplit(task["task"]).path, {"format": "ttl"}) for task in tasks[2:4])]
    return mix


async def client(mix: list[tuple[str, dict[str, str]]], until: float, seed: int,
                 latencies: list[float], errors: list[str], busy: list[str]) -> None:
    chooser = random.Random(seed)
    async with httpx.AsyncClient(timeout=60) as session:
        while time.monotonic() < until:
            url, params = chooser.choice(mix)
            started = time.perf_counter()
            try:
                response = await session.get(url, params=params)
            except httpx.HTTPError as error:
                errors.append(f"{url}: {type(error).__name__}: {error}")
                continue
            latencies.append(time.perf_counter() - started)
            if response.status_code == 503 and response.headers.get("retry-after") \
                    and "busy" in response.text:
                busy.append(url)
            elif response.status_code != 200:
                errors.append(f"{url} {params}: {response.status_code} {response.text[:200]}")


def memory(process: psutil.Process) -> int:
    """Resident memory of the server and its query workers, in bytes."""
    return sum(one.memory_info().rss for one in [process, *process.children(recursive=True)])


def test_fifty_clients_get_answers_without_error(loaded: LiveServer, long_run: bool) -> None:
    seconds = 60 if long_run else 10
    mix = requests(loaded.url)
    server = psutil.Process(loaded.process.pid)
    before = memory(server)
    latencies: list[float] = []
    errors: list[str] = []
    busy: list[str] = []

    async def run() -> None:
        until = time.monotonic() + seconds
        await asyncio.gather(*(client(mix, until, seed, latencies, errors, busy)
                               for seed in range(CLIENTS)))

    asyncio.run(run())
    after = memory(server)
    cuts = statistics.quantiles(latencies, n=100)
    print(f"\n{CLIENTS} clients, {seconds} s: {len(latencies)} answers "
          f"({len(latencies) / seconds:.0f}/s), {len(busy)} busy, {len(errors)} errors; p50 "
          f"{cuts[49] * 1000:.0f} ms, p99 {cuts[98] * 1000:.0f} ms; RSS "
          f"{before / 2**20:.0f} MB before, {after / 2**20:.0f} MB after")
    assert errors == []
    assert len(latencies) > CLIENTS
    assert len(busy) < len(latencies) / 2  # turning some away, not most
    assert after < 1.5 * before  # no growth with the requests served
