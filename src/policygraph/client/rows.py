"""Query solutions as plain Python values, the same from the local store and from an endpoint.

A notebook wants numbers it can add and dates it can compare, not RDF terms: IRIs become
`str`, literals of the common XSD datatypes become the matching Python type, and every other
literal (strings, language-tagged strings, unknown datatypes) its lexical form. A lexical form
that is not valid for its datatype stays a string rather than failing the whole result.
xsd:decimal becomes `decimal.Decimal`, which keeps its exact value. An unbound variable is
`None`, so every row has every projected variable as a key and a DataFrame gets every column.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pyoxigraph as ox

from ..literals import literal_value

__all__ = ["Row", "literal_value", "rows_from_json", "rows_from_oxigraph"]

Row = dict[str, Any]


def _oxigraph_value(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple | None) -> Any:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        return literal_value(term.value, term.datatype.value)
    return str(term)


def rows_from_oxigraph(solutions: ox.QuerySolutions) -> list[Row]:
    """Oxigraph's solutions as rows."""
    names = [variable.value for variable in solutions.variables]
    return [{name: _oxigraph_value(solution[name]) for name in names} for solution in solutions]


def _json_value(term: Mapping[str, Any] | None) -> Any:
    if term is None:
        return None
    if term["type"] == "uri":
        return term["value"]
    if term["type"] == "bnode":
        return f"_:{term['value']}"
    if term["type"] in {"literal", "typed-literal"}:
        return literal_value(term["value"], term.get("datatype"))
    return term["value"]


def rows_from_json(variables: Sequence[str], bindings: Sequence[Mapping[str, Any]]) -> list[Row]:
    """The rows of a SPARQL 1.1 JSON result (`head.vars`, `results.bindings`)."""
    return [{name: _json_value(binding.get(name)) for name in variables} for binding in bindings]
