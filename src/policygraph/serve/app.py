"""The web application: an app factory, so nothing starts at import time.

`create_app(settings)` mounts the SPARQL protocol router and the REST API, starts the query
worker pool for the app's lifetime with the warm-up of canned answers beside it, refuses
oversized requests, adds CORS when origins are configured, and logs every request with its
timing.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import threading
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request, Response
from fastapi.middleware.cors import CORSMiddleware

from .. import __version__
from ..query import grammar
from . import api, documents, dumps, linked_data, methods, sparql, void, warmup, web
from .executor import QueryPool
from .headers import SecurityHeaders
from .i18n import Language
from .limits import RequestLimits
from .rate import ClientRate
from .remote import SCHEME
from .settings import Settings
from .warmup import Warmup, warm, warmed_queries

log = logging.getLogger("policygraph.serve")
# A client may send this many seconds' worth of its rate at once.
_BURST_SECONDS = 2


def create_app(settings: Settings) -> FastAPI:
    """A FastAPI app serving the store in `settings.store_dir`."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # The query grammar's parser is built while the workers start: the first query
        # after start-up does not wait for it.
        reading = threading.Thread(target=grammar.warm, name="policygraph-grammar")
        reading.start()
        source = f"{SCHEME}{settings.endpoint}" if settings.endpoint else settings.store_dir
        pool = QueryPool(source, size=settings.workers,
                         answer_disk_bytes=settings.answer_disk_bytes,
                         memory_bytes=settings.worker_memory_bytes,
                         queue_limit=settings.queue)
        pool.start()
        app.state.pool = pool
        page_pool = QueryPool(source, size=1, answer_disk_bytes=settings.answer_disk_bytes,
                              memory_bytes=settings.worker_memory_bytes,
                              queue_limit=settings.queue)
        page_pool.start()
        app.state.page_pool = page_pool
        warming = settings.warm_timeout > 0 and pool.cache.build() is not None
        app.state.warmup = Warmup(queries=warmed_queries() if warming else [])
        task = asyncio.create_task(warm(pool, settings.warm_timeout, app.state.warmup))
        await asyncio.to_thread(reading.join)
        try:
            yield
        finally:
            task.cancel()
            with contextlib.suppress(BaseException):
                await task
            pool.close()
            page_pool.close()

    app = FastAPI(title="policygraph", version=__version__, lifespan=lifespan,
                  docs_url=None, redoc_url=None,  # /docs is served by web.api_docs
                  description="A knowledge graph of Chinese government policy work plans: a "
                              "SPARQL 1.1 endpoint and canned queries as a REST API.")
    app.state.settings = settings

    @app.middleware("http")
    async def log_requests(request: Request,
                           call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        started = time.perf_counter()
        response = await call_next(request)
        elapsed = (time.perf_counter() - started) * 1000
        response.headers["Server-Timing"] = f"app;dur={elapsed:.1f}"
        log.info("%s %s %d %.1f ms", request.method, request.url.path, response.status_code,
                 elapsed)
        return response

    # Outside the log: RequestLimits reads the body and watches for the client's going on
    # the server's own `receive`, which the log's wrapper would keep to itself.
    if settings.client_rate > 0:
        app.add_middleware(ClientRate, rate=settings.client_rate,
                           burst=max(1, math.ceil(settings.client_rate * _BURST_SECONDS)))
    app.add_middleware(RequestLimits, max_bytes=settings.max_request_bytes)
    app.add_middleware(SecurityHeaders)  # around RequestLimits: its refusals carry them too
    app.add_middleware(Language)
    if settings.cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=list(settings.cors_origins),
                           allow_methods=["GET", "POST", "PUT", "DELETE"], allow_headers=["*"],
                           expose_headers=["X-Policygraph-Truncated", "X-Policygraph-Rows"])

    app.include_router(sparql.router)
    app.include_router(api.router)
    app.include_router(documents.router)
    app.include_router(warmup.router)
    app.include_router(dumps.router)
    app.include_router(void.router)
    web.mount(app)
    app.include_router(linked_data.router)  # last: it claims every path of a served IRI
    methods.install(app)
    return app
