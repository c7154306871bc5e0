"""Rows as a pandas DataFrame whose columns have the types analysis needs.

Rows keep exact Python values (`Decimal` for xsd:decimal, `None` where a variable is unbound),
which pandas would hold in columns of dtype `object`: sums, means and plots then fail or
crawl. A frame's column is converted only when every value it holds is of one kind, so a
column that mixes kinds (a string among numbers) keeps its values as they came.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from decimal import Decimal
from types import ModuleType
from typing import Any

from .rows import Row

__all__ = ["typed_frame"]


def typed_frame(pandas: ModuleType, rows: Sequence[Row]) -> Any:
    """A DataFrame of `rows`, a column per variable, typed by what its values are."""
    columns = list(rows[0]) if rows else []
    data = {}
    for column in columns:
        values = [row.get(column) for row in rows]
        bound = [value for value in values if value is not None]
        convert = _converter(pandas, bound) if bound else None
        data[column] = convert(pandas.Series(values, dtype=object)) if convert \
            else pandas.Series(values)
    return pandas.DataFrame(data, columns=columns)


def _converter(pandas: ModuleType, values: list[Any]) -> Callable[[Any], Any] | None:
    """How to convert a column whose bound values are `values`, or None to leave it as it is."""
    if all(isinstance(value, bool) for value in values):
        return lambda column: column.astype("boolean")
    if any(isinstance(value, bool) for value in values):
        return None
    if all(isinstance(value, int) for value in values):
        return lambda column: column.astype("Int64")
    if all(isinstance(value, int | float | Decimal) for value in values):
        return lambda column: pandas.to_numeric(column.map(_number), errors="coerce")
    if all(isinstance(value, date) and not isinstance(value, datetime) for value in values):
        return lambda column: pandas.to_datetime(column)
    return None


def _number(value: Any) -> float | None:
    return None if value is None else float(value)
