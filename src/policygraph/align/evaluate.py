"""How well the graph's alignments agree with hand-judged task pairs.

A gold file is CSV with a header `higher_source,higher_path,lower_source,lower_path,aligned`
(paths as labels joined with `/`, `aligned` 1 or 0): every pair a researcher judged, aligned or
not. The graph's `pg:carriesOut` links are scored against it (precision, recall, F1), and so is
every cut of the pairs' similarities, scored again from the graph's tasks as the build scored
them (the graph keeps the links' scores only), so a researcher sees what another threshold
would give.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from . import align
from .plans import read_plans

_COLUMNS = ("higher_source", "higher_path", "lower_source", "lower_path", "aligned")
_LINKS = """
PREFIX pg: <https://w3id.org/policygraph/ontology#>
SELECT ?lower ?higher WHERE { ?lower pg:carriesOut ?higher }"""


class GoldError(Exception):
    """A gold file that cannot be read; the message names the file and line."""


@dataclass(frozen=True, slots=True)
class Judged:
    """A judged pair as the graph holds it: its score (0 where the graph scored no such pair),
    whether the graph links it, and the judgement."""

    similarity: float
    linked: bool
    aligned: bool


@dataclass(frozen=True, slots=True)
class Scores:
    precision: float
    recall: float
    f1: float
    predicted: int
    gold: int


def judged_pairs(store: ox.Store, gold: Path) -> tuple[list[Judged], list[str]]:
    """The gold file's pairs as the graph in `store` holds them, and a message for each pair
    naming a task the graph does not have."""
    graph = read_plans(store)
    tasks = {(plan.source, task.path.replace(" ", "/")): task.iri
             for plan in graph.plans.values() for task in plan.tasks}
    solutions = store.query(_LINKS, use_default_graph_as_union=True)
    assert isinstance(solutions, ox.QuerySolutions)
    links = {(row["lower"].value, row["higher"].value) for row in solutions}
    scores = {(pair.lower, pair.higher): (pair.score, (pair.lower, pair.higher) in links)
              for pair in align(graph)}
    judged, missing = [], []
    for line, row in gold_rows(gold):
        lower = tasks.get((row["lower_source"], row["lower_path"]))
        higher = tasks.get((row["higher_source"], row["higher_path"]))
        if lower is None or higher is None:
            absent = row["lower_path"] if lower is None else row["higher_path"]
            source = row["lower_source"] if lower is None else row["higher_source"]
            missing.append(f"{gold}:{line}: the graph has no task {absent} of {source}")
            continue
        similarity, linked = scores.get((lower, higher), (0.0, False))
        judged.append(Judged(similarity, linked, row["aligned"] == "1"))
    return judged, missing


def scores(pairs: list[Judged], cut: float | None = None) -> Scores:
    """Precision, recall and F1 of the graph's links (or of the pairs scoring `cut` or more)."""
    predicted = [pair for pair in pairs if (pair.linked if cut is None
                                             else pair.similarity >= cut)]
    hits = sum(1 for pair in predicted if pair.aligned)
    gold = sum(1 for pair in pairs if pair.aligned)
    precision = hits / len(predicted) if predicted else 0.0
    recall = hits / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Scores(precision, recall, f1, len(predicted), gold)


def gold_rows(gold: Path) -> Iterator[tuple[int, dict[str, str]]]:
    """The judged pairs of a gold file with their line numbers; a GoldError names the line
    that cannot be read."""
    try:
        with gold.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [column for column in _COLUMNS if column not in (reader.fieldnames or ())]
            if missing:
                raise GoldError(f"{gold}:1: the header lacks {', '.join(missing)}")
            for row in reader:
                if row["aligned"] not in ("0", "1"):
                    raise GoldError(f"{gold}:{reader.line_num}: aligned is "
                                    f"{row['aligned']!r}, not 1 or 0")
                yield reader.line_num, row
    except (OSError, UnicodeDecodeError) as error:
        raise GoldError(f"{gold}: cannot read it: {error}") from None
