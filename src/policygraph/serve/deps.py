"""FastAPI dependencies as named aliases: the settings and the query pools of the app."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from .executor import QueryPool
from .settings import Settings


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_pool(request: Request) -> QueryPool:
    pool: QueryPool = request.app.state.pool
    return pool


def get_page_pool(request: Request) -> QueryPool:
    pool: QueryPool = request.app.state.page_pool
    return pool


SettingsDep = Annotated[Settings, Depends(get_settings)]
PoolDep = Annotated[QueryPool, Depends(get_pool)]
# The worker that answers entity pages alone: a page, a few bounded queries, never waits
# behind the SPARQL endpoint's and the API's queries, however long they run.
PagePoolDep = Annotated[QueryPool, Depends(get_page_pool)]
