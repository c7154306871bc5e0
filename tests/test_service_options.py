"""Serve options: CORS off by default and on for the origins named; request logs with timing;
the address a server says it serves at and mints its own store's IRIs for."""

from __future__ import annotations

import subprocess
from pathlib import Path

import httpx

from .live import LiveServer, cli, free_port, sparql, start, stop, wait_until_answers

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


def test_a_server_that_builds_its_store_says_where_it_serves_and_mints_iris_there(tmp_path):
    """`policygraph serve --port P` over no store: it builds one whose entities' IRIs are its
    own address's, so that each resolves on the server that lists it, and prints where."""
    (tmp_path / "data" / "raw").mkdir(parents=True)
    for path in sorted((Path(__file__).parent.parent / "data" / "raw").glob("*.txt"))[:1]:
        (tmp_path / "data" / "raw" / path.name).write_bytes(path.read_bytes())
    port = free_port()
    log = tmp_path / "server.log"
    with log.open("wb") as sink:
        process = subprocess.Popen(cli("serve", "--store", tmp_path / "store", "--port", port),
                                   stdout=sink, stderr=subprocess.STDOUT, cwd=tmp_path)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_answers(process, url + "/api/queries", log, "policygraph serve", 120, 0.2)
        printed = log.read_text("utf-8")
        assert "yet: building it first from data/raw" in printed
        assert f"serving {url}/ (the web interface)" in printed
        server = LiveServer(url, process, log)
        tasks = sparql(server, "SELECT ?t WHERE { ?t a pg:Task } LIMIT 1")
        assert tasks[0]["t"].startswith(f"{url}/id/")
        assert httpx.get(tasks[0]["t"], timeout=30).status_code == 200
    finally:
        stop(process, 10)
