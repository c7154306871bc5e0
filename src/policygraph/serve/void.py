"""The VoID description of the dataset at `/.well-known/void`.

VoID (https://www.w3.org/TR/void/) tells a crawler or a triple store what the dataset holds:
triple counts, class partitions, one subset per graph, the SPARQL endpoint and the dump links.
Its figures are whole-graph counts, so they are asked of the query workers like any query
(under the time limit, away from the server's own process) through the answer cache: each is
computed once per build, and concurrent requests wait for the one computation. The server
warms them at start-up with the canned answers.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF, XSD

from ..query import CannedQuery, load_queries
from ..store.dumps import DUMP_FORMATS
from .api_results import Item, run_rows
from .deps import PoolDep, SettingsDep
from .dumps import local_only
from .executor import QueryPool
from .negotiation import pick
from .openapi import answers

router = APIRouter(tags=["dumps"])

VOID = Namespace("http://rdfs.org/ns/void#")
_TYPES = {"text/turtle": "turtle", "application/ld+json": "json-ld",
          "application/n-triples": "nt"}
_MAX_GRAPHS = 1_000_000  # one subset per document: no row cap may cut the list short
FIGURES = ("void-totals", "void-classes", "void-graphs")


@cache
def _queries() -> dict[str, CannedQuery]:
    return load_queries(__name__.rpartition(".")[0])


async def figure(pool: QueryPool, timeout: float, name: str) -> list[Item]:
    """The rows of one of the VoID queries (`FIGURES`), answered from the cache once computed.
    HTTPException 503 when it runs past `timeout`."""
    return (await run_rows(pool, timeout, _queries()[name], {}, max_rows=_MAX_GRAPHS))[1]


@router.get("/.well-known/void", summary="VoID description of the dataset",
            response_class=Response, responses=answers(
                "The VoID description, in the negotiated RDF syntax.", _TYPES,
                {501: "A server answering from a remote store.",
                 503: "The counts ran past the time limit; try again."}))
async def void(request: Request, pool: PoolDep, settings: SettingsDep) -> Response:
    local_only(settings)
    rows = {name: await figure(pool, settings.timeout, name) for name in FIGURES}
    graph = describe(str(request.base_url), rows)
    media = pick(list(_TYPES), request.headers.get("accept", "*/*")) or "text/turtle"
    return Response(graph.serialize(format=_TYPES[media], encoding="utf-8"),
                    media_type=media, headers={"Vary": "Accept"})


def describe(root: str, rows: dict[str, list[Item]]) -> Graph:
    """The VoID graph of the dataset served at `root`, from the rows of each of `FIGURES`."""
    dataset = URIRef(root + ".well-known/void#dataset")
    graph = Graph()
    graph.bind("void", VOID)
    graph.bind("dcterms", DCTERMS)
    graph.add((dataset, RDF.type, VOID.Dataset))
    graph.add((dataset, DCTERMS.title, Literal("policygraph", lang="en")))
    graph.add((dataset, VOID.sparqlEndpoint, URIRef(root + "sparql")))
    graph.add((dataset, VOID.rootResource, URIRef(root + "context.jsonld")))
    for name in DUMP_FORMATS:
        graph.add((dataset, VOID.dataDump, URIRef(f"{root}dump?format={name}")))
    (totals,) = rows["void-totals"]
    graph.add((dataset, VOID.triples, _count(totals["triples"])))
    graph.add((dataset, VOID.distinctSubjects, _count(totals["subjects"])))
    graph.add((dataset, VOID.distinctObjects, _count(totals["objects"])))
    for number, row in enumerate(rows["void-classes"], start=1):
        partition = URIRef(f"{dataset}-class-{number}")
        graph.add((dataset, VOID.classPartition, partition))
        graph.add((partition, VOID["class"], URIRef(row["class"])))
        graph.add((partition, VOID.entities, _count(row["entities"])))
    for row in rows["void-graphs"]:
        subset = URIRef(row["graph"])
        graph.add((dataset, VOID.subset, subset))
        graph.add((subset, RDF.type, VOID.Dataset))
        graph.add((subset, VOID.triples, _count(row["triples"])))
    return graph


def _count(value: Any) -> Literal:
    return Literal(int(value), datatype=XSD.integer)
