"""Targets' figures in base units: the same amount written in any magnitude compares."""

from __future__ import annotations

from decimal import Decimal

import pyoxigraph as ox
import pytest

from policygraph.build.measures import normalized
from policygraph.store import GraphStore


@pytest.mark.parametrize(("value", "unit", "expected"), [
    (5000, "万元", ("50000000", "元")),
    (0.5, "亿元", ("50000000", "元")),
    (1.2, "万亿元", ("1200000000000", "元")),
    (12, "萬畝", ("120000", "亩")),
    (2, "万公顷", ("300000", "亩")),
    (3.5, "万平方米", ("35000", "平方米")),
    (9, "‰", ("0.9", "%")),
    (9, "%", ("9", "%")),
    (3, "个百分点", ("3", "百分点")),
    (20, "万标箱", ("200000", "标箱")),
    (600, "亿斤", ("30000000", "吨")),
    (2.5, "万人次", ("25000", "人次")),
    (800, "名", ("800", "人")),
    (12, "所", ("12", "个")),
    (45, "微克/立方米", ("45", "微克/立方米")),
])
def test_a_unit_as_written_reads_as_its_base(value, unit, expected):
    measure = normalized(value, unit)
    assert measure is not None
    assert (str(measure.value), measure.unit) == expected
    assert measure.value == Decimal(expected[0])


@pytest.mark.parametrize("unit", ["万", "亿", "倍", "分", "Gbps", ""])
def test_a_unit_the_table_does_not_know_gets_no_normalised_value(unit):
    assert normalized(3, unit) is None


def test_the_graph_gives_a_targets_figure_in_its_base_unit(corpus_store):
    """`技术合同成交总额达800亿元` (the built-in 浙江 plan): 800 as written, in 亿元, and
    80000000000 元 normalised; a unit no table knows has no normalised value."""
    store = ox.Store.read_only(str(GraphStore(corpus_store).current / "oxigraph"))
    rows = list(store.query(
        "PREFIX pg: <https://w3id.org/policygraph/ontology#> "
        "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
        "SELECT ?value ?unit ?normalized ?base WHERE { GRAPH ?g { ?t pg:indicator ?i ; "
        "pg:value ?value ; pg:unit ?unit . OPTIONAL { ?t pg:normalizedValue ?normalized ; "
        "pg:normalizedUnit ?base } } GRAPH ?e { ?i skos:prefLabel '技术合同成交总额'@zh } }"))
    assert [(row["value"].value, row["unit"].value, Decimal(row["normalized"].value),
             row["base"].value) for row in rows] == [("800", "亿元", Decimal(80_000_000_000), "元")]
