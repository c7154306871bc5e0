"""Commands that read documents: `extract` and `evaluate`.

Bad input is reported per file on standard error, naming the file, and the exit status says
whether every file succeeded.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from pathlib import Path

from ..corpus import documents
from ..parse import DocumentError, Record, extract
from .common import DEFAULT_CORPUS, EXIT_FAILED, EXIT_OK, EXIT_USAGE


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `extract` and `evaluate` commands."""
    extract_cmd = commands.add_parser(
        "extract", help="read policy documents and print their extraction records",
        description="Read policy documents (text or HTML, UTF-8 or GB18030) and print one "
                    "extraction record per document.")
    extract_cmd.add_argument("files", nargs="+", type=Path, metavar="FILE")
    extract_cmd.add_argument("--json", action="store_true",
                             help="print records as JSON (an array for several files)")
    extract_cmd.set_defaults(run=_run_extract)

    evaluate_cmd = commands.add_parser(
        "evaluate", help="score extraction against hand-made gold records",
        description="Extract documents and score the records against gold records: metadata "
                    "accuracy, task F1, agency P/R/F1, lead accuracy, target P/R/F1, "
                    "comparator accuracy, per document and in total.")
    evaluate_cmd.add_argument("gold_dir", type=Path, metavar="GOLD_DIR")
    evaluate_cmd.add_argument(
        "files", nargs="*", type=Path, metavar="FILE",
        help=f"documents or folders of documents to extract (default: {DEFAULT_CORPUS})")
    evaluate_cmd.add_argument("--json", action="store_true", help="print the figures as JSON")
    evaluate_cmd.add_argument(
        "--check", action="store_true",
        help="only check the gold records against their documents (one folder of documents): "
             "shape, numbering labels, units and texts that occur in the document; nothing "
             "is extracted")
    evaluate_cmd.add_argument(
        "--min", action="append", default=[], metavar="KEY=VALUE",
        help="exit 1 when a total figure is below this floor (repeatable)")
    evaluate_cmd.set_defaults(run=_run_evaluate)


def _extract_all(paths: Iterable[Path]) -> tuple[list[Record], bool]:
    """Records of every readable document; failures are reported and do not stop the rest, and
    what was read with a guess is reported as a warning."""
    records, ok = [], True
    for path in paths:
        try:
            records.append(extract(path))
        except DocumentError as error:
            print(f"policygraph: {error}", file=sys.stderr)
            ok = False
            continue
        for warning in records[-1].warnings:
            print(f"policygraph: warning: {path}: {warning}", file=sys.stderr)
    return records, ok


def _run_extract(args: argparse.Namespace) -> int:
    records, ok = _extract_all(args.files)
    if args.json:
        payload = [record.to_dict() for record in records]
        single = len(args.files) == 1 and len(payload) == 1
        print(json.dumps(payload[0] if single else payload, ensure_ascii=False, indent=1))
    else:
        for record in records:
            print(summary(record))
    return EXIT_OK if ok else EXIT_FAILED


def summary(record: Record) -> str:
    """A readable account of a record: metadata, one line per task, then the targets."""
    period = "–".join(str(year) for year in record.period) if record.period else "?"
    lines = [
        f"== {record.source}",
        f"title:      {record.title or '?'}",
        f"issuer:     {record.issuer or '?'}",
        f"region:     {record.region or '?'} ({record.level or '?'})",
        f"issued:     {record.issued or '?'}    number: {record.doc_number or '-'}"
        f"    period: {period}",
    ]
    lines += [f"implements: 《{title}》" for title in record.implements]
    lines.append(f"tasks ({len(record.tasks)}):")
    for task in record.tasks:
        path = " ".join(task.path)
        lead = "、".join(task.lead) or "-"
        support = "、".join(unit for unit in task.agencies if unit not in task.lead)
        kind = " [safeguard]" if task.kind == "safeguard" else ""
        heading = f" {task.heading}" if task.heading else ""
        lines.append(f"  {path}{kind}{heading} | lead: {lead}"
                     + (f" | with: {support}" if support else ""))
    lines.append(f"targets ({len(record.targets)}):")
    for target in record.targets:
        value = f"{target.to_dict()['value']}"
        if target.value_max is not None:
            value += f"–{target.to_dict()['value_max']}"
        lines.append(f"  {' '.join(target.path)} | {target.indicator} {target.comparator} "
                     f"{value}{target.unit} ({target.year})")
    return "\n".join(lines) + "\n"


def _run_evaluate(args: argparse.Namespace) -> int:
    from ..evaluate import EvaluationError, below_floors, format_table, load_gold, score

    if args.check:
        return _check_gold(args)
    try:
        floors = _floors(args.min)
        gold = load_gold(args.gold_dir)
    except (EvaluationError, ValueError) as error:
        print(f"policygraph: {error}", file=sys.stderr)
        return EXIT_USAGE
    listing = documents(args.files or [DEFAULT_CORPUS])
    for problem in listing.problems:
        print(f"policygraph: {problem}", file=sys.stderr)
    records, ok = _extract_all(listing.files)
    ok = ok and not listing.problems
    rows = score(gold, [record.to_dict() for record in records])
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
    else:
        print(format_table(rows))
    short = below_floors(rows, floors)
    if short:
        print("below floor: " + ", ".join(short))
    return EXIT_OK if ok and not short else EXIT_FAILED


def _check_gold(args: argparse.Namespace) -> int:
    """`evaluate --check`: the gold records' problems, one line each, without extracting."""
    from ..gold_check import check_folder

    folders = args.files or [DEFAULT_CORPUS]
    if len(folders) != 1 or not folders[0].is_dir() or not args.gold_dir.is_dir():
        print("policygraph: evaluate --check takes a folder of gold records and the one folder "
              "of documents they annotate", file=sys.stderr)
        return EXIT_USAGE
    problems = check_folder(args.gold_dir, folders[0])
    for problem in problems:
        print(problem)
    count = len(list(args.gold_dir.glob("*.json")))
    print(f"{count} gold records checked, {len(problems)} problems", file=sys.stderr)
    return EXIT_FAILED if problems else EXIT_OK


def _floors(pairs: list[str]) -> dict[str, float]:
    """`--min KEY=VALUE` options as floors, refusing figures the scorer does not compute."""
    from ..evaluate import FIGURES

    floors = {}
    for pair in pairs:
        key, _, value = pair.partition("=")
        try:
            floors[key] = float(value)
        except ValueError:
            raise ValueError(f"--min {pair!r}: expected KEY=NUMBER") from None
        if key not in FIGURES:
            raise ValueError(f"--min {pair!r}: unknown figure; one of {', '.join(FIGURES)}")
    return floors
