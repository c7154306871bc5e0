"""Pushing the corpus into a real Virtuoso, and the answers it then gives."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
from SPARQLWrapper import JSON, POST, SPARQLWrapper

import policygraph
from policygraph.cli import main
from policygraph.store import GraphStore

from .examples import example_calls
from .virtuoso import Virtuoso, start


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Virtuoso]:
    server = start(tmp_path_factory.mktemp("virtuoso"))
    yield server
    server.stop()


@pytest.fixture(scope="module")
def pushed(virtuoso: Virtuoso, corpus_store: Path) -> Virtuoso:
    status = main(["push", "--store", str(corpus_store), "--endpoint", virtuoso.sparql,
                   "--graph-store", virtuoso.graph_store, "--graph-param", "graph-uri",
                   "--user", "dba", "--password", "dba", "--batch", "3000"])
    assert status == 0
    return virtuoso


def push_by_update(virtuoso: Virtuoso, corpus_store: Path, *options: str) -> int:
    """`policygraph push` through Virtuoso's SPARQL Update endpoint; its exit status."""
    return main(["push", "--store", str(corpus_store), "--endpoint", virtuoso.sparql,
                 "--update-endpoint", f"{virtuoso.url}/sparql-auth", "--user", "dba",
                 "--password", "dba", *options])


def remote_count(endpoint: str, query: str) -> int:
    wrapper = SPARQLWrapper(endpoint)
    wrapper.setMethod(POST)
    wrapper.setReturnFormat(JSON)
    wrapper.setQuery(query)
    rows = wrapper.queryAndConvert()["results"]["bindings"]  # type: ignore[index,call-overload]
    return int(rows[0]["n"]["value"])


def test_every_graph_arrives_whole(pushed, corpus_store):
    store = GraphStore(corpus_store).open()
    for graph in store.named_graphs():
        assert isinstance(graph, ox.NamedNode)
        local = sum(1 for _ in store.quads_for_pattern(None, None, None, graph))
        query = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} }}"
        assert remote_count(pushed.sparql, query) == local, graph.value


def test_pushing_again_replaces_and_never_duplicates(pushed, corpus_store, capsys):
    before = remote_count(pushed.sparql, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
                                         "FILTER(STRSTARTS(STR(?g), 'http://127.0.0.1:8000/')) }")
    status = push_by_update(pushed, corpus_store)
    assert status == 0, capsys.readouterr().err
    after = remote_count(pushed.sparql, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
                                        "FILTER(STRSTARTS(STR(?g), 'http://127.0.0.1:8000/')) }")
    assert after == before == len(GraphStore(corpus_store).open())


def test_a_batch_the_store_refuses_is_named_with_a_way_out(pushed, corpus_store, capsys):
    status = push_by_update(pushed, corpus_store, "--batch", "5000")
    error = capsys.readouterr().err
    assert status == 1
    assert "sparql-auth: 400 for a SPARQL update (a batch of 5000 triples" in error
    assert "smaller --batch" in error
    assert push_by_update(pushed, corpus_store) == 0


def test_a_batch_of_nothing_is_a_usage_error(corpus_store, capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["push", "--store", str(corpus_store), "--endpoint", "http://127.0.0.1:9/sparql",
              "--batch", "0"])
    assert stopped.value.code == 2
    assert "--batch: must be at least 1: '0'" in capsys.readouterr().err


def test_chinese_literals_round_trip(pushed):
    query = ("SELECT (COUNT(*) AS ?n) WHERE { ?t <https://w3id.org/policygraph/ontology#text> ?x "
             "FILTER(CONTAINS(STR(?x), '物流')) }")
    assert remote_count(pushed.sparql, query) > 5



def test_the_api_runs_over_the_remote_store(pushed, corpus_store, tmp_path):
    from .live import start as serve

    live = serve(corpus_store, "--store", f"sparql+{pushed.sparql}", "--workers", "1",
                 log=tmp_path / "server.log")
    try:
        tasks = httpx.get(f"{live.url}/api/tasks", params={"led_by": "发改委"}, timeout=60)
        count = httpx.get(f"{live.url}/sparql", timeout=60, params={
            "query": "SELECT (COUNT(*) AS ?n) WHERE { ?t a pg:Task }"}).json()
        dump = httpx.get(f"{live.url}/dump", timeout=60)
    finally:
        live.stop()
    local = GraphStore(corpus_store).open()
    expected_tasks = sum(1 for _ in local.quads_for_pattern(
        None, ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
        ox.NamedNode("https://w3id.org/policygraph/ontology#Task")))
    assert int(count["results"]["bindings"][0]["n"]["value"]) == expected_tasks
    assert tasks.status_code == 200 and tasks.json()["total"] == 58
    assert dump.status_code == 501


def normalised(rows: list[dict[str, object]]) -> list[tuple[tuple[str, str], ...]]:
    """Rows as sorted tuples of lexical values, so that stores may differ in row order, in how
    they type booleans (true/1) and in the order GROUP_CONCAT lists its values."""
    def lexical(value: object) -> str:
        text = str(int(value) if isinstance(value, bool) else value)
        return "、".join(sorted(text.split("、")))

    return sorted(tuple(sorted((key, lexical(value)) for key, value in row.items()
                               if value is not None)) for row in rows)


def test_every_canned_query_answers_alike_on_virtuoso(pushed, corpus_store):
    local = policygraph.open(corpus_store)
    remote = policygraph.open(pushed.sparql)
    differ = []
    for name, values in example_calls():
        if normalised(remote.canned(name, **values)) != normalised(local.canned(name, **values)):
            differ.append((name, values))
    assert differ == []
