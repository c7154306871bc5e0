"""Extraction: from the raw text of a policy document to its extraction record.

`extract(path)` is the stage's entry point; `extract_text` reads text already in memory.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

from .decode import DocumentError, document_text
from .items import read_items
from .layout import content_lines
from .metadata import (
    date_by_preamble,
    implemented_plans,
    place_by_text,
    place_by_units,
    read_metadata,
)
from .normalize import normalize
from .notices import is_requirement, sends_plan
from .outline import parse_outline, repeated_numbers
from .record import Record, Section, Span, Target, Task
from .spans import SpanFinder
from .targets import find_breakdown_targets

__all__ = ["MAX_DOCUMENT_BYTES", "DocumentError", "Record", "Section", "Target", "Task",
           "extract", "extract_text"]

# The largest file read as a plan. Plans run to tens of kilobytes and their saved pages to a
# megabyte or two; a file past this is a scrape gone wrong (a site's archive, a media file) and
# would hold a build worker for minutes.
MAX_DOCUMENT_BYTES = 16 * 2**20
# A plan titled as a list of goals (`2008年新区管委会全年工作目标`).
_GOALS_TITLE = re.compile(r"目标(?:[(（][^)）]*[)）])?$")


def extract(path: Path) -> Record:
    """The extraction record of the document at `path`.

    Raises DocumentError, naming the file, when it cannot be read (missing, unreadable, too
    large, empty, binary, undecodable): callers handle one kind of failure. A document that
    can be read is never lost: one without numbered work items (a goals-only page, a notice)
    gives its metadata and targets, with a warning.
    """
    try:
        size = path.stat().st_size
        if size > MAX_DOCUMENT_BYTES:
            raise DocumentError(path, f"{size / 2**20:.0f} MB: larger than the "
                                      f"{MAX_DOCUMENT_BYTES // 2**20} MB a plan's file can be")
        data = path.read_bytes()
    except OSError as error:
        raise DocumentError(path, error.strerror or str(error)) from error
    record = extract_text(document_text(path, data), source=path.name)
    record.sha256 = hashlib.sha256(data).hexdigest()
    return record


def extract_text(text: str, source: str) -> Record:
    """The extraction record of a document's text (`source` names it in the record)."""
    page = normalize(text)
    content = "\n".join(content_lines(page))
    meta = read_metadata(page, content)
    root = parse_outline(content[meta.body_start :].split("\n"))
    preamble = content[: meta.body_start] + "\n" + "\n".join(root.blocks)
    date_by_preamble(meta, preamble)
    default_year = meta.period[-1] if meta.period else None
    goals_only = _GOALS_TITLE.search(meta.title or "") is not None
    items = read_items(root, default_year, goals_only)
    items.targets += find_breakdown_targets(content[meta.body_start:], default_year)
    if not meta.plan_shown and sends_plan(preamble):
        items.tasks[:] = [task for task in items.tasks if not is_requirement(task)]
    place_by_units(meta, [task.agencies for task in items.tasks])
    place_by_text(meta, content)
    # (an item read as nothing but its number, `3` of a table whose cells were not read, is
    # no task a reader can use, and the page holds nothing to point at for it)
    empty = [task for task in items.tasks if not (task.text or task.heading or task.agencies)]
    items.tasks[:] = [task for task in items.tasks if task.text or task.heading or task.agencies]
    finder = SpanFinder(text)
    # A task the page cut after its heading is found by its heading, one that is only a
    # clause (`(二)协办单位:A、B`) by its first unit.
    _place(items.tasks, [task.text or task.heading or task.agencies[0] for task in items.tasks],
           finder, repeats_share=False)
    _place(items.targets, [target.text for target in items.targets], finder,
           repeats_share=True)
    return Record(
        source=source,
        title=meta.title,
        issuer=meta.issuer,
        region=meta.region,
        level=meta.level,  # type: ignore[arg-type]
        issued=meta.issued,
        doc_number=meta.doc_number,
        period=meta.period,
        implements=implemented_plans(preamble, meta.title),
        tasks=items.tasks,
        targets=items.targets,
        sections=items.sections,
        region_code=meta.region_code,
        text=text,
        warnings=repeated_numbers(root) + _missing(meta.title, meta.region, items.tasks)
        + [f"item {' '.join(task.path)} holds nothing but its number: left out"
           for task in empty],
    )


def _missing(title: str | None, region: str | None, tasks: Sequence[Task]) -> list[str]:
    """Warnings for what a reader of the graph will miss: the document is kept all the same."""
    missing = [] if tasks else ["no numbered work items were found: the record holds the "
                                "document's metadata and targets only"]
    if title is None:
        missing.append("no title was found")
    if region is None:
        missing.append("the page names no jurisdiction: its units' areas are unknown")
    return missing


class _Placed(Protocol):
    span: Span | None


def _place(things: Sequence[_Placed], needles: list[str], finder: SpanFinder,
           repeats_share: bool) -> None:
    """Record where in the text `finder` searches each task (or each target) was read."""
    spans = finder.locate(needles, repeats_share)
    for thing, span in zip(things, spans, strict=True):
        thing.span = span
