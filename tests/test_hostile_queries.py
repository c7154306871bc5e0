"""Hostile SPARQL against a live server: each attack is stopped by the time limit or refused by a
limit with a clear 4xx or 503, while a second client keeps getting answers; SERVICE reaches no
endpoint the server was not started for; updates are refused on every route."""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx
import pytest

from policygraph.serve.services import allowed_endpoint

from .listener import Listener
from .live import LiveServer, start

TIME_LIMIT = 2.0
COUNT_TASKS = "SELECT (COUNT(*) AS ?n) WHERE { ?t a pg:Task }"


@pytest.fixture(scope="module")
def guarded(corpus_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """A server with a short time limit and two workers, nothing warming in the background."""
    live = start(corpus_store, "--timeout", str(TIME_LIMIT), "--workers", "2",
                 "--warm-timeout", "0", log=tmp_path_factory.mktemp("guarded") / "server.log")
    yield live
    live.stop()


def _values(count: int) -> str:
    return " ".join(str(number) for number in range(count))


def _nested(depth: int, opening: str, inner: str, closing: str) -> str:
    return opening * depth + inner + closing * depth


# name → (request: method and httpx keywords, status expected, words the message must hold)
ATTACKS: dict[str, tuple[dict[str, Any], int, str]] = {
    "cartesian product over all triples": (
        {"params": {"query": "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"}},
        503, "time limit"),
    "deep property path": (
        {"params": {"query": "SELECT (COUNT(*) AS ?n) WHERE "
                             "{ ?a (<urn:p>|!<urn:p>)* ?b . ?b (<urn:p>|!<urn:p>)* ?c }"}},
        503, "time limit"),
    "regex over a cartesian product": (
        {"params": {"query": "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f "
                             "FILTER(REGEX(CONCAT(STR(?c), STR(?f)), '^(a|aa)+(b|bb)+$')) }"}},
        503, "time limit"),
    "VALUES block of 20,000 rows joined to every triple": (
        {"content": f"SELECT (COUNT(*) AS ?n) WHERE {{ VALUES ?x {{ {_values(20_000)} }} "
                    "?s ?p ?o }",
         "headers": {"Content-Type": "application/sparql-query"}},
        503, "time limit"),
    "VALUES block past the size limit": (
        {"content": f"SELECT * WHERE {{ VALUES ?x {{ {_values(60_000)} }} }}",
         "headers": {"Content-Type": "application/sparql-query"}},
        413, "at most"),
    "1 MB query by direct POST": (
        {"content": "SELECT * WHERE { ?s ?p ?o } # " + "x" * 1_000_000,
         "headers": {"Content-Type": "application/sparql-query"}},
        413, "at most"),
    "1 MB query by URL-encoded POST": (
        {"data": {"query": "SELECT * WHERE { ?s ?p ?o } # " + "x" * 1_000_000}},
        413, "at most"),
    "1 MB query by GET": (
        {"params": {"query": "SELECT * WHERE { ?s ?p ?o } # " + "x" * 1_000_000}},
        413, "at most"),
    "query string past the request limit": (
        {"params": {"query": "SELECT * WHERE { ?s ?p ?o } # " + "x" * 1_080_000}},
        414, "longer than"),
    "10,000 nested groups": (
        {"params": {"query": "SELECT * WHERE " + _nested(10_000, "{", "?s ?p ?o", "}")}},
        400, "deep"),
    "10,000 nested parentheses": (
        {"params": {"query": "SELECT * WHERE { ?s ?p ?o FILTER"
                             + _nested(10_000, "(", "true", ")") + " }"}},
        400, "deep"),
    "a sum of 10,000 terms": (
        {"content": "SELECT (" + "+".join(["1"] * 10_000) + " AS ?x) {}",
         "headers": {"Content-Type": "application/sparql-query"}},
        400, "too long"),
    "10,000 terms where a tokenizer sees an IRI": (
        {"content": "SELECT * WHERE { FILTER((1<(" + "+".join(["1"] * 10_000) + "))>0) }",
         "headers": {"Content-Type": "application/sparql-query"}},
        400, "too long"),
    "20,000 filters": (
        {"content": "SELECT * WHERE { ?s ?p ?o " + "FILTER(true) " * 20_000 + "}",
         "headers": {"Content-Type": "application/sparql-query"}},
        400, "too long"),
}


def _attack(url: str, request: dict[str, Any]) -> tuple[int, str]:
    """Status and body of the attack. A GET goes through http.client, which, unlike httpx,
    sends a URL of any length, as a hostile client would."""
    if "params" in request:
        try:
            with urllib.request.urlopen(f"{url}/sparql?{urlencode(request['params'])}",
                                        timeout=60) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()
    response = httpx.post(f"{url}/sparql", timeout=60, **request)
    return response.status_code, response.text


@pytest.mark.parametrize("name", ATTACKS)
def test_an_attack_is_stopped_while_another_client_is_answered(guarded: LiveServer,
                                                               name: str) -> None:
    request, status, words = ATTACKS[name]
    expected = httpx.get(f"{guarded.url}/sparql", params={"query": COUNT_TASKS}).text
    answers = []
    with ThreadPoolExecutor(1) as pool:
        attack = pool.submit(_attack, guarded.url, request)
        while not attack.done() or not answers:
            answer = httpx.get(f"{guarded.url}/sparql", params={"query": COUNT_TASKS},
                               timeout=30)
            answers.append((answer.status_code, answer.text))
        answered, message = attack.result()
    assert (answered, words in message) == (status, True), message
    assert set(answers) == {(200, expected)}


def test_a_catastrophic_regex_is_answered_or_stopped_in_time(guarded: LiveServer) -> None:
    query = ("SELECT (COUNT(*) AS ?n) WHERE { ?t pg:text ?text "
             "FILTER(REGEX(CONCAT(?text, ?text, ?text, '!'), '^(([\\\\s\\\\S])+)+$')) }")
    response = httpx.get(f"{guarded.url}/sparql", params={"query": query},
                         timeout=TIME_LIMIT + 30)
    assert response.status_code in {200, 503}, response.text


def test_the_workers_answer_after_the_attacks(guarded: LiveServer) -> None:
    for _ in range(4):  # more requests than workers: every worker answers
        assert httpx.get(f"{guarded.url}/sparql", params={"query": COUNT_TASKS},
                         timeout=30).status_code == 200


# ---------------------------------------------------------------- SERVICE

@pytest.fixture
def listener() -> Iterator[Listener]:
    listening = Listener()
    yield listening
    listening.socket.close()


@pytest.mark.parametrize("pattern", [
    "SERVICE <{url}> {{ ?s ?p ?o }}",
    "SERVICE SILENT <{url}> {{ ?s ?p ?o }}",
    "service <{url}> {{ ?s ?p ?o }}",
    "VALUES ?endpoint {{ <{url}> }} SERVICE ?endpoint {{ ?s ?p ?o }}",
    "SERVICE internal:sparql {{ ?s ?p ?o }}",
])
def test_service_calls_are_refused_and_reach_nothing(guarded: LiveServer, listener: Listener,
                                                     pattern: str) -> None:
    url = f"http://127.0.0.1:{listener.port}/sparql"
    query = (f"PREFIX internal: <http://127.0.0.1:{listener.port}/> "
             f"SELECT * WHERE {{ {pattern.format(url=url)} }}")
    response = httpx.get(f"{guarded.url}/sparql", params={"query": query}, timeout=30)
    assert response.status_code == 403
    assert "--allow-service" in response.text
    assert listener.connections == 0


@pytest.mark.parametrize("gap", ["\r", "\r\n", "\n", "\f", "\u2028", "\u0085", "\\u000d"])
def test_a_service_after_a_comment_reaches_nothing_whatever_ends_the_line(
        guarded: LiveServer, listener: Listener, gap: str) -> None:
    """The engine ends a comment at a carriage return or a line feed, as SPARQL's grammar
    says; other line ends leave it a comment, and the query fails to parse."""
    url = f"http://127.0.0.1:{listener.port}/sparql"
    query = f"SELECT * WHERE {{ #x{gap}SERVICE <{url}> {{ ?s ?p ?o }} }}"
    response = httpx.post(f"{guarded.url}/sparql", data={"query": query}, timeout=30)
    assert response.status_code in (400, 403), response.text
    assert listener.connections == 0


def test_service_calls_to_an_allowed_endpoint_are_made(server: LiveServer, corpus_store: Path,
                                                       tmp_path: Path) -> None:
    endpoint = f"{server.url}/sparql"
    federating = start(corpus_store, "--allow-service", endpoint, "--warm-timeout", "0",
                       log=tmp_path / "federating.log")
    try:
        query = (f"SELECT (COUNT(*) AS ?n) WHERE {{ SERVICE <{endpoint}> "
                 "{ ?t a <https://w3id.org/policygraph/ontology#Task> } }")
        remote = httpx.get(f"{federating.url}/sparql", params={"query": query},
                           headers={"Accept": "text/csv"}, timeout=30)
        local = httpx.get(f"{server.url}/sparql", params={"query": COUNT_TASKS},
                          headers={"Accept": "text/csv"}, timeout=30)
        others = [httpx.get(f"{federating.url}/sparql", timeout=30, params={
            "query": f"SELECT * WHERE {{ SERVICE <{iri}> {{ ?s ?p ?o }} }}"}).status_code
            for iri in ("http://127.0.0.1:1/sparql", f"{endpoint}x",
                        endpoint.replace("127.0.0.1", "127.0.0.1.nip.io"))]
    finally:
        federating.stop()
    assert (remote.status_code, remote.text) == (200, local.text)
    assert others == [403, 403, 403]


@pytest.mark.parametrize(("endpoint", "allowed"), [
    ("http://example.org/sparql", True),
    ("http://EXAMPLE.org:80/sparql", True),
    ("http://example.org/sparql/sub", True),
    ("http://example.org/sparql?default-graph-uri=x", True),
    ("http://example.org.evil.com/sparql", False),
    ("http://example.org@evil.com/sparql", False),
    ("http://user@example.org/sparql", False),
    ("http://example.org/sparqlx", False),
    ("http://example.org:8080/sparql", False),
    ("https://example.org/sparql", False),
    ("http://example.org/", False),
    ("http://example.org:x/sparql", False),
    ("file:///etc/passwd", False),
])
def test_an_allowed_endpoint_is_matched_by_scheme_host_port_and_path(endpoint: str,
                                                                     allowed: bool) -> None:
    assert allowed_endpoint(endpoint, ["http://example.org/sparql"]) is allowed


def test_an_allowed_host_allows_every_path_on_it() -> None:
    assert allowed_endpoint("https://example.org/any/path", ["https://example.org"])
    assert not allowed_endpoint("https://example.org.evil.com/", ["https://example.org/"])


# ---------------------------------------------------------------- updates

UPDATES = ["LOAD <http://127.0.0.1:1/data.ttl>", "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
           "DELETE WHERE { ?s ?p ?o }", "CLEAR ALL", "DROP ALL",
           "PREFIX ex: <urn:x:> DELETE { ?s ?p ?o } INSERT { ?s ?p 1 } WHERE { ?s ?p ?o }"]


def _update_requests(update: str) -> list[tuple[str, dict[str, Any]]]:
    """Every way an update could be sent to the SPARQL endpoint."""
    return [
        ("GET", {"params": {"query": update}}),
        ("GET", {"params": {"update": update}}),
        ("POST", {"data": {"query": update}}),
        ("POST", {"data": {"update": update}}),
        ("POST", {"content": update, "headers": {"Content-Type": "application/sparql-update"}}),
        ("POST", {"content": update, "headers": {"Content-Type": "application/sparql-query"}}),
    ]


@pytest.mark.parametrize("update", UPDATES)
def test_updates_are_refused_however_they_are_sent(guarded: LiveServer, update: str) -> None:
    count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    before = httpx.get(f"{guarded.url}/sparql", params={"query": count}).text
    for method, request in _update_requests(update):
        response = httpx.request(method, f"{guarded.url}/sparql", timeout=30, **request)
        assert (method, response.status_code) == (method, 403), response.text
        assert "read-only" in response.text
    assert httpx.get(f"{guarded.url}/sparql", params={"query": count}).text == before


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH"])
@pytest.mark.parametrize("route", ["/api/queries/tasks", "/api/tasks", "/api/task", "/dump",
                                   "/ontology", "/id/doc/x", "/.well-known/void"])
def test_no_other_route_takes_a_change(guarded: LiveServer, method: str, route: str) -> None:
    response = httpx.request(method, f"{guarded.url}{route}", content="DROP ALL", timeout=30)
    assert response.status_code == 405
