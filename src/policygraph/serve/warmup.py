"""The canned queries' unfiltered first pages and the VoID counts, answered once a server
starts, before anyone asks.

A whole-graph aggregate (every unit's workload, every pair of co-responsible units, every
target) takes Oxigraph seconds at 1,000 plans and minutes at 10,000: longer than a request may
wait. The store changes only when a build is published, so the server computes each canned
query's first page and total without filters in the background, one query at a time on one
worker, under the longer warm-up time limit. The answers are kept with the build (see
`cache`), so this happens once per build, and a request for an answer being computed waits for
it instead of computing it again. `GET /api/status` tells how far the warm-up has got.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from fastapi import APIRouter, HTTPException, Request

from ..query import canned_queries
from .api_params import Paging, page_size
from .api_results import run_page
from .executor import QueryPool
from .void import FIGURES, figure

log = logging.getLogger("policygraph.serve")
router = APIRouter(prefix="/api")


@dataclass
class Warmup:
    """How far the warm-up has got: queries answered, and those that failed with why."""

    queries: list[str] = field(default_factory=list)
    answered: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)

    @property
    def finished(self) -> bool:
        return len(self.answered) + len(self.failed) == len(self.queries)


def unfiltered_queries() -> list[str]:
    """The canned queries that answer with no parameters given."""
    return [name for name, query in canned_queries().items()
            if not any(parameter.required for parameter in query.parameters)]


def warmed_queries() -> list[str]:
    """What the warm-up answers: the unfiltered canned queries, then the VoID figures."""
    return [*unfiltered_queries(), *FIGURES]


async def warm(pool: QueryPool, timeout: float, state: Warmup) -> None:
    """Answer each of `state.queries` as a request without parameters would ask it."""
    queries = canned_queries()
    for name in state.queries:
        try:
            if name in FIGURES:
                await figure(pool, timeout, name)
            else:
                paging = Paging(limit=page_size(queries[name]), offset=0, format="json")
                await run_page(pool, timeout, queries[name], {}, paging)
        except HTTPException as refused:
            state.failed[name] = str(refused.detail)
            log.warning("warm-up of %s: %s", name, refused.detail)
        else:
            state.answered.append(name)
    log.info("warm-up finished: %d answered, %d failed", len(state.answered), len(state.failed))


@router.get("/status", tags=["service"], operation_id="status",
            summary="The live build and how far the warm-up of canned answers has got",
            description="`build`: the live build's name (none before the first build); "
                        "`warmup`: the canned queries whose unfiltered first page is computed "
                        "when the server starts, and the counts of the VoID description; "
                        "those answered, those that failed and why, and whether it has "
                        "finished.")
async def status(request: Request) -> dict[str, object]:
    pool: QueryPool = request.app.state.pool
    state: Warmup = request.app.state.warmup
    build = pool.cache.build()
    return {"build": build.name if build is not None else None,
            "warmup": {"queries": state.queries, "answered": state.answered,
                       "failed": state.failed, "finished": state.finished}}
