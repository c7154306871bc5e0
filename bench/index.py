"""Where the index beside a store spends its time: each part of `write_text_index`, timed.

    python bench/index.py STORE

Writes the full-text index and the read models of the live build of STORE (a store directory,
e.g. one `bench/update.py` built) into a temporary directory, as a build writes them, and prints
the seconds of each part: the engine's answer for each read model whose rows are the canned
query's own, the filters' tables, the tasks' units and the rest (the full-text tables, the
list of tasks and the pairs of units, counted by SQLite), then the whole. The parts are timed
by wrapping the functions `write_text_index` calls; nothing is changed in the store.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from policygraph.query import page_queries
from policygraph.store import GraphStore, list_filters, list_models, list_task_units, text_index
from policygraph.store.result_terms import Row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("store", type=Path)
    args = parser.parse_args()
    store = GraphStore(args.store).open()
    seconds: dict[str, float] = {}
    names = {query.sparql: name for name, query in page_queries().items()}
    answer = list_models._answer

    def timed_answer(graph: ox.Store, query: str) -> Iterator[Row]:
        started = time.perf_counter()
        rows = list(answer(graph, query))
        seconds[f"engine: {names.get(query, '?')}"] = time.perf_counter() - started
        return iter(rows)

    def timed(name: str, function: Callable[..., None]) -> Callable[..., None]:
        def wrapper(*arguments: Any) -> None:
            started = time.perf_counter()
            function(*arguments)
            seconds[name] = time.perf_counter() - started
        return wrapper

    wrappers = {"_answer": timed_answer,
                "write_filter_tables": timed("filters' tables", list_filters.write_filter_tables),
                "write_task_units": timed("tasks' units", list_task_units.write_task_units)}
    for name, wrapper in wrappers.items():
        setattr(list_models, name, wrapper)
    with tempfile.TemporaryDirectory() as directory:
        started = time.perf_counter()
        text_index.write_text_index(store, Path(directory))
        total = time.perf_counter() - started
    print("| part | s |\n| --- | --- |")
    for name, spent in sorted(seconds.items(), key=lambda item: -item[1]):
        print(f"| {name} | {spent:.1f} |")
    print(f"| the rest | {total - sum(seconds.values()):.1f} |\n| all | {total:.1f} |")


if __name__ == "__main__":
    main()
