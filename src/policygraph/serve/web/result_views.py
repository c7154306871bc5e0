"""What a query's results look like for a reader who would rather look than read: a bar chart
where a column of names stands beside a column of numbers (tasks per agency, targets per
region), and a timeline where a column holds years or dates (plans by the year they start).

The views are worked out here from the table the page shows and drawn in the browser by
`static/js/results.js` (Observable Plot); the table stays the page's answer without scripts.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any, Protocol

from ...vocab import PREFIXES

__all__ = ["result_views"]

# Bars drawn at most: the first rows, in the order the query gave them.
BAR_ROWS = 40
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


def result_views(columns: Sequence[str], rows: Sequence[Sequence[Shown | None]]
                 ) -> dict[str, Any]:
    """The views the results lend themselves to: `bar` and `timeline`, where they fit."""
    views: dict[str, Any] = {}
    names = _column(columns, rows, lambda cell: cell.number is None and not _dated(cell))
    numbers = _column(columns, rows, lambda cell: cell.number is not None and not _dated(cell))
    if names is not None and numbers is not None:
        points = []
        for row in rows[:BAR_ROWS]:
            name, number = row[names], row[numbers]
            if name is not None and number is not None and number.number is not None:
                points.append({"label": name.text, "value": float(number.number)})
        views["bar"] = {"label": columns[names], "value": columns[numbers], "points": points}
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
