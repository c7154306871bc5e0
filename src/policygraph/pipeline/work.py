"""The build's work on each document, done in worker processes, a chunk of documents at a time.

Two passes, because a document's RDF depends on every document's title (a plan that
implements another of the build links to it): `extract_chunk` reads documents and returns their
titles, leaving each record in the spool directory; `rdf_chunk` turns records into RDF,
validates the documents' graphs with the shared entities they name against the shapes, and
writes the graphs as N-Quads for the store to bulk-load. Records and statements never travel
back to the parent process; only titles, entity tables and the messages of documents left out
do.
"""

from __future__ import annotations

import pickle
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pyoxigraph
from pyoxigraph import NamedNode, Quad

from ..build import EntityTable, Iris, document_rdf, shared_rdf, vocabulary_quads
from ..build.entities import describe
from ..build.terms import T_PG, T_RDF
from ..parse import DocumentError, Record, extract
from ..validate import Report, Violation, validate
from ..vocab import ELI

_NQUADS = pyoxigraph.RdfFormat.N_QUADS
_NTRIPLES = pyoxigraph.RdfFormat.N_TRIPLES
_TITLES = "titles.pickle"
# What a document of the build is to a shape that checks a link to it (as its own graph says,
# which another chunk validates).
_LEGAL_RESOURCE = NamedNode(str(ELI.LegalResource))


@dataclass(frozen=True)
class Extracted:
    """A document read: where its record waits, its file, its title and the plans it cites by
    title."""

    index: int
    source: str
    path: str
    title: str | None
    cites: tuple[str, ...]


@dataclass
class ChunkRdf:
    """What a chunk of documents became: the N-Quads file of their graphs, the shared entities
    each names (by source), and a message naming each document left out for breaking a
    shape."""

    part: Path
    quads: int = 0
    entities: dict[str, EntityTable] = field(default_factory=dict)
    failed: list[str] = field(default_factory=list)


@dataclass
class ChunkRead:
    """What reading a chunk of documents gave: the documents read, a message naming each file
    that could not be read (the build goes on without it), and each warning of those read."""

    read: list[Extracted] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def extract_chunk(files: list[tuple[int, Path]], spool: Path) -> ChunkRead:
    """Read each document, leaving its record in `spool` for `rdf_chunk`."""
    chunk = ChunkRead()
    for index, path in files:
        try:
            record = extract(path)
        except DocumentError as error:
            chunk.failed.append(str(error))
            continue
        keep_record(spool, f"{index:06d}", record)
        chunk.read.append(Extracted(index, record.source, str(path), record.title,
                                    tuple(record.implements)))
        chunk.warnings += [f"{path}: {warning}" for warning in record.warnings]
    return chunk


def write_titles(spool: Path, titles: dict[str, str]) -> None:
    """Leave the build's titles (title → document IRI) for `rdf_chunk` to read once per
    process."""
    (spool / _TITLES).write_bytes(pickle.dumps(titles, pickle.HIGHEST_PROTOCOL))


@cache
def _titles(spool: Path) -> dict[str, str]:
    titles: dict[str, str] = pickle.loads((spool / _TITLES).read_bytes())
    return titles


@dataclass(frozen=True)
class _Graph:
    """One document's statements and the shared entities they name."""

    source: str
    quads: list[Quad]
    entities: EntityTable


def rdf_chunk(keys: list[str], spool: Path, base: str) -> ChunkRdf:
    """The graphs of a chunk of documents (their records' `keys` in `spool`) under the base
    IRI `base`, in one N-Quads file,
    validated together with the shared entities they name (one validation per chunk: the
    ontology is read once for all of them). Where the chunk breaks a shape, each document is
    validated alone, and one that breaks a shape is left out with the report's text: one odd
    document never keeps the others out."""
    iris = Iris(base)
    chunk = ChunkRdf(spool / f"part-{keys[0]}.nq")
    graphs = []
    for key in keys:
        record = pickle.loads(_record_file(spool, key).read_bytes())
        quads, entities = document_rdf(record, iris, _titles(spool))
        graphs.append(_Graph(record.source, quads, entities))
    documents = frozenset(_titles(spool).values())
    if _violations(graphs, iris, documents):
        kept = []
        for graph in graphs:
            if violations := _violations([graph], iris, documents):
                text = Report(False, sorted(violations)).text().replace("\n", "\n    ")
                chunk.failed.append(f"{graph.source}: breaks the shapes and is left out: {text}")
            else:
                kept.append(graph)
        graphs = kept
    with chunk.part.open("wb") as out:
        for graph in graphs:
            pyoxigraph.serialize(graph.quads, out, format=_NQUADS)
            chunk.quads += len(graph.quads)
            chunk.entities[graph.source] = graph.entities
    return chunk


def _violations(graphs: list[_Graph], iris: Iris, documents: frozenset[str]) -> list[Violation]:
    """What breaks a shape in these documents' graphs with the shared entities they name. The
    build's other documents a graph links to (a plan it implements) are documents, as their
    own graphs say."""
    checked = [quad for graph in graphs for quad in graph.quads]
    entities = EntityTable()
    for graph in graphs:
        entities.merge(graph.entities)
    checked += describe(entities, iris, NamedNode(iris.entities_graph()))
    checked += [Quad(quad.object, T_RDF.type, _LEGAL_RESOURCE, quad.graph_name)
                for quad in checked if quad.predicate == T_PG.implements
                and isinstance(quad.object, NamedNode) and quad.object.value in documents]
    return validate(_ntriples(checked), _vocabulary_ntriples()).violations


def write_shared(entities: EntityTable, base: str, path: Path) -> int:
    """Write the entities graph and the ontology graph as N-Quads; the number of quads."""
    quads = list(shared_rdf(entities, Iris(base)))
    pyoxigraph.serialize(quads, path, format=_NQUADS)
    return len(quads)


def _record_file(spool: Path, key: str) -> Path:
    """Where a document's record waits in the spool between the build's two passes."""
    return spool / f"{key}.record"


def keep_record(spool: Path, key: str, record: Record) -> None:
    """Leave a document's record in the spool for `rdf_chunk`, under `key`."""
    _record_file(spool, key).write_bytes(pickle.dumps(record, pickle.HIGHEST_PROTOCOL))


def _ntriples(quads: list[Quad]) -> bytes:
    return pyoxigraph.serialize([quad.triple for quad in quads], format=_NTRIPLES) or b""


@cache
def _vocabulary_ntriples() -> bytes:
    """The ontology, which every document is validated with (as its class hierarchy)."""
    return _ntriples(vocabulary_quads())
