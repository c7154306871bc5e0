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

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import groupby

import pyoxigraph as ox

from .candidates import PlanPair, Route, plan_pairs
from .plans import Graph, read_plans
from .similarity import NGRAMS, TaskVectors

__all__ = ["KEPT", "MOST_TAKEN_UP", "THRESHOLD", "Alignment", "align", "align_pairs",
           "read_plans"]

# A pair is scored from this similarity on (the cuts `evaluate-alignment` weighs), and a task
# carries out a higher task where similarity × (similarity / the best similarity of a task of
# that higher plan) reaches THRESHOLD: on the judged built-in pairs of `data/alignment/`, the
# cut of the highest precision that keeps recall at 0.70.
KEPT = 0.05
THRESHOLD = 0.113
# Higher tasks one task carries out at most, across every plan it may carry out: as many as
# the judged pairs ever need (fewer lose recall there), and a bound on the alignments graph
# where a corpus holds many plans worded alike.
MOST_TAKEN_UP = 3
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
    return align_pairs(list(plan_pairs(graph)))


def align_pairs(pairs: list[PlanPair]) -> Iterator[Alignment]:
    """The scored pairs of the tasks of each pair of plans (a lower plan's pairs one after
    another, as `plan_pairs` gives them)."""
    index: dict[str, int] = {}
    words: list[str] = []
    for pair in pairs:
        for task in (*pair.lower.tasks, *pair.higher.tasks):
            if task.iri not in index:
                index[task.iri] = len(words)
                words.append(task.words)
    vectors = TaskVectors(words)
    for _, grouped in groupby(pairs, key=lambda pair: pair.lower.iri):
        yield from _plan_alignments(list(grouped), vectors, index)


def _plan_alignments(pairs: list[PlanPair], vectors: TaskVectors,
                     index: dict[str, int]) -> Iterator[Alignment]:
    """One lower plan's scored pairs with the tasks of every plan it may carry out: each of
    its tasks carries out the `MOST_TAKEN_UP` higher tasks at most whose weighed score reaches
    THRESHOLD, the highest first."""
    scored: dict[str, list[tuple[float, str, float, Route]]] = defaultdict(list)
    for pair in pairs:
        lower, higher = pair.lower.tasks, pair.higher.tasks
        if not lower or not higher:
            continue
        scores = vectors.similarity([index[task.iri] for task in lower],
                                    [index[task.iri] for task in higher])
        for task, row in zip(lower, scores, strict=True):
            best = max(row)
            for other, score in zip(higher, row, strict=True):
                if score >= KEPT:
                    scored[task.iri].append((score * score / best, other.iri, score,
                                             pair.route))
    for lower_iri, candidates in scored.items():
        ranked = sorted(candidates, key=lambda candidate: (-candidate[0], candidate[1]))
        for rank, (weighed, higher_iri, score, route) in enumerate(ranked):
            carries_out = weighed >= THRESHOLD and rank < MOST_TAKEN_UP
            yield Alignment(lower_iri, higher_iri, round(score, 4), route, carries_out)


def store_alignments(store: ox.Store) -> list[Alignment]:
    """The alignments of the graph in `store`."""
    return list(align(read_plans(store)))
