"""The HTTP surface under careless and hostile requests: path traversal, oversized bodies, wrong
methods, malformed headers and unknown formats get a 4xx, never a 500; and schemathesis,
generating requests from the OpenAPI document, finds no 5xx and no response that breaks it."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from .live import LiveServer

SECRETS = ("root:", "[project]", "BEGIN", "policygraph.cli")
ROUTES = ["/sparql?query=ASK%7B%7D", "/api/queries/documents", "/ontology",
          "/.well-known/void", "/dump?format=nt", "/id/doc/none"]


@pytest.mark.parametrize("path", [
    "/id/..%2F..%2F..%2Fetc%2Fpasswd",
    "/id/doc/..%2F..%2F..%2Fpyproject.toml",
    "/id/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "/function/..%2F..%2Fpyproject.toml",
    "/ontology/..%2F..%2Fetc%2Fpasswd",
    "//etc/passwd",
    "/%2Fetc%2Fpasswd",
    "/id/doc/%00",
    "/dump?format=..%2F..%2Fetc%2Fpasswd",
    "/dump?format=/etc/passwd",
    "/context.jsonld/..%2F..%2Fpyproject.toml",
])
def test_path_traversal_finds_nothing(server: LiveServer, path: str) -> None:
    response = httpx.get(f"{server.url}{path}", timeout=30)
    assert 400 <= response.status_code < 500, response.status_code
    assert not any(secret in response.text for secret in SECRETS)


def test_an_oversized_body_is_413(server: LiveServer) -> None:
    body = "SELECT * WHERE { ?s ?p ?o } #" + "x" * 5_000_000
    response = httpx.post(f"{server.url}/sparql", content=body, timeout=60,
                          headers={"Content-Type": "application/sparql-query"})
    assert response.status_code == 413


def test_an_oversized_body_without_a_length_is_413(server: LiveServer) -> None:
    def chunks() -> Iterator[bytes]:
        yield b"SELECT * WHERE { ?s ?p ?o } #"
        for _ in range(100):
            yield b"x" * 50_000

    response = httpx.post(f"{server.url}/sparql", content=chunks(), timeout=60,
                          headers={"Content-Type": "application/sparql-query"})
    assert response.status_code == 413


def test_a_request_line_past_every_limit_is_refused(server: LiveServer) -> None:
    port = int(server.url.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=30) as connection:
        connection.sendall(b"GET /sparql?query=" + b"x" * 3_000_000 + b" HTTP/1.1\r\n"
                           b"Host: 127.0.0.1\r\n\r\n")
        answer = connection.recv(100)
    assert answer.split(b" ")[1][:1] == b"4", answer


@pytest.mark.parametrize(("method", "route"), [
    ("PUT", "/sparql"), ("DELETE", "/sparql"), ("PATCH", "/sparql"),
    ("POST", "/api/queries"), ("PUT", "/api/tasks"), ("DELETE", "/dump"),
    ("POST", "/.well-known/void"), ("POST", "/id/doc/x"), ("TRACE", "/sparql"),
])
def test_a_wrong_method_is_405_naming_every_method_the_path_takes(server: LiveServer,
                                                                   method: str,
                                                                   route: str) -> None:
    response = httpx.request(method, f"{server.url}{route}", timeout=30)
    assert response.status_code == 405
    allowed = set(response.headers["allow"].split(", "))
    assert {"GET", "OPTIONS"} <= allowed and method not in allowed
    assert ("POST" in allowed) == (route == "/sparql")


@pytest.mark.parametrize(("route", "methods"), [
    ("/sparql", "GET, HEAD, OPTIONS, POST"), ("/api/queries", "GET, HEAD, OPTIONS"),
    ("/", "GET, HEAD, OPTIONS"),
])
def test_options_names_the_methods_of_every_route_of_the_path(server: LiveServer, route: str,
                                                              methods: str) -> None:
    response = httpx.options(f"{server.url}{route}", timeout=30)
    assert response.status_code == 204 and response.headers["allow"] == methods


@pytest.mark.parametrize("route", ["/", "/query", "/ontology", "/function/taxation",
                                   "/id/doc/none", "/network", "/docs"])
def test_every_html_page_forbids_framing_sniffing_and_other_sites(server: LiveServer,
                                                                  route: str) -> None:
    response = httpx.get(f"{server.url}{route}", headers={"Accept": "text/html"}, timeout=30)
    assert response.headers["content-type"].startswith("text/html"), route
    policy = response.headers["content-security-policy"]
    assert "default-src 'self'" in policy and "frame-ancestors 'self'" in policy
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "SAMEORIGIN"


@pytest.mark.parametrize("route", ROUTES)
def test_every_answer_forbids_sniffing_its_type(server: LiveServer, route: str) -> None:
    response = httpx.get(f"{server.url}{route}", timeout=60)
    assert response.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize("route", ROUTES)
@pytest.mark.parametrize("accept", [";;;", "text/html;q=abc", "*/*;q=2", "a/b/c, ,,",
                                    "application/sparql-results+json;q=-1", "x" * 10_000,
                                    "text/turtle;q=0, */*;q=0", "text/*;q=0.5;q=0.9;level=x"])
def test_a_malformed_accept_header_is_never_a_server_error(server: LiveServer, route: str,
                                                           accept: str) -> None:
    response = httpx.get(f"{server.url}{route}", headers={"Accept": accept}, timeout=60)
    assert response.status_code < 500 or response.status_code == 503, response.text


@pytest.mark.parametrize(("route", "status"), [
    ("/sparql?query=ASK%7B%7D&format=docx", 400),
    ("/dump?format=docx", 400),
    ("/ontology?format=docx", 400),
    ("/api/queries/documents?format=docx", 422),
    ("/api/queries?format=", 422),
    ("/api/queries?offset=", 422),
    ("/api/queries/documents?region=", 422),
    ("/api/queries?offset=99999999999999999999999", 422),
    ("/sparql?query=ASK%7B%7D&format=", 400),
    ("/ontology?format=", 400),
])
def test_an_unknown_format_an_empty_value_or_a_huge_offset_is_refused(
        server: LiveServer, route: str, status: int) -> None:
    assert httpx.get(f"{server.url}{route}", timeout=30).status_code == status


# ---------------------------------------------------------------- generated requests

def test_generated_requests_get_no_server_error_and_keep_the_schema(server: LiveServer,
                                                                    long_run: bool,
                                                                    tmp_path: Path) -> None:
    """schemathesis generates requests for every operation of the OpenAPI document (its
    examples, the boundaries of every parameter, then random values) and runs all its checks
    on each answer: no 5xx; a status, content type, headers and body the document lists; a
    request the schema allows is accepted and one it does not is refused. SPARQL queries come
    from the hooks, since JSON Schema cannot describe them."""
    command = [str(Path(sys.executable).parent / "st"), "--no-color", "run",
               f"{server.url}/openapi.json", "--checks", "all",
               "--max-examples", "60" if long_run else "3", "--seed", "1"]
    hooks = Path(__file__).with_name("schemathesis_hooks.py")
    result = subprocess.run(command, capture_output=True, text=True, timeout=1800,
                            cwd=tmp_path,  # where it keeps its example database
                            env={**os.environ, "SCHEMATHESIS_HOOKS": str(hooks)})
    generated = re.search(r"(\d+) generated, (\d+) passed", result.stdout)
    print("\n" + (generated[0] if generated else result.stdout[-3000:]))
    assert result.returncode == 0, result.stdout[-5000:]
    assert generated is not None and generated[1] == generated[2]
