"""First requests after start-up, with no warm-up and no kept answer: what a reader meets.

    python bench/cold.py [--size 1000] [--timeout 60] [--work bench/work] [--only NAME,...]

Builds N synthetic plans as bench/pages.py does (or reuses the build kept in --work), removes
the answers an earlier server kept with the build, starts `policygraph serve --warm-timeout 0`
and asks, once each and in turn: every canned query over the REST API with no parameters
(where none is required) and with each of its example parameter sets (the required examples
with each optional example, and with all of them), then the pages a reader opens (bench/pages.py's
list). Each request is the first of its kind since start-up, so no answer of it was kept. It
prints each request's status and seconds, then the median, 95th percentile and maximum of the
canned queries' first requests and of the pages'. A request not answered within --timeout
shows as the limit (503), and the next waits until the server has replaced the worker that ran
it. Figures only; nothing is asserted.
"""

from __future__ import annotations

import statistics
import time
from urllib.parse import unquote

import httpx
from pages import built_store, corpus_arguments, forget_answers, pages
from peers import start_policygraph

from policygraph.query import CannedQuery, canned_queries


def parameter_sets(query: CannedQuery) -> list[dict[str, str]]:
    """No parameters (where none is required), the required examples with each optional
    example alone, and with every example."""
    required: dict[str, str] = {}
    for parameter in query.parameters:
        if parameter.required:
            if parameter.example is None:
                return []
            required[parameter.name] = parameter.example
    examples = {p.name: p.example for p in query.parameters
                if not p.required and p.example is not None}
    sets = [dict(required)] + [{**required, name: value} for name, value in examples.items()]
    if len(examples) > 1:
        sets.append({**required, **examples})
    return sets


def first(client: httpx.Client, path: str, params: dict[str, str], limit: float
          ) -> tuple[int, float]:
    """The status and seconds of one request; after one past the limit, the server's worker
    pool is waited for (the worker that ran it is replaced, which takes a few seconds) so that
    the next request is not timed waiting for it."""
    started = time.perf_counter()
    try:
        status = client.get(path, params=params, headers={"Accept": "application/json"}
                            if path.startswith("/api/") else {"Accept": "text/html"}).status_code
    except httpx.TimeoutException:
        status = 0
    seconds = time.perf_counter() - started
    if status in (0, 503):
        ready(client)
    return status, min(seconds, limit) if status == 0 else seconds


def ready(client: httpx.Client) -> None:
    """Wait until two queries in a row are answered at once by the pool's workers."""
    answered = 0
    while answered < 2:
        started = time.perf_counter()
        response = client.get("/sparql", params={"query": "ASK {}"})
        answered = answered + 1 if response.status_code == 200 \
            and time.perf_counter() - started < 0.5 else 0


def summary(name: str, seconds: list[float]) -> str:
    ordered = sorted(seconds)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return (f"{name}: {len(seconds)} first requests, median {statistics.median(seconds):.3f} s, "
            f"p95 {p95:.3f} s, max {ordered[-1]:.3f} s")


def main() -> None:
    parser = corpus_arguments(__doc__, 60)
    parser.add_argument("--only", default="", help="canned queries to ask, comma-separated")
    args = parser.parse_args()
    work = args.work / str(args.size)
    store = built_store(args.size, work, args.seed)
    forget_answers(store)
    paths = [] if args.only else pages(store)
    started = time.perf_counter()
    server = start_policygraph(store, "--timeout", str(args.timeout), "--warm-timeout", "0",
                               log=work / "cold.log")
    print(f"N = {args.size}: serving after {time.perf_counter() - started:.1f} s, no warm-up")
    chosen = set(filter(None, args.only.split(",")))
    canned, viewed = [], []
    try:
        with httpx.Client(base_url=server.url, timeout=args.timeout + 5) as client:
            for name, query in canned_queries().items():
                if chosen and name not in chosen:
                    continue
                for params in parameter_sets(query):
                    status, seconds = first(client, f"/api/queries/{name}", params,
                                            args.timeout)
                    canned.append(seconds)
                    shown = ", ".join(f"{key}={value}" for key, value in params.items())
                    print(f"{status:>4} {seconds:8.3f}  {name}({shown[:60]})", flush=True)
            for path in paths:
                status, seconds = first(client, path, {}, args.timeout)
                viewed.append(seconds)
                print(f"{status:>4} {seconds:8.3f}  {unquote(path)[:80]}", flush=True)
    finally:
        server.stop()
    print(summary("canned queries", canned))
    if viewed:
        print(summary("pages", viewed))


if __name__ == "__main__":
    main()
