"""The extraction record: the contract between reading a document and everything after it.

The shape follows the project's extraction-record schema (`docs/extraction-record.md`): one
record per document, with its metadata, its work items (tasks) and its numeric targets.
Field order in `to_dict` is the schema's, so JSON output reads like the hand-made gold records.
What the graph needs beyond the schema (the sections, where each item was read, the text and
digest of the source) rides along outside `to_dict`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Level = Literal["province", "city", "county"]
Kind = Literal["task", "safeguard"]
Comparator = Literal[">=", ">", "<=", "<", "~", "="]
# Start and end offsets, in code points, of a string in the document's text as read.
Span = tuple[int, int]


@dataclass(slots=True)
class Section:
    """A numbered item that holds other items: part of the outline, not itself a task."""

    path: list[str]
    heading: str | None


@dataclass(slots=True)
class Task:
    """One numbered work item at the finest level that is a work item."""

    path: list[str]
    heading: str | None
    kind: Kind
    agencies: list[str]
    lead: list[str]
    text: str
    span: Span | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": list(self.path),
            "heading": self.heading,
            "kind": self.kind,
            "agencies": list(self.agencies),
            "lead": list(self.lead),
            "text": self.text,
        }


@dataclass(slots=True)
class Target:
    """A quantitative commitment: a number with a unit that the plan sets out to reach."""

    path: list[str]
    indicator: str
    value: float
    value_max: float | None
    unit: str
    comparator: Comparator
    year: int | None
    text: str
    span: Span | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": list(self.path),
            "indicator": self.indicator,
            "value": _plain_number(self.value),
            "value_max": None if self.value_max is None else _plain_number(self.value_max),
            "unit": self.unit,
            "comparator": self.comparator,
            "year": self.year,
            "text": self.text,
        }


@dataclass(slots=True)
class Record:
    """Everything extraction reads from one document."""

    source: str
    title: str | None = None
    issuer: str | None = None
    region: str | None = None
    level: Level | None = None
    issued: str | None = None
    doc_number: str | None = None
    period: list[int] | None = None
    implements: list[str] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    region_code: str | None = None
    text: str = ""
    warnings: list[str] = field(default_factory=list)  # what was read with a guess
    sha256: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "title": self.title,
            "issuer": self.issuer,
            "region": self.region,
            "level": self.level,
            "issued": self.issued,
            "doc_number": self.doc_number,
            "period": None if self.period is None else list(self.period),
            "implements": list(self.implements),
            "tasks": [task.to_dict() for task in self.tasks],
            "targets": [target.to_dict() for target in self.targets],
        }


def _plain_number(value: float) -> int | float:
    """Whole numbers print as integers (`9`, not `9.0`), as people write them."""
    return int(value) if float(value).is_integer() else value
