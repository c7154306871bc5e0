"""Answering a canned query as one page of a REST list, with the true total.

A page is the canned query with LIMIT and OFFSET appended, run in the app's worker pool with
its parameters bound by VALUES blocks, or answered from the pool's cache of the live build's
answers. The total comes from the page itself when the page is the last one, and otherwise
from the same query wrapped in a COUNT; the wrapper projects the parameters too, so that they
are in scope where the blocks bind them. Rows become plain JSON objects: IRIs as strings,
literals as their values, numbers as numbers, years as integers.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache
from typing import Any

from fastapi import Request
from fastapi.responses import JSONResponse, Response

from ..literals import literal_value
from ..query import CannedQuery, QueryError, own_columns
from .api_params import Paging, refuse
from .executor import Job, QueryFailed, QueryPool, QueryTimeout, encode_bindings

_JSON_RESULTS = "application/sparql-results+json"
_SELECT = re.compile(r"^\s*SELECT\b", re.IGNORECASE | re.MULTILINE)

Item = dict[str, Any]


@dataclass(frozen=True)
class Page:
    """One page of a query's rows, the columns in order, and how many rows there are in all."""

    columns: list[str]
    items: list[Item]
    total: int


async def run_rows(pool: QueryPool, timeout: float, query: CannedQuery,
                   values: Mapping[str, str], sparql: str | None = None,
                   max_rows: int = 1000) -> tuple[list[str], list[Item]]:
    """`fetch_rows` for the REST API: bad values are refused with 422, a query past its time
    limit with 503, other failures with their own status."""
    try:
        return await fetch_rows(pool, timeout, query, values, sparql, max_rows)
    except QueryError as error:
        raise refuse(422, str(error)) from None
    except QueryTimeout as late:  # the same request may succeed when the server is idle
        raise refuse(503, str(late), {"Retry-After": "1"}) from None
    except QueryFailed as failed:
        raise refuse(failed.status, f"{query.name}: {failed.message}") from None


async def fetch_rows(pool: QueryPool, timeout: float, query: CannedQuery,
                     values: Mapping[str, str], sparql: str | None = None,
                     max_rows: int = 1000) -> tuple[list[str], list[Item]]:
    """The rows of `query` (or of `sparql`, a query built from it) with `values` bound.

    Parameter variables (named `_…`) are left out of the rows: they only echo the request.

    Raises:
        QueryError: a value that is not of its parameter's type.
        QueryTimeout: the query ran past `timeout` seconds.
        QueryFailed: the engine could not answer.
    """
    document = await fetch_results(pool, timeout, query, values, sparql, max_rows)
    columns = own_columns(document["head"]["vars"])
    items = [{name: _value(row.get(name)) for name in columns}
             for row in document["results"]["bindings"]]
    return columns, items


async def fetch_results(pool: QueryPool, timeout: float, query: CannedQuery,
                        values: Mapping[str, str], sparql: str | None = None,
                        max_rows: int = 1000) -> dict[str, Any]:
    """The SPARQL JSON results of `query` (or of `sparql`) with `values` bound, as the engine
    gave them (terms with their datatypes), from the answers kept for the same question."""
    bindings = encode_bindings(query.bind(dict(values)))
    job = Job(sparql=sparql or query.sparql, result_type=_JSON_RESULTS, graph_type=None,
              max_rows=max_rows, bindings=bindings)
    outcome = await pool.run_cached(job, timeout)
    document: dict[str, Any] = json.loads(outcome.body)
    return document


async def run_page(pool: QueryPool, timeout: float, query: CannedQuery,
                   values: Mapping[str, str], paging: Paging) -> Page:
    """One page of `query`'s rows and their total."""
    columns, items = await run_rows(pool, timeout, query, values, page_sparql(query, paging),
                                    paging.limit)
    if 0 < len(items) < paging.limit or (not items and paging.offset == 0):
        return Page(columns, items, paging.offset + len(items))
    _, counted = await run_rows(pool, timeout, query, values, count_query(query), 1)
    return Page(columns, items, int(counted[0]["total"]) if counted else 0)


def page_sparql(query: CannedQuery, paging: Paging) -> str:
    """The SPARQL of one page of `query`."""
    return f"{query.sparql.rstrip()}\nLIMIT {paging.limit}\nOFFSET {paging.offset}\n"


@cache
def count_query(query: CannedQuery) -> str:
    """`query` wrapped as a subquery of a COUNT, grouped by (so projecting) its parameters."""
    match = _SELECT.search(query.sparql)
    if match is None:
        raise ValueError(f"{query.name}: a canned query must be a SELECT query")
    keys = " ".join(f"?{parameter.variable}" for parameter in query.parameters)
    group = f"\nGROUP BY {keys}" if keys else ""
    return (f"{query.sparql[:match.start()]}SELECT (COUNT(*) AS ?total) {keys}\n"
            f"WHERE {{\n{{\n{query.sparql[match.start():].rstrip()}\n}}\n}}{group}\n")


def _value(term: Mapping[str, str] | None) -> Any:
    """A SPARQL JSON term as plain JSON: the client's Python value where JSON has one (a
    decimal as an int or float), the lexical form otherwise (dates)."""
    if term is None:
        return None
    value = literal_value(term["value"], term.get("datatype"))
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, date):  # datetime too
        return term["value"]
    return value


def page_response(request: Request, page: Page, paging: Paging,
                  extra: Mapping[str, Any] | None = None) -> Response:
    """The page as JSON (with total and a link to the next page) or as CSV."""
    following = paging.offset + paging.limit
    next_url = (str(request.url.include_query_params(offset=following, limit=paging.limit))
                if following < page.total else None)
    if paging.format == "csv":
        headers = {"X-Total-Count": str(page.total)}
        if next_url:
            headers["Link"] = f'<{next_url}>; rel="next"'
        return Response(_csv(page.columns, page.items), media_type="text/csv; charset=utf-8",
                        headers=headers)
    return JSONResponse({"items": page.items, "total": page.total, "limit": paging.limit,
                         "offset": paging.offset, "next": next_url, **(extra or {})})


def in_memory_page(columns: list[str], items: Sequence[Item], paging: Paging) -> Page:
    """A page of rows the server already holds (not read from the graph)."""
    return Page(columns, list(items[paging.offset:paging.offset + paging.limit]), len(items))


def _csv(columns: list[str], items: list[Item]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for item in items:
        writer.writerow([_cell(item.get(column)) for column in columns])
    return out.getvalue()


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)
