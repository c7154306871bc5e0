"""Tables of goals broken down by place or by year, written one cell per line.

A plan's 主要预期指标分解表 gives each indicator a row and each division a column (`序号 |
指标名称 | 单位 | 苏州市 | 张家港 | 常熟 …`, then `1 | 地区生产总值 | 增幅(%) | 7左右 | 7以上 …`).
Each figure is a target of its place. A 主要目标责任清单 gives each year a column instead
(`序号 | 指标名称 | 单位 | 2022年 | 2025年 | 2027年 | 牵头单位 | 责任单位`): the earliest year is
the baseline the goals start from, each later one a target of its year; the units' columns
after the figures name who answers for a goal, which a goal's record does not hold. A row is
a goal, not a task: its targets are read from one sentence a figure,
`张家港地区生产总值增幅7%以上；`, `人均预期寿命到2025年不低于79.2岁；`, which names the
place or the year and the unit the row's cells give apart.
"""

from __future__ import annotations

import re

from .regions import lookup_all
from .table_rows import BARE_NUMBER, Grid, Row

_NUMBER = re.compile(r"序号|编号")
_INDICATOR = re.compile(r"(?:主要)?指标(?:名称)?|项目(?:名称)?")
_UNIT = re.compile(r"(?:计量)?单位")
# A figure as a cell gives it: `7左右`, `8以上`, `≥95`, `11.3`.
FIGURE = re.compile(r"(?P<before>[≥≤><]?)\s*(?P<number>\d+(?:\.\d+)?)\s*(?P<after>[^\d\s]{0,4})")
# The words a bound's sign stands for, as a sentence writes them (`≥95` is `不低于95`).
BOUND_WORDS = {"≥": "不低于", "≤": "不高于", ">": "超过", "<": "低于"}
# `增幅(%)`: the measure in words and its unit in brackets.
_UNIT_CELL = re.compile(r"(?P<measure>[^()（）]*)[(（](?P<unit>[^()（）]+)[)）]")
_MIN_PLACES = 2
_MAX_PLACE = 8
# A year's column: `2025年`, `2025年目标值`.
_YEAR = re.compile(r"(?P<year>(?:19|20)\d{2})年?(?:目标值?|预期值?)?")
# Headings of the columns after the figures, before the first row (`牵头单位`, `责任单位`).
_MAX_TRAILING = 4
_PLACE_ENDINGS = ("园区", "开发区", "高新区", "新区", "区", "县", "市")


def goal_table(lines: list[str], start: int) -> tuple[Grid, int] | None:
    """The table of goals by place whose header starts at `start`, and the index after it."""
    index = _next(lines, start)
    if index is None or not _NUMBER.fullmatch(lines[index].strip()):
        return None
    index = _next(lines, index + 1)
    if index is None or not _INDICATOR.fullmatch(lines[index].strip()):
        return None
    index = _next(lines, index + 1)
    has_unit = index is not None and bool(_UNIT.fullmatch(lines[index].strip()))
    if index is not None and has_unit:
        index = _next(lines, index + 1)
    columns: list[str] = []
    while index is not None and (is_place(lines[index].strip())
                                 or _YEAR.fullmatch(lines[index].strip())):
        columns.append(lines[index].strip())
        index = _next(lines, index + 1)
    if index is None or len(columns) < _MIN_PLACES:
        return None
    years = [found["year"] for column in columns if (found := _YEAR.fullmatch(column))]
    if years and len(years) < len(columns):
        return None  # places and years mixed: no table of either
    # (a year's figure is written `到2025年…`; the earliest year is the baseline: no target)
    places: list[str | None] = [None, *(f"到{year}年" for year in years[1:])] if years \
        else list(columns)
    index = _after_trailing_headings(lines, index)
    rows: list[Row] = []
    while index is not None and BARE_NUMBER.fullmatch(lines[index].strip()) \
            and int(lines[index].strip()) == len(rows) + 1:
        row, index = _row(lines, index, places, has_unit)
        rows.append(row)
    if not rows:
        return None
    return Grid(tuple(rows)), len(lines) if index is None else index


def _after_trailing_headings(lines: list[str], index: int | None) -> int | None:
    """The first row's number after a few headings of columns that hold no figures."""
    position = index
    for _ in range(_MAX_TRAILING + 1):
        if position is None or lines[position].strip() == "1":
            return position
        position = _next(lines, position + 1)
    return index


def _row(lines: list[str], index: int, places: list[str | None],
         has_unit: bool) -> tuple[Row, int | None]:
    label = lines[index].strip()
    cells: list[str] = []
    position = _next(lines, index + 1)
    while position is not None and not _opens_next_row(lines, position, int(label)):
        cells.append(lines[position].strip())
        position = _next(lines, position + 1)
    indicator = cells[0] if cells else ""
    unit_cell = cells[1] if has_unit and len(cells) > 1 else ""
    found = _UNIT_CELL.fullmatch(unit_cell)
    measure, unit = (found["measure"], found["unit"]) if found else ("", unit_cell)
    figures = [_sentence(place, indicator + measure, _figure(cell, unit))
               for place, cell in zip(places, cells[1 + has_unit:], strict=False)
               if place is not None and FIGURE.fullmatch(cell)]
    return Row(f"{label}、", indicator, notes=tuple(figures), goal=True), position


def _sentence(column: str, indicator: str, figure: str) -> str:
    """`张家港地区生产总值增幅7%以上；` for a place, `人均预期寿命到2025年不低于79.2岁；` for
    a year."""
    if column.startswith("到"):
        return f"{indicator}{column}{figure}；"
    return f"{column}{indicator}{figure}；"


def _figure(cell: str, unit: str) -> str:
    """`7以上` with its unit `%` as `7%以上`; `≥95` as `不低于95%`."""
    found = FIGURE.fullmatch(cell)
    assert found is not None
    before = BOUND_WORDS.get(found["before"], "")
    return f"{before}{found['number']}{unit}{found['after']}"


def _opens_next_row(lines: list[str], index: int, label: int) -> bool:
    """A line with the next row's number, followed by an indicator's name, not a figure."""
    if lines[index].strip() != str(label + 1):
        return False
    following = _next(lines, index + 1)
    return following is None or not FIGURE.fullmatch(lines[following].strip())


def is_place(cell: str) -> bool:
    """A division's name as a column's heading writes it: `苏州市`, `张家港`, `园区`."""
    if not cell or len(cell) > _MAX_PLACE or not re.fullmatch(r"[\u4e00-\u9fff]+", cell):
        return False
    return bool(lookup_all(cell) or lookup_all(cell + "市") or lookup_all(cell + "区")
                or lookup_all(cell + "县")) or cell.endswith(_PLACE_ENDINGS)


def _next(lines: list[str], index: int) -> int | None:
    """The first non-blank line from `index`."""
    while index < len(lines) and not lines[index].strip():
        index += 1
    return index if index < len(lines) else None
