"""A real `policygraph serve` on 127.0.0.1 for tests that talk HTTP to it, and the requests
they make of it (a SPARQL query, a page of an IRI).

The server runs as a subprocess, exactly as a user starts it, on a free port; `start` waits
until it answers and `stop` ends it.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx


def cli(*arguments: str | Path | int) -> list[str]:
    """The command line of `policygraph ARGUMENTS`, run by this interpreter, as a user runs it."""
    return [sys.executable, "-m", "policygraph.cli", *map(str, arguments)]


def run_cli(*arguments: str | Path | int, timeout: float = 600
            ) -> subprocess.CompletedProcess[str]:
    """Run `policygraph ARGUMENTS` to the end, its output captured as text."""
    return subprocess.run(cli(*arguments), capture_output=True, text=True, timeout=timeout)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass
class LiveServer:
    """A running server: its base URL and process."""

    url: str
    process: subprocess.Popen[bytes]
    log: Path

    def stop(self) -> None:
        stop(self.process, timeout=10)


def stop(process: subprocess.Popen[bytes], timeout: float) -> None:
    """End a server process: politely, then by force after `timeout` seconds."""
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def wait_until_answers(process: subprocess.Popen[bytes], probe: str, log: Path, name: str,
                       seconds: float, pause: float) -> None:
    """Return once a GET of `probe` succeeds; raise with the end of the server's log if the
    process exits first or `seconds` pass."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{name} exited with {process.returncode}:\n"
                               + log.read_text(errors="replace")[-4000:])
        try:
            with urllib.request.urlopen(probe, timeout=5):
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(pause)
    process.kill()
    raise RuntimeError(f"{name} did not answer within {seconds:g} s:\n"
                       + log.read_text(errors="replace")[-4000:])


def start(store: Path, *options: str, log: Path, probe: str = "/api/queries",
          pause: float = 0.2) -> LiveServer:
    """Serve `store` (already built) with extra `serve` options; wait until a GET of `probe`
    answers, asking every `pause` seconds."""
    port = free_port()
    command = cli("serve", "--store", store, "--port", port, *options)
    with log.open("wb") as sink:
        process = subprocess.Popen(command, stdout=sink, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    wait_until_answers(process, url + probe, log, "policygraph serve", 60, pause)
    return LiveServer(url, process, log)


def wait_for_warm_up(url: str, seconds: float = 120) -> dict[str, Any]:
    """The server's warm-up (`/api/status`) once it has finished, asking every 0.2 s;
    AssertionError if it has not within `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with urllib.request.urlopen(f"{url}/api/status", timeout=30) as response:
            warmup: dict[str, Any] = json.load(response)["warmup"]
        if warmup["finished"]:
            return warmup
        time.sleep(0.2)
    raise AssertionError(f"the warm-up did not finish within {seconds:g} s")


# The root of the project's vocabulary IRIs, served at the server's root.
VOCABULARY = "https://w3id.org/policygraph/"


def sparql(server: LiveServer, query: str) -> list[dict[str, str]]:
    response = httpx.get(f"{server.url}/sparql", params={"query": query},
                         headers={"Accept": "application/sparql-results+json"}, timeout=30)
    assert response.status_code == 200, response.text
    return [{name: value["value"] for name, value in row.items()}
            for row in response.json()["results"]["bindings"]]


def path_of(iri: str) -> str:
    """Where the server serves `iri`: vocabularies at the root, data under the base's path."""
    return "/" + iri[len(VOCABULARY):] if iri.startswith(VOCABULARY) else urlsplit(iri).path


def fetch(server: LiveServer, iri_or_path: str, accept: str = "text/html",
          **params: str) -> httpx.Response:
    path = iri_or_path if iri_or_path.startswith("/") else path_of(iri_or_path)
    return httpx.get(server.url + path, params=params, headers={"Accept": accept}, timeout=30)
