"""An item's short title, and what a section's title says about the items under it.

Items title themselves in three ways: a heading line of its own with the body below it, a short
phrase ended by `。` or `:` before the body, or a phrase set off by white space in one-line
pages. A long first sentence is body text, not a title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from functools import cache

from .rules import table

_HEADING_MAX = 24
_SPACED_HEADING_MAX = 30
_SENTENCE_PUNCTUATION = re.compile(r"[。,，;；:：!！?？]")
_FIRST_SENTENCE = re.compile(r"(?P<head>[^。:：;；!！?？]+?)(?P<end>[。:：])(?P<rest>.*)", re.S)
_SPACED = re.compile(r"(?P<head>\S+)\s+(?P<rest>\S.*)", re.S)
_STRIP = "。.,，;；:： \t"


@dataclass(frozen=True, slots=True)
class Titled:
    """An item's text split into its heading (or None) and its body."""

    heading: str | None
    body: str


def split_heading(blocks: list[str], has_children: bool = False) -> Titled:
    """Heading and body of an item whose own text is `blocks` (the first follows the marker).

    A section whose sub-items follow straight after its marker line is titled by that line.
    """
    first = blocks[0] if blocks else ""
    rest = [block for block in blocks[1:] if block]
    if has_children and not rest and not _SENTENCE_PUNCTUATION.search(first.rstrip(_STRIP)):
        return Titled(first.rstrip(_STRIP) or None, "")
    if first and rest and not _SENTENCE_PUNCTUATION.search(first.rstrip(_STRIP)):
        return Titled(first.rstrip(_STRIP), "\n".join(rest))
    spaced = _SPACED.fullmatch(first)
    # (not before a number a page set off by spaces: `…新郑 5 个示范县`)
    if spaced and len(spaced["head"]) <= _SPACED_HEADING_MAX and not spaced["rest"][0].isdigit():
        head = spaced["head"].rstrip(_STRIP)
        if not _SENTENCE_PUNCTUATION.search(head):
            return Titled(head, "\n".join([spaced["rest"], *rest]))
    sentence = _FIRST_SENTENCE.match(first)
    if sentence and _is_short_title(sentence["head"]):
        body = "\n".join(part for part in [sentence["rest"].strip(), *rest] if part)
        if body:
            return Titled(sentence["head"].strip(), body)
    return Titled(None, "\n".join(part for part in [first, *rest] if part))


def _is_short_title(phrase: str) -> bool:
    phrase = phrase.strip()
    commas = len(re.findall(r"[,，]", phrase))
    return 0 < len(phrase) <= _HEADING_MAX and commas <= 1 and not re.search(r"[;；、]{2}", phrase)


# `总体要求(略)`, `工作目标(2021年)`: an aside after a section's name.
_ASIDE = re.compile(r"[(（][^()（）]{1,8}[)）]$")


class SectionKind(Enum):
    """What a section heading says about the items under it."""

    TASKS = "tasks"
    CONTEXT = "context"
    GOALS = "goals"
    SAFEGUARD = "safeguard"


# The lengths of a section's name run into the text after it (`指导思想`, `主要目标任务`).
_SHORTEST_NAME = 4
_LONGEST_GLUED = 6


@cache
def _section_patterns() -> dict[SectionKind, re.Pattern[str]]:
    sections = table("sections")
    return {kind: re.compile("(?:" + "|".join(sections[kind.value]) + ")")
            for kind in (SectionKind.CONTEXT, SectionKind.GOALS, SectionKind.SAFEGUARD)}


def section_kind(heading: str | None) -> SectionKind:
    """The kind of section a heading names (TASKS when it names none)."""
    if not heading:
        return SectionKind.TASKS
    name = re.sub(r"[\s“”\"'。.,，:：;；、]", "", _ASIDE.sub("", heading))
    for kind, pattern in _section_patterns().items():
        if pattern.fullmatch(name):
            return kind
    return SectionKind.TASKS


def names_tasks(heading: str | None) -> bool:
    """Whether a heading names its section a list of tasks (`2010年的主要工作任务`)."""
    if not heading or section_kind(heading) is not SectionKind.TASKS:
        return False
    name = re.sub(r"[\s“”\"'。.,，:：;；、]", "", _ASIDE.sub("", heading))
    return _tasks_pattern().fullmatch(name) is not None


@cache
def _tasks_pattern() -> re.Pattern[str]:
    return re.compile("(?:" + "|".join(table("sections")["tasks"]) + ")")


def opening_section_kind(text: str) -> SectionKind:
    """The kind of section a text names at its start, its heading run into its first
    sentence with nothing between (`指导思想以习近平…`, a one-line page): only the names of
    guiding and goal sections count, which a task's sentence does not open with."""
    for length in range(_SHORTEST_NAME, _LONGEST_GLUED + 1):
        kind = section_kind(text[:length])
        if kind in (SectionKind.CONTEXT, SectionKind.GOALS) and len(text) > length:
            return kind
    return SectionKind.TASKS

