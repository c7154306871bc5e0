"""Canned queries answered from the build's index instead of the engine.

`search-tasks` reads every task's text in the engine, `names` (the search page's and its
suggestions' agencies and regions) every name, which no cache makes fast for a phrase not asked
before, and `tasks` every task of the graph, sorted, whatever its filters. Where the live build
has an index (`store/text_index.py`), the server answers these queries from it: the same rows,
terms and order as the engine's answer to the query's SPARQL (a list of labels that the
engine's GROUP_CONCAT joins in an order of its own comes in code point order), which stays as
it is for other stores and for the SPARQL endpoint. A remote store, or a build made before the
index or before the table a query reads, is asked the SPARQL.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..query import CannedQuery
from ..query.errors import Substitutions
from ..store.result_terms import json_term
from ..store.text_search import IndexTimeout, TaskMatch, TextIndex
from ..vocab import PREFIXES
from .executor import QueryPool, QueryTimeout

if TYPE_CHECKING:
    from .api_results import Part

__all__ = ["indexed_results"]

_XSD = PREFIXES["xsd"]
# The projections of the queries answered from the index, in their order, without their
# parameters' variables (which follow, in the parameters' order).
_SEARCH_COLUMNS = ["task", "document", "title", "path", "heading", "text", "inHeading",
                   "occurrences"]
_NAMES_COLUMNS = ["kind", "item", "label", "count"]
_TASKS_COLUMNS = ["task", "document", "title", "region", "level", "path", "heading", "text",
                  "leads"]


async def indexed_results(pool: QueryPool, timeout: float, query: CannedQuery,
                          values: Substitutions, part: Part, max_rows: int
                          ) -> dict[str, Any] | None:
    """`part` of `query`'s answer as SPARQL JSON results, from the live build's index; None
    where the query is not answered from an index or the build has none."""
    answered = _ANSWERED.get(query.name)
    index = TextIndex.of_build(pool.cache.build())
    if answered is None or index is None or not index.holds(answered.table):
        return None
    lookup, columns = answered.lookup, answered.columns
    given = {variable.value: term for variable, term in values.items()}
    deadline = time.monotonic() + timeout
    answer = _Answer(columns + [parameter.variable for parameter in query.parameters], given)
    try:
        return await asyncio.to_thread(answer.part, lookup(index, given, deadline), part,
                                       max_rows)
    except IndexTimeout as late:
        raise QueryTimeout(f"{query.name}: {late}") from None


# A lookup in the index: (offset, limit, whether to count) → the total and the page's rows.
Lookup = Callable[[int, int, bool], tuple[int, list[dict[str, Any]]]]


def _search_tasks(index: TextIndex, given: Mapping[str, Any], deadline: float) -> Lookup:
    phrase = given["_q_string"].value

    def lookup(offset: int, limit: int, count: bool) -> tuple[int, list[dict[str, Any]]]:
        found = index.tasks_containing(phrase, deadline, offset, limit, count)
        return found.total, [_search_row(match) for match in found.rows]

    return lookup


def _names(index: TextIndex, given: Mapping[str, Any], deadline: float) -> Lookup:
    phrase = given["_q_string"].value

    def lookup(offset: int, limit: int, count: bool) -> tuple[int, list[dict[str, Any]]]:
        found = index.names_containing(phrase, deadline, offset, limit, count)
        return found.total, [json.loads(terms) for terms in found.terms]

    return lookup


def _tasks(index: TextIndex, given: Mapping[str, Any], deadline: float) -> Lookup:
    filters = {name: int(term.value) if name == "__year_integer" else term.value
               for name, term in given.items()}

    def lookup(offset: int, limit: int, count: bool) -> tuple[int, list[dict[str, Any]]]:
        found = index.tasks_listed(filters, deadline, offset, limit, count)
        return found.total, [json.loads(terms) for terms in found.terms]

    return lookup


class _Answer:
    """A query's answer from the index as SPARQL JSON results, with its projection
    (`columns`, the parameters' variables last) and the parameters given, which every row
    echoes as the engine does."""

    def __init__(self, columns: list[str], given: Mapping[str, Any]) -> None:
        self.columns = columns
        self.parameters = [name for name in columns if name.startswith("_")]
        self.echoed = {name: json_term(term) for name, term in given.items()}

    def part(self, lookup: Lookup, part: Part, max_rows: int) -> dict[str, Any]:
        """The page `part` asks for, or the answer of the query wrapped in a COUNT (grouped by
        the parameters: no row where nothing is found for parameters given)."""
        if part.count:
            total, _ = lookup(0, 0, True)
            counted = {"total": {"type": "literal", "datatype": _XSD + "integer",
                                 "value": str(total)}, **self.echoed}
            return _results(["total", *self.parameters],
                            [counted] if total or not self.parameters else [])
        limit = max_rows if part.limit is None else min(part.limit, max_rows)
        _, rows = lookup(part.offset, limit, False)
        return _results(self.columns, [{**row, **self.echoed} for row in rows])


def _search_row(match: TaskMatch) -> dict[str, Any]:
    row: dict[str, Any] = json.loads(match.terms)
    row["inHeading"] = {"type": "literal", "datatype": _XSD + "boolean",
                        "value": "true" if match.in_heading else "false"}
    row["occurrences"] = {"type": "literal", "datatype": _XSD + "integer",
                          "value": str(match.occurrences)}
    return row


def _results(columns: list[str], bindings: list[dict[str, Any]]) -> dict[str, Any]:
    return {"head": {"vars": columns}, "results": {"bindings": bindings}}


@dataclass(frozen=True)
class _Answered:
    """How a query's answer is looked up in the index, its own columns, and the table it
    reads, which an index of an earlier version may lack."""

    lookup: Callable[[TextIndex, Mapping[str, Any], float], Lookup]
    columns: list[str]
    table: str


_ANSWERED = {"search-tasks": _Answered(_search_tasks, _SEARCH_COLUMNS, "rows"),
             "names": _Answered(_names, _NAMES_COLUMNS, "items"),
             "tasks": _Answered(_tasks, _TASKS_COLUMNS, "listed")}
