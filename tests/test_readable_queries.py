"""Canned queries as a reader would write them: the values in place, no guards, no
parameter variables, no comments about engines, and the same answer."""

from __future__ import annotations

from collections import Counter

import pytest

from policygraph.client import open as open_graph
from policygraph.query import canned_queries
from policygraph.query.readable import readable
from policygraph.query.text import lexemes

from .examples import example_calls


@pytest.mark.parametrize(("name", "values"), list(example_calls()))
def test_a_readable_query_asks_what_the_canned_query_asks(corpus_store, name, values):
    query = canned_queries()[name]
    text = readable(query, values)
    assert "COALESCE(sameTerm" not in text
    assert not any(kind == "var" and word[1:] in {p.variable for p in query.parameters}
                   for kind, word in lexemes(text))
    assert [kind for kind, _ in lexemes(text)].count("comment") == 1  # its summary
    graph = open_graph(corpus_store)
    canned = graph.canned(name, **values)
    written = graph.sparql(text)
    assert Counter(map(_row, written)) == Counter(map(_row, canned))


def test_a_given_value_stands_where_its_parameter_stood():
    text = readable(canned_queries()["targets"], {"concept": "pgi:gdp-growth", "year": "2021"})
    assert "EXISTS { ?target pg:indicatorConcept pgi:gdp-growth }" in text
    assert "= 2021)" in text and "?__" not in text


def _row(row: dict[str, object]) -> tuple[tuple[str, str], ...]:
    return tuple(sorted((key, str(value)) for key, value in row.items()))
