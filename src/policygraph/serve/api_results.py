"""Answering a canned query as one page of a REST list, with the true total.

A page is the canned query with LIMIT and OFFSET appended, run in the app's worker pool with
its parameters bound by VALUES blocks, or answered from the pool's cache of the live build's
answers; a query the build indexed for (`indexed.py`) is answered from its index instead. The
total comes from the page itself when the page is the last one, and otherwise from the same
query wrapped in a COUNT; the wrapper projects the parameters too, so that they are in scope
where the blocks bind them. Rows become plain JSON objects: IRIs as strings, literals as their
values, numbers as numbers, years as integers.
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
from .indexed import indexed_results

_JSON_RESULTS = "application/sparql-results+json"
_SELECT = re.compile(r"^\s*SELECT\b", re.IGNORECASE | re.MULTILINE)

Item = dict[str, Any]


@dataclass(frozen=True)
class Page:
    """One page of a query's rows, the columns in order, and how many rows there are in all."""

    columns: list[str]
    items: list[Item]
    total: int


@dataclass(frozen=True)
class Part:
    """The part of a canned query's answer asked for: its rows from `offset`, `limit` of them
    at most (all where None), or with `count`, how many rows there are (`total`)."""

    limit: int | None = None
    offset: int = 0
    count: bool = False

    @classmethod
    def page(cls, paging: Paging) -> Part:
        return cls(limit=paging.limit, offset=paging.offset)

    def sparql(self, query: CannedQuery) -> str:
        """The SPARQL that answers this part of `query`."""
        if self.count:
            return count_query(query)
        if self.limit is None:
            return query.sparql
        return f"{query.sparql.rstrip()}\nLIMIT {self.limit}\nOFFSET {self.offset}\n"


WHOLE = Part()
COUNT = Part(count=True)


async def run_rows(pool: QueryPool, timeout: float, query: CannedQuery,
                   values: Mapping[str, str], part: Part = WHOLE,
                   max_rows: int = 1000) -> tuple[list[str], list[Item]]:
    """`fetch_rows` for the REST API: bad values are refused with 422, a query past its time
    limit with 503, other failures with their own status."""
    try:
        return await fetch_rows(pool, timeout, query, values, part, max_rows)
    except QueryError as error:
        raise refuse(422, str(error)) from None
    except QueryTimeout as late:  # the same request may succeed when the server is idle
        raise refuse(503, str(late), {"Retry-After": "1"}) from None
    except QueryFailed as failed:
        raise refuse(failed.status, f"{query.name}: {failed.message}") from None


async def fetch_rows(pool: QueryPool, timeout: float, query: CannedQuery,
                     values: Mapping[str, str], part: Part = WHOLE,
                     max_rows: int = 1000) -> tuple[list[str], list[Item]]:
    """The rows of `part` of `query`'s answer with `values` bound.

    Parameter variables (named `_…`) are left out of the rows: they only echo the request.

    Raises:
        QueryError: a value that is not of its parameter's type.
        QueryTimeout: the query ran past `timeout` seconds.
        QueryFailed: the engine could not answer.
    """
    document = await fetch_results(pool, timeout, query, values, part, max_rows)
    columns = own_columns(document["head"]["vars"])
    items = [{name: _value(row.get(name)) for name in columns}
             for row in document["results"]["bindings"]]
    return columns, items


async def fetch_results(pool: QueryPool, timeout: float, query: CannedQuery,
                        values: Mapping[str, str], part: Part = WHOLE,
                        max_rows: int = 1000) -> dict[str, Any]:
    """The SPARQL JSON results of `part` of `query`'s answer with `values` bound, as the
    engine gives them (terms with their datatypes): from the build's index where it has one
    for the query, else from the answers kept for the same question or the engine."""
    substitutions = query.bind(dict(values))
    indexed = await indexed_results(pool, timeout, query, substitutions, part, max_rows)
    if indexed is not None:
        return indexed
    bindings = encode_bindings(substitutions)
    job = Job(sparql=part.sparql(query), result_type=_JSON_RESULTS, graph_type=None,
              max_rows=max_rows, bindings=bindings)
    outcome = await pool.run_cached(job, timeout)
    document: dict[str, Any] = json.loads(outcome.body)
    return document


async def run_page(pool: QueryPool, timeout: float, query: CannedQuery,
                   values: Mapping[str, str], paging: Paging) -> Page:
    """One page of `query`'s rows and their total."""
    columns, items = await run_rows(pool, timeout, query, values, Part.page(paging),
                                    paging.limit)
    if 0 < len(items) < paging.limit or (not items and paging.offset == 0):
        return Page(columns, items, paging.offset + len(items))
    _, counted = await run_rows(pool, timeout, query, values, COUNT, 1)
    return Page(columns, items, int(counted[0]["total"]) if counted else 0)


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
