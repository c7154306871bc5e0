"""Responsible units as plans write them (市发改委, 人行嘉兴市中心支行, 各镇(街道)), read as what
they are: an agency (a jurisdiction and a function), a collective of units, or a unit no table
knows.

The same body goes by many names: 衢州's 市发改委 and 嘉兴's 市发展改革委 are agencies of one
function in two cities, and 县发改局 is that function's county agency. The names each function
goes by are SKOS data (`ontology/agency-functions.ttl`); the rules for levels, region names
and collectives are a table (`tables/units.toml`). This module only applies them.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Literal, NamedTuple, cast

from rdflib import Graph, URIRef
from rdflib import Literal as RdfLiteral

from ..parse.regions import Level, Region, lookup_all
from ..resources import resource
from ..vocab import DCTERMS, PG, PGF, RDF, SKOS

UnitKind = Literal["agency", "collective", "unresolved"]

FUNCTIONS_FILE = "ontology/agency-functions.ttl"

_TRAILING_BRACKET = re.compile(r"[(（〔\[【][^(（〔\[【)）〕\]】]*[)）〕\]】]\Z")
_LEVEL_ORDER = {"province": 0, "city": 1, "county": 2}


@dataclass(frozen=True)
class Unit:
    """A responsible unit as written, resolved to what it is."""

    name: str  # as written, e.g. "市发改委"
    kind: UnitKind
    region: Region | None  # its jurisdiction
    function: str | None  # function slug, e.g. "development-reform"; only for agencies


@dataclass(frozen=True)
class FunctionVocabulary:
    """The agency functions: every Chinese name to its function, and each function's labels
    and successor, so that a unit's name can be read without querying RDF."""

    alias_to_slug: dict[str, str]  # 发改委, 发展和改革, 商务厅 … → slug
    labels: dict[str, str]  # slug → Chinese preferred label
    english: dict[str, str]  # slug → English preferred label
    replaced_by: dict[str, str]  # slug of an abolished function → slug of its successor

    def current(self, slug: str) -> str:
        """The function that carries the work of `slug` today (itself unless abolished)."""
        while slug in self.replaced_by:
            slug = self.replaced_by[slug]
        return slug


@cache
def functions() -> FunctionVocabulary:
    """The agency-function vocabulary, parsed once.

    Raises ValueError when one name belongs to two functions, because a unit's function would
    then depend on the order in which the file happens to be read.
    """
    graph = Graph().parse(resource(FUNCTIONS_FILE), format="turtle")
    aliases: dict[str, str] = {}
    labels: dict[str, str] = {}
    english: dict[str, str] = {}
    replaced_by: dict[str, str] = {}
    for concept in graph.subjects(RDF.type, PG.AgencyFunction):
        if not isinstance(concept, URIRef) or not str(concept).startswith(str(PGF)):
            continue
        slug = str(concept).removeprefix(str(PGF))
        for label in graph.objects(concept, SKOS.prefLabel):
            if isinstance(label, RdfLiteral):
                (labels if label.language == "zh" else english)[slug] = str(label)
        for name in _chinese_names(graph, concept):
            if aliases.setdefault(name, slug) != slug:
                raise ValueError(f"{FUNCTIONS_FILE}: {name!r} names both "
                                 f"{aliases[name]} and {slug}")
        successor = graph.value(concept, DCTERMS.isReplacedBy)
        if isinstance(successor, URIRef):
            replaced_by[slug] = str(successor).removeprefix(str(PGF))
    return FunctionVocabulary(aliases, labels, english, replaced_by)


def _chinese_names(graph: Graph, concept: URIRef) -> Iterator[str]:
    for predicate in (SKOS.prefLabel, SKOS.altLabel):
        for label in graph.objects(concept, predicate):
            if isinstance(label, RdfLiteral) and label.language == "zh":
                yield str(label)


@dataclass(frozen=True)
class _Rules:
    levels: tuple[tuple[str, Level], ...]  # level word → level, longest word first
    before_region: tuple[str, ...]
    short_suffixes: tuple[str, ...]
    short_names: dict[str, str]
    min_full_name: int
    min_short_name: int
    bare_region_function: str
    branch_suffixes: tuple[str, ...]
    collective: tuple[re.Pattern[str], ...]


@cache
def _rules() -> _Rules:
    text = resources.files(__package__).joinpath("tables", "units.toml").read_text("utf-8")
    table = tomllib.loads(text)
    regions = table["regions"]
    levels = sorted(table["levels"].items(), key=lambda item: len(item[0]), reverse=True)
    return _Rules(
        levels=tuple((word, cast(Level, level)) for word, level in levels),
        before_region=tuple(sorted(regions["before_region"], key=len, reverse=True)),
        short_suffixes=tuple(regions["short_suffixes"]),
        short_names=dict(regions["short_names"]),
        min_full_name=regions["min_full_name"],
        min_short_name=regions["min_short_name"],
        bare_region_function=regions["bare_region_function"],
        branch_suffixes=tuple(table["branches"]["suffixes"]),
        collective=tuple(re.compile(pattern) for pattern in table["collective"]["patterns"]),
    )


def level_forms(name: str) -> list[str]:
    """`name`, then `name` without each level word it starts with (市发改委 → 发改委): the forms
    in which a reader's agency name may be a function's alias."""
    return [name, *(name.removeprefix(word) for word, _ in _rules().levels
                    if name.startswith(word) and name != word)]


def resolve_unit(name: str, home: Region | None) -> Unit:
    """The unit a plan for `home` (its region, if known) names `name`.

    A unit's jurisdiction is the region its name starts with (嘉兴市发展改革委, 衢州海关),
    also after the name of a national body (人行嘉兴市中心支行); otherwise the division of
    `home` at the level its first character names (省商务厅 → the province); otherwise `home`.
    Its function is what the rest of the name is an alias of. Names of several units are
    collectives, among them a level below the plan's (县发改局 in a city plan: every county's);
    anything else (a zone's 管委会, a company, a 专班) stays unresolved, in its jurisdiction.
    """
    return _resolve(name.strip(), home)


