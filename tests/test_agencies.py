"""Responsible units read as agencies (jurisdiction + function), collectives or unresolved
units, and the agency-function vocabulary they are read with."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from policygraph.build.agencies import functions, level_forms, resolve_unit
from policygraph.parse.regions import Region, lookup_all
from policygraph.vocab import DCTERMS, PG, PGF, RDF, SKOS

ROOT = Path(__file__).parent.parent
GOLD = sorted((ROOT / "data" / "gold").glob("*.json"))
SLUG = re.compile(r"[a-z]+(?:-[a-z]+)*")


def region(name: str, parent: str | None = None) -> Region:
    """The division called `name` (inside `parent` when the name is shared)."""
    found = [r for r in lookup_all(name)
             if parent is None or any(a.name == parent for a in r.ancestors())]
    assert len(found) == 1, (name, found)
    return found[0]


@pytest.fixture(scope="module")
def vocabulary() -> Graph:
    return Graph().parse(ROOT / "ontology" / "agency-functions.ttl")


def concepts(graph: Graph) -> list[URIRef]:
    return [c for c in graph.subjects(RDF.type, PG.AgencyFunction) if isinstance(c, URIRef)]


# ---------------------------------------------------------------- agencies

@pytest.mark.parametrize(("name", "home", "expected"), [
    ("市发改委", "衢州市", "衢州市"),
    ("市发展改革委", "嘉兴市", "嘉兴市"),
    ("县发改局", "德清县", "德清县"),
    ("省发改委", "湖北省", "湖北省"),
    ("省发展改革委", "浙江省", "浙江省"),
])
def test_one_function_under_many_names(name, home, expected):
    unit = resolve_unit(name, region(home))
    assert (unit.kind, unit.function, unit.region) == (
        "agency", "development-reform", region(expected))


@pytest.mark.parametrize(("name", "historic", "successor"), [
    ("市工商局", "industry-commerce", "market-regulation"),
    ("市质监局", "quality-supervision", "market-regulation"),
    ("市国土资源局", "land-resources", "natural-resources"),
    ("市建委", "construction", "housing-urban-rural"),
    ("市旅游局", "tourism", "culture-tourism"),
    ("市地税局", "local-taxation", "taxation"),
])
def test_old_names_resolve_to_historic_functions(name, historic, successor):
    unit = resolve_unit(name, region("嘉兴市"))
    assert unit.function == historic
    assert functions().replaced_by[historic] == successor


@pytest.mark.parametrize(("name", "chain"), [
    ("市卫生局", ["public-health", "health-family-planning", "health"]),
    ("嘉兴银监分局", ["banking-regulation", "banking-insurance-regulation",
                      "financial-regulation"]),
])
def test_reforms_chain_to_the_function_of_today(name, chain):
    slug = resolve_unit(name, region("嘉兴市")).function
    assert slug == chain[0]
    assert [functions().replaced_by[s] for s in chain[:-1]] == chain[1:]
    assert functions().current(chain[0]) == chain[-1]


@pytest.mark.parametrize(("name", "home", "expected", "function"), [
    ("省商务厅", "德清县", "浙江省", "commerce"),
    ("市委宣传部", "德清县", "湖州市", "party-publicity"),
    ("县政府", "德清县", "德清县", "government"),
    ("市发改局", "义乌市", "义乌市", "development-reform"),  # a county-level city's own
    ("市市场监管局", "衢州市", "衢州市", "market-regulation"),
    ("市场监管局", "德清县", "德清县", "market-regulation"),  # 市 here is not a level
    ("公安局", "德清县", "德清县", "public-security"),  # nor is 公安 the county 公安县
])
def test_level_words_name_the_plans_enclosing_divisions(name, home, expected, function):
    unit = resolve_unit(name, region(home))
    assert (unit.kind, unit.region, unit.function) == ("agency", region(expected), function)


@pytest.mark.parametrize(("name", "home", "expected", "function"), [
    ("人行嘉兴市中心支行", "嘉兴市", "嘉兴市", "peoples-bank"),
    ("人行武汉分行", "湖北省", "武汉市", "peoples-bank"),
    ("人行嘉兴市", "嘉兴市", "嘉兴市", "peoples-bank"),
    ("衢州海关", "衢州市", "衢州市", "customs"),
    ("嘉兴银监分局", "嘉兴市", "嘉兴市", "banking-regulation"),
    ("衢江区", "衢州市", "衢江区", "government"),
    ("南湖区政府", "嘉兴市", "南湖区", "government"),
    ("嘉兴市发展改革委", "浙江省", "嘉兴市", "development-reform"),
    ("浙江省商务厅", "德清县", "浙江省", "commerce"),
    ("湖北省公安厅", "湖北省", "湖北省", "public-security"),
    ("中共嘉兴市委宣传部", "嘉兴市", "嘉兴市", "party-publicity"),
    ("国家税务总局德清县税务局", "德清县", "德清县", "taxation"),
    ("嘉兴市南湖区发改局", "浙江省", "南湖区", "development-reform"),
    ("市经信局(市中小企业局)", "嘉兴市", "嘉兴市", "economy-information"),
])
def test_named_regions(name, home, expected, function):
    unit = resolve_unit(name, region(home))
    assert (unit.kind, unit.region, unit.function) == ("agency", region(expected), function)


def test_shared_region_names_resolve_towards_the_plan():
    nanjing = resolve_unit("鼓楼区政府", region("南京市")).region
    fuzhou = resolve_unit("鼓楼区政府", region("福州市")).region
    assert nanjing == region("鼓楼区", "南京市")
    assert fuzhou == region("鼓楼区", "福州市")


def test_a_district_named_alone_is_its_government_not_the_citys():
    unit = resolve_unit("衢江区", region("衢州市"))
    assert unit.region is not None and unit.region.level == "county"
    assert unit.region.parent == region("衢州市")


def test_without_a_home_the_region_is_unknown_but_the_function_is_not():
    unit = resolve_unit("市发改委", None)
    assert (unit.kind, unit.region, unit.function) == ("agency", None, "development-reform")


# ---------------------------------------------------------------- collectives and the rest

@pytest.mark.parametrize(("name", "home", "expected"), [
    ("各镇(街道)", "德清县", "德清县"),
    ("各县(市、区)政府", "衢州市", "衢州市"),
    ("各县〔市、区〕", "衢州市", "衢州市"),
    ("各市州县人民政府", "湖北省", "湖北省"),
    ("各地", "衢州市", "衢州市"),
    ("各行业主管部门", "衢州市", "衢州市"),
    ("行业主管部门", "德清县", "德清县"),
    ("相关审批职能部门", "嘉兴市", "嘉兴市"),
    ("省服务业工作领导小组相关成员单位", "湖北省", "湖北省"),
    ("市服务业发展领导小组成员单位", "德清县", "湖州市"),
    ("市直有关部门", "嘉兴市", "嘉兴市"),
    ("县发改局", "湖州市", "湖州市"),  # a level below the plan's: every county's
])
def test_collectives(name, home, expected):
    unit = resolve_unit(name, region(home))
    assert (unit.kind, unit.region, unit.function) == ("collective", region(expected), None)


@pytest.mark.parametrize(("name", "home", "expected"), [
    ("高新区管委会", "德清县", "德清县"),
    ("嘉兴经济技术开发区(国际商务区)管委会", "嘉兴市", "嘉兴市"),
    ("嘉城集团", "嘉兴市", "嘉兴市"),
    ("市大花园集团", "德清县", "湖州市"),
    ("“一区一园”专班", "衢州市", "衢州市"),
    ("市现代服务业发展工作领导小组", "衢州市", "衢州市"),
    ("莫干山镇", "德清县", "德清县"),
    ("湘家荡度假区", "嘉兴市", "嘉兴市"),
])
def test_units_of_no_function_stay_unresolved_in_their_jurisdiction(name, home, expected):
    unit = resolve_unit(name, region(home))
    assert (unit.kind, unit.region, unit.function) == ("unresolved", region(expected), None)


def test_gold_units_mostly_resolve_to_a_function():
    """Nine in ten times a gold task names a unit other than a collective, it is an agency of
    a known function; zones' 管委会, companies, 专班 and towns account for the rest."""
    named, unresolved = 0, Counter[str]()
    for path in GOLD:
        record = json.loads(path.read_text("utf-8"))
        (home,) = lookup_all(record["region"])
        for task in record["tasks"]:
            for name in task["agencies"]:
                unit = resolve_unit(name, home)
                assert unit.kind in {"agency", "collective", "unresolved"}
                if unit.kind != "collective":
                    named += 1
                    if unit.kind == "unresolved":
                        unresolved[name] += 1
    assert named > 200
    assert sum(unresolved.values()) <= 0.1 * named, sorted(unresolved)


