"""RDF: from extraction records to a dataset with one named graph per document.

Each document becomes RDF on its own (`document_rdf`), so that documents can be turned into
RDF in parallel: its statements in its named graph, and a table of the shared entities it
names. The tables merge by union and `shared_rdf` describes the entities once, in the entities
graph, beside the ontology with its vocabularies in the ontology graph, so a store loaded from
the whole is self-describing. `build_dataset(records, base)` does all of it in memory, as an
rdflib dataset.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from functools import cache
from typing import Protocol

import pyoxigraph
from pyoxigraph import NamedNode, Quad
from rdflib import Dataset, Graph

from ..parse import Record
from ..resources import resource
from ..vocab import bind_prefixes
from .document import DocumentGraph
from .entities import Entities, EntityTable, describe
from .iris import DEFAULT_BASE, Iris
from .ontology import VOCABULARY_FILES, vocabulary_triples

__all__ = ["DEFAULT_BASE", "VOCABULARY_FILES", "EntityTable", "Iris", "Titled", "build_dataset",
           "data_graph", "document_rdf", "shared_rdf", "titles", "vocabulary",
           "vocabulary_quads"]


class Titled(Protocol):
    """A document read: its title and the file it came from (a record, or what a build's
    first pass keeps of one)."""

    @property
    def title(self) -> str | None: ...

    @property
    def source(self) -> str: ...


def titles(documents: Iterable[Titled], iris: Iris) -> dict[str, str]:
    """Each document's title → its IRI, so that a plan implementing another of the build
    links to it rather than to a cited document."""
    return {document.title: iris.document(document.source) for document in documents
            if document.title}


def document_rdf(record: Record, iris: Iris,
                 known: dict[str, str]) -> tuple[list[Quad], EntityTable]:
    """A document's statements in its named graph, and the shared entities it names; `known`
    is `titles` of the whole build."""
    entities = Entities(iris, known)
    quads = DocumentGraph(record, iris, entities).write()
    return quads, entities.table


def shared_rdf(table: EntityTable, iris: Iris) -> Iterator[Quad]:
    """The entities graph of the entities in `table`, then the ontology graph."""
    yield from describe(table, iris, NamedNode(iris.entities_graph()))
    yield from vocabulary_quads(NamedNode(iris.ontology_graph()))


def vocabulary_quads(graph: NamedNode | None = None) -> list[Quad]:
    """The ontology and the agency-function vocabulary, in `graph` (the default graph if
    None)."""
    quads = vocabulary_triples()
    if graph is None:
        return quads
    return [Quad(quad.subject, quad.predicate, quad.object, graph) for quad in quads]


def build_dataset(records: Sequence[Record], base: str = DEFAULT_BASE) -> Dataset:
    """The RDF dataset of a set of documents under the base IRI `base`, in memory."""
    iris = Iris(base)
    known = titles(records, iris)
    table = EntityTable()
    quads: list[Quad] = []
    for record in records:
        document, named = document_rdf(record, iris, known)
        quads += document
        table.merge(named)
    quads += shared_rdf(table, iris)
    nquads = pyoxigraph.serialize(quads, format=pyoxigraph.RdfFormat.N_QUADS)
    dataset = bind_prefixes(Dataset())
    dataset.parse(data=nquads, format="nquads")
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
    ontology_graph = Iris(base).ontology_graph()
    data = bind_prefixes(Graph())
    for graph in dataset.graphs():
        if str(graph.identifier) != ontology_graph:
            data += graph
    return data
