"""Request size limits, before any route reads a request.

A client may send a query string or a body of any size; read whole, either costs the server
memory and the engine time before the query is even parsed. This ASGI middleware answers 414
for a query string past the limit and 413 for a body past it (by its `Content-Length`, or as it
arrives when it has none), and hands the routes a body it has read whole, at most the limit,
with a `ClientGone` that says when its client goes away (`current_client()`, in the request's
context: every query the request runs, REST or SPARQL or a page's, is stopped by it).
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .middleware import HttpMiddleware

_CLIENT: ContextVar[ClientGone | None] = ContextVar("client_gone", default=None)
# The most of a refused body read (and thrown away) before the refusal is sent.
_DRAIN = 64 * 1024 * 1024


class RequestLimits(HttpMiddleware):
    """Refuse requests whose query string or body is longer than `max_bytes`."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        super().__init__(app)
        self.max_bytes = max_bytes

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        if len(scope.get("query_string", b"")) > self.max_bytes:
            await self._refuse(414, "the query string", scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > self.max_bytes:
            await _drain(receive, 0)
            await self._refuse(413, "the request body", scope, receive, send)
            return
        body = bytearray()
        while True:
            message = await receive()
            if message["type"] != "http.request":  # the client went away
                return
            body += message.get("body", b"")
            if len(body) > self.max_bytes:
                if message.get("more_body", False):
                    await _drain(receive, len(body))
                await self._refuse(413, "the request body", scope, receive, send)
                return
            if not message.get("more_body", False):
                break
        gone = ClientGone()
        watcher = asyncio.create_task(gone.watch(receive))
        try:
            with answering_for(gone):
                await self.app(scope, _replay(bytes(body), gone), send)
        finally:
            watcher.cancel()

    async def _refuse(self, status: int, what: str, scope: Scope, receive: Receive,
                      send: Send) -> None:
        response = PlainTextResponse(f"{what} is longer than the {self.max_bytes:,} bytes this "
                                     "server takes\n", status_code=status,
                                     headers={"Connection": "close"})
        await response(scope, receive, send)


async def _drain(receive: Receive, read: int) -> None:
    """Read what is left of a body that is refused, up to `_DRAIN` bytes in all, so that the
    client, still sending it, reads the refusal rather than a reset connection; past that the
    connection is closed on it."""
    while read < _DRAIN:
        message = await receive()
        if message["type"] != "http.request":
            return
        read += len(message.get("body", b""))
        if not message.get("more_body", False):
            return


@contextmanager
def answering_for(client: ClientGone) -> Iterator[None]:
    """Make `client` the one whose going stops the queries run within."""
    current = _CLIENT.set(client)
    try:
        yield
    finally:
        _CLIENT.reset(current)


def current_client() -> ClientGone | None:
    """The `ClientGone` of the request being answered; None outside a request (the warm-up)."""
    return _CLIENT.get()


class ClientGone:
    """Whether a request's client has gone away, for the event loop (`wait`) and for a
    worker's thread (`event`), told by the server's `http.disconnect` once the body has been
    read: a query whose client went away is stopped rather than run to its limit."""

    def __init__(self) -> None:
        self.event = threading.Event()
        self._gone = asyncio.Event()

    async def watch(self, receive: Receive) -> None:
        """Wait for the client's going (or the response's end), the body being read already."""
        while (await receive())["type"] != "http.disconnect":
            pass
        self.leave()

    def leave(self) -> None:
        """The client has gone away."""
        self.event.set()
        self._gone.set()

    async def wait(self) -> Message:
        await self._gone.wait()
        return {"type": "http.disconnect"}


def _replay(body: bytes, gone: ClientGone) -> Receive:
    """A `receive` that gives the body read already, then waits for the client's going."""
    given = False

    async def replayed() -> Message:
        nonlocal given
        if given:
            return await gone.wait()
        given = True
        return {"type": "http.request", "body": body, "more_body": False}

    return replayed
