"""The outline of a plan: numbered items nested as the document nests them.

Plans number their items in any mix of styles (`一、` `(一)` `1.` `(1)` `①` …) and to any depth,
and a style's level differs from one document to the next, so the nesting is learnt from the
order in which the styles appear: a marker of a style already open continues that level (it
must be the next number), a marker of a new style opens a level below the current item (it must
be 1, or continue that style's numbering from an earlier branch, as plans that number their
items straight through do). Anything else that looks like a marker is ordinary text.

Unnumbered banner headings (short lines standing before a numbered item) start a new top-level
section; they add no label to paths but say what kind of section follows.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import cache

from .layout import split_long_line
from .numerals import parse_number, written_form
from .rules import table

_BANNER_MAX = 30
_SENTENCE_PUNCTUATION = set("。,，;；:：!！?？")
_SENTENCE_END = tuple("。!！?？;；:：")
# Labels of the second, third … item numbered like the one before it.
_REPEATS = ("bis", "ter", "quater", "quinquies")


@dataclass(frozen=True, slots=True)
class Style:
    """A numbering style from `tables/numbering.toml`."""

    name: str
    family: str
    pattern: re.Pattern[str]
    numerals: str
    label: str


@dataclass(frozen=True, slots=True)
class Marker:
    """A numbering marker at the start of a block."""

    style: Style
    number: int
    label: str
    end: int
    repeat: int = 0  # items before it with the same number: 1 for the second

    @property
    def path_label(self) -> str:
        """Its label in paths, unique among its siblings."""
        return self.label + (_REPEATS[self.repeat - 1] if self.repeat else "")


@dataclass(eq=False)
class Item:
    """A numbered item (or the document root) with its own text and its sub-items."""

    marker: Marker | None
    parent: Item | None = None
    blocks: list[str] = field(default_factory=list)
    children: list[Item] = field(default_factory=list)
    banner: str | None = None

    @property
    def path(self) -> list[str]:
        labels: list[str] = []
        item: Item | None = self
        while item is not None and item.marker is not None:
            labels.append(item.marker.path_label)
            item = item.parent
        return labels[::-1]

    def ancestors(self) -> Iterator[Item]:
        """This item and its parents up to (not including) the root."""
        item: Item | None = self
        while item is not None and item.marker is not None:
            yield item
            item = item.parent

    def walk(self) -> Iterator[Item]:
        """Every item below this one, in reading order."""
        for child in self.children:
            yield child
            yield from child.walk()


@cache
def styles() -> tuple[Style, ...]:
    return tuple(
        Style(entry["name"], entry["family"], re.compile(entry["pattern"]), entry["numerals"],
              entry["label"])
        for entry in table("numbering")["style"]
    )


@cache
def marker_start() -> re.Pattern[str]:
    """Any style's marker, for cutting collapsed lines."""
    return re.compile("|".join(
        "(?:" + style.pattern.pattern.replace("?P<n>", "") + ")" for style in styles()
    ))


def match_marker(block: str) -> Marker | None:
    """The numbering marker a block starts with, if any."""
    for style in styles():
        found = style.pattern.match(block)
        if found is None:
            continue
        try:
            number = parse_number(found["n"], style.numerals)
        except ValueError:
            continue
        label = style.label.format(n=written_form(found["n"], style.numerals))
        return Marker(style, number, label, found.end())
    return None


def repeated_numbers(root: Item) -> list[str]:
    """A warning for each item numbered like the item before it, naming where it was read."""
    return [f"{item.marker.label} {_opening(item.blocks[0])} repeats the number of the item "
            f"before it; read as item {' '.join(item.path)}"
            for item in root.walk() if item.marker is not None and item.marker.repeat]


def _opening(text: str, length: int = 20) -> str:
    return text if len(text) <= length else text[:length] + "…"


def parse_outline(lines: list[str]) -> Item:
    """The outline tree of a document body; `lines` may contain blank lines ('')."""
    return _OutlineParser().parse(_blocks(lines))


def _blocks(lines: list[str]) -> list[str]:
    blocks: list[str] = []
    for line in lines:
        if line:
            blocks.extend(split_long_line(line, marker_start()))
        else:
            blocks.append("")
    return blocks


class _OutlineParser:
    """Builds the item tree block by block, keeping the stack of open items."""

    def __init__(self) -> None:
        self.root = Item(marker=None)
        self.stack: list[Item] = [self.root]
        self.last_number: dict[str, int] = {}
        self.banner: str | None = None

    def parse(self, blocks: list[str]) -> Item:
        text_blocks = [block for block in blocks if block]
        index = 0
        while index < len(text_blocks):
            block = text_blocks[index]
            banner_end = self._banner_run(text_blocks, index)
            if banner_end > index:
                self.banner = " ".join(text_blocks[index:banner_end])
                self.stack = [self.root]
                index = banner_end
                continue
            marker = match_marker(block)
            if marker is None or not self._open(marker, block):
                self.stack[-1].blocks.append(block)
            index += 1
        return self.root

    def _open(self, marker: Marker, block: str) -> bool:
        """Open an item for the marker if the numbering allows it there."""
        for depth in range(len(self.stack) - 1, 0, -1):
            open_marker = self.stack[depth].marker
            assert open_marker is not None
            if open_marker.style.family == marker.style.family:
                if marker.number == open_marker.number \
                        and open_marker.repeat < len(_REPEATS):
                    marker = replace(marker, repeat=open_marker.repeat + 1)
                elif marker.number != open_marker.number + 1:
                    return False
                del self.stack[depth:]
                break
        else:
            continued = self.last_number.get(marker.style.family, 0) + 1
            if marker.number not in (1, continued):
                return False
        parent = self.stack[-1]
        item = Item(marker=marker, parent=parent, blocks=[block[marker.end:].strip()],
                    banner=self.banner)
        parent.children.append(item)
        self.stack.append(item)
        self.last_number[marker.style.family] = marker.number
        return True

    def _banner_run(self, blocks: list[str], start: int) -> int:
        """End of a run of banner lines starting at `start` (== start when there is none).

        A banner is a short unpunctuated line after the end of a sentence, and a run of them
        must lead straight into a numbered item.
        """
        if start > 0 and not blocks[start - 1].endswith(_SENTENCE_END):
            return start
        end = start
        while end < len(blocks) and _could_be_banner(blocks[end]):
            end += 1
        if end == start or end == len(blocks) or match_marker(blocks[end]) is None:
            return start
        return end


def _could_be_banner(block: str) -> bool:
    return (len(block) <= _BANNER_MAX and match_marker(block) is None
            and not any(ch in _SENTENCE_PUNCTUATION for ch in block))
