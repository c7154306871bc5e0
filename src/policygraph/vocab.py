"""Every RDF namespace the project uses, in one place, and the small helpers that apply them."""

from __future__ import annotations

from typing import TypeVar

from rdflib import Graph, Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

# The root of the project's own vocabularies (the ontology, the agency functions).
POLICYGRAPH = "https://w3id.org/policygraph/"
PG = Namespace(POLICYGRAPH + "ontology#")
PGF = Namespace(POLICYGRAPH + "function/")
PGI = Namespace(POLICYGRAPH + "indicator/")
PGSH = Namespace(POLICYGRAPH + "shapes#")
ELI = Namespace("http://data.europa.eu/eli/ontology#")
ORG = Namespace("http://www.w3.org/ns/org#")
OA = Namespace("http://www.w3.org/ns/oa#")
SH = Namespace("http://www.w3.org/ns/shacl#")
VANN = Namespace("http://purl.org/vocab/vann/")

# Prefix → namespace IRI, for serialisations and for the prologue of canned queries.
PREFIXES: dict[str, str] = {
    "pg": str(PG), "pgf": str(PGF), "pgi": str(PGI), "pgsh": str(PGSH), "eli": str(ELI),
    "org": str(ORG), "oa": str(OA), "sh": str(SH), "vann": str(VANN), "dcterms": str(DCTERMS._NS),
    "owl": str(OWL._NS), "prov": str(PROV._NS), "rdf": str(RDF._NS), "rdfs": str(RDFS._NS),
    "skos": str(SKOS._NS), "xsd": str(XSD._NS),
}

# Datatypes whose literals are whole numbers: xsd:integer, its derived types and xsd:gYear.
XSD_INTEGERS = frozenset(str(XSD._NS) + name for name in (
    "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
    "nonPositiveInteger", "negativeInteger", "unsignedLong", "unsignedInt", "unsignedShort",
    "unsignedByte", "gYear"))

AnyGraph = TypeVar("AnyGraph", bound=Graph)


def bind_prefixes(graph: AnyGraph) -> AnyGraph:
    """`graph` with the project's prefixes bound, so it serialises as the project writes."""
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    return graph


def prefixed(iri: str) -> str | None:
    """`iri` as a prefixed name (`pg:Task`), or None outside the project's namespaces."""
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and iri != namespace:
            return f"{prefix}:{iri[len(namespace):]}"
    return None


__all__ = ["DCTERMS", "ELI", "OA", "ORG", "OWL", "PG", "PGF", "PGSH", "POLICYGRAPH", "PREFIXES",
           "PROV", "RDF", "RDFS", "SH", "SKOS", "VANN", "XSD", "XSD_INTEGERS", "bind_prefixes",
           "prefixed"]
