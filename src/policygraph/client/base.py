"""What every client offers, wherever the graph is: SPARQL, canned queries and DataFrames.

A client subclass only runs queries; this base turns each canned query into a method (its
`.rq` name with `-` → `_`, its parameters as keyword arguments), so a query file added to the
package is a method of every client without any code, and `dir(client)` and `help()` show it.
"""

from __future__ import annotations

import importlib
import inspect
import keyword
from abc import ABC, abstractmethod
from collections.abc import Iterable
from functools import cache
from types import ModuleType
from typing import Any

import pyoxigraph as ox
import rdflib

from ..query import (
    CannedQuery,
    Parameter,
    QueryError,
    Substitutions,
    canned_queries,
    canned_query,
    own_columns,
)
from ..query.text import query_form
from .frames import typed_frame
from .rows import Row

__all__ = ["CannedMethod", "Client"]

_PANDAS_MISSING = ("to_dataframe() needs pandas, which is not installed: "
                   "pip install pandas (or pip install 'policygraph[notebook]')")
_KINDS = {"iri": "an IRI, full or prefixed like pgf:commerce", "string": "a string",
          "integer": "an integer", "decimal": "a decimal number", "boolean": "a boolean",
          "date": "a date: datetime.date or YYYY-MM-DD"}


class Client(ABC):
    """A policygraph to query: SPARQL 1.1 with the project's prefixes predeclared, and one
    method per canned query (`client.tasks_led_by_function(function="pgf:commerce")`).

    SELECT results are rows: dicts from each projected variable to a plain Python value
    (see `policygraph.client.rows`), None where the variable is unbound.
    """

    @abstractmethod
    def _select(self, sparql: str, substitutions: Substitutions) -> list[Row]:
        """Run a SELECT query with its parameters bound to the given terms."""

    @abstractmethod
    def _ask(self, sparql: str) -> bool:
        """Run an ASK query."""

    @abstractmethod
    def _graph(self, sparql: str) -> rdflib.Graph:
        """Run a CONSTRUCT or DESCRIBE query."""

    def sparql(self, query: str) -> list[Row]:
        """Run a SELECT query.

        Args:
            query: SPARQL 1.1 SELECT; the prefixes pg:, pgf:, skos:, dcterms: … need no
                PREFIX line.

        Returns:
            One dict per solution, from variable name to a Python value: IRIs as str, numbers
            as int, Decimal or float, xsd:boolean as bool, xsd:date as datetime.date,
            xsd:gYear as int, strings as str, and None for an unbound variable.

        Raises:
            QueryError: for a syntax error, or a query that is not a SELECT.
        """
        _expect(query, ("SELECT",), "sparql")
        return self._select(query, {})

    def ask(self, query: str) -> bool:
        """Run an ASK query.

        Raises:
            QueryError: for a syntax error, or a query that is not an ASK.
        """
        _expect(query, ("ASK",), "ask")
        return self._ask(query)

    def construct(self, query: str) -> rdflib.Graph:
        """Run a CONSTRUCT (or DESCRIBE) query; the graph has the project's prefixes bound.

        Raises:
            QueryError: for a syntax error, or a query that does not make a graph.
        """
        _expect(query, ("CONSTRUCT", "DESCRIBE"), "construct")
        return self._graph(query)

    def canned(self, name: str, /, **values: Any) -> list[Row]:
        """Run the canned query `name` (a `.rq` file of `policygraph.query`).

        Each value is checked against its parameter's type and bound as an RDF term; a value
        of None leaves an optional parameter unbound.

        Args:
            name: the query's name, `tasks-led-by-function`.
            **values: its parameters: str, int, Decimal, float, bool or datetime.date.

        Raises:
            QueryError: for an unknown query, a missing or unknown parameter or a value that
                is not of its parameter's type.
        """
        query = canned_query(name)
        lexical = {key: _lexical(value) for key, value in values.items() if value is not None}
        rows = self._select(query.sparql, query.bind(lexical))
        columns = own_columns(list(rows[0])) if rows else []
        return [{column: row[column] for column in columns} for row in rows]

    def to_dataframe(self, rows: str | Iterable[Row]) -> Any:
        """Rows, or the rows of a SELECT query, as a pandas DataFrame (pandas is optional:
        `pip install 'policygraph[notebook]'`).

        Args:
            rows: a SELECT query, or rows from `sparql()` or a canned-query method.

        Returns:
            A pandas.DataFrame with a column per variable (none when there are no rows), typed
            for analysis: a column of numbers is numeric (decimals as float64, integers as
            Int64, which keeps unbound values as <NA>) and a column of dates is datetime64.

        Raises:
            ImportError: when pandas is not installed, saying how to install it.
        """
        pandas = _pandas()
        records = self.sparql(rows) if isinstance(rows, str) else list(rows)
        return typed_frame(pandas, records)

    def __getattr__(self, name: str) -> CannedMethod:
        """The canned query whose method name this is; only names no attribute has get here."""
        query = _methods().get(name)
        if query is None:
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
        return CannedMethod(self, query)

    def __dir__(self) -> list[str]:
        return sorted({*super().__dir__(), *_methods()})


