"""The calls the canned queries' examples make: each query with its required parameters'
examples and every combination of its optional ones (a remote planner may stall on one
combination alone). A query with a required parameter that has no example is left out."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import combinations

from policygraph.query import canned_queries


def example_calls() -> Iterator[tuple[str, dict[str, str]]]:
    for query in canned_queries().values():
        required = {p.name: p.example for p in query.parameters if p.required}
        optional = [p for p in query.parameters if not p.required and p.example is not None]
        if None in required.values():
            continue
        for size in range(len(optional) + 1):
            for chosen in combinations(optional, size):
                yield query.name, {**required, **{p.name: p.example for p in chosen}}
