"""The server's limits, on servers of their own so the session server keeps its defaults: a
query past its time limit is stopped with a 503 while the other worker keeps answering, a
request may lower the limit, and results stop at the row cap, marked truncated.

The machine running the tests may be small and busy, so the checks are about outcomes and
order (which response came first, which was still pending), with wide margins on durations.
"""

from __future__ import annotations

import socket
import subprocess
import time
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import httpx
import pytest

from .live import LiveServer, cli, start

LIMIT = 2.0  # --timeout of the limits server, seconds
WORKERS = 2
MARGIN = 8.0  # seconds a stopped query's answer may take past its limit on a busy machine
# Never finishes on the corpus (its triples cubed); COUNT keeps the answer one row.
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
QUICK = "SELECT (COUNT(?doc) AS ?n) WHERE { ?doc a pg:PolicyDocument }"


@dataclass(frozen=True)
class Answer:
    response: httpx.Response
    seconds: float  # from sending to the whole response
    finished: float  # time.monotonic() when it arrived


def sparql(server: LiveServer, query: str, **params: str) -> Answer:
    started = time.monotonic()
    response = httpx.get(f"{server.url}/sparql", params={"query": query, **params},
                         headers={"Accept": "application/sparql-results+json"}, timeout=60)
    finished = time.monotonic()
    return Answer(response, finished - started, finished)


def count(answer: Answer) -> int:
    assert answer.response.status_code == 200, answer.response.text
    return int(answer.response.json()["results"]["bindings"][0]["n"]["value"])


def every_worker_answers(server: LiveServer, deadline: float = 60,
                         workers: int = WORKERS) -> None:
    """Wait until each worker answers a quick query. A worker started in place of a stopped
    one takes about a second to open the store, and that start-up counts against its first
    query's limit: on a busy machine that query may be stopped too (and the worker started
    again), so the rounds back off until one is answered in full."""
    pause, give_up = 0.5, time.monotonic() + deadline
    while True:
        # The pool hands out idle workers in turn, so consecutive queries visit every worker.
        statuses = [sparql(server, "ASK {}").response.status_code for _ in range(workers)]
        if statuses == [200] * workers:
            return
        assert set(statuses) <= {200, 503}, statuses
        assert time.monotonic() < give_up, f"workers still not answering: {statuses}"
        time.sleep(pause)
        pause *= 2