# ---------------------------------------------------------------- the vocabulary

def test_no_name_belongs_to_two_functions(vocabulary):
    owners: dict[str, set[URIRef]] = {}
    for concept in concepts(vocabulary):
        for predicate in (SKOS.prefLabel, SKOS.altLabel):
            for label in vocabulary.objects(concept, predicate):
                owners.setdefault(str(label), set()).add(concept)
    shared = {name: sorted(owner) for name, owner in owners.items() if len(owner) > 1}
    assert shared == {}


def test_every_function_is_labelled_in_both_languages_and_has_aliases(vocabulary):
    assert len(concepts(vocabulary)) >= 60
    for concept in concepts(vocabulary):
        assert SLUG.fullmatch(str(concept).removeprefix(str(PGF))), concept
        assert (concept, RDF.type, SKOS.Concept) in vocabulary
        assert (concept, SKOS.inScheme, URIRef(str(PGF))) in vocabulary
        languages = sorted(label.language for label in vocabulary.objects(concept,
                                                                           SKOS.prefLabel))
        assert languages == ["en", "zh"], concept
        assert any(True for _ in vocabulary.objects(concept, SKOS.altLabel)), concept


def test_replaced_functions_say_when_and_are_replaced_both_ways(vocabulary):
    replaced = list(vocabulary.subject_objects(DCTERMS.isReplacedBy))
    assert len(replaced) >= 15
    for old, new in replaced:
        assert (new, DCTERMS.replaces, old) in vocabulary
        assert vocabulary.value(old, SKOS.historyNote) is not None, old
    for new, old in vocabulary.subject_objects(DCTERMS.replaces):
        assert (old, DCTERMS.isReplacedBy, new) in vocabulary


def test_the_loaded_vocabulary_matches_the_file(vocabulary):
    loaded = functions()
    assert set(loaded.labels) == {str(c).removeprefix(str(PGF)) for c in concepts(vocabulary)}
    assert loaded.labels["development-reform"] == "发展和改革"
    assert loaded.alias_to_slug["发改委"] == loaded.alias_to_slug["发展改革委"] == \
        "development-reform"


@pytest.mark.parametrize(("name", "forms"), [
    ("市发改委", ["市发改委", "发改委"]),
    ("自治区商务厅", ["自治区商务厅", "商务厅"]),
    ("发展和改革", ["发展和改革"]),
    ("市", ["市"]),
])
def test_level_forms_strip_one_level_word(name, forms):
    assert level_forms(name) == forms
