"""Serve options: CORS off by default and on for the origins named; request logs with timing."""

from __future__ import annotations

import httpx

from .live import start

ASK = {"query": "ASK { ?s ?p ?o }"}


def test_cors_is_off_by_default(server):
    response = httpx.get(f"{server.url}/sparql", params=ASK,
                         headers={"Origin": "http://example.org"}, timeout=30)
    assert response.status_code == 200
    assert "access-control-allow-origin" not in response.headers


def test_cors_for_the_origins_named(corpus_store, tmp_path):
    live = start(corpus_store, "--cors-origin", "http://example.org", "--workers", "1",
                 log=tmp_path / "server.log")
    try:
        allowed = httpx.get(f"{live.url}/sparql", params=ASK,
                            headers={"Origin": "http://example.org"}, timeout=30)
        other = httpx.get(f"{live.url}/sparql", params=ASK,
                          headers={"Origin": "http://elsewhere.org"}, timeout=30)
        preflight = httpx.options(f"{live.url}/sparql", timeout=30, headers={
            "Origin": "http://example.org", "Access-Control-Request-Method": "POST"})
    finally:
        live.stop()
    assert allowed.headers["access-control-allow-origin"] == "http://example.org"
    assert "access-control-allow-origin" not in other.headers
    assert preflight.status_code == 200 and "POST" in preflight.headers[
        "access-control-allow-methods"]


def test_requests_are_logged_with_their_duration(server):
    httpx.get(f"{server.url}/sparql", params=ASK, timeout=30)
    response = httpx.get(f"{server.url}/api/queries", timeout=30)
    assert response.headers["server-timing"].startswith("app;dur=")
    log = server.log.read_text(errors="replace")
    assert any("GET /sparql 200" in line and line.rstrip().endswith("ms")
               for line in log.splitlines())
