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

__all__ = ["Normalized", "normalized"]


@dataclass(frozen=True, slots=True)
class Normalized:
    """A figure in its base unit."""

    value: Decimal
    unit: str


@dataclass(frozen=True, slots=True)
class _Table:
    magnitudes: dict[str, Decimal]
    units: dict[str, tuple[str, Decimal]]  # as written → (base, base units per unit)


@cache
def _table() -> _Table:
    text = resources.files(__package__).joinpath("tables", "measures.toml").read_text("utf-8")
    raw = tomllib.loads(text)
    units = {written: (base, Decimal(str(factor)))
             for base, forms in raw["bases"].items() for written, factor in forms.items()}
    magnitudes = {word: Decimal(str(factor)) for word, factor in raw["magnitudes"].items()}
    return _Table(dict(sorted(magnitudes.items(), key=lambda item: -len(item[0]))), units)


def normalized(value: float, unit: str) -> Normalized | None:
    """`value` of `unit` (as written, either script) in its base unit, or None when the unit
    is not one the table knows."""
    table = _table()
    written = convert_script(unit.strip()).replace("％", "%")
    if written in table.units:
        return _scaled(value, Decimal(1), *table.units[written])
    for word, magnitude in table.magnitudes.items():
        rest = written.removeprefix(word)
        if rest != written and rest in table.units:
            return _scaled(value, magnitude, *table.units[rest])
    return None


def _scaled(value: float, magnitude: Decimal, base: str, factor: Decimal) -> Normalized:
    number = (Decimal(str(value)) * magnitude * factor).normalize()
    return Normalized(Decimal(format(number, "f")), base)  # (50000000, not 5E+7)
