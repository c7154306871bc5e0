"""China's provinces, prefecture-level cities and counties, and finding them in text.

A plan's jurisdiction is named in its issuer or title (德清县人民政府办公室, 2021年嘉兴市…).
The gazetteer is data (`tables/regions.csv`, the national division codes); this module only
looks names up. Many county names recur across provinces (鼓楼区, 朝阳区), so a name found in
text is resolved with the help of any parent named alongside it.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Literal

Level = Literal["province", "city", "county"]

_MIN_BARE_NAME = 3
_LEVEL_ORDER = {"province": 0, "city": 1, "county": 2}
_YEAR_PREFIX = re.compile(r"\s*(?:\d{4}\s*年)?\s*\Z")
_GOVERNMENT_AFTER = re.compile(r"人民政府|政府|委员会|党委|人大")


@dataclass(frozen=True)
class Region:
    """One administrative division: its six-digit code, official name, level and parent."""

    code: str
    name: str
    level: Level
    parent_code: str | None

    @property
    def parent(self) -> Region | None:
        """The enclosing division (a county's city, or its province when directly governed)."""
        return _gazetteer().by_code.get(self.parent_code) if self.parent_code else None

    def ancestors(self) -> list[Region]:
        """Enclosing divisions, nearest first (德清县 → 湖州市, 浙江省)."""
        chain, region = [], self.parent
        while region is not None:
            chain.append(region)
            region = region.parent
        return chain


@dataclass(frozen=True)
class _Gazetteer:
    by_code: dict[str, Region]
    by_name: dict[str, tuple[Region, ...]]
    pattern: re.Pattern[str]


@cache
def _gazetteer() -> _Gazetteer:
    text = resources.files(__package__).joinpath("tables", "regions.csv").read_text("utf-8")
    regions = [Region(row["code"], row["name"], row["level"],  # type: ignore[arg-type]
                      row["parent"] or None)
               for row in csv.DictReader(io.StringIO(text))]
    by_name: dict[str, list[Region]] = {}
    for region in regions:
        by_name.setdefault(region.name, []).append(region)
    names = sorted(by_name, key=len, reverse=True)
    return _Gazetteer(by_code={region.code: region for region in regions},
                      by_name={name: tuple(found) for name, found in by_name.items()},
                      pattern=re.compile("|".join(map(re.escape, names))))


def divisions() -> tuple[Region, ...]:
    """Every division of the gazetteer, in its order (by code)."""
    return tuple(_gazetteer().by_code.values())


def lookup(code: str) -> Region | None:
    """The division with this six-digit code."""
    return _gazetteer().by_code.get(code)


def lookup_all(name: str) -> tuple[Region, ...]:
    """Every division with exactly this official name (several for 鼓楼区, one for 德清县)."""
    return _gazetteer().by_name.get(name, ())


def find_region(text: str) -> Region | None:
    """The first division named in `text`, made as specific as the names right after it allow
    (杭州市西湖区人民政府 → 西湖区), or None.

    Two-character names (和县, 城区, 郊区) are common words too, so they count only at the
    start of the text (or after a year), after their parent's name, or before 人民政府 and the
    like. Where a name is shared, the division whose parent is also named in the text wins,
    then the higher level, then the lowest code.
    """
    gazetteer = _gazetteer()
    for match in gazetteer.pattern.finditer(text):
        candidates = gazetteer.by_name[match[0]]
        if len(match[0]) < _MIN_BARE_NAME and not _stands_alone(text, match, candidates):
            continue
        region = min(candidates, key=lambda region: (
            not any(parent.name in text for parent in region.ancestors()),
            _LEVEL_ORDER[region.level], region.code))
        return _narrowest(text, match.end(), region)
    return None


def _narrowest(text: str, position: int, region: Region) -> Region:
    """`region`, or the division inside it whose name follows at `position`, recursively."""
    following = _gazetteer().pattern.match(text, position)
    while following:
        inside = [child for child in lookup_all(following[0]) if region in child.ancestors()]
        if not inside:
            break
        region = inside[0]
        following = _gazetteer().pattern.match(text, following.end())
    return region


def _stands_alone(text: str, match: re.Match[str], candidates: tuple[Region, ...]) -> bool:
    before = text[: match.start()]
    return (bool(_YEAR_PREFIX.match(before))
            or any(parent.name and before.endswith(parent.name)
                   for region in candidates for parent in region.ancestors())
            or bool(_GOVERNMENT_AFTER.match(text, match.end())))
