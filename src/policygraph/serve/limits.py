"""Request size limits, before any route reads a request.

A client may send a query string or a body of any size; read whole, either costs the server
memory and the engine time before the query is even parsed. This ASGI middleware answers 414
for a query string past the limit and 413 for a body past it (by its `Content-Length`, or as it
arrives when it has none), and hands the routes a body it has read whole, at most the limit.
"""

from __future__ import annotations

from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send


class RequestLimits:
    """Refuse requests whose query string or body is longer than `max_bytes`."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if len(scope.get("query_string", b"")) > self.max_bytes:
            await self._refuse(414, "the query string", scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > self.max_bytes:
            await self._refuse(413, "the request body", scope, receive, send)
            return
        body = bytearray()
        while True:
            message = await receive()
            if message["type"] != "http.request":  # the client went away
                return
            body += message.get("body", b"")
            if len(body) > self.max_bytes:
                await self._refuse(413, "the request body", scope, receive, send)
                return
            if not message.get("more_body", False):
                break
        await self.app(scope, _replay(bytes(body), receive), send)

    async def _refuse(self, status: int, what: str, scope: Scope, receive: Receive,
                      send: Send) -> None:
        response = PlainTextResponse(f"{what} is longer than the {self.max_bytes:,} bytes this "
                                     "server takes\n", status_code=status,
                                     headers={"Connection": "close"})
        await response(scope, receive, send)


def _replay(body: bytes, receive: Receive) -> Receive:
    """A `receive` that gives the body read already, then waits on the client as before."""
    given = False

    async def replayed() -> Message:
        nonlocal given
        if given:
            return await receive()
        given = True
        return {"type": "http.request", "body": body, "more_body": False}

    return replayed
