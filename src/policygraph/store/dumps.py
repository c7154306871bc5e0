"""Dumps of the whole store in standard RDF syntaxes, written as a stream.

Quad formats (N-Quads, TriG, JSON-LD) keep the named graphs: one per document, the shared
entities and the ontology with its vocabularies. Triple formats (Turtle, N-Triples) carry the
union of all graphs. JSON-LD carries the project's prefixes as its @context, the same one the
service publishes at `/context.jsonld`. Output goes straight to a binary stream, so a dump
never holds the whole text in memory.
"""

from __future__ import annotations

import json
from typing import IO

import pyoxigraph as ox

from ..vocab import PREFIXES

# Name → (Oxigraph format, media type, file suffix).
DUMP_FORMATS: dict[str, tuple[ox.RdfFormat, str, str]] = {
    "nq": (ox.RdfFormat.N_QUADS, "application/n-quads", "nq"),
    "trig": (ox.RdfFormat.TRIG, "application/trig", "trig"),
    "jsonld": (ox.RdfFormat.JSON_LD, "application/ld+json", "jsonld"),
    "ttl": (ox.RdfFormat.TURTLE, "text/turtle", "ttl"),
    "nt": (ox.RdfFormat.N_TRIPLES, "application/n-triples", "nt"),
}
_QUAD_FORMATS = {"nq", "trig", "jsonld"}
_UNION = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"


def write_dump(store: ox.Store, output: IO[bytes], name: str) -> None:
    """Write the store to `output` in the format called `name` (a key of DUMP_FORMATS)."""
    rdf_format = DUMP_FORMATS[name][0]
    if name == "jsonld":  # Oxigraph writes expanded JSON-LD; wrap it with the published context
        output.write(b'{"@context": ' + json.dumps(PREFIXES).encode() + b', "@graph": ')
        store.dump(output, format=rdf_format)
        output.write(b"}\n")
        return
    if name in _QUAD_FORMATS:
        store.dump(output, format=rdf_format, prefixes=PREFIXES)
        return
    union = store.query(_UNION, use_default_graph_as_union=True)
    assert isinstance(union, ox.QueryTriples)
    union.serialize(output, format=rdf_format)
