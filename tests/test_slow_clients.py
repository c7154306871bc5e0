"""Connections that send their request's head slowly, or never finish it, against a live
server: each is answered 408 and closed at the head deadline, so that a few hundred of them
hold no descriptors for long, while requests that arrive whole are answered."""

from __future__ import annotations

import asyncio
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from policygraph.serve import _listen

from .live import LiveServer, start

DEADLINE = 1.0  # --header-timeout of the server, seconds
MARGIN = 3.0  # seconds a loaded machine may add


@pytest.fixture(scope="module")
def strict(corpus_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    live = start(corpus_store, "--header-timeout", f"{DEADLINE:g}", "--warm-timeout", "0",
                 log=tmp_path_factory.mktemp("strict") / "server.log")
    yield live
    live.stop()


def _address(server: LiveServer) -> tuple[str, int]:
    host, port = server.url.removeprefix("http://").split(":")
    return host, int(port)


def _read_until_closed(connection: socket.socket) -> bytes:
    received = b""
    while chunk := connection.recv(4096):
        received += chunk
    return received


def test_unfinished_heads_are_answered_408_and_closed_at_the_deadline(
        strict: LiveServer) -> None:
    opened = time.monotonic()
    connections = [socket.create_connection(_address(strict), timeout=DEADLINE + MARGIN)
                   for _ in range(100)]
    for connection in connections:
        connection.sendall(b"GET /api/queries/documents HTTP/1.1\r\nHost: x\r\n")
    # Requests that arrive whole are answered meanwhile.
    assert httpx.get(f"{strict.url}/api/queries/documents", timeout=30).status_code == 200
    answers = [_read_until_closed(connection) for connection in connections]
    assert time.monotonic() - opened < DEADLINE + MARGIN
    assert all(answer.startswith(b"HTTP/1.1 408 ") for answer in answers), answers[0]
    for connection in connections:
        connection.close()


def test_a_head_sent_a_byte_at_a_time_is_cut_off(strict: LiveServer) -> None:
    head = b"GET / HTTP/1.1\r\nHost: x\r\nX-Padding: " + b"a" * 200 + b"\r\n\r\n"
    opened = time.monotonic()
    received = b""
    with socket.create_connection(_address(strict), timeout=DEADLINE + MARGIN) as connection:
        try:
            for byte in head:  # ten seconds at this pace
                connection.sendall(bytes([byte]))
                time.sleep(0.05)
            received = _read_until_closed(connection)
        except OSError:  # the server closed the connection while the head was coming
            pass
    assert time.monotonic() - opened < DEADLINE + MARGIN
    assert not received.startswith(b"HTTP/1.1 200"), received[:100]


def test_a_kept_alive_connection_gets_a_new_deadline_for_each_request(
        strict: LiveServer) -> None:
    with httpx.Client(timeout=30) as client:
        for _ in range(3):
            assert client.get(f"{strict.url}/api/queries/documents").status_code == 200
            time.sleep(DEADLINE / 2)


def test_the_servers_connections_send_without_waiting_for_acknowledgements():
    """Nagle's algorithm is off on every connection the server's socket accepts, so that a
    response's body never waits for the client's delayed acknowledgement of its head (asyncio
    turns it off only where the listening socket names TCP as its protocol)."""

    async def accepted_option() -> int:
        listening = _listen("127.0.0.1", 0)
        seen: asyncio.Future[int] = asyncio.get_running_loop().create_future()

        def accept(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            connection = writer.get_extra_info("socket")
            seen.set_result(connection.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
            writer.close()

        server = await asyncio.start_server(accept, sock=listening)
        async with server:
            _, writer = await asyncio.open_connection(*listening.getsockname())
            option = await asyncio.wait_for(seen, 10)
            writer.close()
        return option

    assert asyncio.run(accepted_option()) != 0
