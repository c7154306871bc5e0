"""Each SHACL shape fires on data broken in the way it guards against, and only then."""

from __future__ import annotations

from pathlib import Path

import pyshacl
import pytest
from rdflib import Graph

from policygraph.build import DEFAULT_BASE, build_dataset, data_graph, vocabulary
from policygraph.parse import extract
from policygraph.validate import validate
from policygraph.vocab import SH

SHAPES = Path(__file__).parent.parent / "shapes" / "policygraph-shapes.ttl"

PLAN = """浙江省德清县人民政府办公室关于印发2021年德清县服务业发展工作要点的通知
为贯彻落实《湖州市服务业高质量发展行动方案》,现将本要点印发给你们。
德清县人民政府办公室
2021年4月7日
2021年德清县服务业发展工作要点
一、主要目标
全县服务业增加值增长9%以上。
二、重点任务
(一)做强现代物流。加快嘉兴现代物流园建设,引进物流企业1—2家。(责任单位:县发改局、县商务局、各镇(街道))
(二)做优商贸服务。推进凤栖湖商业综合体等项目建设。(责任单位:县高新区管委会)
三、保障措施
(一)加强组织领导。(责任单位:县发改局)
"""

PREFIXES = """
PREFIX pg: <https://w3id.org/policygraph/ontology#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
"""


@pytest.fixture(scope="module")
def valid(tmp_path_factory: pytest.TempPathFactory) -> Graph:
    path = tmp_path_factory.mktemp("plan") / "plan.txt"
    path.write_text(PLAN, encoding="utf-8")
    return data_graph(build_dataset([extract(path)]), DEFAULT_BASE)


def test_built_data_conforms(valid):
    report = validate(valid, vocabulary())
    assert report.conforms, report.text()


# (shape that must fire, the breakage as a SPARQL update)
BREAKAGES = [
    ("PolicyDocumentShape", "INSERT { ?d pg:jurisdiction <http://example.org/elsewhere> }"
                            " WHERE { ?d pg:jurisdiction ?r }"),
    ("PolicyDocumentShape", "DELETE { ?d pg:periodEnd ?y } INSERT { ?d pg:periodEnd 'late' }"
                            " WHERE { ?d pg:periodEnd ?y }"),
    ("PolicyDocumentShape",
     "INSERT { ?d dcterms:title 'second title' } WHERE { ?d a pg:PolicyDocument }"),
    ("PolicyDocumentShape",
     "DELETE { ?d pg:level ?l } INSERT { ?d pg:level pg:town } WHERE { ?d pg:level ?l ;"
     " a pg:PolicyDocument }"),
    ("CitedDocumentShape", "DELETE { ?c dcterms:title ?t } WHERE { ?c a pg:CitedDocument ;"
                           " dcterms:title ?t }"),
    ("SectionShape", "DELETE { ?s pg:inDocument ?d } WHERE { ?s a pg:Section ;"
                     " pg:inDocument ?d }"),
    ("TaskShape", "DELETE { ?t pg:text ?x } WHERE { ?t a pg:Task ; pg:text ?x }"),
    ("TaskShape", "INSERT { ?t pg:inDocument <http://example.org/other> } WHERE { ?t a pg:Task }"),
    ("TaskShape", "INSERT { ?t pg:leadAgency <http://example.org/nobody> } WHERE { ?t a pg:Task }"),
    ("TargetShape", "DELETE { ?t pg:value ?v } INSERT { ?t pg:value 'nine' } WHERE {"
                    " ?t pg:value ?v }"),
    ("TargetShape", "DELETE { ?t pg:comparator ?c } INSERT { ?t pg:comparator 'about' } WHERE {"
                    " ?t pg:comparator ?c }"),
    ("TargetShape", "DELETE { ?t pg:unit ?u } WHERE { ?t pg:unit ?u }"),
    ("TargetShape", "DELETE { ?t pg:upperValue ?u } INSERT { ?t pg:upperValue 0.5 } WHERE {"
                    " ?t pg:upperValue ?u }"),
    ("SourceSpanShape", "DELETE { ?s oa:hasSource ?d } WHERE { ?s a oa:SpecificResource ;"
                        " oa:hasSource ?d }"),
    ("TextPositionSelectorShape", "DELETE { ?p oa:end ?e } INSERT { ?p oa:end 0 } WHERE {"
                                  " ?p a oa:TextPositionSelector ; oa:end ?e }"),
    ("TextQuoteSelectorShape", "DELETE { ?q oa:exact ?e } WHERE { ?q oa:exact ?e }"),
    ("AgencyShape", "DELETE { ?a pg:function ?f } WHERE { ?a pg:function ?f }"),
    ("AgencyShape", "INSERT { ?a pg:area <http://example.org/elsewhere> } WHERE {"
                    " ?a a pg:Agency ; pg:area ?r }"),
    ("CollectiveUnitShape", "DELETE { ?c skos:altLabel ?l } WHERE { ?c a pg:CollectiveUnit ;"
                            " skos:altLabel ?l }"),
    ("AgencyFunctionShape", "INSERT { <http://example.org/f> a pg:AgencyFunction } WHERE {}"),
    ("RegionShape", "DELETE { ?r pg:divisionCode ?c } INSERT { ?r pg:divisionCode '3305' }"
                    " WHERE { ?r pg:divisionCode ?c }"),
    ("IndicatorShape", "DELETE { ?i skos:prefLabel ?l } WHERE { ?i a pg:Indicator ;"
                       " skos:prefLabel ?l }"),
    ("PlatformShape", "DELETE { ?t pg:mentions ?p } WHERE { ?t pg:mentions ?p ."
                      " ?p a pg:Platform }"),
    ("ProjectShape", "DELETE { ?t pg:mentions ?p } WHERE { ?t pg:mentions ?p . ?p a pg:Project }"),
    ("TaskAlignmentShape",
     "INSERT { <http://example.org/a> a pg:TaskAlignment ; pg:lowerTask ?t ; pg:higherTask ?t ;"
     " pg:similarity 1.5 ; pg:pairedBy pg:ImplementedPlan ;"
     " <http://www.w3.org/ns/prov#wasGeneratedBy> <http://example.org/run> }"
     " WHERE { { SELECT ?t WHERE { ?t a pg:Task } LIMIT 1 } }"),
]


