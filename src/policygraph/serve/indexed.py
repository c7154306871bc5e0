"""Canned queries answered from the build's full-text index instead of the engine.

`search-tasks` reads every task's text in the engine, and `names` (the search page's and its
suggestions' agencies and regions) every name, which no cache makes fast for a phrase not asked
before. Where the live build has a text index (`store/text_index.py`), the server
answers the query from it: the same rows, terms and order as the engine's answer to the
query's SPARQL, which stays as it is for other stores and for the SPARQL endpoint. A remote
store, or a build made before the index, is asked the SPARQL.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from ..query import CannedQuery
from ..query.errors import Substitutions
from ..store.text_index import json_term
from ..store.text_search import IndexTimeout, TaskMatch, TextIndex
from ..vocab import PREFIXES
from .executor import QueryPool, QueryTimeout

if TYPE_CHECKING:
    from .api_results import Part

__all__ = ["indexed_results"]

_XSD = PREFIXES["xsd"]
# search-tasks.rq's and names.rq's projections, in their order.
_SEARCH_COLUMNS = ["task", "document", "title", "path", "heading", "text", "inHeading",
                   "occurrences", "_q_string"]
_NAMES_COLUMNS = ["kind", "item", "label", "count", "_q_string"]


async def indexed_results(pool: QueryPool, timeout: float, query: CannedQuery,
                          values: Substitutions, part: Part, max_rows: int
                          ) -> dict[str, Any] | None:
    """`part` of `query`'s answer as SPARQL JSON results, from the live build's index; None
    where the query is not answered from an index or the build has none."""
    answer = _ANSWERED.get(query.name)
    index = TextIndex.of_build(pool.cache.build())
    if answer is None or index is None:
        return None
    given = {variable.value: term for variable, term in values.items()}
    deadline = time.monotonic() + timeout
    try:
        return await asyncio.to_thread(answer, index, given, part, max_rows, deadline)
    except IndexTimeout as late:
        raise QueryTimeout(f"{query.name}: {late}") from None


# A lookup in the index: (offset, limit, whether to count) → the total and the page's rows.
Lookup = Callable[[int, int, bool], tuple[int, list[dict[str, Any]]]]


def _search_tasks(index: TextIndex, given: Mapping[str, Any], part: Part, max_rows: int,
                  deadline: float) -> dict[str, Any]:
    phrase = given["_q_string"]

    def lookup(offset: int, limit: int, count: bool) -> tuple[int, list[dict[str, Any]]]:
        found = index.tasks_containing(phrase.value, deadline, offset, limit, count)
        return found.total, [_search_row(match) for match in found.rows]

    return _paged(lookup, _SEARCH_COLUMNS, phrase, part, max_rows)


def _names(index: TextIndex, given: Mapping[str, Any], part: Part, max_rows: int,
           deadline: float) -> dict[str, Any]:
    phrase = given["_q_string"]

    def lookup(offset: int, limit: int, count: bool) -> tuple[int, list[dict[str, Any]]]:
        found = index.names_containing(phrase.value, deadline, offset, limit, count)
        return found.total, [json.loads(terms) for terms in found.terms]

    return _paged(lookup, _NAMES_COLUMNS, phrase, part, max_rows)


def _paged(lookup: Lookup, columns: list[str], phrase: Any, part: Part, max_rows: int
           ) -> dict[str, Any]:
    """`part` of a query's answer as SPARQL JSON results: its page, with the phrase echoed as
    the engine echoes its parameter, or the answer of the query wrapped in a COUNT (grouped by
    the phrase: no row where there is nothing)."""
    echoed = json_term(phrase)
    if part.count:
        total, _ = lookup(0, 0, True)
        counted = {"total": {"type": "literal", "datatype": _XSD + "integer",
                             "value": str(total)}, "_q_string": echoed}
        return _results(["total", "_q_string"], [counted] if total else [])
    limit = max_rows if part.limit is None else min(part.limit, max_rows)
    _, rows = lookup(part.offset, limit, False)
    return _results(columns, [{**row, "_q_string": echoed} for row in rows])


def _search_row(match: TaskMatch) -> dict[str, Any]:
    row: dict[str, Any] = json.loads(match.terms)
    row["inHeading"] = {"type": "literal", "datatype": _XSD + "boolean",
                        "value": "true" if match.in_heading else "false"}
    row["occurrences"] = {"type": "literal", "datatype": _XSD + "integer",
                          "value": str(match.occurrences)}
    return row


def _results(columns: list[str], bindings: list[dict[str, Any]]) -> dict[str, Any]:
    return {"head": {"vars": columns}, "results": {"bindings": bindings}}


_ANSWERED: dict[str, Callable[[TextIndex, Mapping[str, Any], Part, int, float],
                              dict[str, Any]]] = {"search-tasks": _search_tasks, "names": _names}
