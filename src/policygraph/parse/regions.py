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
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Literal

Level = Literal["province", "city", "county"]

_MIN_BARE_NAME = 3
_AUTONOMOUS = {"自治州": ("自治州", "州"), "自治县": ("自治县",), "自治旗": ("自治旗",),
               "自治区": ("",)}
# How far before its zone word a zone's name may begin (`合肥新站高新区`), in characters.
_ZONE_NAME = 7
_ZONE_PREFIX = re.compile(r"[\u4e00-\u9fff]+")
# A development zone named after the city it lies in (`新乡高新区`): the city's name without
# 市 before one of these words.
_ZONE = re.compile(r"(?:国家级)?(?:高新技术产业开发区|经济技术开发区|高新区|经开区|开发区|新区"
                   r"|工业园区|综合保税区|保税区|产业园区)")
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
    by_alias: dict[str, list[Region]] = {}
    for region in regions:
        by_name.setdefault(region.name, []).append(region)
        for alias in _aliases(region.name):
            by_alias.setdefault(alias, []).append(region)
    for alias, found in by_alias.items():
        by_name.setdefault(alias, found)
    names = sorted(by_name, key=len, reverse=True)
    return _Gazetteer(by_code={region.code: region for region in regions},
                      by_name={name: tuple(found) for name, found in by_name.items()},
                      pattern=re.compile("|".join(map(re.escape, names))))


def _aliases(name: str) -> list[str]:
    """The short names plans write for autonomous divisions: 湘西土家族苗族自治州 is written
    湘西自治州 or 湘西州, 长阳土家族自治县 长阳自治县, 广西壮族自治区 广西."""
    for suffix, shorts in _AUTONOMOUS.items():
        if name.endswith(suffix) and len(name) > len(suffix) + 2:
            return [name[:2] + short for short in shorts]
    return []


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
    """The first division named in `text` (see `name_region`), or None."""
    named = name_region(text)
    return named[0] if named else None


def name_region(text: str) -> tuple[Region, str] | None:
    """The first division named in `text`, made as specific as the names right after it allow
    (杭州市西湖区人民政府 → 西湖区), with the name as the text writes it (湘西自治州 for
    湘西土家族苗族自治州; a city's full name for a zone named after it), or None.

    Two-character names (和县, 城区, 郊区) are common words too, so they count only at the
    start of the text (or after a year), after their parent's name, or before 人民政府 and the
    like. Where a name is shared, the division whose parent is also named in the text wins,
    then the higher level, then the lowest code.
    """
    zone = _zone_city(text)
    for match, region in _names(text):
        if zone is not None and zone[1] <= match.start():
            return zone[0], zone[0].name
        return _narrowest(text, match, region)
    return (zone[0], zone[0].name) if zone else None


def _names(text: str) -> Iterator[tuple[re.Match[str], Region]]:
    """Each division's name in `text` that names one (a two-character name only where it
    stands alone), with the division it names: of several that share the name, the one whose
    parent is named too, then the higher level, then the lowest code."""
    gazetteer = _gazetteer()
    for match in gazetteer.pattern.finditer(text):
        candidates = gazetteer.by_name[match[0]]
        if len(match[0]) < _MIN_BARE_NAME and not _stands_alone(text, match, candidates):
            continue
        yield match, min(candidates, key=lambda region: (
            not any(parent.name in text for parent in region.ancestors()),
            _LEVEL_ORDER[region.level], region.code))


def divisions_named(text: str) -> list[tuple[Region, str]]:
    """Every division named in `text`, with the name as written, in order (a name shared by
    several divisions resolved as in `name_region`, a two-character one only where it stands
    alone), and the city each development zone's name begins with."""
    named = [(match.start(), region, match[0]) for match, region in _names(text)]
    for zone in _ZONE.finditer(text):
        found = _zone_city(text[max(0, zone.start() - _ZONE_NAME): zone.end()])
        if found is not None:
            named.append((zone.start(), found[0], found[0].name))
    return [(region, written) for _, region, written in sorted(named, key=lambda n: n[0])]


def _zone_city(text: str) -> tuple[Region, int] | None:
    """The city a development zone's name begins with (`新乡高新区`, `合肥新站高新区` →
    合肥市), and where it is named."""
    for zone in _ZONE.finditer(text):
        name_start = max(0, zone.start() - _ZONE_NAME)
        for start in range(name_start, zone.start() - 1):
            if not _ZONE_PREFIX.fullmatch(text[start:zone.start()]):
                continue
            for length in (3, 2):
                cities = [region for region in lookup_all(text[start:start + length] + "市")
                          if region.level == "city"]
                if cities:
                    return cities[0], start
    return None


def _narrowest(text: str, match: re.Match[str], region: Region) -> tuple[Region, str]:
    """`region`, or the division inside it whose name follows its name `match`, recursively,
    with the name as written."""
    written = match[0]
    following = _gazetteer().pattern.match(text, match.end())
    while following:
        inside = [child for child in lookup_all(following[0]) if region in child.ancestors()]
        if not inside:
            break
        region, written = inside[0], following[0]
        following = _gazetteer().pattern.match(text, following.end())
    return region, written


def _stands_alone(text: str, match: re.Match[str], candidates: tuple[Region, ...]) -> bool:
    before = text[: match.start()]
    return (bool(_YEAR_PREFIX.match(before))
            or any(parent.name and before.endswith(parent.name)
                   for region in candidates for parent in region.ancestors())
            or bool(_GOVERNMENT_AFTER.match(text, match.end())))
