"""The checks an endpoint makes on a query read it with the SPARQL grammar, as the engine
reads it: nothing the engine runs (a SERVICE call, thousands of operators, deep nesting) hides
from them behind a comment, a line end, an escape or an operator that looks like an IRI."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import given
from hypothesis import strategies as st

from policygraph.query import canned_queries
from policygraph.query.grammar import QuerySyntaxError, read_query
from policygraph.query.text import declare_prefixes
from policygraph.serve.settings import MAX_OPERATORS, Settings
from policygraph.serve.sparql import refusal

from .listener import Listener

SETTINGS = Settings(store_dir=Path("."))


@pytest.mark.parametrize("name", sorted(canned_queries()))
def test_every_canned_query_is_read(name: str) -> None:
    shape = read_query(declare_prefixes(canned_queries()[name].sparql))
    assert shape.operation == "SELECT" and shape.services == ()


@pytest.mark.parametrize(("query", "operators"), [
    ("SELECT * WHERE { FILTER(?x<3&&?y>2) }", 5),
    ("SELECT * WHERE { FILTER((1<(1+1))>0) }", 5),
    ("SELECT * WHERE { FILTER(((1)<(1+1))>0) }", 5),
    ("SELECT * WHERE { FILTER((STR(?x)<(1+1))>0) }", 5),
    ("SELECT * WHERE { FILTER((<http://f>(?x)<(1+1))>0) }", 5),
    ("SELECT ?s WHERE { ?s <http://p> (1 <http://a>) }", 0),
    ("SELECT ?x WHERE { ?x a ?t } ORDER BY ?x <http://fn>(?t)", 0),
    ("SELECT ?x WHERE { FILTER(?x) <http://s> <http://p> <http://o> }", 1),
])
def test_less_than_and_iris_are_told_apart_as_the_grammar_does(query: str,
                                                                 operators: int) -> None:
    assert read_query(query).operators == operators


def test_operators_behind_what_looks_like_an_iri_are_counted() -> None:
    terms = "+".join(["1"] * 3000)
    refused = refusal(f"SELECT * WHERE {{ FILTER((1<({terms}))>0) }}", SETTINGS)
    assert refused is not None and refused[0] == 400 and "operators" in refused[1]


@pytest.mark.parametrize(("written", "endpoint"), [
    ("<http://127.0.0.1:9/\\u0073parql>", "http://127.0.0.1:9/sparql"),
    ("internal:sparql", "http://127.0.0.1:9/sparql"),
    ("internal:", "http://127.0.0.1:9/"),
    ("?endpoint", None),
])
def test_service_endpoints_are_read_as_the_engine_calls_them(written: str,
                                                             endpoint: str | None) -> None:
    query = (f"PREFIX internal: <http://127.0.0.1:9/> SELECT * WHERE {{ "
             f"SERVICE {written} {{ ?s ?p ?o }} }}")
    assert read_query(query).services == (endpoint,)


@pytest.mark.parametrize("literal", [r'"a\\"', r"'a\\'", r'"""a\\"""', r"'''a\\'''"])
def test_a_literal_ends_where_the_engine_ends_it(literal: str) -> None:
    """An escaped backslash before the closing quote ends the literal: what follows is code."""
    query = f"SELECT * WHERE {{ ?s ?p {literal} SERVICE <http://127.0.0.1:9/> {{ ?s ?p ?o }} }}"
    assert read_query(query).services == ("http://127.0.0.1:9/",)


def test_text_that_is_no_query_names_where_it_stops() -> None:
    with pytest.raises(QuerySyntaxError, match=r"line 2, column 7; expected one of '\{'"):
        read_query("SELECT ?x\nWHERE ?x }")


# ---------------------------------------------------------------- generated queries

@pytest.fixture(scope="module")
def listener() -> Iterator[Listener]:
    listening = Listener()
    yield listening
    listening.socket.close()


_GAPS = st.sampled_from([" ", "\n", "\r", "\r\n", "\t", "\f", "\v", "\u2028", "\u2029",
                         "\u0085", "\u00a0", "\u3000", "\\u000d", "\\u000a"])
_KEYWORDS = st.sampled_from(["SERVICE", "service", "Service", "SERVICE SILENT",
                             "\\u0053ERVICE", "SERVIC\\u0045"])
_TARGETS = st.sampled_from(["<{url}>", "<{escaped}>", "internal:sparql", "?e"])
# Literals before the call, whose escapes decide where they end.
_LITERALS = st.sampled_from(["", r'?s ?p "a\\" ', r"?s ?p 'a\\' ", r'?s ?p """a\\""" ',
                             r"?s ?p 'it\'s' ", r'?s ?p "\u0022" ', r'?s ?p "a\"b" '])
_PLACES = st.sampled_from([
    "{call}",
    "OPTIONAL {{ {call} }}",
    "{{ ?a ?b ?c }} UNION {{ {call} }}",
    "FILTER EXISTS {{ {call} }}",
    "FILTER NOT EXISTS {{ {call} }}",
    "MINUS {{ {call} }}",
    "GRAPH ?g {{ {call} }}",
    "{{ SELECT * WHERE {{ {call} }} }}",
    "BIND(EXISTS {{ {call} }} AS ?x)",
])


@st.composite
def hidden_service_queries(draw: st.DrawFn, port: int) -> str:
    url = f"http://127.0.0.1:{port}/sparql"
    escaped = url.replace("s", "\\u0073", 1)
    keyword = draw(_KEYWORDS)
    target = draw(_TARGETS).format(url=url, escaped=escaped)
    call = f"{draw(_LITERALS)}{keyword}{draw(_GAPS)}{target}{draw(_GAPS)}{{ ?s ?p ?o }}"
    if draw(st.booleans()):
        call = f"#{draw(st.text(max_size=5))}{draw(_GAPS)}{call}"
    place = draw(_PLACES).format(call=call)
    return (f"PREFIX internal: <http://127.0.0.1:{port}/>{draw(_GAPS)}"
            f"SELECT * WHERE {{ VALUES ?e {{ <{url}> }} {place} }}")


@given(data=st.data())
def test_a_query_the_engine_would_call_a_service_for_is_refused(listener: Listener,
                                                                data: st.DataObject) -> None:
    """Whatever hides the SERVICE keyword or its endpoint, if the engine would call the
    service, the endpoint's checks refuse the query; the engine is asked only after them."""
    query = data.draw(hidden_service_queries(listener.port))
    refused = refusal(query, SETTINGS)
    before = listener.connections
    # Not a query, a call that failed, or a SERVICE whose variable the engine leaves unbound.
    with contextlib.suppress(SyntaxError, OSError, RuntimeError):
        list(ox.Store().query(query))
    called = listener.connections > before
    assert refused is not None or not called, query
    if refused is None:
        assert read_query(query).services == ()


