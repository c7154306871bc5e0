"""Commands that measure what the build reads against hand-made gold beyond the extraction
records: `evaluate-alignment` (task alignment between levels) and `evaluate-indicators`
(targets' indicators as concepts of the indicator vocabulary)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..align import THRESHOLD
from ..align.evaluate import GoldError, Scores, judged_pairs, scores
from ..build.indicator_gold import MappingError, score_mapping
from ..query.formats import table
from ..store import StoreError
from .common import EXIT_FAILED, EXIT_OK, EXIT_USAGE, add_store_option, graph_store

# The similarities at which the cut is shown besides the graph's own links.
_CUTS = (0.05, 0.08, 0.10, 0.12, THRESHOLD, 0.15, 0.20, 0.30)


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `evaluate-alignment` and `evaluate-indicators` commands."""
    command = commands.add_parser(
        "evaluate-alignment", help="score the graph's task alignment against judged pairs",
        description="Score the graph's pg:carriesOut links against hand-judged task pairs "
                    "(CSV: higher_source,higher_path,lower_source,lower_path,aligned, paths "
                    "as labels joined with /, aligned 1 or 0): precision, recall and F1 of "
                    "the links, and of every cut of the stored similarities.")
    command.add_argument("gold", type=Path, metavar="PAIRS.csv")
    command.add_argument("--min-precision", type=float, metavar="P",
                         help="exit 1 when the links' precision is below P")
    command.add_argument("--min-recall", type=float, metavar="R",
                         help="exit 1 when the links' recall is below R")
    add_store_option(command)
    command.set_defaults(run=_run)

    indicators = commands.add_parser(
        "evaluate-indicators", help="score the reading of targets' indicators as concepts",
        description="Read the targets of hand-made gold mappings (TSV: source, index, "
                    "indicator, unit, concept, the concept a slug of ontology/indicators.ttl "
                    "or none) as the build reads extracted targets, and print how many map to "
                    "a concept and how many to the gold's one.")
    indicators.add_argument("gold", type=Path, nargs="+", metavar="MAPPING.tsv")
    indicators.add_argument("--misses", action="store_true",
                            help="also list each target read otherwise than the gold says")
    indicators.add_argument("--min-accuracy", type=float, metavar="A",
                            help="exit 1 when the share of targets read as their gold concept "
                                 "is below A")
    indicators.set_defaults(run=_run_indicators)


def _run(args: argparse.Namespace) -> int:
    try:
        pairs, missing = judged_pairs(graph_store(args).open(), args.gold)
    except (StoreError, GoldError) as error:
        print(f"policygraph: {error}", file=sys.stderr)
        return EXIT_USAGE
    for message in missing:
        print(f"policygraph: warning: {message}", file=sys.stderr)
    linked = scores(pairs)
    rows = [["links (pg:carriesOut)", *_figures(linked)]]
    rows += [[f"similarity >= {cut:.3f}", *_figures(scores(pairs, cut))] for cut in _CUTS]
    print(table(["pairs", "precision", "recall", "F1", "predicted"], rows))
    print(f"({len(pairs)} judged pairs, {linked.gold} aligned)")
    below = (args.min_precision is not None and linked.precision < args.min_precision) or \
        (args.min_recall is not None and linked.recall < args.min_recall)
    return EXIT_FAILED if below else EXIT_OK


def _figures(figures: Scores) -> list[str]:
    return [f"{figures.precision:.3f}", f"{figures.recall:.3f}", f"{figures.f1:.3f}",
            str(figures.predicted)]


def _run_indicators(args: argparse.Namespace) -> int:
    rows, below = [], False
    for path in args.gold:
        try:
            figures, misses = score_mapping(path)
        except MappingError as error:
            print(f"policygraph: {error}", file=sys.stderr)
            return EXIT_USAGE
        if args.misses:
            print("\n".join(misses))
        share = figures.targets or 1
        rows.append([str(path), str(figures.targets), f"{figures.gold_mapped / share:.3f}",
                     f"{figures.read / share:.3f}", f"{figures.accuracy:.3f}",
                     f"{figures.precision:.3f}", f"{figures.recall:.3f}"])
        below = below or (args.min_accuracy is not None and figures.accuracy < args.min_accuracy)
    print(table(["mapping", "targets", "gold mapped", "read as a concept", "accuracy",
                 "precision", "recall"], rows))
    return EXIT_FAILED if below else EXIT_OK
