"""Ways of telling how alike two tasks' words are, ranked on hand-judged task pairs.

    python bench/alignment_methods.py [--store DIR] [--gold data/alignment/pairs.csv]

Builds the built-in plans and the province–city plans of `data/alignment/` (or reads the graph
in --store), then scores every judged pair the graph holds with each method: TF-IDF cosine of
character n-grams of several lengths (fitted on every task of the graph), with and without
sublinear term frequency, and the build's own (1–2-grams weighed by the frequencies of the
development corpus's tasks, which an update needs: see `policygraph.align.background`). For
each it prints the average precision of the ranking, the best F1 of any cut, and the best
precision of a cut that keeps recall at 0.70 or more, both for the raw similarity and for the
build's weighing of it (similarity × its share of the best similarity a task of the same
higher plan reaches), on the built-in 浙江 pairs (where a method is chosen) and on the real
province–city pairs (unseen by the choice).
Figures only; nothing is asserted.
"""

from __future__ import annotations

import argparse
import tempfile
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import average_precision_score, precision_recall_curve

from policygraph.align.evaluate import gold_rows
from policygraph.align.plans import Graph, read_plans
from policygraph.align.similarity import NGRAMS, TaskVectors
from policygraph.parse.normalize import convert_script
from policygraph.pipeline import run_build
from policygraph.store import GraphStore

ROOT = Path(__file__).resolve().parent.parent
RECALL = 0.70
METHODS = {f"char {low}–{high}-grams{'' if sublinear else ', raw tf'}": (low, high, sublinear)
           for low, high in ((1, 1), (1, 2), (2, 2), (1, 3), (2, 3), (2, 4))
           for sublinear in (True, False)}
# The build's own method: 1–2-grams, sublinear tf, document frequencies of the development
# corpus's tasks (`policygraph.align.background`) instead of the graph's.
BUILD = "char 1–2-grams, the development corpus's frequencies (the build's)"
Similarity = Callable[[Sequence[int], Sequence[int]], list[list[float]]]


@dataclass(frozen=True, slots=True)
class Pair:
    lower: int  # the lower task's position among the graph's tasks
    higher: int
    higher_plan: str
    aligned: bool
    built_in: bool  # a pair of the built-in plans of data/raw


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, help="a graph built from the judged plans")
    parser.add_argument("--gold", type=Path, default=ROOT / "data" / "alignment" / "pairs.csv")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as work:
        store = GraphStore(args.store or Path(work))
        if args.store is None:
            run_build([ROOT / "data" / "raw", ROOT / "data" / "alignment" / "raw"], store,
                      "http://127.0.0.1:8000/id/", progress=False)
        graph = read_plans(store.open())
    words, positions, plan_tasks = _tasks(graph)
    pairs = _pairs(args.gold, positions)
    print(f"{len(pairs)} judged pairs in the graph, {sum(p.aligned for p in pairs)} aligned; "
          f"{len(words)} tasks fitted (the build's method: char {NGRAMS[0]}–{NGRAMS[1]}-grams)")
    print(f"| method | pairs | average precision | best F1 | precision at recall ≥ {RECALL:.2f} "
          f"| weighed: average precision | best F1 | precision at recall ≥ {RECALL:.2f} |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for name, (low, high, sublinear) in METHODS.items():
        matrix = TfidfVectorizer(analyzer="char", ngram_range=(low, high), sublinear_tf=sublinear,
                                 preprocessor=convert_script).fit_transform(words)
        _print(name, pairs, _scored(pairs, _rows(matrix), plan_tasks))
    _print(BUILD, pairs, _scored(pairs, TaskVectors(words).similarity, plan_tasks))


def _print(name: str, pairs: list[Pair], scores: tuple[list[float], list[float]]) -> None:
    """A method's two rows of the table: the built-in pairs, then the real ones."""
    raw, weighed = scores
    for subset, keep in (("built-in", True), ("real", False)):
            chosen = [index for index, pair in enumerate(pairs) if pair.built_in == keep]
            aligned = [pairs[index].aligned for index in chosen]
            print(f"| {name} | {subset} | {_figures(aligned, [raw[i] for i in chosen])} "
                  f"| {_figures(aligned, [weighed[i] for i in chosen])} |")


def _tasks(graph: Graph) -> tuple[list[str], dict[tuple[str, str], int], dict[str, list[int]]]:
    """Every task's words, each task's position by (source, path), and each plan's tasks."""
    words: list[str] = []
    positions: dict[tuple[str, str], int] = {}
    plan_tasks: dict[str, list[int]] = defaultdict(list)
    for plan in graph.plans.values():
        for task in plan.tasks:
            positions[(plan.source, task.path.replace(" ", "/"))] = len(words)
            plan_tasks[plan.source].append(len(words))
            words.append(task.words)
    return words, positions, plan_tasks


def _pairs(gold: Path, positions: dict[tuple[str, str], int]) -> list[Pair]:
    """The judged pairs whose two tasks the graph holds."""
    pairs: list[Pair] = []
    for _, row in gold_rows(gold):
        lower = positions.get((row["lower_source"], row["lower_path"]))
        higher = positions.get((row["higher_source"], row["higher_path"]))
        if lower is not None and higher is not None:
            built_in = (ROOT / "data" / "raw" / row["higher_source"]).exists()
            pairs.append(Pair(lower, higher, row["higher_source"], row["aligned"] == "1",
                              built_in))
    return pairs


def _rows(matrix: Any) -> Similarity:
    """The similarities of rows of `matrix` (of unit length) with other rows."""
    def similarity(lower: Sequence[int], higher: Sequence[int]) -> list[list[float]]:
        rows: list[list[float]] = (matrix[list(lower)] @ matrix[list(higher)].T).toarray().tolist()
        return rows
    return similarity


def _scored(pairs: list[Pair], similarity: Similarity,
            plan_tasks: dict[str, list[int]]) -> tuple[list[float], list[float]]:
    """Each pair's similarity, and the same weighed by its share of the best its lower task
    reaches in the higher plan, as the build weighs it: both from one row of similarities."""
    raw: list[float] = []
    weighed: list[float] = []
    for pair in pairs:
        tasks = plan_tasks[pair.higher_plan]
        row = similarity([pair.lower], tasks)[0]
        score, best = float(row[tasks.index(pair.higher)]), float(max(row))
        raw.append(score)
        weighed.append(score * score / best if best else 0.0)
    return raw, weighed


def _figures(aligned: list[bool], scores: list[float]) -> str:
    """Average precision, best F1 and best precision at the recall aimed at, as table cells."""
    precision, recall, _ = precision_recall_curve(aligned, scores)
    f1 = max((2 * p * r / (p + r) for p, r in zip(precision, recall, strict=True) if p + r),
             default=0.0)
    at_recall = max((p for p, r in zip(precision, recall, strict=True) if r >= RECALL),
                    default=0.0)
    return f"{average_precision_score(aligned, scores):.3f} | {f1:.3f} | {at_recall:.3f}"


if __name__ == "__main__":
    main()