_DEEP = st.sampled_from([
    "SELECT ({expr} AS ?x) {{}}",
    "SELECT * WHERE {{ FILTER(({one}<({expr}))>0) }}",
    "SELECT * WHERE {{ BIND(({expr}) AS ?x) }}",
    "SELECT * WHERE {{ FILTER(?x IN ({expr})) }}",
    "ASK {{ FILTER(COALESCE({expr})) }}",
])


@given(form=_DEEP, operator=st.sampled_from(["+", "-", "*", "/", "&&", "||", "<", "="]),
       count=st.integers(min_value=MAX_OPERATORS + 1, max_value=3 * MAX_OPERATORS),
       gap=st.sampled_from(["", " ", "\n", "#c\r"]))
def test_a_long_expression_is_refused_however_it_is_written(form: str, operator: str,
                                                            count: int, gap: str) -> None:
    separator = f"{gap}{operator}{gap}" if gap != "#c\r" else f"{operator}#c\r"
    expr = separator.join(["1"] * (count + 1))
    refused = refusal(form.format(expr=expr, one="1"), SETTINGS)
    assert refused is not None and refused[0] == 400, refused


@given(depth=st.integers(min_value=129, max_value=2000),
       bracket=st.sampled_from(["(", "{ ", "[ ?p "]))
def test_deep_nesting_is_refused_however_it_is_written(depth: int, bracket: str) -> None:
    closing = {"(": ")", "{ ": " }", "[ ?p ": " ]"}[bracket]
    inner = {"(": "1", "{ ": "?s ?p ?o", "[ ?p ": "?o"}[bracket]
    body = bracket * depth + inner + closing * depth
    query = {"(": f"SELECT ({body} AS ?x) {{}}",
             "{ ": f"SELECT * WHERE {{ {body} }}",
             "[ ?p ": f"SELECT * WHERE {{ ?s ?p {body} }}"}[bracket]
    refused = refusal(query, SETTINGS)
    assert refused is not None and refused[0] == 400 and "deep" in refused[1], refused
