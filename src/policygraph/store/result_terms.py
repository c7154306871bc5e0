"""What the index's writers share: reading a SELECT query's solutions from the store as the
server reads it, and writing terms as the SPARQL JSON results format does, so that an answer
from the index is the engine's answer term for term."""

from __future__ import annotations

from functools import cache
from typing import Any

import pyoxigraph as ox

from ..vocab import PREFIXES

__all__ = ["Row", "json_term", "projection", "reading_position", "solutions"]

# A row of an answer: its terms as SPARQL JSON by variable, unbound variables left out.
Row = dict[str, dict[str, str]]


def solutions(store: ox.Store, query: str) -> ox.QuerySolutions:
    """The solutions of a SELECT `query`, the default graph the union of the store's graphs
    and the project's prefixes declared, as the server reads a query."""
    found = store.query(query, use_default_graph_as_union=True, prefixes=PREFIXES)
    assert isinstance(found, ox.QuerySolutions)
    return found


@cache
def projection(sparql: str) -> tuple[str, ...]:
    """The variables a SELECT query projects, in order (parsed, never evaluated)."""
    found = ox.Store().query(sparql)
    assert isinstance(found, ox.QuerySolutions)
    return tuple(variable.value for variable in found.variables)


def reading_position(term: Any) -> float:
    """A task's reading order (`pg:order`) as a number; an order that is not one sorts first."""
    try:
        return float(term.value)
    except ValueError:
        return float("-inf")


def json_term(term: Any) -> dict[str, str]:
    """A term as the SPARQL 1.1 JSON results format writes it."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    written = {"type": "literal", "value": term.value}
    if term.language:
        written["xml:lang"] = term.language
    elif term.datatype.value != PREFIXES["xsd"] + "string":
        written["datatype"] = term.datatype.value
    return written
