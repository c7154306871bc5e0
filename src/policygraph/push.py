"""Publishing the graph into an external SPARQL 1.1 store.

`push(store, target)` is the stage's entry point. Each named graph of the local store (one per
document, the shared entities, the ontology) replaces the graph of the same name in the
target, so pushing again never duplicates anything. Two routes, both standard:

- the SPARQL 1.1 Graph Store HTTP Protocol (`--graph-store URL`): PUT the first batch of a
  graph, POST the rest;
- SPARQL 1.1 Update on the endpoint: `DROP SILENT GRAPH`, then `INSERT DATA` in batches.

Afterwards every graph's triple count is read back through the endpoint and compared.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import pyoxigraph as ox
from SPARQLWrapper import DIGEST, JSON, POST, SPARQLWrapper

# Triples per request. A Graph Store request is parsed as a stream; an INSERT DATA is compiled
# as one statement, which some stores cap (Virtuoso refuses 2,000 triples: too much SQL).
GRAPH_STORE_BATCH = 20_000
UPDATE_BATCH = 1_000


class PushError(Exception):
    """The target refused data or answered with the wrong counts; the message says which."""


@dataclass(frozen=True)
class Target:
    """Where to push: the query endpoint, and optionally a Graph Store Protocol endpoint and
    an update endpoint, with HTTP digest (or basic) credentials."""

    endpoint: str
    graph_store: str | None = None
    update_endpoint: str | None = None
    graph_parameter: str = "graph"  # Virtuoso's GSP endpoint calls it `graph-uri`
    user: str | None = None
    password: str | None = None
    batch: int | None = None  # default: by route, GRAPH_STORE_BATCH or UPDATE_BATCH

    @property
    def batch_size(self) -> int:
        if self.batch is not None:
            return self.batch
        return GRAPH_STORE_BATCH if self.graph_store else UPDATE_BATCH


@dataclass
class PushReport:
    """What was sent, and what the target holds afterwards, per graph."""

    sent: dict[str, int] = field(default_factory=dict)
    found: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def triples(self) -> int:
        return sum(self.sent.values())

    @property
    def mismatches(self) -> dict[str, tuple[int, int]]:
        return {graph: (count, self.found.get(graph, 0)) for graph, count in self.sent.items()
                if self.found.get(graph, 0) != count}


def _batches(store: ox.Store, graph: ox.NamedNode, size: int) -> Iterator[bytes]:
    """The graph's triples as N-Triples, `size` triples at a time."""
    lines: list[str] = []
    for quad in store.quads_for_pattern(None, None, None, graph):
        lines.append(f"{quad.subject} {quad.predicate} {quad.object} .\n")
        if len(lines) == size:
            yield "".join(lines).encode()
            lines = []
    if lines:
        yield "".join(lines).encode()


def push(store: ox.Store, target: Target) -> PushReport:
    """Replace each of the store's named graphs in the target; then check the counts."""
    started = time.perf_counter()
    report = PushReport()
    auth = httpx.DigestAuth(target.user, target.password or "") if target.user else None
    with httpx.Client(auth=auth, timeout=300) as client:
        for graph in sorted(store.named_graphs(), key=str):
            if not isinstance(graph, ox.NamedNode):
                continue
            sent = 0
            if not target.graph_store:
                _update(client, target, f"DROP SILENT GRAPH {graph}")
            for number, batch in enumerate(_batches(store, graph, target.batch_size)):
                if target.graph_store:
                    _store_batch(client, target, graph, batch, replace=number == 0)
                else:
                    _update(client, target,
                            f"INSERT DATA {{ GRAPH {graph} {{\n{batch.decode()}}} }}",
                            hint=f" (a batch of {target.batch_size} triples; a smaller --batch "
                                 "may pass)")
                sent += batch.count(b"\n")
            report.sent[graph.value] = sent
    report.found = {graph: _count(target, graph) for graph in report.sent}
    report.seconds = time.perf_counter() - started
    return report


def _store_batch(client: httpx.Client, target: Target, graph: ox.NamedNode, data: bytes,
                 replace: bool) -> None:
    assert target.graph_store is not None
    response = client.request("PUT" if replace else "POST", target.graph_store,
                              params={target.graph_parameter: graph.value}, content=data,
                              headers={"Content-Type": "text/turtle; charset=utf-8"})
    if response.status_code >= 300:
        raise PushError(f"{target.graph_store}: {response.status_code} for <{graph.value}>: "
                        f"{response.text[:300]}")


def _update(client: httpx.Client, target: Target, update: str, hint: str = "") -> None:
    url = target.update_endpoint or target.endpoint
    response = client.post(url, data={"update": update})
    if response.status_code >= 300:
        raise PushError(f"{url}: {response.status_code} for a SPARQL update{hint}: "
                        f"{response.text[:300]}")


def _count(target: Target, graph: str) -> int:
    """Triples in `graph` as the target's query endpoint reports them."""
    wrapper = SPARQLWrapper(target.endpoint)
    if target.user:
        wrapper.setHTTPAuth(DIGEST)
        wrapper.setCredentials(target.user, target.password or "")
    wrapper.setMethod(POST)
    wrapper.setReturnFormat(JSON)
    wrapper.setQuery(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {ox.NamedNode(graph)} "
                     "{ ?s ?p ?o } }")
    answer: Any = wrapper.queryAndConvert()
    bindings = answer["results"]["bindings"]
    return int(bindings[0]["n"]["value"]) if bindings else 0
