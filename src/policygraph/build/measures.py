"""A target's value in a base unit, so that figures written in different magnitudes compare.

Plans write 5000万元 and 0.5亿元, 12萬畝 and 120000亩, 90‰ and 9%: the unit as written stays on
the target (`pg:unit`), and `pg:normalizedValue` gives the number of base units
(`pg:normalizedUnit`: 元, 人, 家, 亩 …) by the table `tables/measures.toml`. A unit the table
does not know gets no normalised value rather than a guess.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from importlib import resources

from ..parse.normalize import convert_script

__all__ = ["Normalized", "normalized", "unit_dimension"]


@dataclass(frozen=True, slots=True)
class Normalized:
    """A figure in its base unit."""

    value: Decimal
    unit: str


@dataclass(frozen=True, slots=True)
class _Table:
    magnitudes: dict[str, Decimal]
    units: dict[str, tuple[str, Decimal]]  # as written → (base, base units per unit)
    dimensions: dict[str, str]  # base → what it measures


@cache
def _table() -> _Table:
    text = resources.files(__package__).joinpath("tables", "measures.toml").read_text("utf-8")
    raw = tomllib.loads(text)
    units = {written: (base, Decimal(str(factor)))
             for base, forms in raw["bases"].items() for written, factor in forms.items()}
    magnitudes = {word: Decimal(str(factor)) for word, factor in raw["magnitudes"].items()}
    return _Table(dict(sorted(magnitudes.items(), key=lambda item: -len(item[0]))), units,
                  raw["dimensions"])


def normalized(value: float, unit: str, dimension: str | None = None) -> Normalized | None:
    """`value` of `unit` (as written, either script) in its base unit, or None when the unit
    is not one the table knows. A magnitude written alone (`2万亿`, `68万`) is of the first
    base of `dimension` when the indicator says what it measures (`currency`: 元)."""
    table = _table()
    written = _written(unit)
    if written in table.units:
        return _scaled(value, Decimal(1), *table.units[written])
    for word, magnitude in table.magnitudes.items():
        rest = written.removeprefix(word)
        if rest != written and rest in table.units:
            return _scaled(value, magnitude, *table.units[rest])
        if written == word and (base := _first_base(dimension)) is not None:
            return _scaled(value, magnitude, base, Decimal(1))
    return None


def unit_dimension(unit: str) -> str | None:
    """What `unit` measures (`currency` for 亿元, `percent` for %), or None for a unit the
    table does not know or a magnitude written alone."""
    table = _table()
    written = _written(unit)
    for word in ("", *table.magnitudes):
        rest = written.removeprefix(word)
        if (not word or rest != written) and rest in table.units:
            return table.dimensions.get(table.units[rest][0])
    return None


def _written(unit: str) -> str:
    return convert_script(unit.strip()).replace("％", "%")


def _first_base(dimension: str | None) -> str | None:
    return next((base for base, measured in _table().dimensions.items()
                 if measured == dimension), None)


def _scaled(value: float, magnitude: Decimal, base: str, factor: Decimal) -> Normalized:
    number = (Decimal(str(value)) * magnitude * factor).normalize()
    return Normalized(Decimal(format(number, "f")), base)  # (50000000, not 5E+7)
