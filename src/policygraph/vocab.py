"""Every RDF namespace the project uses, in one place."""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

PG = Namespace("https://w3id.org/policygraph/ontology#")
PGF = Namespace("https://w3id.org/policygraph/function/")
ELI = Namespace("http://data.europa.eu/eli/ontology#")
ORG = Namespace("http://www.w3.org/ns/org#")
OA = Namespace("http://www.w3.org/ns/oa#")
SH = Namespace("http://www.w3.org/ns/shacl#")
VANN = Namespace("http://purl.org/vocab/vann/")

# Prefix → namespace IRI, for serialisations and for the prologue of canned queries.
PREFIXES: dict[str, str] = {
    "pg": str(PG), "pgf": str(PGF), "eli": str(ELI), "org": str(ORG), "oa": str(OA),
    "sh": str(SH), "vann": str(VANN), "dcterms": str(DCTERMS._NS), "owl": str(OWL._NS),
    "prov": str(PROV._NS), "rdf": str(RDF._NS), "rdfs": str(RDFS._NS), "skos": str(SKOS._NS),
    "xsd": str(XSD._NS),
}

__all__ = ["DCTERMS", "ELI", "OA", "ORG", "OWL", "PG", "PGF", "PREFIXES", "PROV", "RDF", "RDFS",
           "SH", "SKOS", "VANN", "XSD"]
