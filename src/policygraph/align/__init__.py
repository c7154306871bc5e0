"""Task alignment between levels: the tasks of higher plans that each task carries out.

A city's plan takes up its province's plan task by task, in its own words and with its own
names (省: `谋划打造服务业高能级平台`; 市: `加快推进省级现代服务业创新发展区建设`). For each task
of a plan, the tasks of the plans it may carry out (`candidates`) are scored by how alike
their words are (`similarity`), and weighed by how near the score is to the best that any
task of that higher plan reaches for it: a task carries out the higher tasks whose weighed
score reaches `THRESHOLD` (a lower task mostly takes up one or two tasks of a higher plan).
Alignment runs over the built graph, after every document's graph is loaded, and its
statements go to a named graph of their own.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pyoxigraph as ox

from .candidates import PlanPair, Route, plan_pairs
from .plans import Graph, read_plans
from .similarity import NGRAMS, TaskVectors

__all__ = ["KEPT", "THRESHOLD", "Alignment", "align", "read_plans"]

# A pair is kept (as an alignment node with its score) from this similarity on, and a task
# carries out a higher task where similarity × (similarity / the best similarity of a task of
# that higher plan) reaches THRESHOLD (chosen on the judged pairs of `data/alignment/`).
KEPT = 0.05
THRESHOLD = 0.124
METHOD = f"character {NGRAMS[0]}–{NGRAMS[1]}-gram TF-IDF cosine"


@dataclass(frozen=True, slots=True)
class Alignment:
    """A lower task, a higher task it may carry out, their score and why they were paired."""

    lower: str
    higher: str
    score: float
    route: Route
    carries_out: bool


def align(graph: Graph) -> Iterator[Alignment]:
    """The scored pairs of every plan's tasks with the tasks of the plans it may carry out."""
    index: dict[str, int] = {}
    words: list[str] = []
    for plan in graph.plans.values():
        for task in plan.tasks:
            index[task.iri] = len(words)
            words.append(task.words)
    vectors = TaskVectors(words)
    for pair in plan_pairs(graph):
        yield from _pair_alignments(pair, vectors, index)


def _pair_alignments(pair: PlanPair, vectors: TaskVectors,
                     index: dict[str, int]) -> Iterator[Alignment]:
    lower, higher = pair.lower.tasks, pair.higher.tasks
    if not lower or not higher:
        return
    scores = vectors.similarity([index[task.iri] for task in lower],
                                [index[task.iri] for task in higher])
    for task, row in zip(lower, scores, strict=True):
        best = max(row)
        for other, score in zip(higher, row, strict=True):
            if score >= KEPT:
                carries_out = score * score / best >= THRESHOLD
                yield Alignment(task.iri, other.iri, round(score, 4), pair.route, carries_out)


def store_alignments(store: ox.Store) -> list[Alignment]:
    """The alignments of the graph in `store`."""
    return list(align(read_plans(store)))
