"""What the pages of the web interface share: the route class that turns a failed query into
an HTML error page, the page queries and how they are run, and the HTML response itself."""

from __future__ import annotations

from collections.abc import Callable, Coroutine, Mapping
from typing import Any

from fastapi import Request, Response
from fastapi.responses import HTMLResponse
from fastapi.routing import APIRoute

from ...query import QueryError, page_queries
from ..api_params import Paging, page_size
from ..api_results import Item, Part, fetch_rows
from ..executor import QueryFailed, QueryPool, QueryTimeout
from ..i18n import gettext_
from ..pages import render

# Rows a page reads from one query at most; what a page lists past that is left to the API.
PAGE_ROWS = 2000


class PageRoute(APIRoute):
    """A route of an HTML page: a query that fails becomes a page that says why, with the
    status the API would give (422 for a bad parameter, 503 past the time limit)."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def guarded(request: Request) -> Response:
            try:
                return await handler(request)
            except QueryError as bad:
                return page("error.html", 422, title=gettext_("Bad request"), message=str(bad))
            except QueryTimeout as late:
                response = page("error.html", 503, title=gettext_("Too slow"), message=str(late))
                response.headers["Retry-After"] = "1"
                return response
            except QueryFailed as failed:
                return page("error.html", failed.status, title=gettext_("Query failed"),
                            message=failed.message)

        return guarded


def page(template: str, status: int = 200, **context: Any) -> HTMLResponse:
    """A rendered page (its security headers are set by `headers.SecurityHeaders`)."""
    context.setdefault("formats", [])
    return HTMLResponse(render(template, **context), status)


async def rows(pool: QueryPool, timeout: float, name: str, values: Mapping[str, str],
               max_rows: int = PAGE_ROWS) -> list[Item]:
    """The rows of a page query or canned query with `values` bound (empty ones left out)."""
    given = {key: value for key, value in values.items() if value}
    return (await fetch_rows(pool, timeout, page_queries()[name], given,
                             max_rows=max_rows))[1]


async def first_page(pool: QueryPool, timeout: float, name: str,
                     values: Mapping[str, str]) -> list[Item]:
    """The first page of a canned query as the REST API answers it: unfiltered, it is the
    answer the server computes at start-up, so a page built on it costs no engine time."""
    query = page_queries()[name]
    given = {key: value for key, value in values.items() if value}
    paging = Paging(limit=page_size(query), offset=0, format="json")
    return (await fetch_rows(pool, timeout, query, given, Part.page(paging),
                             paging.limit))[1]
