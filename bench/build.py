"""Build time of the built-in corpus: a full build, an unchanged rebuild, and each stage.

    python bench/build.py [--runs 5]

Prints medians over the runs (the machine is shared, so single timings mislead) and the
per-stage split of one full build, to show where time goes.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import pyoxigraph as ox

from policygraph.build import DEFAULT_BASE, EntityTable, Iris, document_rdf, shared_rdf, titles
from policygraph.parse import extract
from policygraph.pipeline import run_build
from policygraph.store import GraphStore
from policygraph.validate import validate

CORPUS = Path(__file__).parent.parent / "data" / "raw"


def timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    full, unchanged = [], []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as directory:
            store = GraphStore(Path(directory))
            build = partial(run_build, [CORPUS], store, DEFAULT_BASE, progress=False)
            full.append(timed(build))
            unchanged.append(timed(build))
    print(f"full build      median {statistics.median(full):6.2f} s  (runs: {runs})")
    print(f"unchanged build median {statistics.median(unchanged):6.3f} s  "
          f"({statistics.median(full) / statistics.median(unchanged):.0f}x faster)")

    files = sorted(CORPUS.glob("*.txt"))
    stages: dict[str, float] = {}
    started = time.perf_counter()
    records = [extract(path) for path in files]
    stages["extract"] = time.perf_counter() - started
    started = time.perf_counter()
    iris, table, quads = Iris(DEFAULT_BASE), EntityTable(), []
    known = titles(records, iris)
    for record in records:
        document, named = document_rdf(record, iris, known)
        quads += document
        table.merge(named)
    quads += shared_rdf(table, iris)
    stages["rdf"] = time.perf_counter() - started
    started = time.perf_counter()
    validate(ox.serialize([quad.triple for quad in quads], format=ox.RdfFormat.N_TRIPLES) or b"")
    stages["shacl"] = time.perf_counter() - started
    started = time.perf_counter()
    ox.Store().bulk_load(ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b"",
                         ox.RdfFormat.N_QUADS)
    stages["load"] = time.perf_counter() - started
    print("stages of one build, in one process: "
          + ", ".join(f"{k} {v:.2f} s" for k, v in stages.items()) + f"; {len(quads)} quads")


if __name__ == "__main__":
    main()
