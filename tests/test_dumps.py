"""Dumps over HTTP round-trip through two parsers; VoID counts equal the store's."""

from __future__ import annotations

import gzip
import json
import time
from collections.abc import Iterator

import httpx
import psutil
import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph

from policygraph.query import canned_queries, run_query
from policygraph.store import GraphStore

from .live import LiveServer, start

QUADS = {"nq": (ox.RdfFormat.N_QUADS, "nquads"), "trig": (ox.RdfFormat.TRIG, "trig"),
         "jsonld": (ox.RdfFormat.JSON_LD, "json-ld")}
TRIPLES = {"ttl": (ox.RdfFormat.TURTLE, "turtle"), "nt": (ox.RdfFormat.N_TRIPLES, "nt")}


@pytest.fixture(scope="module")
def live_store(corpus_store) -> ox.Store:
    return GraphStore(corpus_store).open()


def fetch(server, fmt: str, **params: str) -> bytes:
    response = httpx.get(f"{server.url}/dump", params={"format": fmt, **params}, timeout=60)
    assert response.status_code == 200, response.text
    return response.content


@pytest.mark.parametrize("fmt", sorted(QUADS))
def test_quad_dumps_parse_with_both_parsers_and_keep_every_quad(server, live_store, fmt):
    body = fetch(server, fmt)
    oxigraph_format, rdflib_format = QUADS[fmt]
    fresh = ox.Store()
    fresh.load(body, oxigraph_format)
    parsed = Dataset()
    parsed.parse(data=body, format=rdflib_format)
    assert len(fresh) == len(parsed) == len(live_store)


@pytest.mark.parametrize("fmt", sorted(TRIPLES))
def test_triple_dumps_hold_the_union(server, live_store, fmt):
    body = fetch(server, fmt)
    oxigraph_format, rdflib_format = TRIPLES[fmt]
    triples = list(ox.parse(body, oxigraph_format))
    union = {(q.subject, q.predicate, q.object) for q in live_store}
    assert len(set(triples)) == len(Graph().parse(data=body, format=rdflib_format)) == len(union)


def test_gzip_file_on_request(server):
    compressed = httpx.get(f"{server.url}/dump", params={"format": "nt", "gzip": "true"},
                           timeout=60)
    assert compressed.headers["content-type"] == "application/gzip"
    assert gzip.decompress(compressed.content) == fetch(server, "nt")


def test_transparent_compression_for_clients_that_accept_it(server):
    with httpx.stream("GET", f"{server.url}/dump", params={"format": "nt"},
                      headers={"Accept-Encoding": "gzip"}, timeout=60) as response:
        raw = b"".join(response.iter_raw())
        assert response.headers["content-encoding"] == "gzip"
    assert gzip.decompress(raw) == fetch(server, "nt")


def test_unknown_dump_format_is_a_bad_request(server):
    assert httpx.get(f"{server.url}/dump?format=xls", timeout=30).status_code == 400


def test_void_counts_equal_the_store(server, live_store):
    response = httpx.get(f"{server.url}/.well-known/void", headers={"Accept": "text/turtle"},
                         timeout=60)
    void = Graph().parse(data=response.text, format="turtle")
    answer = void.query("""
        PREFIX void: <http://rdfs.org/ns/void#>
        SELECT ?triples (SUM(?n) AS ?quads) WHERE {
          ?d void:triples ?triples ; void:subset ?g . ?g void:triples ?n
        } GROUP BY ?triples""")
    ((triples, quads),) = list(answer)
    union = {(q.subject, q.predicate, q.object) for q in live_store}
    assert int(triples) == len(union) and int(quads) == len(live_store)
    tasks = void.query("""
        PREFIX void: <http://rdfs.org/ns/void#>
        SELECT ?n WHERE { ?d void:classPartition ?p . ?p void:class
          <https://w3id.org/policygraph/ontology#Task> ; void:entities ?n }""")
    expected = sum(1 for _ in live_store.quads_for_pattern(
        None, ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
        ox.NamedNode("https://w3id.org/policygraph/ontology#Task")))
    assert [int(row[0]) for row in tasks] == [expected]
    assert f"{server.url}/sparql" in response.text


def test_nquads_dump_in_a_fresh_store_answers_every_canned_query_alike(server, live_store):
    fresh = ox.Store()
    fresh.load(fetch(server, "nq"), ox.RdfFormat.N_QUADS)
    for query in canned_queries().values():
        if any(parameter.required for parameter in query.parameters):
            continue
        first = run_query(live_store, query.sparql)
        second = run_query(fresh, query.sparql)
        assert isinstance(first, ox.QuerySolutions) and isinstance(second, ox.QuerySolutions)
        assert sorted(map(str, first)) == sorted(map(str, second)), query.name


def test_jsonld_dump_uses_the_published_context(server):
    published = httpx.get(f"{server.url}/context.jsonld", timeout=30).json()["@context"]
    dumped = json.loads(fetch(server, "jsonld"))
    assert published["pg"] == "https://w3id.org/policygraph/ontology#"
    assert dumped["@context"] == published


@pytest.fixture(scope="module")
def big_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """A server over a graph whose dump is far larger than what the queue and the sockets
    between the writing thread and a client can hold."""
    folder = tmp_path_factory.mktemp("big")
    quads = "".join(f"<https://example.org/s{n}> <https://example.org/p> \"{'x' * 80}{n}\" "
                    f"<https://example.org/g{n % 7}> .\n" for n in range(300_000))
    GraphStore(folder / "store").publish(quads.encode(), {"version": "test"})
    live = start(folder / "store", "--warm-timeout", "0", log=folder / "server.log")
    yield live
    live.stop()


def test_abandoned_downloads_release_their_thread_and_store(big_server: LiveServer) -> None:
    server = psutil.Process(big_server.process.pid)
    httpx.get(f"{big_server.url}/api/status", timeout=30)
    before = (server.num_fds(), server.num_threads())
    for _ in range(30):
        with httpx.stream("GET", f"{big_server.url}/dump", params={"format": "nq"},
                          timeout=30) as response:
            next(response.iter_bytes())
    deadline = time.monotonic() + 10
    while (server.num_fds(), server.num_threads()) > (before[0] + 4, before[1] + 4):
        assert time.monotonic() < deadline, (before, server.num_fds(), server.num_threads())
        time.sleep(0.2)
    whole = httpx.get(f"{big_server.url}/dump", params={"format": "nq"}, timeout=120)
    assert whole.status_code == 200 and whole.content.count(b"\n") == 300_000


def test_a_dump_has_an_etag_that_answers_an_unchanged_graph_with_304(server) -> None:
    first = httpx.get(f"{server.url}/dump", params={"format": "ttl", "gzip": "true"},
                      timeout=60)
    again = httpx.get(f"{server.url}/dump", params={"format": "ttl", "gzip": "true"},
                      timeout=60)
    assert first.content == again.content and first.headers["etag"] == again.headers["etag"]
    unchanged = httpx.get(f"{server.url}/dump", params={"format": "ttl", "gzip": "true"},
                          headers={"If-None-Match": first.headers["etag"]}, timeout=60)
    assert unchanged.status_code == 304 and not unchanged.content
    other = httpx.get(f"{server.url}/dump", params={"format": "nt"}, timeout=60)
    assert other.headers["etag"] != first.headers["etag"]
