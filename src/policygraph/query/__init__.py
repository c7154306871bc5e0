"""SPARQL over the store: ad-hoc queries and canned queries with typed parameters.

`run_query(store, sparql, parameters)` is the stage's entry point. Canned queries are `.rq`
files in `queries/`, following grlc's conventions: a header of `#+ summary:`,
`#+ description:` and `#+ tags:` lines, and parameters named by convention — `?_name` is
required, `?__name` optional, and a suffix gives the type (`?_function_iri`,
`?_year_integer`, `?_name_string`; no suffix means a string). A value is checked against
its type, made into an RDF term and bound to its variable by a `VALUES` block whose term
Oxigraph writes (`query.text.bind_values`), never pasted into the query text as given, so no
value can change a query's structure. A canned query lists its parameters in its SELECT
clause, so that every engine sees them bound where they are in scope.

Beyond grlc's keys, the header may give `#+ pagination: N` (rows per page of the REST API),
`#+ summary@zh:` and `#+ description@zh:` (for the web interface's Chinese pages) and, as lists
of `- name: value` items, `#+ parameters:` (what a parameter means; `#+ parameters@zh:` in
Chinese),
`#+ examples:` (a value to show in the API documentation) and `#+ choices:` (the values a
parameter takes, comma-separated), so that the REST API describes each query from its file.

An optional parameter that is not given must not filter anything, and the test must hold
however a value is bound (Oxigraph's substitution leaves `BOUND(?__name)` false even for a
substituted variable), so a canned query tests whether one was given with
`COALESCE(sameTerm(?__name, ?__name), false)` instead (an unbound variable makes `sameTerm`
an error, which COALESCE turns into false).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from typing import Literal as TypingLiteral

import pyoxigraph as ox

from ..vocab import PREFIXES
from .errors import QueryError, Substitutions
from .text import bind_values, declares_dataset

ParameterType = TypingLiteral["iri", "string", "integer", "decimal", "boolean", "date"]

_PARAMETER = re.compile(r"\?(__?)([A-Za-z][A-Za-z0-9]*?)(?:_(iri|string|integer|decimal|boolean"
                        r"|date))?\b")
_DATATYPES = {"integer": "integer", "decimal": "decimal", "boolean": "boolean", "date": "date"}
_XSD = PREFIXES["xsd"]

__all__ = ["INTEGER", "CannedQuery", "Parameter", "QueryError", "Substitutions", "canned_queries",
           "canned_query", "check_value", "load_queries", "own_columns", "page_queries",
           "run_query"]


@dataclass(frozen=True)
class Parameter:
    """A typed parameter of a canned query."""

    name: str
    type: ParameterType
    required: bool
    variable: str
    description: str = ""
    example: str | None = None
    choices: tuple[str, ...] = ()  # the values it may take; empty: any value of its type
    description_zh: str = ""  # the description in Chinese (`#+ parameters@zh:`)

    def described(self, language: str) -> str:
        """What the parameter means, in `language` where the query says it (else English)."""
        return self.description_zh if language == "zh" and self.description_zh \
            else self.description


@dataclass(frozen=True)
class CannedQuery:
    """A stored SPARQL query with its description and parameters."""

    name: str
    summary: str
    description: str
    tags: tuple[str, ...]
    sparql: str
    parameters: tuple[Parameter, ...]
    pagination: int | None = None  # rows per page when served as a list; None: not stated
    summary_zh: str = ""  # the summary and description in Chinese (`#+ summary@zh:` …)
    description_zh: str = ""

    def about(self, language: str) -> tuple[str, str]:
        """The summary and description in `language` where the query gives them (else
        English), for pages in that language."""
        if language == "zh" and self.summary_zh:
            return self.summary_zh, self.description_zh or self.description
        return self.summary, self.description

    def bind(self, values: dict[str, str]) -> Substitutions:
        """Typed terms for the given parameter values; refuses missing and unknown ones."""
        known = {parameter.name: parameter for parameter in self.parameters}
        unknown = sorted(set(values) - set(known))
        if unknown:
            raise QueryError(f"{self.name}: unknown parameter(s) {', '.join(unknown)}; "
                             f"expected {', '.join(known) or 'none'}")
        missing = [p.name for p in self.parameters if p.required and p.name not in values]
        if missing:
            raise QueryError(f"{self.name}: missing required parameter(s) {', '.join(missing)}")
        return {ox.Variable(known[name].variable): _term(known[name], value)
                for name, value in values.items()}


def own_columns(variables: list[str]) -> list[str]:
    """A canned query's result columns without its parameter variables (`?_name`, `?__name`):
    it projects them only so that every engine sees them bound, and they echo the request."""
    return [name for name in variables if not name.startswith("_")]


# ASCII digits only: a full-width ２０２１ would make an xsd:integer of an invalid lexical form.
INTEGER = re.compile(r"[+-]?[0-9]+")
_DECIMAL = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")


def check_value(parameter: Parameter, value: str) -> None:
    """Refuse a value that is not of the parameter's type or not one of its choices, naming
    both: a malformed number is an error, never a query that quietly finds nothing."""
    problem = None
    if parameter.choices and value not in parameter.choices:
        problem = f"is not one of {', '.join(parameter.choices)}"
    elif parameter.type == "integer" and not INTEGER.fullmatch(value):
        problem = "is not a whole number"
    elif parameter.type == "decimal" and not _DECIMAL.fullmatch(value):
        problem = "is not a number"
    elif parameter.type == "boolean" and value not in {"true", "false"}:
        problem = "is not true or false"
    elif parameter.type == "iri" and not _SCHEME.match(value):
        problem = "is not an IRI (it needs a scheme such as http: or a prefix such as pgf:)"
    elif parameter.type == "date":
        try:
            date.fromisoformat(value)
        except ValueError:
            problem = "is not a date (YYYY-MM-DD)"
    if problem:
        raise QueryError(f"parameter {parameter.name!r}: {value!r} {problem}")


def _term(parameter: Parameter, value: str) -> ox.NamedNode | ox.Literal:
    check_value(parameter, value)
    try:
        if parameter.type == "iri":
            return ox.NamedNode(_expand(value))
        if parameter.type == "string":
            return ox.Literal(value)
        return ox.Literal(value, datatype=ox.NamedNode(_XSD + _DATATYPES[parameter.type]))
    except ValueError as error:
        raise QueryError(f"parameter {parameter.name}: {value!r} is not a valid "
                         f"{parameter.type} ({error})") from None


def _expand(value: str) -> str:
    """A prefixed name (pgf:commerce) as a full IRI; full IRIs pass through."""
    prefix, sep, local = value.partition(":")
    if sep and prefix in PREFIXES and not local.startswith("//"):
        return PREFIXES[prefix] + local
    return value


def _parse(name: str, text: str) -> CannedQuery:
    header: dict[str, list[str]] = {}
    key = ""
    for line in text.splitlines():
        if not line.startswith("#+"):
            continue
        body = line[2:].strip()
        if body.startswith("- ") and key:
            header[key].append(body[2:].strip())
        else:
            key, _, value = body.partition(":")
            header[key] = [value.strip()] if value.strip() else []
    variables = {}
    for match in _PARAMETER.finditer(text):
        marker, bare, kind = match.groups()
        variables[bare] = (kind or "string", marker == "_", match[0][1:])
    about = {key: _pairs(name, key, header.get(key, []), set(variables))
             for key in ("parameters", "parameters@zh", "examples", "choices")}
    parameters = tuple(
        Parameter(name=bare, type=kind, required=required,  # type: ignore[arg-type]
                  variable=variable, description=about["parameters"].get(bare, ""),
                  description_zh=about["parameters@zh"].get(bare, ""),
                  example=about["examples"].get(bare),
                  choices=tuple(choice.strip()
                                for choice in about["choices"].get(bare, "").split(",")
                                if choice.strip()))
        for bare, (kind, required, variable) in variables.items())
    return CannedQuery(name=name, summary=" ".join(header.get("summary", [])),
                       description=" ".join(header.get("description", [])),
                       tags=tuple(header.get("tags", [])), sparql=text,
                       parameters=parameters, pagination=_pagination(name, header),
                       summary_zh=" ".join(header.get("summary@zh", [])),
                       description_zh=" ".join(header.get("description@zh", [])))


def _pairs(query: str, key: str, items: list[str], names: set[str]) -> dict[str, str]:
    """The `- name: value` items of a header key, by parameter name; a name the query does not
    have is refused, so a misspelt header cannot silently describe nothing."""
    pairs = {}
    for item in items:
        bare, sep, value = item.partition(":")
        if not sep or bare.strip() not in names:
            raise QueryError(f"{query}: #+ {key}: {item!r} does not name a parameter "
                             f"({', '.join(sorted(names)) or 'none'})")
        pairs[bare.strip()] = value.strip()
    return pairs


def _pagination(query: str, header: dict[str, list[str]]) -> int | None:
    values = header.get("pagination", [])
    if not values:
        return None
    if not values[0].isdigit() or int(values[0]) < 1:
        raise QueryError(f"{query}: #+ pagination: {values[0]!r} is not a positive number")
    return int(values[0])


@cache
def canned_queries() -> dict[str, CannedQuery]:
    """Every canned query, by name (its file name without `.rq`)."""
    return load_queries(__name__)


@cache
def page_queries() -> dict[str, CannedQuery]:
    """The queries of the web pages (`pages/queries/*.rq`), with the canned queries."""
    return {**canned_queries(), **load_queries(__name__ + ".pages")}


def load_queries(package: str) -> dict[str, CannedQuery]:
    """The `.rq` files of a package's `queries/` folder, by name, read with the conventions of
    the canned queries: other parts of the service keep their SPARQL in files of their own."""
    folder = resources.files(package).joinpath("queries")
    return {entry.name.removesuffix(".rq"): _parse(entry.name.removesuffix(".rq"),
                                                   entry.read_text("utf-8"))
            for entry in sorted(folder.iterdir(), key=lambda e: e.name)
            if entry.name.endswith(".rq")}


def canned_query(name: str) -> CannedQuery:
    """The canned query of this name; QueryError lists the known ones otherwise."""
    queries = canned_queries()
    if name not in queries:
        raise QueryError(f"no canned query {name!r}; known: {', '.join(queries)}")
    return queries[name]


def run_query(store: ox.Store, sparql: str, substitutions: Substitutions | None = None,
              ) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
    """Run a SPARQL query over all of the store's graphs (the default graph is their union,
    unless the query names its own dataset with FROM).

    The project's prefixes are predeclared, so `pg:Task` works without a PREFIX line.
    """
    try:
        bound = bind_values(sparql, substitutions) if substitutions else sparql
        return store.query(bound, use_default_graph_as_union=not declares_dataset(sparql),
                           prefixes=PREFIXES)
    except SyntaxError as error:
        raise QueryError(f"SPARQL syntax error: {error}") from None
