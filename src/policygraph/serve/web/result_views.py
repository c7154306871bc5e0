"""What a query's results look like for a reader who would rather look than read: a bar chart
where a column of names stands beside a column of numbers (tasks per agency, targets per
region), a timeline where a column holds years or dates (plans by the year they start), and a
map of China's provinces where a column holds regions (tasks led by 发改委 per province; a
city or county counts for its province).

The views are worked out here from the table the page shows and drawn in the browser by
`static/js/results.js` (Observable Plot); the table stays the page's answer without scripts.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import Any, Protocol

from ...parse.regions import lookup_all
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
    """The views the results lend themselves to: `bar` and `timeline`, where they fit."""
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
    regions = _column(columns, rows, lambda cell: _province(cell) is not None)
    if regions is not None:
        totals: dict[str, float] = {}
        for row in rows:
            cell = row[regions]
            code = _province(cell) if cell is not None else None
            if code is None:
                continue
            number = row[numbers] if numbers is not None else None
            totals[code] = totals.get(code, 0.0) + (
                float(number.number) if number is not None and number.number else 1.0)
        views["map"] = {"column": columns[regions],
                        "value": columns[numbers] if numbers is not None else None,
                        "points": [{"province": code, "value": value}
                                   for code, value in sorted(totals.items())]}
    dates = _column(columns, rows, _dated)
    if dates is not None:
        years = Counter(int(cell.text[:4]) for row in rows if (cell := row[dates]) is not None
                        and cell.text[:4].isdigit())
        views["timeline"] = {"column": columns[dates], "points": [
            {"year": year, "count": count} for year, count in sorted(years.items())]}
    return views


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


def _province(cell: Shown) -> str | None:
    """The two-digit code of the province a region's IRI or name stands in (`33` for
    浙江省, 嘉兴市 or `…/region/330421`), or None for a cell that names no region."""
    iri = cell.title or ""
    if found := _REGION_IRI.search(iri):
        return found[1][:2]
    named = lookup_all(cell.text) if cell.number is None else ()
    return named[0].code[:2] if named else None
