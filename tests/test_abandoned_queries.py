"""Queries whose clients go away, on a real pool of query workers: a computation is stopped
once nobody waits for its answer, and not before. The REST API, the pages and `/sparql` all
run their queries through the pool within the request's client (`answering_for`)."""

from __future__ import annotations

import asyncio
import time
import uuid
from pathlib import Path

import pytest

from policygraph.serve.executor import QueryPool, QueryTimeout
from policygraph.serve.limits import ClientGone, answering_for
from policygraph.serve.results import Job

SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
QUICK = "SELECT (COUNT(?doc) AS ?n) WHERE { ?doc a pg:PolicyDocument }"
LIMIT = 30.0  # seconds the slow query could run


def job(sparql: str) -> Job:
    never_kept = f"# {uuid.uuid4()}\n"  # an answer no other run has kept
    return Job(sparql=never_kept + sparql, result_type="application/sparql-results+json",
               graph_type=None, max_rows=10)


async def wait_as(client: ClientGone, pool: QueryPool, asked: Job, timeout: float) -> object:
    with answering_for(client):
        try:
            return await pool.run_cached(asked, timeout)
        except QueryTimeout as stopped:
            return stopped


async def leave_after(client: ClientGone, seconds: float) -> None:
    await asyncio.sleep(seconds)
    client.leave()


@pytest.fixture
def pool(corpus_store: Path):
    one = QueryPool(corpus_store, size=1)
    one.start()
    yield one
    one.close()


def test_a_computation_whose_only_client_went_away_is_stopped(pool: QueryPool) -> None:
    async def scene() -> tuple[object, float, float]:
        started = time.monotonic()
        client = ClientGone()
        answer, _ = await asyncio.gather(wait_as(client, pool, job(SLOW), LIMIT),
                                         leave_after(client, 1.0))
        left = time.monotonic() - started
        await pool.run_cached(job(QUICK), LIMIT)  # the one worker is free again
        return answer, left, time.monotonic() - started

    answer, left, freed = asyncio.run(scene())
    assert isinstance(answer, QueryTimeout) and "went away" in str(answer)
    assert left < 5
    assert freed < LIMIT / 2, freed


def test_a_computation_another_client_still_waits_for_runs_on(pool: QueryPool) -> None:
    async def scene() -> tuple[object, object, float]:
        started = time.monotonic()
        shared = job(SLOW)
        leaving, staying = ClientGone(), ClientGone()
        left, stayed, _ = await asyncio.gather(wait_as(leaving, pool, shared, 3),
                                               wait_as(staying, pool, shared, 3),
                                               leave_after(leaving, 0.5))
        return left, stayed, time.monotonic() - started

    left, stayed, took = asyncio.run(scene())
    assert isinstance(left, QueryTimeout) and "went away" in str(left)
    assert isinstance(stayed, QueryTimeout) and "time limit" in str(stayed)
    assert took >= 2.5  # ran to its limit for the client that stayed
