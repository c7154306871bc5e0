"""Checks of hand-made gold records against the documents they annotate.

A gold record is typed by hand, and a slip in it (a unit's name mistyped, a path label that is
no numbering label, a lead that is not among the units) silently lowers every score measured
against it. These checks read only the gold record and its document's text, never the
extractor's output, so annotating with them stays independent of the rules being measured.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from .evaluate import META, norm
from .parse.decode import DocumentError, document_text
from .parse.normalize import without_glosses

KEYS = ("source", *META, "implements", "tasks", "targets")
TASK_KEYS = ("path", "heading", "kind", "agencies", "lead", "text")
TARGET_KEYS = ("path", "indicator", "value", "value_max", "unit", "comparator", "year", "text")
LEVELS = {"province", "city", "county", None}
KINDS = {"task", "safeguard"}
COMPARATORS = {">=", ">", "<=", "<", "~", "="}
_LABEL = re.compile(
    r"(?:[一二三四五六七八九十]{1,3}|\([一二三四五六七八九十]{1,3}\)|\d{1,3}|\(\d{1,3}\)"
    r"|[①-⑳]|第[一二三四五六七八九十百]{1,4}(?:部分|章|节|篇|条)|\d{1,3}\.\d{1,3})"
    r"(?:bis|ter|quater|quinquies)?")
_DATE = re.compile(r"(?:19|20)\d{2}-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?")
# A task's text is checked a phrase at a time: a table row's cell may run over lines that
# other cells interrupt, and a clause taken out of a sentence joins its two halves, so only
# its phrases, not the whole text, must occur as written.
_SENTENCE = re.compile(r"[。;；!！?？\n,，]")
_MIN_CHECKED = 6

Gold = Mapping[str, Any]


def check_folder(gold_dir: Path, raw_dir: Path) -> list[str]:
    """Every problem of every gold record in `gold_dir`, each naming its file."""
    problems: list[str] = []
    for path in sorted(gold_dir.glob("*.json")):
        problems += [f"{path}: {problem}" for problem in check_file(path, raw_dir)]
    return problems


def check_file(path: Path, raw_dir: Path) -> list[str]:
    """Problems of one gold file, its document looked up by `source` in `raw_dir`."""
    import json

    try:
        record = json.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        return [str(error)]
    if not isinstance(record, dict) or not isinstance(record.get("source"), str):
        return ["a gold record is an object with a 'source' string"]
    document = raw_dir / record["source"]
    try:
        text = document_text(document, document.read_bytes())
    except (OSError, DocumentError) as error:
        return [f"its document {document}: {error}"]
    return list(check_record(record, text))


def check_record(record: Gold, text: str) -> Iterator[str]:
    """Problems of one gold record whose document reads `text`."""
    folded = _fold(text)
    yield from _shape(record, KEYS, "record")
    if record.get("level") not in LEVELS:
        yield f"level {record.get('level')!r} is not one of province, city, county or null"
    issued = record.get("issued")
    if issued is not None and not _DATE.fullmatch(str(issued)):
        yield f"issued {issued!r} is not YYYY-MM-DD or YYYY-MM"
    period = record.get("period")
    if period is not None and not (isinstance(period, list) and len(period) == 2
                                   and all(isinstance(year, int) for year in period)
                                   and period[0] <= period[1]):
        yield f"period {period!r} is not [first year, last year]"
    paths: set[Any] = set()
    for task in record.get("tasks", []):
        where = f"task {' '.join(map(str, task.get('path', [])))}"
        yield from _task(task, where, folded)
        if norm(task.get("path")) in paths:
            yield f"{where}: a second task with this path"
        paths.add(norm(task.get("path")))
    for index, target in enumerate(record.get("targets", [])):
        yield from _target(target, f"target {index + 1}", folded)


def _task(task: Gold, where: str, folded: str) -> Iterator[str]:
    yield from _shape(task, TASK_KEYS, where)
    yield from _path(task.get("path"), where)
    if task.get("kind") not in KINDS:
        yield f"{where}: kind {task.get('kind')!r} is not task or safeguard"
    agencies, lead = task.get("agencies") or [], task.get("lead") or []
    for unit in agencies:
        if _fold(unit) not in folded:
            yield f"{where}: unit {unit!r} does not occur in the document"
    if not {norm(unit) for unit in lead} <= {norm(unit) for unit in agencies}:
        yield f"{where}: lead {lead} is not among its agencies {agencies}"
    if bool(lead) != bool(agencies):
        yield f"{where}: lead and agencies must be both empty or both given"
    for phrase in _SENTENCE.split(str(task.get("text") or "")):
        if len(phrase) >= _MIN_CHECKED and _fold(phrase) not in folded:
            yield f"{where}: text {phrase[:30]!r} does not occur in the document"


def _target(target: Gold, where: str, folded: str) -> Iterator[str]:
    yield from _shape(target, TARGET_KEYS, where)
    yield from _path(target.get("path"), where)
    for key in ("value", "value_max"):
        value = target.get(key)
        if not (isinstance(value, int | float) or (key == "value_max" and value is None)):
            yield f"{where}: {key} {value!r} is not a number"
    if target.get("comparator") not in COMPARATORS:
        yield f"{where}: comparator {target.get('comparator')!r} is not one of {COMPARATORS}"
    for key in ("unit", "text"):
        value = target.get(key)
        if key == "unit" and value == "":
            continue  # a figure written without a unit (`签约率要达到90以上`)
        if not value or _fold(str(value)) not in folded:
            yield f"{where}: {key} {value!r} does not occur in the document"
    year = target.get("year")
    if year is not None and not isinstance(year, int):
        yield f"{where}: year {year!r} is not a year"


def _shape(record: Gold, keys: tuple[str, ...], where: str) -> Iterator[str]:
    missing = [key for key in keys if key not in record]
    extra = [key for key in record if key not in keys]
    if missing:
        yield f"{where}: missing {', '.join(missing)}"
    if extra:
        yield f"{where}: unknown {', '.join(extra)}"


def _path(path: Any, where: str) -> Iterator[str]:
    if not isinstance(path, list):
        yield f"{where}: path {path!r} is not a list"
        return
    for label in path:
        if not isinstance(label, str) or not _LABEL.fullmatch(_fold(label)):
            yield f"{where}: path label {label!r} is not a numbering label as written"


def _fold(text: str) -> str:
    """Text as scores compare it, quotes kept and pinyin glosses a mirror inserted left out
    (records give names and sentences without them): a name or sentence is looked up in
    this form."""
    folded = norm(without_glosses(text))
    return folded if isinstance(folded, str) else ""
