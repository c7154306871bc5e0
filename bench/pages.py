"""Latency of the web interface's pages on a synthetic corpus of N plans.

    python bench/pages.py [--size 1000] [--runs 5] [--timeout 10] [--work bench/work]

Writes N plans with bench/synth.py (kept in --work/N/corpus, as bench/run.py keeps them),
builds them unless --work/N/store holds a build already, removes the answers an earlier run
kept with the build (so that a first request is the first since the build), starts
`policygraph serve` with the given query time limit and waits for its warm-up. Then it opens
each page a reader would: the home page, a search, each example of the query page's gallery,
the network and targets views unfiltered and filtered by a document or a region, and the entity
pages of a document, a task, an agency and a region (the busiest of each, found in the store
before the server starts, with no time limit).
For each page it prints the status and the seconds of the first request, then the median of
--runs more: the first shows what a reader meets on a page no one has opened since start-up,
the median what the caches make of it. Figures only; nothing is asserted.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import unquote, urlencode

import httpx
from peers import ROOT, start_policygraph, wait_for_warm_up
from synth import kept_corpus

import policygraph
from policygraph.query import canned_queries
from policygraph.store import GraphStore

_BUSIEST = {
    "document": """SELECT ?x WHERE { ?t pg:inDocument ?x }
                   GROUP BY ?x ORDER BY DESC(COUNT(?t)) ?x LIMIT 1""",
    "task": """SELECT ?x WHERE { ?x pg:responsibleUnit ?u }
               GROUP BY ?x ORDER BY DESC(COUNT(?u)) ?x LIMIT 1""",
    "agency": """SELECT ?x WHERE { ?t pg:responsibleUnit ?x }
                 GROUP BY ?x ORDER BY DESC(COUNT(?t)) ?x LIMIT 1""",
    "region": """SELECT ?x ?name WHERE { ?d pg:jurisdiction ?x . ?x skos:prefLabel ?name }
                 GROUP BY ?x ?name ORDER BY DESC(COUNT(?d)) ?x LIMIT 1""",
}


def busiest(store: Path) -> dict[str, dict[str, str]]:
    """The IRI (and name) of the document, task, agency and region with the most of their
    kind's links: the pages that cost the most to draw. Read from the store in-process, as
    these whole-graph aggregates may take longer than the server's time limit."""
    client = policygraph.open(store)
    return {kind: client.sparql(query)[0] for kind, query in _BUSIEST.items()}


def pages(store: Path) -> list[str]:
    """Every page to time, as a path with its query string (IRIs as the default base
    writes them, which the server's base is)."""
    chosen = busiest(store)
    document, region = chosen["document"]["x"], chosen["region"]["name"]
    listed = ["/", "/search?" + urlencode({"q": "物流"}), "/query"]
    listed += [f"/query?example={name}" for name in canned_queries()]
    listed += ["/network", "/network?" + urlencode({"document": document}),
               "/network?" + urlencode({"region": region}), "/targets",
               "/targets?" + urlencode({"region": region})]
    listed += [httpx.URL(chosen[kind]["x"]).raw_path.decode()
               for kind in ("document", "task", "agency", "region")]
    return listed


def timed(client: httpx.Client, path: str) -> tuple[int, float]:
    started = time.perf_counter()
    response = client.get(path, headers={"Accept": "text/html"})
    return response.status_code, time.perf_counter() - started


def built_store(size: int, work: Path, seed: int) -> Path:
    """The store of `size` synthetic plans in `work`, built now unless it was before."""
    corpus, store = work / "corpus", work / "store"
    if GraphStore(store).current is None:
        kept_corpus(size, corpus, seed)
        print(f"building {size} plans into {store}", flush=True)
        subprocess.run([sys.executable, "-m", "policygraph.cli", "build", str(corpus),
                        "--store", str(store), "--quiet"], check=True)
    return store


def forget_answers(store: Path) -> None:
    """Remove the answers a server kept with the live build, as if it had never served it."""
    build = GraphStore(store).current
    if build is not None:
        shutil.rmtree(build / "answers", ignore_errors=True)


def corpus_arguments(description: str | None, timeout: float,
                     timeout_help: str = "the server's query time limit (serve --timeout)"
                     ) -> argparse.ArgumentParser:
    """The options of a benchmark on N synthetic plans: their number and seed, where they
    and their store are kept, and the server's time limit."""
    parser = argparse.ArgumentParser(description=description,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=1000, metavar="N")
    parser.add_argument("--timeout", type=float, default=timeout, metavar="SECONDS",
                        help=timeout_help)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--work", type=Path, default=ROOT / "bench" / "work")
    return parser


def main() -> None:
    parser = corpus_arguments(__doc__, 10)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    work = args.work / str(args.size)
    store = built_store(args.size, work, args.seed)
    forget_answers(store)
    paths = pages(store)
    started = time.perf_counter()
    server = start_policygraph(store, "--timeout", str(args.timeout), log=work / "pages.log")
    try:
        wait_for_warm_up(server.url, float("inf"))
        print(f"N = {args.size}: served and warmed in {time.perf_counter() - started:.1f} s")
        with httpx.Client(base_url=server.url, timeout=args.timeout * 3) as client:
            print(f"{'page':64} {'status':>6} {'first s':>8} {'median s':>9}")
            for path in paths:
                status, first = timed(client, path)
                later = [timed(client, path)[1] for _ in range(args.runs)]
                print(f"{unquote(path)[:64]:64} {status:>6} {first:8.2f} "
                      f"{statistics.median(later):9.2f}", flush=True)
    finally:
        server.stop()


if __name__ == "__main__":
    main()
