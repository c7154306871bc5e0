"""The query service: FastAPI + uvicorn over the persistent store.

`serve(settings, host, port)` is the stage's entry point; `create_app(settings)` gives the app
itself, for tests and for other ASGI servers. Before anything starts, `serve` checks what a
server cannot run without (its address, a store this version reads, a remote store that
answers) and raises ServeError saying which, instead of failing later in a worker.
"""

from __future__ import annotations

import logging
import socket

import httpx
import uvicorn

from ..store import GraphStore, StoreError
from .app import create_app
from .connections import head_deadline_protocol
from .settings import Settings

__all__ = ["ServeError", "Settings", "create_app", "serve", "served_base"]

# How long a remote store may take to answer the check at start-up.
_REMOTE_CHECK_TIMEOUT = 10.0


class ServeError(Exception):
    """A server that cannot start; the message says why in one line."""


def serve(settings: Settings, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve until interrupted."""
    _check_source(settings)
    try:
        listening = _listen(host, port)
    except OSError as error:
        raise ServeError(f"cannot listen on {host}:{port}: {error.strerror or error}") from None
    address = _address(host, port)
    print(f"policygraph: serving {address}/ (the web interface), {address}/sparql, "
          f"{address}/api and its documentation at {address}/docs", flush=True)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    # h11 refuses a request line past 16 KiB with a bare 400; let the app's own limit, with
    # its message, decide instead (the headers beside it may take 64 KiB).
    server = uvicorn.Server(uvicorn.Config(
        create_app(settings), log_level="info",
        http=head_deadline_protocol(settings.header_timeout),
        h11_max_incomplete_event_size=settings.max_request_bytes + 2**16))
    server.run(sockets=[listening])


def served_base(host: str, port: int) -> str:
    """The base IRI of entities served at `host`:`port` (a wildcard address's entities at the
    loopback address, where a local reader finds them)."""
    local = {"": "127.0.0.1", "0.0.0.0": "127.0.0.1", "::": "::1"}.get(host, host)
    return f"{_address(local, port)}/id/"


def _address(host: str, port: int) -> str:
    """`http://host:port`, an IPv6 host in brackets."""
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


def _check_source(settings: Settings) -> None:
    """Refuse a store that cannot be read, or a remote store that does not answer a query."""
    if settings.endpoint is None:
        try:
            GraphStore(settings.store_dir).open()
        except StoreError as error:
            raise ServeError(str(error)) from None
        return
    try:
        httpx.get(settings.endpoint, params={"query": "ASK {}"},
                  timeout=_REMOTE_CHECK_TIMEOUT).raise_for_status()
    except httpx.HTTPError as error:
        raise ServeError(f"the remote store {settings.endpoint} does not answer: "
                         f"{error}") from None


def _listen(host: str, port: int) -> socket.socket:
    """A socket bound to the server's address, so that an address in use is reported before
    the workers start rather than in uvicorn's log after them. It names its protocol (TCP):
    asyncio turns Nagle's algorithm off only on connections of a socket that does, and with it
    on, a response's body waits for the client's delayed acknowledgement of its head (40 ms on
    every request of a kept-alive connection)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    listening = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    listening.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        listening.bind((host, port))
    except OSError:
        listening.close()
        raise
    return listening
