"""The service under load: many clients at once on the mix of REST, `/sparql` and pages.

    python bench/load.py [--plans 300] [--clients 50] [--hostile 5] [--seconds 60]
                         [--workers 2] [--work DIR]

Builds a store of `--plans` synthetic plans (bench/synth.py), starts `policygraph serve` on it
as tests/live.py does and waits for its warm-up, then runs two rounds of `--seconds` each:
`--clients` clients calling, one request after another, a canned-query route, the SPARQL
endpoint or a page in turn; and the same with `--hostile` of them sending instead a query that
never finishes. For the ordinary clients it prints the requests a second, the median, 95th
percentile and longest wall time, and the answers by status (429 and 503 with `Retry-After`
are the server saying it is busy; any other failure counts as an error). Figures only.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from api_latency import routes  # noqa: E402
from synth import kept_corpus  # noqa: E402

from tests.live import run_cli, start, wait_for_warm_up  # noqa: E402

HOSTILE = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
_PAGES = [("/", {}), ("/search", {"q": "服务业"}), ("/targets", {}), ("/api/status", {})]


@dataclass
class Tally:
    """What the ordinary clients got: a time and a status an answer."""

    seconds: list[float] = field(default_factory=list)
    statuses: Counter[int] = field(default_factory=Counter)
    busy_without_retry: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, seconds: float, response: httpx.Response | None) -> None:
        with self.lock:
            self.seconds.append(seconds)
            status = response.status_code if response is not None else 0
            self.statuses[status] += 1
            if status in (429, 503) and response is not None \
                    and "retry-after" not in response.headers:
                self.busy_without_retry += 1


def client_loop(url: str, calls: list[tuple[str, dict[str, str]]], offset: int,
                stop: float, tally: Tally | None) -> None:
    """One client: the calls in turn from `offset` until `stop` (monotonic)."""
    with httpx.Client(base_url=url, timeout=120) as client:
        index = offset
        while time.monotonic() < stop:
            path, params = calls[index % len(calls)]
            index += 1
            started = time.monotonic()
            try:
                response: httpx.Response | None = client.get(path, params=params)
            except httpx.HTTPError:
                response = None
            if tally is not None:
                tally.add(time.monotonic() - started, response)


def round_of(url: str, clients: int, hostile: int, seconds: float) -> tuple[Tally, float]:
    """The ordinary clients' tally of one round, and its length in seconds."""
    # (not `/api/task`: its example names a task of the built-in corpus, absent here)
    calls = [call for call in routes() if call[0] != "/api/task"] + _PAGES
    tally = Tally()
    stop = time.monotonic() + seconds
    threads = [threading.Thread(target=client_loop, args=(url, calls, n, stop, tally))
               for n in range(clients - hostile)]
    threads += [threading.Thread(target=client_loop,
                                 args=(url, [("/sparql", {"query": HOSTILE})], 0, stop, None))
                for _ in range(hostile)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return tally, time.monotonic() - started


def row(name: str, tally: Tally, elapsed: float) -> str:
    times = sorted(tally.seconds)
    p95 = times[min(len(times) - 1, int(0.95 * len(times)))] if times else 0.0
    median = statistics.median(times) if times else 0.0
    errors = sum(count for status, count in tally.statuses.items()
                 if status not in (200, 429, 503)) + tally.busy_without_retry
    return (f"| {name} | {len(times) / elapsed:.1f} | {median:.2f} | {p95:.2f} | "
            f"{max(times, default=0.0):.2f} | {tally.statuses[200]} | {tally.statuses[429]} | "
            f"{tally.statuses[503]} | {errors} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--plans", type=int, default=300)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--hostile", type=int, default=5)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--work", type=Path, default=None)
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="policygraph-load-"))
    corpus = kept_corpus(args.plans, work / "corpus")
    store = work / "store"
    built = run_cli("build", "--store", store, "--quiet", corpus[0].parent, timeout=3600)
    if built.returncode != 0:
        raise SystemExit(f"build failed:\n{built.stderr}")
    server = start(store, "--workers", str(args.workers), log=work / "server.log")
    try:
        wait_for_warm_up(server.url, seconds=1800)
        print(f"{args.plans} plans, {args.workers} workers, {args.seconds:g} s a round\n")
        print("| round | requests/s | p50 s | p95 s | longest s | 200 | 429 | 503 | errors |")
        print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
        tally, elapsed = round_of(server.url, args.clients, 0, args.seconds)
        print(row(f"{args.clients} clients", tally, elapsed), flush=True)
        tally, elapsed = round_of(server.url, args.clients, args.hostile, args.seconds)
        print(row(f"{args.clients - args.hostile} clients beside {args.hostile} hostile",
                  tally, elapsed), flush=True)
    finally:
        server.stop()


if __name__ == "__main__":
    main()
