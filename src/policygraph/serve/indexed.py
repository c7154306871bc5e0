"""Canned queries answered from the build's index instead of the engine.

`search-tasks` reads every task's text in the engine, `names` (the search page's and its
suggestions' agencies and regions) every name, which no cache makes fast for a phrase not asked
before, and the listing queries (`tasks`, `documents`, `targets`, the workloads and networks of
`list_models.py`) every task, document, target or unit of the graph, counted and sorted,
whatever their filters. Where the live build has an index (`store/text_index.py`), the server
answers these queries from it: the same rows, terms and order as the engine's answer to the
query's SPARQL (a list of labels that the engine's GROUP_CONCAT joins in an order of its own
comes in code point order), which stays as it is for other stores and for the SPARQL endpoint.
A remote store, a build made before the index or before the table a query reads, and a
parameter that a read model does not answer are asked the SPARQL.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..query import CannedQuery
from ..query.errors import Substitutions
from ..store.list_models import LIST_MODELS
from ..store.result_terms import json_term, projection
from ..store.text_search import IndexTimeout, TaskMatch, TextIndex
from ..vocab import PREFIXES
from .executor import QueryPool, QueryTimeout

if TYPE_CHECKING:
    from .api_results import Part

__all__ = ["indexed_results", "read_from_index"]

_XSD = PREFIXES["xsd"]


async def indexed_results(pool: QueryPool, timeout: float, query: CannedQuery,
                          values: Substitutions, part: Part, max_rows: int
                          ) -> dict[str, Any] | None:
    """`part` of `query`'s answer as SPARQL JSON results, from the live build's index; None
    where the query is not answered from an index or the build has none."""
    answered = _answered(query.name)
    index = TextIndex.of_build(pool.cache.build())
    given = {variable.value: term for variable, term in values.items()}
    if (answered is None or index is None or not index.holds(answered.table)
            or not answered.answers(given)):
        return None
    deadline = time.monotonic() + timeout
    answer = _Answer(list(projection(query.sparql)), given)
    try:
        return await asyncio.to_thread(answer.part, answered.lookup(index, given, deadline),
                                       part, max_rows)
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


def _listing(query: str) -> Callable[[TextIndex, Mapping[str, Any], float], Lookup]:
    """The lookup of a listing query's read model (`store/list_models.py`)."""
    def listing(index: TextIndex, given: Mapping[str, Any], deadline: float) -> Lookup:
        filters = {name: int(term.value) if name.endswith("_integer") else term.value
                   for name, term in given.items()}

        def lookup(offset: int, limit: int, count: bool) -> tuple[int, list[dict[str, Any]]]:
            found = index.listed(query, filters, deadline, offset, limit, count)
            return found.total, [json.loads(terms) for terms in found.terms]

        return lookup

    return listing


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
    """How a query's answer is looked up in the index, and the table it reads, which an index
    of an earlier version may lack."""

    lookup: Callable[[TextIndex, Mapping[str, Any], float], Lookup]
    table: str
    answers: Callable[[Iterable[str]], bool] = lambda given: True


def read_from_index(query: str) -> bool:
    """Whether `query` is answered from a build's index where the build has one."""
    return _answered(query) is not None


def _answered(query: str) -> _Answered | None:
    """How `query` is answered from the index, if it is."""
    if query in LIST_MODELS:
        model = LIST_MODELS[query]
        return _Answered(_listing(query), model.table, model.answers)
    return {"search-tasks": _Answered(_search_tasks, "rows"),
            "names": _Answered(_names, "items")}.get(query)
