"""The whole path at scale, side by side with the peers: extraction, build, start-up, queries.

    python bench/run.py [--sizes 100,1000,10000] [--runs 3] [--write bench/RESULTS.md]
    python bench/run.py --smoke          # N = 100, one run, a few requests: checks it works

For each corpus size N (written by bench/synth.py into --work, kept for later runs) it
measures extraction (documents per second on one core and on all), the full build (wall time,
triples per second, peak RSS), `serve` start-up until the first answer, and each canned query:
p50/p99 over HTTP with one client and requests per second with --clients concurrent clients,
the same SPARQL in-process through pyoxigraph (the engine's floor), through policygraph's
/sparql, and through the peers (rdflib-endpoint over a plain rdflib dataset; Virtuoso Open
Source) loaded with the same triples. Medians over --runs runs, with min and max.
"""

from __future__ import annotations

import argparse
import datetime
import math
import os
import platform
import sys
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import httpx
import pyoxigraph as ox
from measure import Latency, Spread, run_measured, throughput
from peers import (
    ROOT,
    LiveServer,
    RdflibEndpoint,
    Virtuoso,
    start_policygraph,
    start_virtuoso,
    wait_for_warm_up,
)
from synth import kept_corpus

from policygraph.parse import extract
from policygraph.query import CannedQuery, canned_queries
from policygraph.query.text import bind_values, declare_prefixes
from policygraph.store import GraphStore

SPARQL_JSON = {"Accept": "application/sparql-results+json"}
PEERS = ("rdflib-endpoint", "virtuoso")


class Peer(Protocol):
    """A peer's SPARQL endpoint, which the benchmark stops when done."""

    @property
    def url(self) -> str: ...

    def stop(self) -> None: ...


@dataclass(frozen=True)
class VirtuosoPeer:
    server: Virtuoso

    @property
    def url(self) -> str:
        return self.server.sparql

    def stop(self) -> None:
        self.server.stop()


@dataclass
class QueryFigures:
    """One canned query's figures at one size; seconds, or requests per second."""

    in_process: Latency
    api: Latency
    sparql: Latency
    api_rps: float
    peers: dict[str, Latency] = field(default_factory=dict)
    peer_rps: dict[str, float] = field(default_factory=dict)

    def summary(self) -> str:
        """The figures on one line, printed as they are measured, so that a run stopped
        before its report still shows them."""
        def ms(latency: Latency) -> str:
            return f"{latency.p50 * 1000:.1f} ms"
        peers = "".join(f", {name} {ms(latency)} ({self.peer_rps[name]:.1f} rps)"
                        for name, latency in self.peers.items())
        return (f"in-process {ms(self.in_process)}, API {ms(self.api)} (p99 "
                f"{self.api.p99 * 1000:.1f} ms, {self.api_rps:.0f} rps), /sparql "
                f"{ms(self.sparql)}{peers}")


@dataclass
class PipelineFigures:
    extract_one_core: Spread
    extract_all_cores: Spread
    build: Spread
    peak_rss: Spread
    startup: Spread


@dataclass
class SizeFigures:
    documents: int
    pipeline: PipelineFigures | None  # None: the queries of a store built by an earlier run
    quads: int
    warm_up: float  # seconds from start until the unfiltered canned answers are computed
    queries: dict[str, QueryFigures]


def _extracted(path: Path) -> int:
    return len(extract(path).tasks)


