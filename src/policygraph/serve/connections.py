"""Connections that send their request's head too slowly are closed.

uvicorn times out a connection only while it is idle between requests (keep-alive): one that
opens and then sends its request line and headers a byte at a time, or never finishes them,
holds a socket and a descriptor for as long as it likes, and a few hundred of them exhaust the
server's descriptors (a slowloris). This h11 protocol gives every request's head a deadline,
counted from the connection's opening or from the end of the previous response, and answers
408 and closes the connection when the head is not complete by then.
"""

from __future__ import annotations

import asyncio

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

from .settings import DEFAULT_HEADER_TIMEOUT

_MESSAGE = b"the request's line and headers did not arrive in time\n"
_TIMED_OUT = (b"HTTP/1.1 408 Request Timeout\r\ncontent-type: text/plain; charset=utf-8\r\n"
              b"connection: close\r\ncontent-length: " + str(len(_MESSAGE)).encode() +
              b"\r\n\r\n" + _MESSAGE)


class HeadDeadlineProtocol(H11Protocol):
    """uvicorn's h11 protocol with a deadline on each request's head."""

    head_timeout: float = DEFAULT_HEADER_TIMEOUT  # replaced per server
    _deadline: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        if self.conn.their_state is not h11.IDLE:  # the head is in: the request is the app's
            self._disarm()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing() and self.conn.their_state is h11.IDLE:
            self._arm()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def _arm(self) -> None:
        self._disarm()
        self._deadline = self.loop.call_later(self.head_timeout, self._head_too_late)

    def _disarm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def _head_too_late(self) -> None:
        self._deadline = None
        if self.transport.is_closing() or self.conn.their_state is not h11.IDLE:
            return
        if self.cycle is None or self.cycle.response_complete:
            self.transport.write(_TIMED_OUT)
        self.transport.close()


def head_deadline_protocol(seconds: float) -> type[HeadDeadlineProtocol]:
    """The protocol class uvicorn builds connections with, its heads due within `seconds`."""
    return type("HeadDeadline", (HeadDeadlineProtocol,), {"head_timeout": seconds})
