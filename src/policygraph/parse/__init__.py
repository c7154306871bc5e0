"""Extraction: from the raw text of a policy document to its extraction record.

`extract(path)` is the stage's entry point; `extract_text` reads text already in memory.
"""

from __future__ import annotations

from pathlib import Path

from .decode import DocumentError, read_document
from .items import read_items
from .layout import content_lines
from .metadata import implemented_plans, read_metadata
from .normalize import normalize
from .outline import parse_outline
from .record import Record, Target, Task

__all__ = ["DocumentError", "Record", "Target", "Task", "extract", "extract_text"]


def extract(path: Path) -> Record:
    """The extraction record of the document at `path`.

    Raises DocumentError, naming the file, when it cannot be read or holds no numbered tasks.
    """
    record = extract_text(read_document(path), source=path.name)
    if not record.tasks:
        raise DocumentError(path, "no recognisable tasks: no numbered work items were found")
    return record


def extract_text(text: str, source: str) -> Record:
    """The extraction record of a document's text (`source` names it in the record)."""
    page = normalize(text)
    content = "\n".join(content_lines(page))
    meta = read_metadata(page, content)
    root = parse_outline(content[meta.body_start :].split("\n"))
    preamble = content[: meta.body_start] + "\n" + "\n".join(root.blocks)
    default_year = meta.period[-1] if meta.period else None
    tasks, targets = read_items(root, default_year)
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
        tasks=tasks,
        targets=targets,
    )
