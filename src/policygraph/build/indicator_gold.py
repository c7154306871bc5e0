"""How well targets' indicators are read as concepts, against a hand-made mapping.

A gold mapping is a TSV file with the header `source, index, indicator, unit, concept`: for
each target of a folder of gold records, its wording and unit as the record gives them and the slug
of the concept of `ontology/indicators.ttl` it measures (`gdp-growth`), or `none`. The wording
is read as the build reads an extracted target's, so the figures say how the vocabulary and
its patterns cover real plans' targets, apart from how well extraction finds the targets.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from .indicators import INDICATORS, indicator_concept

_COLUMNS = ("source", "index", "indicator", "unit", "concept")


class MappingError(Exception):
    """A gold mapping that cannot be read; the message names the file and line."""


@dataclass(frozen=True, slots=True)
class MappingScores:
    """Of `targets`: how many the gold maps to a concept, how many are read as one, and how
    many are read as the gold's concept."""

    targets: int
    gold_mapped: int
    read: int
    correct: int

    @property
    def accuracy(self) -> float:
        """The share of all targets read as their gold concept."""
        return self.correct / self.targets if self.targets else 0.0

    @property
    def precision(self) -> float:
        return self.correct / self.read if self.read else 0.0

    @property
    def recall(self) -> float:
        return self.correct / self.gold_mapped if self.gold_mapped else 0.0


def score_mapping(path: Path) -> tuple[MappingScores, list[str]]:
    """The scores of a gold mapping file, and a line for each target read otherwise than the
    gold says (`file:line: wording (unit): gold → read`)."""
    targets = gold_mapped = read = correct = 0
    misses: list[str] = []
    for line, row in _rows(path):
        gold = None if row["concept"] in ("", "none") else row["concept"]
        found = indicator_concept(row["indicator"], row["unit"])
        slug = found.iri.removeprefix(INDICATORS) if found is not None else None
        targets += 1
        gold_mapped += gold is not None
        read += slug is not None
        correct += gold is not None and slug == gold
        if slug != gold:
            misses.append(f"{path}:{line}: {row['indicator']} ({row['unit']}): "
                          f"{gold or 'none'} → {slug or 'none'}")
    return MappingScores(targets, gold_mapped, read, correct), misses


def _rows(path: Path) -> list[tuple[int, dict[str, str]]]:
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle, delimiter="\t")
            missing = [column for column in _COLUMNS if column not in (reader.fieldnames or ())]
            if missing:
                raise MappingError(f"{path}:1: the header lacks {', '.join(missing)}")
            return [(reader.line_num, row) for row in reader]
    except (OSError, UnicodeDecodeError) as error:
        raise MappingError(f"{path}: cannot read it: {error}") from None
