"""A target's indicator as a concept of the indicator vocabulary (`ontology/indicators.ttl`).

Plans word one quantity many ways (`地区生产总值增长`, `GDP增速`, `全市生产总值同比增长`), so
targets compare only through a controlled vocabulary. The wording as written stays on the
target (`pg:indicator`); `pg:indicatorConcept` names the concept whose label the wording is,
once the words that are not the quantity are left out: the area (`全省`, `张家港`), the year
(`2025年`), the baseline (`比上年`, `较2023年`) and the verbs of aiming (`力争`, `确保`). Where
no label is the whole wording, the patterns of `tables/indicators.toml` are tried in turn
(each a concept's ways of being worded, and the units it is counted in), then the longest
label within the wording, if its concept is measured in the target's unit's dimension
(`亿元` is currency, `%` a percent), so that `规上工业增加值增长` with `%` is the growth
concept and not the level one.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

import pyoxigraph
from pyoxigraph import NamedNode

from ..parse.normalize import convert_script
from ..parse.regions import divisions_named
from ..resources import resource
from ..vocab import PG, PGI, SKOS
from .measures import unit_dimension

__all__ = ["INDICATORS", "Concept", "indicator_concept"]

_VOCABULARY = "ontology/indicators.ttl"
INDICATORS = str(PGI)
# Words around the quantity that are not the quantity.
_SCOPE = re.compile(r"^(?:全国|全省|全市|全州|全县|全区|全旗|全盟|本市|本县|本区|我省|我市|我县"
                    r"|我区|各地|城乡|年内|全年|今年|明年)")
_WHEN = re.compile(r"(?:到|至|于)?(?:\d{4}|[一二〇零]{4}|20[Xx]{2})年(?:底|末|前|内)?"
                   r"|今年|全年|年内")
_BASELINE = re.compile(r"(?:比|较|同比|相比)(?:上年|去年|\d{4}年|上年度|上一年|基期)(?:同期)?")
_AIMING = re.compile(r"^(?:力争|确保|争取|努力|实现|达到|完成|突破|保持|控制在)|"
                     r"(?:力争|确保|达到|实现|保持在|控制在|稳定在|达)$")
_MARKS = re.compile(r"[\s“”\"'《》()（）:：,，、。·]")
# Dimensions a count may be written in interchangeably (`新增市场主体` in 家 or in 户).
_COUNTS = frozenset({"items", "enterprises", "households", "persons"})


@dataclass(frozen=True, slots=True)
class Concept:
    """An indicator concept: its IRI and the dimension its values are measured in."""

    iri: str
    dimension: str | None


@dataclass(frozen=True, slots=True)
class _Pattern:
    concept: Concept
    words: re.Pattern[str]
    not_words: re.Pattern[str] | None
    unit: re.Pattern[str] | None

    def reads(self, words: str, unit: str) -> bool:
        return self.words.search(words) is not None \
            and not (self.not_words and self.not_words.search(words)) \
            and (self.unit is None or self.unit.fullmatch(unit) is not None)


@dataclass(frozen=True, slots=True)
class _Index:
    by_label: dict[str, Concept]
    longest_first: tuple[str, ...]
    patterns: tuple[_Pattern, ...]


def indicator_concept(wording: str, unit: str) -> Concept | None:
    """The concept a target's indicator names, given the unit of its figure, or None."""
    index = _index()
    words = _quantity(wording)
    if not words:
        return None
    if (concept := index.by_label.get(words)) is not None:
        return concept
    written = convert_script(unit.strip())
    for pattern in index.patterns:
        if pattern.reads(words, written):
            return pattern.concept
    dimension = unit_dimension(unit)
    for label in index.longest_first:
        if label in words and _fits(index.by_label[label], dimension):
            return index.by_label[label]
    return None


def _fits(concept: Concept, dimension: str | None) -> bool:
    """Whether a concept's values may be in a unit of `dimension` (None: a magnitude alone,
    `2万亿`, which any concept's values may be)."""
    if dimension is None or concept.dimension in (None, "other", dimension):
        return True
    return dimension in _COUNTS and concept.dimension in _COUNTS


def _quantity(wording: str) -> str:
    """The wording without what is not the quantity, in simplified characters."""
    words = _MARKS.sub("", convert_script(wording))
    for _ in range(3):  # (`全市2025年力争…`: each kind may open the wording in turn)
        before = words
        named = divisions_named(words)
        if named and words.startswith(named[0][1]):
            words = words[len(named[0][1]):]
        words = _AIMING.sub("", _BASELINE.sub("", _WHEN.sub("", _SCOPE.sub("", words))))
        if words == before:
            break
    return words


@cache
def _index() -> _Index:
    """Every Chinese label of every indicator concept (domains have no unit dimension and
    are left out), read as targets' wordings are."""
    dimensions: dict[str, str] = {}
    labels: list[tuple[str, str]] = []
    for quad in pyoxigraph.parse(path=resource(_VOCABULARY), format=pyoxigraph.RdfFormat.TURTLE):
        subject, predicate, value = quad.subject, quad.predicate.value, quad.object
        if not isinstance(subject, NamedNode):
            continue
        if predicate == str(PG.unitDimension):
            dimensions[subject.value] = value.value
        elif predicate in (str(SKOS.prefLabel), str(SKOS.altLabel)) \
                and isinstance(value, pyoxigraph.Literal) and value.language == "zh":
            labels.append((subject.value, value.value))
    by_label: dict[str, Concept] = {}
    for iri, label in labels:
        if iri in dimensions and (words := _quantity(label)):
            by_label.setdefault(words, Concept(iri, dimensions[iri]))
    table = tomllib.loads(resources.files(__package__).joinpath("tables", "indicators.toml")
                          .read_text("utf-8"))
    patterns = tuple(
        _Pattern(Concept(iri, dimensions[iri]), re.compile(row["words"]),
                 re.compile(row["not"]) if "not" in row else None,
                 re.compile(row["unit"]) if "unit" in row else None)
        for row in table["concept"] if (iri := INDICATORS + row["slug"]) in dimensions)
    return _Index(by_label, tuple(sorted(by_label, key=len, reverse=True)), patterns)
