"""Canned answers kept per store version: the same question is answered alike, a newly
published build afresh, and the memory they take stays within its budget."""

from __future__ import annotations

import shutil
from pathlib import Path

import httpx

from policygraph.build import DEFAULT_BASE
from policygraph.pipeline import run_build
from policygraph.serve.cache import ResultCache
from policygraph.serve.results import Job, Outcome
from policygraph.store import GraphStore
from tests.live import start

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
    store.publish(b'<http://example.org/s> <http://example.org/p> "1" .\n', {})
    keys = [cache.key(job(number)) for number in range(3)]
    for number, key in enumerate(keys):
        assert key is not None
        cache.put(key, Outcome(b"x" * 100, "application/json", number, False))
    assert [cache.get(key) is not None for key in keys] == [False, True, True]
    store.publish(b'<http://example.org/s> <http://example.org/p> "2" .\n', {})
    assert cache.key(job(2)) != keys[2]  # the next build asks afresh
