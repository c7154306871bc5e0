"""Dumps at `/dump`, and the JSON-LD context they use.

A dump is streamed: Oxigraph writes into a bounded queue from a thread and the response reads
from it, so memory stays flat whatever the graph's size. A client that goes away mid-download
stops the thread, which releases the store it opened. The same build gives the same bytes, so a
dump's ETag names the build, and `If-None-Match` with it answers 304. `gzip=true` downloads a
`.gz` file; a client sending `Accept-Encoding: gzip` gets transparent compression instead.
"""

from __future__ import annotations

import contextlib
import gzip
import io
import json
import queue
import threading
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import anyio
from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import Response, StreamingResponse
from starlette.types import Receive, Scope, Send

from ..store import GraphStore
from ..store.dumps import DUMP_FORMATS, write_dump
from ..vocab import PREFIXES
from .deps import SettingsDep
from .openapi import answers
from .settings import Settings

router = APIRouter(tags=["dumps"])

_CHUNKS = 64
_POLL = 0.5  # seconds between looks, while the queue is full, for a client gone


class _Abandoned(Exception):
    """The client went away: the dump stops being written."""


@dataclass
class _Channel:
    """Chunks of a dump from the thread writing it to the response sending them; either side
    may stop, and the other then stops too instead of waiting for ever."""

    chunks: queue.Queue[bytes | None] = field(
        default_factory=lambda: queue.Queue(maxsize=_CHUNKS))
    abandoned: threading.Event = field(default_factory=threading.Event)

    def put(self, chunk: bytes | None) -> None:
        """Queue `chunk` (None: the end), waiting while the queue is full; _Abandoned once
        the response has stopped reading."""
        while not self.abandoned.is_set():
            try:
                self.chunks.put(chunk, timeout=_POLL)
                return
            except queue.Full:
                continue
        raise _Abandoned

    def get(self) -> bytes | None:
        """The next chunk, waiting while there is none; None at the end or once abandoned."""
        while not self.abandoned.is_set():
            try:
                return self.chunks.get(timeout=_POLL)
            except queue.Empty:
                continue
        return None


class _QueueWriter(io.RawIOBase):
    """A binary stream whose writes go into a channel (back-pressure on the writer)."""

    def __init__(self, channel: _Channel) -> None:
        self.channel = channel

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        chunk = bytes(data)
        if chunk:
            self.channel.put(chunk)
        return len(chunk)


def _produce(store: GraphStore, build: Path, name: str, compress: bool,
             channel: _Channel) -> None:
    """Write the dump of `build` (the one its ETag names) into `channel`, then its end. The
    store is opened here and released when the thread ends, whether the dump was read to its
    end or abandoned."""
    writer = _QueueWriter(channel)
    with contextlib.suppress(_Abandoned):
        try:
            graph = store.open(build)
            if compress:  # mtime 0: the same graph gives the same bytes, as its ETag says
                with gzip.GzipFile(fileobj=writer, mode="wb", mtime=0) as zipped:
                    write_dump(graph, zipped, name)  # type: ignore[arg-type]
            else:
                write_dump(graph, writer, name)  # type: ignore[arg-type]
        except OSError:
            if not channel.abandoned.is_set():  # the engine reports our _Abandoned as this
                raise
        finally:
            channel.put(None)


async def _stream(channel: _Channel) -> AsyncIterator[bytes]:
    while (chunk := await anyio.to_thread.run_sync(channel.get)) is not None:
        yield chunk


class _DumpResponse(StreamingResponse):
    """A streamed dump that tells its writer to stop however the response ends: sent whole,
    or cut short by a client gone (Starlette then stops sending without closing the stream)."""

    def __init__(self, channel: _Channel, media_type: str, headers: dict[str, str]) -> None:
        super().__init__(_stream(channel), media_type=media_type, headers=headers)
        self.channel = channel

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            await super().__call__(scope, receive, send)
        finally:
            self.channel.abandoned.set()


@router.get("/dump", summary="The whole graph in a standard RDF syntax, streamed",
            response_class=Response, responses=answers(
                "The dump, as a file to save.",
                [*(media for _, media, _ in DUMP_FORMATS.values()), "application/gzip"],
                {400: "An unknown format.", 501: "A server answering from a remote store."}))
async def dump(request: Request, settings: SettingsDep,
               format: str = Query("nq", description=f"one of {', '.join(DUMP_FORMATS)}",
                                   json_schema_extra={"enum": list(DUMP_FORMATS)}),
               gzip_: bool = Query(False, alias="gzip", description="compress with gzip"),
               ) -> Response:
    local_only(settings)
    if format not in DUMP_FORMATS:
        raise HTTPException(400, f"format={format!r}: one of {', '.join(DUMP_FORMATS)}")
    encode = not gzip_ and "gzip" in request.headers.get("accept-encoding", "")
    compress = gzip_ or encode
    store = GraphStore(settings.store_dir)
    build = store.current
    if build is None:
        raise HTTPException(503, "no graph has been built yet")
    etag = f'"{build.name}-{format}-{"gz" if compress else "id"}"'
    headers = {"ETag": etag, "Vary": "Accept-Encoding"}
    if etag in request.headers.get("if-none-match", ""):
        return Response(status_code=304, headers=headers)
    channel = _Channel()
    threading.Thread(target=_produce, args=(store, build, format, compress, channel),
                     daemon=True, name="policygraph-dump").start()
    _, media_type, suffix = DUMP_FORMATS[format]
    headers["Content-Disposition"] = (f'attachment; filename="policygraph.{suffix}'
                                      f'{".gz" if gzip_ else ""}"')
    if encode:  # transparent compression the client asked for
        headers["Content-Encoding"] = "gzip"
    elif gzip_:  # a .gz file the user asked for
        media_type = "application/gzip"
    return _DumpResponse(channel, media_type, headers)


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
