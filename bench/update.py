"""Time of an update against a full build: one plan added, replaced and removed in a store of N.

    python bench/update.py --size N [--runs 3] [--work DIR]

Builds the first N plans of the synthetic corpus (`synth.py`) into a store under `--work`
(kept between runs: a store of the same inputs is not built again), then, `--runs` times, adds
plan N, replaces it with plan N+1's text under the same name and removes it, each one update
(`policygraph add` / `remove`, `/api/documents`). Prints the full build's time and peak RSS
(when built in this run) and each update's median time in all and by stage: `documents`
(reading the plan, writing its graph and those of the plans that cite it, and the entities'
statements), `alignments` (the plans the update touches aligned again) and `index` (the
full-text index and read models, made again from the whole graph, and publishing).
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import time
from pathlib import Path

from synth import kept_corpus

from policygraph.build import DEFAULT_BASE
from policygraph.pipeline import UpdateResult, run_build, run_update
from policygraph.store import GraphStore


def median(results: list[UpdateResult], stage: str | None = None) -> str:
    values = [result.seconds if stage is None else result.stages[stage] for result in results]
    return f"{statistics.median(values):.2f} ({min(values):.2f}–{max(values):.2f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, required=True, metavar="N")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", type=Path, default=Path("/tmp/policygraph-update-bench"))
    args = parser.parse_args()
    work = args.work / str(args.size)
    paths = kept_corpus(args.size + 2, work / "corpus")
    store = GraphStore(work / "store")
    started = time.perf_counter()
    built = run_build(paths[:args.size], store, DEFAULT_BASE, progress=False)
    if not built.skipped:
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"full build of {args.size} plans: {time.perf_counter() - started:.1f} s, "
              f"peak RSS {peak:.0f} MB (largest worker {children:.0f} MB)", flush=True)
    incoming = work / "incoming"
    incoming.mkdir(exist_ok=True)
    added, replacement = incoming / "added.txt", work / "replacement" / "added.txt"
    replacement.parent.mkdir(exist_ok=True)
    shutil.copy(paths[args.size], added)
    shutil.copy(paths[args.size + 1], replacement)
    timings: dict[str, list[UpdateResult]] = {"add": [], "replace": [], "remove": []}
    for _ in range(args.runs):
        timings["add"].append(run_update(store, put=[added]))
        timings["replace"].append(run_update(store, put=[replacement]))
        timings["remove"].append(run_update(store, remove=[added.name]))
    print(f"updates of a store of {args.size} plans, median (min–max) of {args.runs} runs, s:")
    print("| update | all | documents | alignments | index and publishing |")
    print("| --- | --- | --- | --- | --- |")
    for name, results in timings.items():
        assert not any(result.full for result in results), "the store kept no state"
        print(f"| {name} | {median(results)} | {median(results, 'documents')} | "
              f"{median(results, 'alignments')} | {median(results, 'index')} |")


if __name__ == "__main__":
    main()
