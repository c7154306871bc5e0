"""Latency of the REST API: every canned-query route, the friendly routes and the SPARQL endpoint.

    python bench/api_latency.py [--runs 20] [--workers 2]

Builds a store from data/raw, starts `policygraph serve` on it as tests/live.py does, calls each
route `--runs` times one after another (after one warm-up call) with the query's example
values, and prints the median and 90th percentile of the wall time per call, client side. The
SPARQL endpoint answers a query of the same work pasted as text, for comparison, and `ASK {}`
shows what a call costs before any query work. Figures only; nothing is asserted.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from policygraph.query import canned_queries  # noqa: E402
from tests.live import start  # noqa: E402

_LED_BY_SPARQL = """
SELECT ?document ?title ?region ?path ?task ?text ?agency ?agencyLabel WHERE {
  ?agency pg:function/dcterms:isReplacedBy* pgf:development-reform ; skos:prefLabel ?agencyLabel .
  ?task pg:leadAgency ?agency ; pg:inDocument ?document ; pg:path ?path ; pg:order ?order ;
        pg:text ?text .
  ?document dcterms:title ?title .
  OPTIONAL { ?document pg:jurisdiction/skos:prefLabel ?region }
} ORDER BY ?title ?document ?order ?agency LIMIT 100"""


def routes() -> list[tuple[str, dict[str, str]]]:
    """Each route to time, with its query string."""
    listed: list[tuple[str, dict[str, str]]] = [("/api/queries", {})]
    for name, query in canned_queries().items():
        examples = {p.name: p.example for p in query.parameters if p.example is not None}
        listed.append((f"/api/queries/{name}", examples))
        if name == "task":
            listed.append(("/api/task", {"iri": examples["task"]}))
    listed += [("/api/tasks", {"led_by": "发改委"}), ("/api/tasks", {"led_by": "市发改委"}),
               ("/sparql", {"query": _LED_BY_SPARQL}), ("/sparql", {"query": "ASK {}"})]
    return listed


def timed(client: httpx.Client, url: str, params: dict[str, str], runs: int) -> list[float]:
    """Milliseconds per call; a failed call stops the benchmark with its answer."""
    times = []
    for _ in range(runs + 1):  # the first call warms the route up and is not counted
        started = time.perf_counter()
        response = client.get(url, params=params)
        times.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{url} {params}: {response.status_code} {response.text[:300]}")
    return times[1:]


def label(route: str, params: dict[str, str]) -> str:
    if route == "/sparql":
        return "/sparql  " + ("ASK {}" if params["query"] == "ASK {}" else "(tasks led by 发改委)")
    if route in {"/api/tasks", "/api/task"}:
        return f"{route}?" + "&".join(f"{k}={v}" for k, v in params.items())[:40]
    return route


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        store = Path(directory) / "store"
        subprocess.run([sys.executable, "-m", "policygraph.cli", "build", str(ROOT / "data/raw"),
                        "--store", str(store), "--quiet"], check=True)
        server = start(store, "--workers", str(args.workers), log=Path(directory) / "log")
        try:
            with httpx.Client(base_url=server.url, timeout=60) as client:
                print(f"{'route':52} {'median ms':>10} {'p90 ms':>8}   ({args.runs} calls each)")
                for route, params in routes():
                    times = timed(client, route, params, args.runs)
                    p90 = statistics.quantiles(times, n=10)[8] if len(times) > 1 else times[0]
                    print(f"{label(route, params):52} {statistics.median(times):10.1f} "
                          f"{p90:8.1f}")
        finally:
            server.stop()


if __name__ == "__main__":
    main()
