"""Dumps at `/dump` and the VoID description at `/.well-known/void`.

A dump is streamed: Oxigraph writes into a bounded queue from a thread and the response reads
from it, so memory stays flat whatever the graph's size; `gzip=true` (or `Accept-Encoding:
gzip`) compresses on the fly. VoID (https://www.w3.org/TR/void/) tells a crawler or a triple
store what the dataset holds: triple counts, class partitions, the SPARQL endpoint and the
dump links. `gzip=true` downloads a `.gz` file; a client sending `Accept-Encoding: gzip` gets
transparent compression instead.
"""

from __future__ import annotations

import gzip
import io
import json
import queue
import threading
from collections.abc import AsyncIterator, Iterator
from typing import Any

import anyio
import pyoxigraph as ox
from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import Response, StreamingResponse
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF, XSD

from ..store import GraphStore
from ..store.dumps import DUMP_FORMATS, write_dump
from ..vocab import PREFIXES
from .deps import SettingsDep
from .negotiation import pick
from .openapi import answers
from .settings import Settings

router = APIRouter(tags=["dumps"])

VOID = Namespace("http://rdfs.org/ns/void#")
_CHUNKS = 64
_VOID_TYPES = {"text/turtle": "turtle", "application/ld+json": "json-ld",
               "application/n-triples": "nt"}


class _QueueWriter(io.RawIOBase):
    """A binary stream whose writes go into a bounded queue (back-pressure on the writer)."""

    def __init__(self, chunks: queue.Queue[bytes | None]) -> None:
        self.chunks = chunks

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        chunk = bytes(data)
        if chunk:
            self.chunks.put(chunk)
        return len(chunk)


def _produce(store: ox.Store, name: str, compress: bool,
             chunks: queue.Queue[bytes | None]) -> None:
    writer = _QueueWriter(chunks)
    try:
        if compress:
            with gzip.GzipFile(fileobj=writer, mode="wb") as zipped:
                write_dump(store, zipped, name)  # type: ignore[arg-type]
        else:
            write_dump(store, writer, name)  # type: ignore[arg-type]
    finally:
        chunks.put(None)


async def _stream(chunks: queue.Queue[bytes | None]) -> AsyncIterator[bytes]:
    while (chunk := await anyio.to_thread.run_sync(chunks.get)) is not None:
        yield chunk


@router.get("/dump", summary="The whole graph in a standard RDF syntax, streamed",
            response_class=Response, responses=answers(
                "The dump, as a file to save.",
                [*(media for _, media, _ in DUMP_FORMATS.values()), "application/gzip"],
                {400: "An unknown format.", 501: "A server answering from a remote store."}))
async def dump(request: Request, settings: SettingsDep,
               format: str = Query("nq", description=f"one of {', '.join(DUMP_FORMATS)}"),
               gzip_: bool = Query(False, alias="gzip", description="compress with gzip"),
               ) -> Response:
    _local_only(settings)
    if format not in DUMP_FORMATS:
        raise HTTPException(400, f"format={format!r}: one of {', '.join(DUMP_FORMATS)}")
    encode = not gzip_ and "gzip" in request.headers.get("accept-encoding", "")
    compress = gzip_ or encode
    store = GraphStore(settings.store_dir).open()
    chunks: queue.Queue[bytes | None] = queue.Queue(maxsize=_CHUNKS)
    threading.Thread(target=_produce, args=(store, format, compress, chunks),
                     daemon=True, name="policygraph-dump").start()
    _, media_type, suffix = DUMP_FORMATS[format]
    headers = {"Content-Disposition": f'attachment; filename="policygraph.{suffix}'
                                      f'{".gz" if gzip_ else ""}"', "Vary": "Accept-Encoding"}
    if encode:  # transparent compression the client asked for
        headers["Content-Encoding"] = "gzip"
    elif gzip_:  # a .gz file the user asked for
        media_type = "application/gzip"
    return StreamingResponse(_stream(chunks), media_type=media_type, headers=headers)


def _local_only(settings: Settings) -> None:
    if settings.endpoint:
        raise HTTPException(501, "dumps and VoID come from the embedded store; this server "
                                 f"answers from {settings.endpoint}: take them from there")


def _counts(store: ox.Store, query: str) -> Iterator[ox.QuerySolution]:
    results = store.query(query, use_default_graph_as_union=True)
    assert isinstance(results, ox.QuerySolutions)
    return iter(results)


@router.get("/context.jsonld", summary="The JSON-LD @context of the dumps",
            response_class=Response, responses={200: {
                "description": "The context.",
                "content": {"application/ld+json": {"schema": {"type": "object"}}}}})
async def context() -> Response:
    """The prefixes the JSON-LD dump's inline @context uses, published for reuse."""
    body = json.dumps({"@context": PREFIXES}, indent=1).encode()
    return Response(body, media_type="application/ld+json")


@router.get("/.well-known/void", summary="VoID description of the dataset",
            response_class=Response, responses=answers(
                "The VoID description, in the negotiated RDF syntax.", _VOID_TYPES,
                {501: "A server answering from a remote store."}))
async def void(request: Request, settings: SettingsDep) -> Response:
    _local_only(settings)
    return await anyio.to_thread.run_sync(_void, request, settings.store_dir)


def _void(request: Request, store_dir: Any) -> Response:
    store = GraphStore(store_dir).open()
    root = str(request.base_url)
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
    (totals,) = _counts(store, "SELECT (COUNT(*) AS ?triples) (COUNT(DISTINCT ?s) AS ?subjects)"
                               " (COUNT(DISTINCT ?o) AS ?objects) WHERE {"
                               " SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }")
    graph.add((dataset, VOID.triples, Literal(int(totals["triples"].value), datatype=XSD.integer)))
    graph.add((dataset, VOID.distinctSubjects, Literal(int(totals["subjects"].value))))
    graph.add((dataset, VOID.distinctObjects, Literal(int(totals["objects"].value))))
    classes = _counts(store, "SELECT ?class (COUNT(DISTINCT ?s) AS ?n) "
                             "WHERE { ?s a ?class } GROUP BY ?class ORDER BY ?class")
    for number, row in enumerate(classes, start=1):
        partition = URIRef(f"{dataset}-class-{number}")
        graph.add((dataset, VOID.classPartition, partition))
        graph.add((partition, VOID["class"], URIRef(row["class"].value)))
        graph.add((partition, VOID.entities, Literal(int(row["n"].value))))
    for row in _counts(store, "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } "
                              "GROUP BY ?g"):
        subset = URIRef(row["g"].value)
        graph.add((dataset, VOID.subset, subset))
        graph.add((subset, RDF.type, VOID.Dataset))
        graph.add((subset, VOID.triples, Literal(int(row["n"].value))))
    media = pick(list(_VOID_TYPES), request.headers.get("accept", "*/*")) or "text/turtle"
    return Response(graph.serialize(format=_VOID_TYPES[media], encoding="utf-8"),
                    media_type=media, headers={"Vary": "Accept"})
