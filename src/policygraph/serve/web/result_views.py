"""What a query's results look like for a reader who would rather look than read: a bar chart
where a column of names stands beside a column of numbers (tasks per agency, targets per
region), a timeline where a column holds years or dates (plans by the year they start), and a
map of China's provinces where a column holds regions (tasks led by 发改委 per province; a
city or county counts for its province), and a map of one province's cities when every region
the results name lies in it (a county counts for its city; a municipality's districts and a
province's directly governed counties are drawn as themselves).

The views are worked out here from the table the page shows and drawn in the browser by
`static/js/results.js` (Observable Plot); the table stays the page's answer without scripts.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any, Protocol

from ...parse.regions import Region, lookup, lookup_all
from ...vocab import PREFIXES

__all__ = ["result_views"]

# Bars drawn at most: the first rows, in the order the query gave them.
BAR_ROWS = 40
_REGION_IRI = re.compile(r"/region/(\d{6})$")
_YEARS = (PREFIXES["xsd"] + "gYear", PREFIXES["xsd"] + "date", PREFIXES["xsd"] + "gYearMonth",
          PREFIXES["xsd"] + "dateTime")


class Shown(Protocol):
    """A cell of the results table, as the query page holds it."""

    @property
    def text(self) -> str: ...

    @property
    def number(self) -> str | None: ...

    @property
    def datatype(self) -> str | None: ...

    @property
    def title(self) -> str | None: ...


def result_views(columns: Sequence[str], rows: Sequence[Sequence[Shown | None]]
                 ) -> dict[str, Any]:
    """The views the results lend themselves to: `bar`, `map` and `timeline`, where they
    fit."""
    views: dict[str, Any] = {}
    # (names written out before IRIs: a label column reads better than its entities' IRIs)
    names = _column(columns, rows, lambda cell: cell.number is None and not _dated(cell)
                    and not _is_iri(cell))
    if names is None:
        names = _column(columns, rows, lambda cell: cell.number is None and not _dated(cell))
    numbers = _column(columns, rows, lambda cell: cell.number is not None and not _dated(cell))
    if names is not None and numbers is not None:
        points = []
        for row in rows[:BAR_ROWS]:
            name, number = row[names], row[numbers]
            if name is not None and number is not None and number.number is not None:
                points.append({"label": name.text, "value": float(number.number)})
        views["bar"] = {"label": columns[names], "value": columns[numbers], "points": points}
    regions = _column(columns, rows, lambda cell: _region(cell) is not None)
    if regions is not None:
        views["map"] = _map_view(columns, rows, regions, numbers)
    dates = _column(columns, rows, _dated)
    if dates is not None:
        years = Counter(int(cell.text[:4]) for row in rows if (cell := row[dates]) is not None
                        and cell.text[:4].isdigit())
        views["timeline"] = {"column": columns[dates], "points": [
            {"year": year, "count": count} for year, count in sorted(years.items())]}
    return views


def _map_view(columns: Sequence[str], rows: Sequence[Sequence[Shown | None]], regions: int,
              numbers: int | None) -> dict[str, Any]:
    """The provinces coloured by the rows' numbers (or counts), and the cities of the
    province when the results name no other."""
    found = [(region, _weight(row[numbers] if numbers is not None else None))
             for row in rows if (cell := row[regions]) is not None
             and (region := _region(cell)) is not None]
    view: dict[str, Any] = {
        "column": columns[regions], "value": columns[numbers] if numbers is not None else None,
        "points": _totals((region.code[:2], _province(region).name, weight)
                          for region, weight in found)}
    units = [(_unit(region), weight) for region, weight in found]
    if len({region.code[:2] for region, _ in found}) == 1 and any(unit for unit, _ in units):
        view["cities"] = {"province": found[0][0].code[:2],
                          "points": _totals((_feature_id(unit), unit.name, weight)
                                            for unit, weight in units if unit is not None)}
    return view


def _column(columns: Sequence[str], rows: Sequence[Sequence[Shown | None]],
            fits: Any) -> int | None:
    """The first column whose every bound cell fits, and that has one at least."""
    for index in range(len(columns)):
        cells = [row[index] for row in rows if row[index] is not None]
        if cells and all(fits(cell) for cell in cells):
            return index
    return None


def _dated(cell: Shown) -> bool:
    return cell.datatype in _YEARS


def _is_iri(cell: Shown) -> bool:
    return (cell.title or "").startswith(("http://", "https://"))


def _region(cell: Shown) -> Region | None:
    """The region a cell's IRI or name stands for (浙江省, 嘉兴市 or `…/region/330421`), or
    None for a cell that names no region."""
    if found := _REGION_IRI.search(cell.title or ""):
        return lookup(found[1])
    named = lookup_all(cell.text) if cell.number is None else ()
    return named[0] if named else None


def _weight(cell: Shown | None) -> float:
    """What a row adds to its region: its number, or one where the results have none."""
    return float(cell.number) if cell is not None and cell.number else 1.0


def _province(region: Region) -> Region:
    """The province a region lies in, or the region itself for a province."""
    return ([region, *region.ancestors()])[-1]


def _unit(region: Region) -> Region | None:
    """The division a region is drawn as on its province's map: its city (嘉善县 → 嘉兴市),
    itself where no city stands between it and the province (a municipality's 密云区), and
    None for the province itself."""
    if region.level == "province":
        return None
    return next((above for above in [region, *region.ancestors()] if above.level == "city"),
                region)


def _feature_id(unit: Region) -> str:
    """The id the boundaries give a division: four digits for a city, six for a county."""
    return unit.code[:4] if unit.level == "city" else unit.code


def _totals(points: Iterable[tuple[str, str, float]]) -> list[dict[str, Any]]:
    """Each place's summed weight, in the order of the places' ids, for the map to colour."""
    names: dict[str, str] = {}
    totals: dict[str, float] = {}
    for place, name, weight in points:
        names.setdefault(place, name)
        totals[place] = totals.get(place, 0.0) + weight
    return [{"id": place, "name": names[place], "value": total}
            for place, total in sorted(totals.items())]
