"""The SPARQL 1.1 Service Description of the endpoint, in Turtle or JSON-LD.

https://www.w3.org/TR/sparql11-service-description/ — what a client can learn from a GET on
the endpoint with no query: the language, the result formats, the union default graph, and
this server's limits (time and rows).
"""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import Response
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, XSD

from ..vocab import PG
from .negotiation import pick
from .settings import Settings

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")
_RESULT_FORMATS = ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV",
                   "SPARQL_Results_TSV", "Turtle", "N-Triples", "JSON-LD", "RDF_XML")
_TYPES = {"text/turtle": "turtle", "application/ld+json": "json-ld"}


def endpoint_iri(request: Request) -> str:
    """The endpoint's own URL: the service's IRI, and the base IRI of the queries it runs
    (the protocol leaves the base to the service; the endpoint is the one it suggests)."""
    return str(request.url.replace(query="", fragment=""))


def service_description(request: Request, settings: Settings) -> Response:
    """The description, negotiated between Turtle and JSON-LD."""
    endpoint = URIRef(endpoint_iri(request))
    graph = Graph()
    graph.bind("sd", SD)
    graph.bind("pg", PG)
    service = BNode("service")
    graph.add((service, RDF.type, SD.Service))
    graph.add((service, SD.endpoint, endpoint))
    graph.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    graph.add((service, SD.feature, SD.UnionDefaultGraph))
    for name in _RESULT_FORMATS:
        graph.add((service, SD.resultFormat, FORMATS[name]))
    graph.add((service, PG.queryTimeLimit, Literal(settings.timeout, datatype=XSD.decimal)))
    graph.add((service, PG.resultRowLimit, Literal(settings.max_rows)))
    media = pick(list(_TYPES), request.headers.get("accept", "*/*")) or "text/turtle"
    body = graph.serialize(format=_TYPES[media], encoding="utf-8")
    return Response(body, media_type=media, headers={"Vary": "Accept"})