@pytest.fixture(scope="module")
def limited(corpus_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    live = start(corpus_store, "--timeout", f"{LIMIT:g}", "--workers", str(WORKERS),
                 "--warm-timeout", "0",  # every worker free for the tests
                 log=tmp_path_factory.mktemp("limited") / "server.log")
    yield live
    live.stop()


@pytest.fixture
def warm(limited: LiveServer) -> LiveServer:
    """The limits server with every worker up, whatever an earlier test stopped."""
    every_worker_answers(limited)
    return limited


def assert_stopped(answer: Answer, limit: float) -> None:
    """A 503 that says the query ran past `limit` and was stopped, not sooner than that."""
    assert answer.response.status_code == 503, answer.response.text
    assert f"time limit of {limit:g} s" in answer.response.text
    assert "stopped" in answer.response.text
    assert answer.response.headers["retry-after"]
    assert limit <= answer.seconds < limit + MARGIN


def test_a_runaway_query_is_stopped_while_the_other_worker_answers(warm: LiveServer) -> None:
    with ThreadPoolExecutor(1) as runner:
        slow = runner.submit(sparql, warm, SLOW)
        time.sleep(0.3)  # let it reach a worker
        quick = [sparql(warm, QUICK) for _ in range(3)]
        pending = not slow.done()
        stopped = slow.result()
    assert [count(answer) for answer in quick] == [5, 5, 5]
    assert pending, "the quick queries waited for the slow one"
    assert all(answer.finished < stopped.finished for answer in quick)
    assert_stopped(stopped, LIMIT)
    assert count(sparql(warm, QUICK)) == 5  # at once, on the worker that was not stopped
    every_worker_answers(warm)  # and the stopped worker's replacement too


def test_a_request_may_lower_the_limit_but_not_raise_it(warm: LiveServer) -> None:
    """Two runaway queries at once: the one with `timeout=1` is stopped first, at its limit;
    the one asking for more than the server allows is stopped at the server's."""
    with ThreadPoolExecutor(2) as runner:
        raised = runner.submit(sparql, warm, SLOW, timeout="60")
        lowered: Future[Answer] = runner.submit(sparql, warm, SLOW, timeout="1")
        first, second = lowered.result(), raised.result()
    assert_stopped(first, 1)
    assert_stopped(second, LIMIT)
    assert first.finished < second.finished


@pytest.mark.parametrize("timeout", ["0", "-1", "soon", "", "nan", "NaN", "inf", "-inf",
                                     "1e400", "1e-9", "0.5", "0x10", " 2", "2s", "١"])
def test_a_bad_timeout_is_a_bad_request(limited: LiveServer, timeout: str) -> None:
    response = sparql(limited, QUICK, timeout=timeout).response
    assert response.status_code == 400 and "timeout=" in response.text
    every_worker_answers(limited)


@pytest.fixture(scope="module")
def capped(corpus_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    live = start(corpus_store, "--max-rows", "5", log=tmp_path_factory.mktemp("capped") / "log")
    yield live
    live.stop()


def test_results_stop_at_the_row_cap(capped: LiveServer) -> None:
    tasks = "SELECT ?task WHERE { ?task a pg:Task } ORDER BY ?task LIMIT 20"
    full = sparql(capped, tasks).response
    assert full.status_code == 200
    assert full.headers["x-policygraph-truncated"] == "true"
    assert full.headers["x-policygraph-rows"] == "5"
    document = full.json()
    assert document["truncated"] is True
    assert len(document["results"]["bindings"]) == 5


def test_a_result_within_the_cap_is_whole(capped: LiveServer) -> None:
    exact = sparql(capped, "SELECT ?task WHERE { ?task a pg:Task } LIMIT 5").response
    assert exact.status_code == 200
    assert exact.headers["x-policygraph-truncated"] == "false"
    assert "truncated" not in exact.json()
    assert len(exact.json()["results"]["bindings"]) == 5


def test_graph_results_stop_at_the_row_cap_too(capped: LiveServer) -> None:
    response = httpx.get(f"{capped.url}/sparql", timeout=60, params={
        "query": "CONSTRUCT { ?task a pg:Task } WHERE { ?task a pg:Task } LIMIT 20",
        "format": "nt"})
    assert response.status_code == 200
    assert response.headers["x-policygraph-truncated"] == "true"
    assert len(response.text.splitlines()) == 5


# Sorts the corpus's triples crossed with themselves: gigabytes, long before any time limit.
HUNGRY = "SELECT ?a ?c ?d ?f WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f ?a ?d"


@pytest.fixture(scope="module")
def lean(corpus_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    live = start(corpus_store, "--timeout", "120", "--workers", str(WORKERS),
                 "--warm-timeout", "0", "--worker-memory-mb", "64",
                 log=tmp_path_factory.mktemp("lean") / "server.log")
    yield live
    live.stop()


def test_a_query_past_its_workers_memory_is_stopped_and_the_worker_replaced(
        lean: LiveServer) -> None:
    every_worker_answers(lean)
    hungry = sparql(lean, HUNGRY)
    assert hungry.response.status_code == 503, hungry.response.text[:300]
    assert "memory" in hungry.response.text
    assert hungry.seconds < 60  # stopped by memory, not by the time limit
    every_worker_answers(lean)
    assert count(sparql(lean, QUICK)) == 5


@pytest.fixture(scope="module")
def single(corpus_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    live = start(corpus_store, "--timeout", "3", "--workers", "1", "--queue", "1",
                 "--warm-timeout", "0", log=tmp_path_factory.mktemp("single") / "server.log")
    yield live
    live.stop()


def test_a_query_past_the_queue_is_refused_at_once_and_waiting_counts_against_the_limit(
        single: LiveServer) -> None:
    with ThreadPoolExecutor(2) as runner:
        slow = runner.submit(sparql, single, SLOW)
        time.sleep(0.5)  # the only worker takes it
        waiting = runner.submit(sparql, single, SLOW)
        time.sleep(0.5)  # the one place in the queue is taken
        refused = sparql(single, QUICK)
        assert refused.response.status_code == 503, refused.response.text
        assert "busy" in refused.response.text
        assert refused.response.headers["retry-after"]
        assert refused.seconds < 2  # at once, not after the others
        assert_stopped(slow.result(), 3)
        late = waiting.result()
    assert late.response.status_code == 503, late.response.text
    assert "waited" in late.response.text  # its limit counted from its arrival
    assert late.seconds < 3 + MARGIN
    every_worker_answers(single, workers=1)


@pytest.fixture(scope="module")
def rationed(corpus_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    live = start(corpus_store, "--client-rate", "2", "--warm-timeout", "0",
                 probe="/", log=tmp_path_factory.mktemp("rationed") / "server.log")
    yield live
    live.stop()


def test_a_client_past_its_rate_is_answered_429_and_pages_are_not_counted(
        rationed: LiveServer) -> None:
    statuses = [sparql(rationed, "ASK {}").response for _ in range(12)]
    refused = [response for response in statuses if response.status_code == 429]
    assert refused, [response.status_code for response in statuses]
    assert {response.status_code for response in statuses} <= {200, 429}
    assert int(refused[0].headers["retry-after"]) >= 1
    assert "too many queries" in refused[0].text
    assert httpx.get(f"{rationed.url}/", timeout=30).status_code == 200  # a page: not counted
    time.sleep(1.5)
    assert sparql(rationed, "ASK {}").response.status_code == 200  # its bucket filled again


@pytest.mark.parametrize("value", ["nan", "inf", "-1", "x"])
def test_a_bad_client_rate_is_a_usage_error(value: str) -> None:
    result = subprocess.run(cli("serve", "--client-rate", value), capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 2
    assert "--client-rate" in result.stderr


@pytest.fixture(scope="module")
def solo(corpus_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    live = start(corpus_store, "--timeout", "30", "--workers", "1", "--warm-timeout", "0",
                 log=tmp_path_factory.mktemp("solo") / "server.log")
    yield live
    live.stop()


def _slow_query_on(server: LiveServer) -> socket.socket:
    """A connection whose query holds the server's only worker (once it is given a second to
    reach it), whose client goes away when it is closed."""
    every_worker_answers(server, workers=1)
    host, port = server.url.removeprefix("http://").split(":")
    connection = socket.create_connection((host, int(port)), timeout=10)
    connection.sendall(f"GET /sparql?{urlencode({'query': SLOW})} HTTP/1.1\r\n"
                       f"Host: {host}\r\nAccept: application/sparql-results+json\r\n\r\n"
                       .encode())
    time.sleep(1.0)  # the query reaches the worker
    return connection


def test_a_query_whose_client_went_away_is_stopped(solo: LiveServer) -> None:
    """The only worker is freed within seconds of the client's going, not at the limit."""
    _slow_query_on(solo).close()
    quick = sparql(solo, QUICK)
    assert count(quick) == 5
    assert quick.seconds < 15, quick.seconds  # the limit is 30 s


def test_an_entity_page_does_not_wait_behind_a_runaway_query(solo: LiveServer) -> None:
    """The only query worker runs a query for 30 s; an entity page has a worker of its own."""
    with _slow_query_on(solo):
        started = time.monotonic()
        page = httpx.get(f"{solo.url}/id/doc/001_9d293a04fdf91622",
                         headers={"Accept": "text/html"}, timeout=60)
        took = time.monotonic() - started
    assert page.status_code == 200 and "嘉兴" in page.text
    assert took < 10, took  # the query holding the worker runs for 30 s
