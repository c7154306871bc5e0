"""Canned-query parameters carrying query syntax stay values: the query's algebra with a hostile
value bound is the algebra with a harmless one, values invalid for their type are refused with
422, and the live API answers them without error and without widening its answer."""

from __future__ import annotations

from typing import Any

import httpx
import pyoxigraph as ox
import pytest
from rdflib import Variable
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.parserutils import CompValue

from policygraph.query import QueryError, canned_queries
from policygraph.query.text import bind_values
from policygraph.vocab import PREFIXES

from .live import LiveServer

HOSTILE = [
    '" } UNION { ?s ?p ?o } #',
    "' } UNION { ?s ?p ?o } #",
    '"""\n} ; DROP ALL ; SELECT * { #',
    "> } <urn:x> ?p ?o",
    "}}}} LIMIT 1",
    "line one\nline two\r\n# a comment\n",
    "# only a comment",
    "SELECT * WHERE { ?s ?p ?o }",
    "FILTER(true) OPTIONAL",
    "\\\" \\u0022 \\n",
    "发改委\" . ?x ?y ?z . FILTER(\"",
    "x" * 100_000,
]
HARMLESS = "harmless"  # a value that is only a value
STRING_PARAMETERS = [(query.name, parameter.name)
                     for query in canned_queries().values()
                     for parameter in query.parameters if parameter.type == "string"
                     and not parameter.choices]


def _shape(node: Any, variable: str) -> Any:
    """The algebra as nested tuples, with the term bound to `variable` by VALUES written as a
    placeholder: what is left is the query's structure."""
    if isinstance(node, CompValue):
        return (node.name, tuple((key, _shape(item, variable)) for key, item in node.items()))
    if isinstance(node, dict):
        return tuple(sorted((repr(key), "VALUE" if key == Variable(variable)
                             else _shape(item, variable)) for key, item in node.items()))
    if isinstance(node, list | tuple):
        return tuple(_shape(item, variable) for item in node)
    if isinstance(node, set | frozenset):
        return tuple(sorted(repr(_shape(item, variable)) for item in node))
    return repr(node)


def _algebra(query_name: str, values: dict[str, str], parameter: str) -> Any:
    query = canned_queries()[query_name]
    bound = bind_values(query.sparql, query.bind(values))
    variable = next(p.variable for p in query.parameters if p.name == parameter)
    return _shape(prepareQuery(bound, initNs=PREFIXES).algebra, variable)


@pytest.mark.parametrize(("query_name", "parameter"), STRING_PARAMETERS)
def test_a_hostile_string_leaves_the_algebra_of_the_query_unchanged(query_name: str,
                                                                    parameter: str) -> None:
    required = {p.name: "x" for p in canned_queries()[query_name].parameters
                if p.required and p.name != parameter}
    harmless = _algebra(query_name, {**required, parameter: HARMLESS}, parameter)
    for value in HOSTILE:
        assert _algebra(query_name, {**required, parameter: value}, parameter) == harmless, value


@pytest.mark.parametrize("value", HOSTILE)
def test_a_hostile_string_is_bound_as_exactly_that_string(value: str) -> None:
    query = canned_queries()["search-tasks"]
    variable = query.parameters[0].variable
    bound = bind_values(f"SELECT ?{variable} WHERE {{ }}", query.bind({"q": value}))
    rows = list(ox.Store().query(bound))
    assert [row[variable].value for row in rows] == [value]


@pytest.mark.parametrize("value", [
    "http://example.org/a b", "http://example.org/a>", "http://example.org/}", "<urn:x>",
    "urn:x> } ; DROP ALL ; SELECT * { <urn:y", "pgf:commerce> ?p ?o", "javascript:\n1",
])
def test_an_iri_that_is_not_one_is_refused(value: str) -> None:
    with pytest.raises(QueryError, match="function"):
        canned_queries()["tasks-by-function"].bind({"function": value})


@pytest.mark.parametrize("value", ["1 } UNION { ?s ?p ?o", "2021.5", "1e3", "", " 2021",
                                   "2021 # x", "二〇二一", "２０２１"])
def test_a_number_that_is_not_one_is_refused(value: str) -> None:
    with pytest.raises(QueryError, match="year"):
        canned_queries()["documents"].bind({"year": value})


def test_invalid_unicode_is_refused() -> None:
    with pytest.raises(QueryError, match="q"):
        canned_queries()["search-tasks"].bind({"q": "物流\ud800"})


# ---------------------------------------------------------------- over HTTP

@pytest.mark.parametrize("value", [*HOSTILE[:-1], "x" * 30_000])  # httpx sends URLs to 64 KB
@pytest.mark.parametrize(("route", "parameter"), [
    ("/api/queries/search-tasks", "q"), ("/api/queries/tasks", "region"),
    ("/api/tasks", "agency"), ("/api/queries/targets", "indicator"),
])
def test_hostile_strings_find_nothing_over_http(server: LiveServer, route: str, parameter: str,
                                                value: str) -> None:
    response = httpx.get(f"{server.url}{route}", params={parameter: value}, timeout=30)
    assert response.status_code == 200, response.text
    assert response.json()["total"] == 0


@pytest.mark.parametrize(("route", "query"), [
    ("/api/queries/tasks-by-function", "function=http://example.org/a%20b"),
    ("/api/queries/tasks-by-function", "function=urn:x%3E%20%7D%20%3B%20DROP%20ALL"),
    ("/api/queries/documents", "year=2021%20%7D%20UNION%20%7B"),
    ("/api/queries/co-responsibility", "minimum=1e9"),
    ("/api/task", "iri=%3Curn:x%3E"),
])
def test_values_invalid_for_their_type_are_422_over_http(server: LiveServer, route: str,
                                                         query: str) -> None:
    response = httpx.get(f"{server.url}{route}?{query}", timeout=30)
    assert response.status_code == 422, response.text
    assert response.json()["detail"]


@pytest.mark.parametrize("raw", ["%FF%FE", "%ED%A0%80", "%C0%AF", "%E7%89", "%00"])
def test_undecodable_bytes_are_answered_not_failed(server: LiveServer, raw: str) -> None:
    response = httpx.get(f"{server.url}/api/queries/search-tasks?q=x{raw}", timeout=30)
    assert response.status_code in {200, 422}, response.text
