"""Full-text search over a synthetic corpus of N plans: the index against the engine.

    python bench/search.py [--size 1000] [--runs 5] [--timeout 60] [--work bench/work]

Builds N synthetic plans as bench/pages.py does (the build writes the text index beside the
graph), then times, for phrases of one to seven characters (common, rare, Latin, punctuation
alone, found nowhere):

- the index alone, in this process: `TextIndex.tasks_containing`, the first page of 50 rows
  ranked and the total;
- `/api/queries/search-tasks?q=…` over HTTP on a server started with no warm-up, the first
  request for each phrase (nothing was asked before it) and the median of --runs more;
- the same query's SPARQL through `/sparql`, which the engine answers by reading every task
  (the baseline; a phrase it does not answer within --timeout shows as `>` the limit);
- the search page, first request.

It also rebuilds the index from the live build's graph, for its time and size. Figures only;
nothing is asserted.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx
from pages import built_store, corpus_arguments
from peers import start_policygraph

from policygraph.query import canned_queries
from policygraph.query.text import bind_values
from policygraph.store import GraphStore
from policygraph.store.text_index import TEXT_INDEX, write_text_index
from policygraph.store.text_search import TextIndex

PHRASES = ["物流", "服务业", "的", "现代物流", "养老托育", "发展改革委", "5G", "、",
           "服务业增加值", "不存在的词语"]


def index_alone(index: TextIndex, phrase: str, runs: int) -> tuple[int, float, float]:
    """Rows found, and the first and median milliseconds of the index's answer: the first
    page of 50 rows, ranked, and the total."""
    times, total = [], 0
    for _ in range(runs + 1):
        started = time.perf_counter()
        total = index.tasks_containing(phrase, time.monotonic() + 600, limit=50).total
        times.append((time.perf_counter() - started) * 1000)
    return total, times[0], statistics.median(times[1:])


def over_http(client: httpx.Client, path: str, params: dict[str, str]) -> tuple[int, float]:
    started = time.perf_counter()
    try:
        status = client.get(path, params=params).status_code
    except httpx.TimeoutException:
        status = 0
    return status, (time.perf_counter() - started) * 1000


def engine(client: httpx.Client, phrase: str) -> tuple[int, float]:
    query = canned_queries()["search-tasks"]
    sparql = bind_values(query.sparql, query.bind({"q": phrase})) + "\nLIMIT 50"
    return over_http(client, "/sparql", {"query": sparql})


def index_build(store: Path) -> tuple[float, float, int]:
    """Seconds and megabytes of writing the index again from the live graph, and its rows."""
    graph = GraphStore(store).open()
    with tempfile.TemporaryDirectory() as directory:
        started = time.perf_counter()
        rows = write_text_index(graph, Path(directory))
        seconds = time.perf_counter() - started
        size = (Path(directory) / TEXT_INDEX).stat().st_size / 1e6
    return seconds, size, rows


def main() -> None:
    parser = corpus_arguments(__doc__, 60, "the server's query time limit, and the engine's "
                                            "in the baseline")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    work = args.work / str(args.size)
    store = built_store(args.size, work, args.seed)
    seconds, size, rows = index_build(store)
    print(f"N = {args.size}: index of {rows:,} rows written in {seconds:.1f} s, {size:.0f} MB")
    index = TextIndex.of_build(GraphStore(store).current)
    if index is None:
        sys.exit(f"{store}: the live build has no text index; rebuild it with --force")
    server = start_policygraph(store, "--timeout", str(args.timeout), "--warm-timeout", "0",
                               log=work / "search.log")
    print(f"{'phrase':14} {'rows':>7} {'index ms':>9} {'(median)':>9} {'API first ms':>13} "
          f"{'(median)':>9} {'page first ms':>14} {'SPARQL ms':>10}")
    try:
        with httpx.Client(base_url=server.url, timeout=args.timeout * 2) as client:
            for phrase in PHRASES:
                found, first, median = index_alone(index, phrase, args.runs)
                params = {"q": phrase}
                status, api_first = over_http(client, "/api/queries/search-tasks", params)
                api_median = statistics.median(
                    over_http(client, "/api/queries/search-tasks", params)[1]
                    for _ in range(args.runs))
                page_status, page_first = over_http(client, "/search", params)
                sparql_status, sparql_ms = engine(client, phrase)
                baseline = (f"{sparql_ms:10.0f}" if sparql_status == 200
                            else f"{'>' + format(args.timeout * 1000, '.0f'):>10}")
                print(f"{phrase:14} {found:7,} {first:9.1f} {median:9.1f} "
                      f"{api_first:13.1f} {api_median:9.1f} {page_first:14.1f} {baseline}"
                      + ("" if status == page_status == 200 else
                         f"  (status {status}, page {page_status})"), flush=True)
    finally:
        server.stop()


if __name__ == "__main__":
    main()
