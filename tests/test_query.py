"""Canned queries: their headers and typed parameters, and how bad queries are refused."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from policygraph.query import QueryError, canned_queries, canned_query, run_query


@pytest.fixture
def store() -> ox.Store:
    store = ox.Store()
    store.load("""
        @prefix pg: <https://w3id.org/policygraph/ontology#> .
        @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
        @prefix pgf: <https://w3id.org/policygraph/function/> .
        pgf:commerce a pg:AgencyFunction ; skos:prefLabel "商务"@zh ; skos:altLabel "商务局"@zh .
        pgf:finance a pg:AgencyFunction ; skos:prefLabel "财政"@zh ; skos:altLabel "财政局"@zh .
    """, ox.RdfFormat.TURTLE, to_graph=ox.NamedNode("http://example.org/g"))
    return store


def test_every_canned_query_is_described_parses_and_projects_its_parameters(store):
    queries = canned_queries()
    assert {"tasks-led-by-function", "unresolved-agencies", "function-by-name"} <= set(queries)
    for query in queries.values():
        assert query.summary and query.description, query.name
        run_query(store, query.sparql)  # parses and runs, parameters unbound
        projection = query.sparql.split("WHERE", 1)[0]
        for parameter in query.parameters:
            assert f"?{parameter.variable}" in projection, (query.name, parameter.name)


def test_parameters_are_typed_by_naming_convention():
    (function,) = canned_query("tasks-led-by-function").parameters
    assert (function.name, function.type, function.required) == ("function", "iri", True)
    (name,) = canned_query("function-by-name").parameters
    assert (name.name, name.type, name.variable) == ("name", "string", "_name_string")


def test_bound_parameter_selects_and_cannot_inject(store):
    query = canned_query("function-by-name")
    found = run_query(store, query.sparql, query.bind({"name": "财政局"}))
    assert isinstance(found, ox.QuerySolutions)
    assert [row["function"].value for row in found] == [
        "https://w3id.org/policygraph/function/finance"]
    hostile = run_query(store, query.sparql, query.bind({"name": '财政局" || true || "'}))
    assert isinstance(hostile, ox.QuerySolutions) and list(hostile) == []


def test_iri_parameters_accept_prefixed_names():
    query = canned_query("tasks-led-by-function")
    (term,) = query.bind({"function": "pgf:commerce"}).values()
    assert term == ox.NamedNode("https://w3id.org/policygraph/function/commerce")


@pytest.mark.parametrize(("values", "message"), [
    ({}, "missing required parameter"),
    ({"name": "x", "year": "2021"}, "unknown parameter"),
])
def test_bad_parameters_are_refused(values, message):
    with pytest.raises(QueryError, match=message):
        canned_query("function-by-name").bind(values)


def test_unknown_query_lists_the_known_ones():
    with pytest.raises(QueryError, match=r"known: .*tasks-led-by-function"):
        canned_query("nope")


def test_syntax_error_is_a_query_error_with_the_parser_message(store):
    with pytest.raises(QueryError, match="syntax error"):
        run_query(store, "SELECT ?x WHERE { ?x ")


def test_project_prefixes_are_predeclared(store):
    result = run_query(store, "ASK { ?f a pg:AgencyFunction ; skos:altLabel '商务局'@zh }")
    assert bool(result)


@pytest.mark.parametrize(("values", "message"), [
    ({"minimum": "1.5"}, "is not a whole number"),
    ({"function": "development-reform"}, "is not an IRI"),
])
def test_values_are_checked_against_their_type_wherever_they_are_bound(values, message):
    with pytest.raises(QueryError, match=message):
        canned_query("co-responsibility").bind(values)
