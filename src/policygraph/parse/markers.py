"""Numbering markers: the styles plans number their items in (`一、` `(一)` `1.` `(1)` `①` …),
from `tables/numbering.toml`, and the marker a block opens with."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .numerals import parse_number, written_form
from .rules import table

# Labels of the second, third … item numbered like the one before it.
REPEATS = ("bis", "ter", "quater", "quinquies")


@dataclass(frozen=True, slots=True)
class Style:
    """A numbering style from `tables/numbering.toml`."""

    name: str
    family: str
    pattern: re.Pattern[str]
    numerals: str
    label: str
    weak: bool = False  # a marker of it may be a figure (`8件实事`): it never skips numbers
    follows: bool = False  # its marker numbers only the item after an open sibling


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
        return self.label + (REPEATS[self.repeat - 1] if self.repeat else "")


@cache
def styles() -> tuple[Style, ...]:
    return tuple(
        Style(entry["name"], entry["family"], re.compile(entry["pattern"]), entry["numerals"],
              entry["label"], entry.get("weak", False), entry.get("follows", False))
        for entry in table("numbering")["style"]
    )


def family_rank(family: str) -> int:
    """How high a numbering family usually stands in an outline (`一、` 0, `(一)` 1, `1.` 2 …)."""
    return int(table("numbering")["ranks"][family])


@cache
def marker_start() -> re.Pattern[str]:
    """Any style's marker, for cutting collapsed lines (not one that only follows a sibling
    at a line's start, `2.50个…`: inside a line it is a figure, `增长 2.5%`)."""
    return re.compile("|".join(
        "(?:" + style.pattern.pattern.replace("?P<n>", "") + ")" for style in styles()
        if not style.follows
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
