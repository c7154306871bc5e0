"""Dumps at `/dump`, and the JSON-LD context they use.

A dump is streamed: Oxigraph writes into a bounded queue from a thread and the response reads
from it, so memory stays flat whatever the graph's size. `gzip=true` downloads a `.gz` file; a
client sending `Accept-Encoding: gzip` gets transparent compression instead.
"""

from __future__ import annotations

import gzip
import io
import json
import queue
import threading
from collections.abc import AsyncIterator
from typing import Any

import anyio
import pyoxigraph as ox
from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import Response, StreamingResponse

from ..store import GraphStore
from ..store.dumps import DUMP_FORMATS, write_dump
from ..vocab import PREFIXES
from .deps import SettingsDep
from .openapi import answers
from .settings import Settings

router = APIRouter(tags=["dumps"])

_CHUNKS = 64


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
    local_only(settings)
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


def local_only(settings: Settings) -> None:
    """Refuse what only the embedded store can give, on a server of a remote store."""
    if settings.endpoint:
        raise HTTPException(501, "dumps and VoID come from the embedded store; this server "
                                 f"answers from {settings.endpoint}: take them from there")


@router.get("/context.jsonld", summary="The JSON-LD @context of the dumps",
            response_class=Response, responses={200: {
                "description": "The context.",
                "content": {"application/ld+json": {"schema": {"type": "object"}}}}})
async def context() -> Response:
    """The prefixes the JSON-LD dump's inline @context uses, published for reuse."""
    body = json.dumps({"@context": PREFIXES}, indent=1).encode()
    return Response(body, media_type="application/ld+json")
