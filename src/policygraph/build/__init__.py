"""RDF: from extraction records to a dataset with one named graph per document.

`build_dataset(records, base)` is the stage's entry point. Besides the documents' graphs, the
dataset holds the shared entities (regions, agencies, platforms, indicators) in one graph and
the ontology with its vocabularies in another, so a store loaded from it is self-describing.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from rdflib import Dataset, Graph

from ..parse import Record
from ..resources import resource
from ..vocab import bind_prefixes
from .document import DocumentGraph
from .entities import Entities
from .iris import DEFAULT_BASE, Iris

VOCABULARY_FILES = ("ontology/policygraph.ttl", "ontology/agency-functions.ttl")

__all__ = ["DEFAULT_BASE", "VOCABULARY_FILES", "Iris", "build_dataset", "data_graph",
           "vocabulary"]


def build_dataset(records: Sequence[Record], base: str = DEFAULT_BASE) -> Dataset:
    """The RDF dataset of a set of documents under the base IRI `base`."""
    iris = Iris(base)
    dataset = bind_prefixes(Dataset())
    titles = {record.title: iris.document(record.source) for record in records if record.title}
    entities = Entities(iris, dataset.graph(iris.entities_graph()), titles)
    for record in records:
        graph = dataset.graph(iris.document_graph(record.source))
        DocumentGraph(record, iris, entities, graph).write()
    ontology = dataset.graph(iris.ontology_graph())
    for triple in vocabulary():
        ontology.add(triple)
    return dataset


@cache
def vocabulary() -> Graph:
    """The ontology and the agency-function vocabulary as one graph, parsed once (read-only
    by convention: callers copy it before changing it)."""
    graph = Graph()
    for name in VOCABULARY_FILES:
        graph.parse(resource(name), format="turtle")
    return graph


def data_graph(dataset: Dataset, base: str) -> Graph:
    """The documents and entities of a dataset as one graph, without the ontology graph
    (which SHACL validation takes apart, as the class hierarchy)."""
    ontology_graph = str(Iris(base).ontology_graph())
    data = bind_prefixes(Graph())
    for graph in dataset.graphs():
        if str(graph.identifier) != ontology_graph:
            data += graph
    return data
