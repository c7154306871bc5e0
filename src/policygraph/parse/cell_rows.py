"""Which line of a table written one cell per line belongs to which column.

Such a table loses its empty cells (no line is left for them), a long task cell may run over
several lines, and a units cell may list one unit per line. Counting lines therefore cannot
place them; what each line looks like can: units' names end as bodies' names do, people's
names are a few characters, deadlines start with a date, and the task is the text between.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Literal

from .clauses import without_role_word
from .units import clean_unit, is_person, is_unit_name, split_list, without_aside

Column = Literal["number", "task", "goal", "lead", "main", "support", "shared", "person",
                 "other"]
UNIT_COLUMNS = ("lead", "main", "support", "shared")
_DEADLINE = re.compile(r"^(\d{4}\s*年|\d{4}[.\-/]\d|\d{1,2}月|[一二三四五六七八九十]{1,2}月"
                       r"|全年|长期|持续|年底|年内|每[年月季]|[一二三四]季度|上半年|下半年)")
_PERSON = re.compile(r"[\u4e00-\u9fff]{1,2}[\s\u3000]*[\u4e00-\u9fff]{1,2}")
_SENTENCE = re.compile(r"[。;；!！?？]")
_MAX_UNITS_CELL = 160
# A count or an amount, which a task states and a units' cell never does.
_FIGURE = re.compile(r"\d+(?:\.\d+)?\s*(?:所|家|个|项|座|条|处|户|名|人|万|亿|千|公里|米|亩|台"
                     r"|辆|套|场|次|%|％)")


def looks_like_units(cell: str) -> bool:
    """A cell naming units: no sentence, no figure (`对28所中小学校…`), and most of its names
    end as bodies' names do (past a role word closing one, `县发改局牵头`, or a tail,
    `市发改委等`); all of them where the cell closes with a full stop, as a task's sentence
    naming bodies does (`对专职消防队、村志愿队…升级。`)."""
    if not cell or _SENTENCE.search(cell.rstrip("。")) or len(cell) > _MAX_UNITS_CELL \
            or _FIGURE.search(cell):
        return False
    names = [without_aside(clean_unit(without_role_word(name))) for name in split_list(cell)
             if name]
    named = sum(1 for name in names if is_unit_name(name) or _AREA.search(name))
    if cell.rstrip().endswith("。"):
        return bool(names) and named == len(names)
    return bool(names) and 2 * named >= len(names)


_AREA = re.compile(r"(?:街道|镇|乡|区|县|市|州|旗|园区|城)$")


def _looks_like_person(cell: str) -> bool:
    return (bool(_PERSON.fullmatch(cell)) and not looks_like_units(cell)) or is_person(cell)


def align(cells: Sequence[str], header: Sequence[Column | None]) -> list[Column | None]:
    """The column of each cell of one row (the first being its number): a cell per column
    where the row has as many lines as the header has headings and each fits its column,
    else by what each line looks like."""
    columns = list(header[1:]) if header and header[0] == "number" else list(header)
    if len(cells) == len(columns) + 1 and all(map(_fits, cells[1:], columns)):
        return ["number", *columns]
    kinds: list[Column | None] = ["number"]
    index = 1
    for position, kind in enumerate(columns):
        if index >= len(cells):
            break
        later = columns[position + 1 :]
        taken = _take(cells, index, kind, later)
        kinds += [kind] * taken
        index += taken
    # Lines past the last column: a deadline or progress cell run over several lines
    # (`全年完成。其中:` then a line per quarter), else cells the header does not name.
    rest = columns[-1] if columns and columns[-1] == "other" and index > 1 else None
    kinds += [rest] * (len(cells) - index)
    return kinds


def _take(cells: Sequence[str], index: int, kind: Column | None,
          later: Sequence[Column | None]) -> int:
    """How many cells from `index` the column `kind` holds (0 for a cell the page left out)."""
    cell = cells[index]
    if kind in UNIT_COLUMNS:
        # One unit per line: a lead column holds one line where a later units column follows
        # (the later column's list runs on), or every line of single names before the later
        # column's list; the last units column holds all the lines left.
        listed = 0
        while index + listed < len(cells) and looks_like_units(cells[index + listed]):
            listed += 1
        if not any(column in UNIT_COLUMNS for column in later):
            return listed
        names = cells[index:index + listed]
        single = [len(split_list(name)) == 1 for name in names]
        return listed - 1 if listed > 1 and all(single[:-1]) and not single[-1] else min(listed, 1)
    if kind == "person":  # a leader a line (`王旭锋` `胡金芳`)
        taken = 0
        while index + taken < len(cells) and _looks_like_person(cells[index + taken]):
            taken += 1
        return taken
    if kind == "other":
        if "task" in later and _SENTENCE.search(cell):
            return 0  # the task's sentence: the category's cell before it was merged away
        if _DEADLINE.match(cell) or not any(column in UNIT_COLUMNS for column in later) \
                or _more_units_than_columns(cells[index:], later):
            return 1
        return 0 if looks_like_units(cell) or ("person" in later and _looks_like_person(cell)) \
            else 1
    if kind in ("task", "goal"):
        taken = 1
        while index + taken < len(cells) and not _starts_later_column(cells[index + taken], later):
            taken += 1
        return taken
    if looks_like_units(cell) and any(c in UNIT_COLUMNS for c in later):
        return 1 if _more_units_than_columns(cells[index:], later) else 0
    # A column the header does not name (`工作措施`) runs over lines where the row has more
    # lines than columns left, up to the line a later column starts with.
    taken = 1
    while len(cells) - index - taken > len(later) \
            and not _starts_later_column(cells[index + taken], later):
        taken += 1
    return taken


def _fits(cell: str, column: Column | None) -> bool:
    """Whether a line can be the cell of a column: units under units' headings, a person
    under a person's, and neither under a task's or a deadline's."""
    if not cell.strip():
        return False
    if column in UNIT_COLUMNS:
        return looks_like_units(cell)
    if column == "person":
        return _looks_like_person(cell)
    return not looks_like_units(cell) and not _looks_like_person(cell)


def _more_units_than_columns(cells: Sequence[str], later: Sequence[Column | None]) -> bool:
    """Whether more cells look like units than the units' columns left could hold: then the
    first is a place (`建设地点`: `相关镇(街道)`), not a units' cell. Lines of units that follow
    one another are one cell, which lists a unit a line."""
    columns = sum(1 for column in later if column in UNIT_COLUMNS)
    looks = [looks_like_units(cell) for cell in cells]
    runs = sum(1 for index, unit in enumerate(looks) if unit and not (index and looks[index - 1]))
    return runs > columns


def _starts_later_column(cell: str, later: Sequence[Column | None]) -> bool:
    """Whether a line after the task's first belongs to a later column, not to the task."""
    if not later:
        return False
    return ((looks_like_units(cell) and any(column in UNIT_COLUMNS for column in later))
            or ("person" in later and _looks_like_person(cell))
            or bool(_DEADLINE.match(cell))
            or later[0] is None)