class CannedMethod:
    """A canned query as a client method: keyword arguments are its parameters, required ones
    required, so a call without one fails as a Python call does, naming it."""

    def __init__(self, client: Client, query: CannedQuery) -> None:
        self._client = client
        self._query = query
        self._names = {_argument(parameter.name): parameter.name
                       for parameter in query.parameters}
        self.__name__ = method_name(query.name)
        self.__doc__ = _docstring(query)
        self.__signature__ = inspect.Signature([
            inspect.Parameter(_argument(parameter.name), inspect.Parameter.KEYWORD_ONLY,
                              **({} if parameter.required else {"default": None}))
            for parameter in query.parameters])

    def __call__(self, **values: Any) -> list[Row]:
        try:
            bound = self.__signature__.bind(**values)
        except TypeError as error:
            raise TypeError(f"{self.__name__}(): {error}") from None
        return self._client.canned(self._query.name, **{
            self._names[name]: value for name, value in bound.arguments.items()})

    def __repr__(self) -> str:
        return f"<canned query {self._query.name}{self.__signature__}>"


def method_name(query_name: str) -> str:
    """The client method of a canned query: its name with `-` → `_`."""
    return query_name.replace("-", "_")


@cache
def _methods() -> dict[str, CannedQuery]:
    return {method_name(name): query for name, query in canned_queries().items()
            if method_name(name).isidentifier()}


def _argument(parameter: str) -> str:
    """A parameter as a keyword argument; a Python keyword gets a trailing `_` (`from_`)."""
    return parameter + "_" if keyword.iskeyword(parameter) else parameter


def _docstring(query: CannedQuery) -> str:
    lines = [query.summary or query.name, ""]
    if query.description:
        lines += [query.description, ""]
    lines.append(f"Runs the canned query `{query.name}`; returns rows as `sparql()` does.")
    if query.parameters:
        lines += ["", "Args:", *(f"    {_argument(p.name)}: {_about(p)}" for p in query.parameters)]
    return "\n".join(lines)


def _about(parameter: Parameter) -> str:
    """A parameter's line in a method's docstring: its meaning, then its type and values."""
    kind = _KINDS.get(parameter.type, f"a {parameter.type}") \
        + ("" if parameter.required else ", optional")
    if parameter.choices:
        kind += f", one of {', '.join(parameter.choices)}"
    if parameter.example is not None:
        kind += f", e.g. {parameter.example}"
    return f"{parameter.description} ({kind})." if parameter.description else kind + "."


def _lexical(value: Any) -> str:
    """A Python value as the lexical form a canned-query parameter is checked against
    (`str()` is that form for numbers and dates, not for booleans and Oxigraph terms)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, ox.NamedNode | ox.Literal):
        return value.value
    return str(value)


def _expect(query: str, forms: tuple[str, ...], method: str) -> None:
    """Refuse a query of another form before running it, saying which method runs it; text
    whose form is unclear goes to the store or endpoint, which says what is wrong with it."""
    form = query_form(query)
    if form is None or form in forms:
        return
    runner = {"SELECT": "sparql", "ASK": "ask"}.get(form, "construct")
    raise QueryError(f"{method}() runs {' or '.join(forms)} queries; this is a {form} query: "
                     f"use {runner}()")


def _pandas() -> ModuleType:
    try:
        return importlib.import_module("pandas")
    except ImportError as error:
        raise ImportError(_PANDAS_MISSING) from error