@pytest.mark.parametrize(("shape", "update"), BREAKAGES)
def test_shape_fires_on_broken_data(valid, shape, update):
    broken = Graph()
    broken += valid
    broken.update(PREFIXES + update)
    assert set(broken) != set(valid), "the breakage must change the data"
    report = validate(broken, vocabulary())
    assert not report.conforms
    fired = {violation.shape.rsplit("#", 1)[-1].rsplit(":", 1)[-1]
             for violation in report.violations}
    assert shape in fired, report.text()


def _pyshacl_findings(data: Graph) -> set[tuple[str, str]]:
    """(focus node, node shape) of each violation pySHACL, the reference implementation,
    finds."""
    shapes = Graph().parse(SHAPES, format="turtle")
    _, results, _ = pyshacl.validate(data + vocabulary(), shacl_graph=shapes, inference="none")
    assert isinstance(results, Graph)
    found = set()
    for result in results.subjects(SH.resultSeverity, SH.Violation):
        source = results.value(result, SH.sourceShape)
        owner = shapes.value(predicate=SH.property, object=source) or source
        found.add((str(results.value(result, SH.focusNode)), str(owner).rsplit("#", 1)[-1]))
    return found


@pytest.mark.parametrize(("shape", "update"), BREAKAGES)
def test_the_reference_implementation_finds_the_same(valid, shape, update):
    broken = Graph()
    broken += valid
    broken.update(PREFIXES + update)
    found = {(violation.focus.strip("<>"), violation.shape.removeprefix("pgsh:"))
             for violation in validate(broken, vocabulary()).violations}
    assert found == _pyshacl_findings(broken)


def test_every_shape_has_a_breakage():
    declared = {line.split()[0].removeprefix("pgsh:") for line in SHAPES.read_text("utf-8")
                .splitlines() if line.startswith("pgsh:") and "sh:NodeShape" in line}
    assert declared == {shape for shape, _ in BREAKAGES}


def test_report_names_focus_path_and_message(valid):
    broken = Graph()
    broken += valid
    broken.update(PREFIXES + BREAKAGES[0][1])
    text = validate(broken, vocabulary()).text()
    assert "does not conform" in text
    assert "pg:jurisdiction" in text and "at most one region" in text
    assert "/doc/plan" in text