def extraction_rates(files: list[Path], runs: int) -> tuple[Spread, Spread]:
    """Documents per second, in this process and in a pool of one process per core."""
    one, every = [], []
    for _ in range(runs):
        started = time.perf_counter()
        for path in files:
            _extracted(path)
        one.append(len(files) / (time.perf_counter() - started))
        with ProcessPoolExecutor(os.cpu_count()) as pool:
            started = time.perf_counter()
            list(pool.map(_extracted, files, chunksize=max(1, len(files) // 64)))
            every.append(len(files) / (time.perf_counter() - started))
    return Spread.of(one), Spread.of(every)


def serve(store: Path, log: Path, timeout: float, *options: str) -> tuple[LiveServer, float]:
    """Start `policygraph serve` on an existing store, with the time limit the peers get;
    seconds until it first answers a query."""
    started = time.perf_counter()
    server = start_policygraph(store, "--timeout", str(timeout), *options, log=log,
                               probe="/sparql?query=ASK%7B%7D", pause=0.01)
    return server, time.perf_counter() - started


def warmed(server: LiveServer, started: float) -> float:
    """Seconds from `started` until the server has computed its unfiltered canned answers
    (those of a build warmed before are read from its directory at once)."""
    warmup = wait_for_warm_up(server.url, math.inf)
    if warmup["failed"]:
        print(f"  warm-up failed for {', '.join(warmup['failed'])}", flush=True)
    return time.perf_counter() - started


def examples(query: CannedQuery) -> dict[str, str] | None:
    """The query's required parameters bound to their examples; None if one has none."""
    values = {}
    for parameter in query.parameters:
        if parameter.required:
            if parameter.example is None:
                return None
            values[parameter.name] = parameter.example
    return values


def checked(response: httpx.Response) -> httpx.Response:
    """`response` if it answered; TimeoutError if the server stopped the query at its time
    limit, or refused it as too slow before starting it (Virtuoso, when its estimate passes
    MaxQueryCostEstimationTime): either way, a query not answered in time."""
    if response.status_code == 503 or _ESTIMATE_REFUSAL in response.text[:300]:
        raise TimeoutError(f"{response.request.url}: stopped at the time limit")
    if response.status_code != 200:
        raise RuntimeError(f"{response.request.url}: {response.status_code} "
                           f"{response.text[:300]}")
    return response


_ESTIMATE_REFUSAL = "The estimated execution time"


def measure_queries(store: ox.Store, server: str, peers: dict[str, Peer],
                    args: argparse.Namespace) -> dict[str, QueryFigures]:
    figures = {}
    with httpx.Client(timeout=600) as client:
        for name, query in canned_queries().items():
            values = examples(query)
            if values is None or (args.queries and name not in args.queries):
                continue
            bound = declare_prefixes(bind_values(query.sparql, query.bind(values)))

            def local(bound: str = bound) -> object:
                solutions = store.query(bound, use_default_graph_as_union=True)
                assert isinstance(solutions, ox.QuerySolutions)  # canned queries are SELECTs
                return list(solutions)

            def api(name: str = name, values: dict[str, str] = values) -> object:
                return checked(client.get(f"{server}/api/queries/{name}", params=values))

            def sparql(bound: str = bound) -> object:
                return checked(client.post(f"{server}/sparql", data={"query": bound},
                                           headers=SPARQL_JSON))

            def timed(call: Callable[[], object], requests: int = args.requests,
                      warmup: int = 2) -> Latency:
                """The call's latency; infinite if it does not answer within the limit."""
                try:
                    return Latency.of(call, requests, warmup, args.budget)
                except TimeoutError:
                    return Latency(math.inf, math.inf)

            row = QueryFigures(timed(local, warmup=0), timed(api), timed(sparql),
                               throughput(api, args.clients, args.seconds))
            for peer_name, peer in peers.items():
                requests = args.requests if peer_name == "virtuoso" else max(3, args.requests // 10)
                ask = peer_call(peer.url, bound, args.peer_timeout)
                row.peers[peer_name] = timed(ask, requests, warmup=1)
                row.peer_rps[peer_name] = (throughput(ask, args.clients, args.seconds)
                                           if math.isfinite(row.peers[peer_name].p50) else 0.0)
                if isinstance(peer, RdflibEndpoint):  # abandoned queries still run there
                    peer.restart()
            figures[name] = row
            print(f"  {name}: {row.summary()}", flush=True)
    return figures


def peer_call(url: str, bound: str, timeout: float) -> Callable[[], object]:
    """A request of `bound` to a peer, raising TimeoutError past `timeout` seconds."""
    def call() -> object:
        try:
            return checked(httpx.post(url, data={"query": bound}, headers=SPARQL_JSON,
                                      timeout=timeout))
        except httpx.TimeoutException:
            raise TimeoutError(f"{url}: no answer within {timeout:g} s") from None
    return call


def measure_size(count: int, args: argparse.Namespace) -> SizeFigures:
    work: Path = args.work / str(count)
    store_dir = work / "store"
    kept = args.keep_store and GraphStore(store_dir).current is not None
    pipeline = None if kept else measure_pipeline(count, work, args)
    store = GraphStore(store_dir).open()
    quads = len(store)
    print(f"N = {count}: {quads:,} quads", flush=True)
    log = work / "log.txt"
    peers: dict[str, Peer] = {}
    try:
        if "rdflib-endpoint" in args.peers and count <= args.rdflib_limit:
            dump = work / "dump.nq"
            with dump.open("wb") as out:
                store.dump(out, ox.RdfFormat.N_QUADS)
            print(f"N = {count}: loading rdflib-endpoint", flush=True)
            peers["rdflib-endpoint"] = RdflibEndpoint(dump, work / "rdflib-endpoint.log")
        if "virtuoso" in args.peers:
            print(f"N = {count}: loading Virtuoso", flush=True)
            virtuoso = start_virtuoso(work / "virtuoso", store_dir, log)
            peers["virtuoso"] = VirtuosoPeer(virtuoso)
        print(f"N = {count}: serving and warming the canned answers", flush=True)
        started = time.perf_counter()
        server, _ = serve(store_dir, work / "serve.log", args.peer_timeout)
        try:
            warm_up = warmed(server, started)
            print(f"  warmed in {warm_up:.1f} s", flush=True)
            queries = measure_queries(store, server.url, peers, args)
        finally:
            server.stop()
    finally:
        for peer in peers.values():
            peer.stop()
    return SizeFigures(count, pipeline, quads, warm_up, queries)


def measure_pipeline(count: int, work: Path, args: argparse.Namespace) -> PipelineFigures:
    """Extraction, the full build into `work`/store, and `serve` start-up."""
    corpus, store_dir, log = work / "corpus", work / "store", work / "log.txt"
    work.mkdir(parents=True, exist_ok=True)
    files = kept_corpus(count, corpus, args.seed)
    print(f"N = {count}: extraction", flush=True)
    one_core, all_cores = extraction_rates(files, args.runs)
    print(f"  documents/s: one core {one_core.text(digits=0)}, all {all_cores.text(digits=0)}",
          flush=True)
    builds = []
    for _ in range(args.runs):
        print(f"N = {count}: build", flush=True)
        run = run_measured([sys.executable, "-m", "policygraph.cli", "build", str(corpus),
                            "--store", str(store_dir), "--force"], str(log))
        if run.status != 0:
            raise RuntimeError(f"the build of {count} documents failed; see {log}")
        builds.append(run)
        print(f"  {run.seconds:.1f} s, peak RSS {run.peak_rss / 1e6:.0f} MB", flush=True)
    startups = []
    for _ in range(args.runs):  # without the warm-up, which is measured on its own
        server, seconds = serve(store_dir, work / "serve.log", args.peer_timeout,
                                "--warm-timeout", "0")
        startups.append(seconds)
        server.stop()
    print(f"  serve start-up {Spread.of(startups).text()} s", flush=True)
    return PipelineFigures(one_core, all_cores, Spread.of([r.seconds for r in builds]),
                           Spread.of([r.peak_rss for r in builds]), Spread.of(startups))


def report(sizes: list[SizeFigures], args: argparse.Namespace) -> str:
    """The figures as Markdown: one table for the pipeline, one per size for the queries."""
    lines = [f"# Benchmark results ({datetime.date.today().isoformat()})", "",
             f"Machine: {os.cpu_count()} cores, {platform.machine()}, Python "
             f"{platform.python_version()}, pyoxigraph {ox.__version__}; medians of "
             f"{args.runs} runs (min–max); `{' '.join(['python', 'bench/run.py', *sys.argv[1:]])}`"
             ".",
             "", "| N | extraction docs/s, 1 core | all cores | full build s | quads/s | "
             "peak RSS MB | serve start-up s | answers warmed s |",
             "|---|---|---|---|---|---|---|---|"]
    for size in sizes:
        run = size.pipeline
        lines.append(
            f"| {size.documents:,} | " + (
                f"{run.extract_one_core.text(digits=0)} | {run.extract_all_cores.text(digits=0)}"
                f" | {run.build.text()} | {size.quads / run.build.median:,.0f} | "
                f"{run.peak_rss.text(1e-6, 0)} | {run.startup.text()} | " if run else
                "– | – | – | – | – | – | ") + f"{size.warm_up:.1f} |")
    for size in sizes:
        peers = [peer for peer in PEERS if any(peer in row.peers
                                                for row in size.queries.values())]
        lines += ["", f"## Canned queries at N = {size.documents:,} ({size.quads:,} quads)", "",
                  "Latency p50 in ms (p99 for the API); throughput in requests/s with "
                  f"{args.clients} clients. Ratios: API p50 ÷ Virtuoso p50 (target ≤ 1); "
                  "/sparql p50 ÷ (1.5 × in-process + 2 ms) (target ≤ 1); API rps ÷ "
                  "rdflib-endpoint rps (target ≥ 30). In-process: the same SPARQL as /sparql "
                  "and the peers get (parameters bound by VALUES), through pyoxigraph; API: "
                  "answers kept per store version after the first, the unfiltered ones "
                  "computed when the server starts (measured once it has); "
                  f"> {args.peer_timeout * 1000:.0f}: no answer within the time limit; a "
                  f"query over {args.budget:g} s is timed once.", "",
                  "| query | in-process | API p50 (p99) | /sparql | "
                  + " | ".join(peers) + " | API rps | " + " | ".join(f"{p} rps" for p in peers)
                  + " | API÷Virtuoso | /sparql÷bound | API÷rdflib rps |",
                  "|---" * (6 + 2 * len(peers) + 2) + "|"]
        for name, row in size.queries.items():
            def ms(value: float) -> str:
                return f"{value * 1000:.1f}" if math.isfinite(value) else \
                    f"> {args.peer_timeout * 1000:.0f}"
            virtuoso = row.peers.get("virtuoso")
            rdflib_rps = row.peer_rps.get("rdflib-endpoint")
            cells = [name, ms(row.in_process.p50), f"{ms(row.api.p50)} ({ms(row.api.p99)})",
                     ms(row.sparql.p50),
                     *(ms(row.peers[p].p50) for p in peers),
                     f"{row.api_rps:.0f}", *(f"{row.peer_rps[p]:.1f}" for p in peers),
                     f"{row.api.p50 / virtuoso.p50:.2f}" if virtuoso else "–",
                     f"{row.sparql.p50 / (1.5 * row.in_process.p50 + 0.002):.2f}",
                     "–" if rdflib_rps is None
                     else f"{row.api_rps / rdflib_rps:.0f}" if rdflib_rps else "∞"]
            lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="100,1000,10000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--requests", type=int, default=50, help="per query and target")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=5, help="per throughput measurement")
    parser.add_argument("--budget", type=float, default=30, metavar="SECONDS",
                        help="per latency measurement: past it, a query is timed once")
    parser.add_argument("--peers", default=",".join(PEERS))
    parser.add_argument("--rdflib-limit", type=int, default=1000, metavar="N",
                        help="the largest corpus loaded into rdflib-endpoint (it holds the "
                             "graph in Python objects: ~1 GB per 1,000 plans)")
    parser.add_argument("--peer-timeout", type=float, default=60, metavar="SECONDS",
                        help="a peer's request that takes longer counts as not answered")
    parser.add_argument("--queries", default="", metavar="NAME,...",
                        help="only these canned queries (default: all)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--keep-store", action="store_true",
                        help="measure the queries on the store an earlier run built in --work "
                             "(its kept answers need no warming again): no extraction, build "
                             "or start-up figures")
    parser.add_argument("--work", type=Path, default=ROOT / "bench" / "work")
    parser.add_argument("--write", type=Path, metavar="FILE", help="also write the report here")
    parser.add_argument("--smoke", action="store_true",
                        help="N = 100, one run, two queries, 3 requests, 0.5 s of load: "
                             "checks that the script works")
    args = parser.parse_args()
    if args.smoke:
        args.sizes, args.runs, args.requests, args.seconds = "100", 1, 3, 0.5
        args.queries, args.peer_timeout = "documents,tasks-led-by-function", 10
    args.peers = [peer for peer in args.peers.split(",") if peer in PEERS]
    args.queries = [name for name in args.queries.split(",") if name]
    sizes = [measure_size(int(n), args) for n in args.sizes.split(",")]
    text = report(sizes, args)
    print(text)
    if args.write:
        args.write.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
