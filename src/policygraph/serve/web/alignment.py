"""What a task's page shows of the alignment between levels: the higher-level tasks it carries
out and the lower-level tasks that carry it out, each beside it, the words the two share
marked, so a reader sees at once what the lower plan took up and what it changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

from ..executor import QueryPool
from ..pages import Namer, Panel, Term
from ..settings import Settings
from .routing import rows

# Shared runs shorter than this are chance (`的`, `和`), not words the plans share.
_LEAST_SHARED = 2


@dataclass(frozen=True)
class Run:
    """A stretch of a text, marked where the other text has it too."""

    text: str
    shared: bool


@dataclass(frozen=True)
class Pair:
    """The other task, its plan and region, both texts as runs, and their similarity."""

    other: Term
    plan: Term
    region: str
    similarity: object
    this: list[Run]
    that: list[Run]


async def task_panel(pool: QueryPool, settings: Settings, namer: Namer, iri: str) -> Panel | None:
    """The task's alignments above and below it, or None where it has none."""
    above = [_pair(namer, row, "higher", "lower")
             for row in await rows(pool, settings.timeout, "task-carries-out", {"task": iri})]
    below = [_pair(namer, row, "lower", "higher")
             for row in await rows(pool, settings.timeout, "carried-out-by", {"task": iri})]
    if not above and not below:
        return None
    return Panel("_task.html", {"above": above, "below": below})


def _pair(namer: Namer, row: dict[str, Any], other: str, this: str) -> Pair:
    title = " ".join(str(part) for part in (row[f"{other}Path"], row[f"{other}Heading"])
                     if part)
    ours, theirs = marked(str(row[f"{this}Text"]), str(row[f"{other}Text"]))
    return Pair(Term(title, namer.link(str(row[f"{other}Task"])), "zh", hint=row[f"{other}Task"]),
                Term(str(row[f"{other}Title"]), namer.link(str(row[f"{other}Document"])), "zh"),
                str(row.get("region") or ""), row["similarity"], ours, theirs)


def marked(first: str, second: str) -> tuple[list[Run], list[Run]]:
    """Both texts as runs, the stretches they share (two characters or more) marked."""
    blocks = [block for block in SequenceMatcher(None, first, second, autojunk=False)
              .get_matching_blocks() if block.size >= _LEAST_SHARED]
    return (_runs(first, [(block.a, block.size) for block in blocks]),
            _runs(second, [(block.b, block.size) for block in blocks]))


def _runs(text: str, shared: list[tuple[int, int]]) -> list[Run]:
    runs, at = [], 0
    for start, size in sorted(shared):
        if start > at:
            runs.append(Run(text[at:start], False))
        runs.append(Run(text[start:start + size], True))
        at = start + size
    if at < len(text):
        runs.append(Run(text[at:], False))
    return runs
