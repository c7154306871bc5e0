"""Canned answers kept per store version: the same question is answered alike, a newly
published build afresh, the memory they take stays within its budget, a restarted server
finds them on disk, and the unfiltered ones are computed when the server starts."""

from __future__ import annotations

import asyncio
import shutil
import uuid
from pathlib import Path
from typing import Any

import httpx

from policygraph.build import DEFAULT_BASE
from policygraph.pipeline import run_build
from policygraph.serve.cache import ResultCache
from policygraph.serve.executor import QueryPool
from policygraph.serve.indexed import read_from_index
from policygraph.serve.results import Job, Outcome
from policygraph.serve.warmup import unfiltered_queries, warmed_queries
from policygraph.store import GraphStore
from tests.live import start, wait_for_warm_up

CORPUS = Path(__file__).parent.parent / "data" / "raw"


def test_a_new_build_is_answered_afresh(tmp_path):
    corpus, store = tmp_path / "corpus", tmp_path / "store"
    corpus.mkdir()
    first, second = sorted(CORPUS.glob("*.txt"))[:2]
    shutil.copy(first, corpus)
    run_build([corpus], GraphStore(store), DEFAULT_BASE, progress=False)
    server = start(store, log=tmp_path / "serve.log")
    try:
        def documents() -> object:
            response = httpx.get(f"{server.url}/api/queries/documents", timeout=30)
            response.raise_for_status()
            return response.json()

        before = documents()
        assert documents() == before
        shutil.copy(second, corpus)
        run_build([corpus], GraphStore(store), DEFAULT_BASE, progress=False)
        after = documents()
        assert after["total"] == before["total"] + 1  # type: ignore[index]
    finally:
        server.stop()


def job(number: int) -> Job:
    return Job(sparql=f"SELECT ({number} AS ?n) {{}}", result_type="application/json",
               graph_type=None, max_rows=10)


def test_answers_are_kept_per_build_within_the_budget(tmp_path):
    store = GraphStore(tmp_path / "store")
    cache = ResultCache(store.directory, budget=250)
    assert cache.key(job(1)) is None  # nothing built yet: nothing to keep answers of
    build = store.publish(b'<http://example.org/s> <http://example.org/p> "1" .\n', {})
    keys = [cache.key(job(number)) for number in range(3)]
    for number, key in enumerate(keys):
        assert key is not None
        cache.put(key, Outcome(b"x" * 100, "application/json", number, False))
    restarted = ResultCache(store.directory, budget=250)
    assert [restarted.get(key) for key in keys] == [cache.get(key) for key in keys]
    shutil.rmtree(build / "answers")  # what memory holds is all there is now
    assert [cache.get(key) is not None for key in keys] == [False, True, True]
    store.publish(b'<http://example.org/s> <http://example.org/p> "2" .\n', {})
    assert cache.key(job(2)) != keys[2]  # the next build asks afresh


def test_answers_on_disk_stay_within_their_budget_the_least_recently_used_going(tmp_path):
    store = GraphStore(tmp_path / "store")
    build = store.publish(b'<http://example.org/s> <http://example.org/p> "1" .\n', {})
    cache = ResultCache(store.directory, budget=0, disk_budget=10_000)  # disk only
    first = cache.key(job(0))
    assert first is not None
    cache.put(first, Outcome(b"x" * 900, "application/json", 0, False))
    for number in range(1, 300):  # a client paging through every offset of a list
        key = cache.key(job(number))
        assert key is not None
        cache.put(key, Outcome(b"x" * 900, "application/json", number, False))
        assert cache.get(first) is not None  # used all along: never the one to go
    answers = list((build / "answers").glob("*.answer"))
    assert sum(path.stat().st_size for path in answers) <= 10_000
    assert 7 <= len(answers) < 11
    last = cache.key(job(299))
    assert last is not None and cache.get(last) is not None
    assert cache.get(cache.key(job(1))) is None  # type: ignore[arg-type]


def test_a_store_the_server_may_not_write_keeps_answers_in_memory(tmp_path):
    store = GraphStore(tmp_path / "store")
    build = store.publish(b'<http://example.org/s> <http://example.org/p> "1" .\n', {})
    (build / "answers").write_text("a file where the directory would go")
    cache = ResultCache(store.directory)
    key = cache.key(job(1))
    assert key is not None
    outcome = Outcome(b"{}", "application/json", 0, False)
    cache.put(key, outcome)
    assert cache.get(key) == outcome
    assert ResultCache(store.directory).get(key) is None


def test_the_unfiltered_answers_are_ready_after_the_warm_up(tmp_path):
    """The server computes the canned queries' first pages and the VoID counts at start-up and
    keeps them with the build: a server restarted with a time limit no query can meet still
    answers those the engine computes (the others are read from the build's index, under the
    same time limit)."""
    store = tmp_path / "store"
    run_build([CORPUS], GraphStore(store), DEFAULT_BASE, progress=False)
    server = start(store, log=tmp_path / "serve.log")
    try:
        status = wait_for_warm_up(server.url)
        assert status["failed"] == {}
        assert status["answered"] == warmed_queries()
        expected = {name: page(server.url, name) for name in unfiltered_queries()
                    if not read_from_index(name)}
        void = httpx.get(f"{server.url}/.well-known/void", timeout=60).text.replace(server.url, "")
    finally:
        server.stop()
    server = start(store, "--timeout", "0.000001", "--warm-timeout", "0",
                   log=tmp_path / "serve.log")
    try:
        assert httpx.get(f"{server.url}/api/status").json()["warmup"]["queries"] == []
        for name, answer in expected.items():
            assert page(server.url, name) == answer, name
        again = httpx.get(f"{server.url}/.well-known/void", timeout=60)
        assert again.status_code == 200 and again.text.replace(server.url, "") == void
        filtered = httpx.get(f"{server.url}/api/queries/co-responsibility",
                             params={"minimum": "2"})
        assert filtered.status_code == 503  # never asked before: the engine must answer it
        assert httpx.get(f"{server.url}/api/queries/tasks").status_code == 503
    finally:
        server.stop()


def page(url: str, name: str) -> dict[str, Any]:
    """The first page of a canned query, but its link to the next (which names the port)."""
    answer: dict[str, Any] = httpx.get(f"{url}/api/queries/{name}", timeout=30).json()
    answer.pop("next")
    return answer


def test_a_question_asked_twice_at_once_is_computed_once(corpus_store):
    """Two requests for one answer at the same time share one computation: the second gets
    the very outcome the first waited for, not one of its own from the other worker."""
    pool = QueryPool(corpus_store, size=2)
    pool.start()
    try:
        never_kept = f"# {uuid.uuid4()}\n"  # no other test or run has kept its answer
        question = Job(sparql=never_kept + "SELECT (COUNT(*) AS ?n) { ?s ?p ?o . ?s a ?t }",
                       result_type="application/sparql-results+json", graph_type=None,
                       max_rows=10)
        different = Job(**{**question.__dict__, "max_rows": 11})

        async def ask() -> list[Outcome]:
            both = await asyncio.gather(pool.run_cached(question, 60),
                                        pool.run_cached(question, 60))
            return [*both, await pool.run_cached(different, 60)]

        first, second, third = asyncio.run(ask())
        assert first is second
        assert third is not first and third.body == first.body
    finally:
        pool.close()
