"""The ontology: it parses, documents every term in Chinese and English, reuses the standard
vocabularies, and stays consistent under OWL RL with the corpus's data."""

from __future__ import annotations

from pathlib import Path

import owlrl
import pytest
from rdflib import Graph
from rdflib.namespace import OWL, RDF, RDFS

from policygraph.build import DEFAULT_BASE, build_dataset, data_graph, vocabulary
from policygraph.parse import extract

ROOT = Path(__file__).parent.parent
PG = "https://w3id.org/policygraph/ontology#"
ERRORS = "http://www.daml.org/2002/03/agents/agent-ont#"


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ROOT / "ontology" / "policygraph.ttl")


def terms(ontology: Graph) -> set:
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
    return {s for kind in kinds for s in ontology.subjects(RDF.type, kind) if str(s).startswith(PG)}


def test_every_term_has_chinese_and_english_labels_and_a_comment(ontology):
    assert len(terms(ontology)) > 40
    for term in terms(ontology):
        languages = {label.language for label in ontology.objects(term, RDFS.label)}
        assert languages == {"zh", "en"}, term
        assert ontology.value(term, RDFS.comment) is not None, term


@pytest.mark.parametrize(("term", "relation", "standard"), [
    ("PolicyDocument", RDFS.subClassOf, "http://data.europa.eu/eli/ontology#LegalResource"),
    ("Section", RDFS.subClassOf, "http://data.europa.eu/eli/ontology#LegalResourceSubdivision"),
    ("Agency", RDFS.subClassOf, "http://www.w3.org/ns/org#Organization"),
    ("issuer", RDFS.subPropertyOf, "http://data.europa.eu/eli/ontology#passed_by"),
    ("jurisdiction", RDFS.subPropertyOf, "http://data.europa.eu/eli/ontology#jurisdiction"),
    ("issued", RDFS.subPropertyOf, "http://data.europa.eu/eli/ontology#date_document"),
    ("documentNumber", RDFS.subPropertyOf, "http://data.europa.eu/eli/ontology#id_local"),
    ("implements", RDFS.subPropertyOf,
     "http://data.europa.eu/eli/ontology#ensures_implementation_of"),
    ("function", RDFS.subPropertyOf, "http://www.w3.org/ns/org#classification"),
    ("AgencyFunction", RDFS.subClassOf, "http://www.w3.org/2004/02/skos/core#Concept"),
])
def test_aligned_to_standard_vocabularies(ontology, term, relation, standard):
    from rdflib import URIRef

    assert (URIRef(PG + term), relation, URIRef(standard)) in ontology


def test_owl_rl_closure_of_ontology_and_data_is_consistent():
    records = [extract(path) for path in sorted((ROOT / "data" / "raw").glob("*.txt"))[:2]]
    graph = Graph()
    graph += vocabulary()
    graph += data_graph(build_dataset(records), DEFAULT_BASE)
    before = len(graph)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(graph)
    assert len(graph) > before
    errors = [str(o) for s, p, o in graph if str(p) == ERRORS + "error"]
    assert errors == []
