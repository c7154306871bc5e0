"""The peers policygraph is measured against, each serving the same triples on 127.0.0.1:
rdflib-endpoint over a plain rdflib dataset (the common alternative), and Virtuoso Open
Source (the strongest), loaded by `policygraph push`.

    uvicorn --app-dir bench --factory peers:rdflib_app   # serves $POLICYGRAPH_BENCH_DUMP
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import httpx
from rdflib import Dataset

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from policygraph.store import GraphStore  # noqa: E402
from tests.live import LiveServer, free_port, wait_for_warm_up, wait_until_answers  # noqa: E402
from tests.live import start as start_policygraph  # noqa: E402
from tests.virtuoso import Virtuoso  # noqa: E402
from tests.virtuoso import start as start_virtuoso_server  # noqa: E402

__all__ = ["ROOT", "LiveServer", "RdflibEndpoint", "Virtuoso", "rdflib_app",
           "start_policygraph", "start_virtuoso", "wait_for_warm_up"]

DUMP_VARIABLE = "POLICYGRAPH_BENCH_DUMP"


def rdflib_app() -> object:
    """rdflib-endpoint's app over the N-Quads dump named by $POLICYGRAPH_BENCH_DUMP, its
    default graph the union of the named graphs, as in the other stores."""
    from rdflib_endpoint import SparqlEndpoint

    dataset = Dataset(default_union=True)
    dataset.parse(os.environ[DUMP_VARIABLE], format="nquads")
    return SparqlEndpoint(graph=dataset)


def start_rdflib_endpoint(dump: Path, log: Path) -> LiveServer:
    """Serve `dump` with rdflib-endpoint; wait until it answers (loading takes a while)."""
    port = free_port()
    command = [sys.executable, "-m", "uvicorn", "--app-dir", str(Path(__file__).parent),
               "--factory", "peers:rdflib_app", "--port", str(port), "--log-level", "warning"]
    with log.open("wb") as sink:
        process = subprocess.Popen(command, stdout=sink, stderr=subprocess.STDOUT,
                                   env={**os.environ, DUMP_VARIABLE: str(dump)})
    url = f"http://127.0.0.1:{port}"
    wait_until_answers(process, f"{url}/?query=ASK%7B%7D", log, "rdflib-endpoint", 3600, 1)
    return LiveServer(url, process, log)


class RdflibEndpoint:
    """rdflib-endpoint as a peer that can be restarted: it cannot cancel a query, so one that
    runs past the client's time limit would keep the server busy for every later request."""

    def __init__(self, dump: Path, log: Path) -> None:
        self.dump, self.log = dump, log
        self.server = start_rdflib_endpoint(dump, log)

    @property
    def url(self) -> str:
        return f"{self.server.url}/"

    def restart(self) -> None:
        self.server.stop()
        self.server = start_rdflib_endpoint(self.dump, self.log)

    def stop(self) -> None:
        self.server.stop()


# Seconds Virtuoso may take to start on a kept database: it first replays the transaction log
# of the last load (7 minutes for the 2 GB of 10,000 plans).
_REPLAY_WAIT = 3600.0
_GRAPH_SIZES = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"


def start_virtuoso(directory: Path, store: Path, log: Path) -> Virtuoso:
    """Virtuoso holding the store's graph, pushed through the Graph Store protocol unless its
    database (kept in `directory` from an earlier run) holds it already."""
    directory.mkdir(parents=True, exist_ok=True)
    server = start_virtuoso_server(directory, wait=_REPLAY_WAIT)
    if holds_the_store(server, store):
        print("  Virtuoso holds every graph of the store already: not pushed again", flush=True)
        return server
    with log.open("ab") as sink:
        pushed = subprocess.run(
            [sys.executable, "-m", "policygraph.cli", "push", "--store", str(store),
             "--endpoint", server.sparql, "--graph-store", server.graph_store,
             "--graph-param", "graph-uri", "--user", "dba", "--password", "dba"],
            stdout=sink, stderr=subprocess.STDOUT, check=False)
    if pushed.returncode != 0:
        server.stop()
        raise RuntimeError(f"push to Virtuoso failed; see {log}")
    return server


def holds_the_store(server: Virtuoso, store: Path) -> bool:
    """Whether Virtuoso has each of the store's graphs with as many triples, and no other
    graph of policygraph's (its own system graphs aside)."""
    graphs = GraphStore(store)
    ours = {str(row["g"].value): int(row["n"].value)
            for row in graphs.open().query(_GRAPH_SIZES)}  # type: ignore[union-attr]
    answer = httpx.post(server.sparql, data={"query": _GRAPH_SIZES}, timeout=600,
                        headers={"Accept": "application/sparql-results+json"})
    answer.raise_for_status()
    theirs = {row["g"]["value"]: int(row["n"]["value"])
              for row in answer.json()["results"]["bindings"]}
    prefixes = ((graphs.manifest() or {})["base"], "https://w3id.org/")  # built: has one
    return bool(ours) and all(theirs.get(graph) == size for graph, size in ours.items()) and \
        not any(graph.startswith(prefixes) for graph in theirs.keys() - ours.keys())
