"""Targets' indicators as concepts of the indicator vocabulary, whatever the wording, and the
hand-made mappings of real plans' targets that measure it."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from policygraph.build.indicators import indicator_concept
from policygraph.build.measures import normalized
from policygraph.cli import main
from policygraph.client import open as open_graph
from policygraph.vocab import PGI

DATA = Path(__file__).parent.parent / "data"
# The share of targets read as their gold concept (README, "Indicators"): a floor under each
# split's figure.
FLOORS = {DATA / "gold" / "indicators.tsv": 0.88,
          DATA / "dev" / "develop" / "gold" / "indicators.tsv": 0.76,
          DATA / "dev" / "fresh" / "gold" / "indicators.tsv": 0.41}


@pytest.mark.parametrize(("wording", "unit", "concept"), [
    ("全市地区生产总值增长", "%", "gdp-growth"),
    ("GDP增速", "%", "gdp-growth"),
    ("地區生產總值增長", "%", "gdp-growth"),
    ("张家港地区生产总值增幅", "%", "gdp-growth"),
    ("2025年全省森林覆盖率", "%", "forest-coverage"),
    ("社会消费品零售总额", "亿元", "retail-sales"),
    ("社会消费品零售总额比上年增长", "%", "retail-sales-growth"),
    ("规上工业增加值增长", "%", "above-scale-industrial-value-added-growth"),
    ("规模以上工业增加值", "亿元", "above-scale-industrial-value-added"),
    ("服务业增加值占GDP比重", "%", "services-share-of-gdp"),
    ("城镇新增就业", "万人", "new-urban-jobs"),
    ("完成投资", "亿元", "project-investment"),
])
def test_a_wording_reads_as_the_concept_of_the_quantity_it_names(wording, unit, concept):
    """The area, the year, the baseline and the script are not the quantity; the unit tells a
    growth from a level."""
    found = indicator_concept(wording, unit)
    assert found is not None and found.iri == str(PGI[concept])


def test_a_wording_no_concept_names_reads_as_none():
    assert indicator_concept("吉祥物设计", "个") is None


def test_a_magnitude_alone_takes_the_base_unit_its_concepts_values_are_in():
    """`网络零售额突破2万亿`: 万亿 alone is 元 once the concept says it measures currency."""
    concept = indicator_concept("网络零售额", "万亿")
    assert concept is not None and concept.dimension == "currency"
    measure = normalized(2, "万亿", concept.dimension)
    assert measure is not None and (measure.value, measure.unit) == (Decimal(2 * 10**12), "元")


def test_the_graph_links_each_target_to_its_concept(corpus_store):
    """The built-in 浙江 plan's `网络零售额、跨境网络零售额分别增长10%、30%以上`: two targets,
    each of its own concept."""
    rows = open_graph(corpus_store).sparql(
        "SELECT ?wording ?value ?concept WHERE { ?t pg:indicator/skos:prefLabel ?wording ; "
        "pg:value ?value ; pg:indicatorConcept ?concept FILTER(CONTAINS(?wording, '网络零售额')"
        " && ?value >= 10) } ORDER BY ?value")
    assert [(row["wording"], row["value"], row["concept"]) for row in rows] == [
        ("网络零售额增长", 10, str(PGI["online-retail-sales-growth"])),
        ("跨境网络零售额增长", 30, str(PGI["cross-border-online-retail-growth"]))]


@pytest.mark.parametrize("mapping", sorted(FLOORS))
def test_the_hand_made_mappings_are_read_at_their_floors(mapping, capsys):
    status = main(["evaluate-indicators", str(mapping), "--min-accuracy", str(FLOORS[mapping])])
    assert status == 0, capsys.readouterr().out