@lru_cache(maxsize=8192)
def _resolve(name: str, home: Region | None) -> Unit:
    readings = list(_readings(name, home))
    if any(pattern.search(name) for pattern in _rules().collective):
        return Unit(name, "collective", _jurisdiction(readings), None)
    for reading in readings:
        slug = _function_of(reading.rest)
        if slug is not None:
            if reading.several:
                return Unit(name, "collective", reading.region, None)
            return Unit(name, "agency", reading.region, slug)
    return Unit(name, "unresolved", _jurisdiction(readings), None)


class _Reading(NamedTuple):
    """`name` read as a jurisdiction and the rest, which may name a function."""

    region: Region | None
    rest: str
    several: bool = False  # one unit in each division below the plan's (县发改局 in a city plan)


def _readings(name: str, home: Region | None) -> Iterator[_Reading]:
    """The ways to read `name`, from the least to the most explicit about its region.

    The bare name comes first so that a function whose name starts like a level word or a
    region (市场监管局, 公安局 — 公安 is also a county) is not taken apart.
    """
    yield _Reading(home, name)
    for word, level in _rules().levels:
        if name.startswith(word) and len(name) > len(word):
            region = _at_level(home, level)
            below = region is None and home is not None
            yield _Reading(home if below else region, name[len(word):], several=below)
    named = _named_region(name, home)
    if named is not None:
        region, before, after = named
        if before:  # a national body's office: 中共…委宣传部, or 人行…中心支行 as a whole
            yield _Reading(region, after)
            yield _Reading(region, before + after)
        else:
            yield _Reading(region, after or _bare_region_alias())


def _jurisdiction(readings: list[_Reading]) -> Region | None:
    """The region of a unit without a function: the one its most explicit reading gives."""
    return readings[-1].region


def _bare_region_alias() -> str:
    """A name for the function of a bare region name (衢江区 is its government)."""
    return functions().labels[_rules().bare_region_function]


def _at_level(home: Region | None, level: Level) -> Region | None:
    """The division of `home`'s chain at `level` (省 in a county plan is its province), or
    None when `level` is below `home`'s (县发改局 in a city plan: every county's).

    A county-level city (义乌市) calls its own agencies 市…, so 市 in its plans is itself.
    """
    if home is None:
        return None
    if level == "city" and home.level == "county" and home.name.endswith("市"):
        return home
    return next((region for region in (home, *home.ancestors()) if region.level == level),
                None)


def _named_region(name: str, home: Region | None) -> tuple[Region, str, str] | None:
    """The region named at the start of `name`, or right after a national body's name, with
    the text before and after it; the most specific one named (嘉兴市南湖区 → 南湖区)."""
    rules = _rules()
    starts = [0, *(len(body) for body in rules.before_region if name.startswith(body))]
    for start in starts:
        found = _region_at(name, start, home, within=None, short=True)
        if found is None:
            continue
        region, end = found
        inner = _region_at(name, end, home, within=region, short=False)
        while inner is not None:
            region, end = inner
            inner = _region_at(name, end, home, within=region, short=False)
        return region, name[:start], name[end:]
    return None


def _region_at(name: str, start: int, home: Region | None, within: Region | None,
               short: bool) -> tuple[Region, int] | None:
    """The longest region name in `name` at `start`, and where it ends."""
    for end in range(len(name), start, -1):
        candidates: Sequence[Region] = _regions_named(name[start:end], short)
        if within is not None:
            candidates = [region for region in candidates if within in region.ancestors()]
        if candidates:
            return _nearest(candidates, home), end
    return None


@lru_cache(maxsize=1 << 16)
def _regions_named(text: str, short: bool) -> tuple[Region, ...]:
    """The regions `text` is the official name of or, if `short`, a short name of (asked of
    every part of every unit name, so remembered)."""
    rules = _rules()
    found = lookup_all(text) if len(text) >= rules.min_full_name else ()
    if short and len(text) >= rules.min_short_name:
        full_names = [text + suffix for suffix in rules.short_suffixes]
        if text in rules.short_names:
            full_names.append(rules.short_names[text])
        found += tuple(region for full in full_names for region in lookup_all(full))
    return found


def _nearest(candidates: Sequence[Region], home: Region | None) -> Region:
    """Of regions sharing a name, the one nearest the plan's: itself, an enclosing or an
    enclosed division, one in the same province; then the higher level, the lower code."""
    def distance(region: Region) -> int:
        if home is None:
            return 4
        if region == home:
            return 0
        if region in home.ancestors():
            return 1
        if home in region.ancestors():
            return 2
        return 3 if _province(region) == _province(home) else 4

    return min(candidates, key=lambda region: (distance(region), _LEVEL_ORDER[region.level],
                                               region.code))


def _province(region: Region) -> Region:
    return (region, *region.ancestors())[-1]


def _function_of(rest: str) -> str | None:
    """The function `rest` is a name of: as written, without a trailing bracketed aside
    (市经信局(市中小企业局)), or without a national body's branch word (人行…中心支行)."""
    aliases = functions().alias_to_slug
    for form in _forms(rest):
        if form in aliases:
            return aliases[form]
    return None


def _forms(rest: str) -> Iterator[str]:
    yield rest
    bare = _TRAILING_BRACKET.sub("", rest)
    yield bare
    for suffix in _rules().branch_suffixes:
        if bare.endswith(suffix) and len(bare) > len(suffix):
            yield bare.removesuffix(suffix)
