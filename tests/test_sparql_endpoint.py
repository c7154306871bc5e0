"""The SPARQL endpoint of a live server: protocol errors, negotiation, limits."""

from __future__ import annotations

import httpx
import pytest


def get(server, **params: str) -> httpx.Response:
    return httpx.get(f"{server.url}/sparql", params=params, timeout=30)


def test_select_by_get_as_json(server):
    response = get(server, query="SELECT (COUNT(*) AS ?n) WHERE { ?t a pg:Task }")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/sparql-results+json")
    assert int(response.json()["results"]["bindings"][0]["n"]["value"]) > 100


@pytest.mark.parametrize(("accept", "media"), [
    ("text/csv;q=0.9, application/sparql-results+json;q=0.5", "text/csv"),
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/tab-separated-values", "text/tab-separated-values"),
    ("application/json", "application/sparql-results+json"),
])
def test_accept_with_q_values(server, accept, media):
    response = httpx.get(f"{server.url}/sparql",
                         params={"query": "SELECT ?r WHERE { ?r a pg:Region }"},
                         headers={"Accept": accept}, timeout=30)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media)


def test_two_queries_is_a_bad_request(server):
    response = httpx.get(f"{server.url}/sparql?query=ASK%7B%7D&query=ASK%7B%7D", timeout=30)
    assert response.status_code == 400 and "exactly one query" in response.text


def test_syntax_error_is_a_bad_request_with_the_parser_message(server):
    response = get(server, query="SELECT ?x WHERE { ?x")
    assert response.status_code == 400 and "syntax error" in response.text.lower()


def test_updates_are_refused(server):
    response = httpx.post(f"{server.url}/sparql", content="DROP ALL",
                          headers={"Content-Type": "application/sparql-update"}, timeout=30)
    assert response.status_code == 403 and "read-only" in response.text


def test_post_without_content_type_is_a_bad_request(server):
    response = httpx.post(f"{server.url}/sparql", content=b"ASK {}", timeout=30)
    assert response.status_code == 400


def test_service_description(server):
    response = httpx.get(f"{server.url}/sparql", headers={"Accept": "text/turtle"}, timeout=30)
    assert response.status_code == 200 and "sd:Service" in response.text
    assert "pg:queryTimeLimit" in response.text


@pytest.mark.parametrize(("query", "fmt", "accept", "media"), [
    ("SELECT ?r WHERE { ?r a pg:Region }", "nt", "*/*", "application/sparql-results+json"),
    ("SELECT ?r WHERE { ?r a pg:Region }", "ttl", "text/csv", "text/csv"),
    ("CONSTRUCT WHERE { ?r a pg:Region }", "csv", "*/*", "text/turtle"),
    ("CONSTRUCT WHERE { ?r a pg:Region }", "nt", "text/turtle", "application/n-triples"),
])
def test_a_format_decides_for_the_results_it_names_and_accept_for_the_others(
        server, query, fmt, accept, media):
    response = httpx.get(f"{server.url}/sparql", params={"query": query, "format": fmt},
                         headers={"Accept": accept}, timeout=30)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith(media)


@pytest.mark.parametrize("params", [{"timeout": "-1"}, {"format": ""},
                                    {"default-graph-uri": "not an iri"}])
def test_the_service_description_refuses_the_parameters_a_query_would_be_refused(server, params):
    response = httpx.get(f"{server.url}/sparql", params=params, timeout=30)
    assert response.status_code == 400
    assert next(iter(params)) in response.text or "format" in response.text
