"""Task tables flattened to text: rows of ` | `- or tab-separated cells, or one cell per line.

A page's table of tasks (`序号 | 重点任务 | 牵头单位 | 配合单位 | 完成时限`) loses its grid when
scraped. Its header row says what each column holds (`tables/grids.toml`, and the clause labels
of `tables/clauses.toml` for the units' columns); each numbered row is then one task whose text
is its task cell and whose units come from their columns, while deadline, progress and remark
columns are dropped. A row broken over several lines is joined again. Rows numbered as sections
(`一、主要预期目标`) and rows under them keep the table's own numbering, which the outline nests
below the item the table stands in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import zip_longest

from .cell_rows import UNIT_COLUMNS, Column, align, looks_like_units
from .cell_table import cell_table, headerless_cell_table
from .goal_table import goal_table
from .table_rows import (
    ITEM_START,
    MIN_CELL_HEADER,
    ROW_NUMBER,
    Grid,
    header_columns,
    heading_column,
    is_category,
    one_task_column,
    read_row,
)

_SEPARATOR = re.compile(r"\s*[|｜\t]\s*")
_SPACES = re.compile(r"\s+")
_INLINE_NUMBER = re.compile(r"(\d{1,3})\s*[.．、](?!\d)\s*(?=\S)")


def split_grids(lines: list[str]) -> list[str | Grid]:
    """The lines with each task table among them replaced by its Grid."""
    out: list[str | Grid] = []
    index = 0
    while index < len(lines):
        found = goal_table(lines, index) or _separated_table(lines, index) \
            or cell_table(lines, index) or headerless_cell_table(lines, index)
        if found is None:
            out.append(lines[index])
            index += 1
            continue
        grid, index = found
        out.append(grid)
    return out


def _cells(line: str, separator: re.Pattern[str] = _SEPARATOR) -> list[str]:
    return [cell.strip() for cell in separator.split(line.strip().strip("|｜"))]


def _separator(header: str) -> re.Pattern[str] | None:
    """What separates a table's cells: ` | ` or tabs, else the spaces of a header line made
    only of known headings (`序号 重点工作任务分解 责任领导 责任部门 完成期限`)."""
    if _SEPARATOR.search(header):
        return _SEPARATOR
    words = header.split()
    known = [word for word in words if heading_column(word) is not None]
    return _SPACES if len(words) >= MIN_CELL_HEADER and len(known) >= len(words) - 1 else None


def _separated_table(lines: list[str], start: int) -> tuple[Grid, int] | None:
    """A table whose rows are lines of separated cells (` | `, tabs, spaces), from its
    header row."""
    separator = _separator(lines[start])
    if separator is None:
        return None
    headings = _cells(lines[start], separator)
    while len(headings) > 1 and not headings[-1]:
        headings.pop()  # the empty cells a page leaves at the header's end (`时限要求 | ||`)
    kinds = header_columns(headings)
    if kinds is None:
        return None
    rows: list[_Cells] = []
    index = start + 1
    while index < len(lines):
        line = lines[index].strip()
        if not line:
            index += 1
            continue
        if not separator.search(line):
            heads = ITEM_START.match(line) or (
                is_category(line) and (not rows or len(rows[-1].cells) >= len(rows[-1].columns)))
            if heads and _next_is_row(lines, index + 1, separator):
                # A section's or category's row, its empty cells trimmed by the page.
                rows.append(_Cells([line], ["number"]))
            elif not rows or ITEM_START.match(line):
                break  # the document goes on after the table
            else:  # a cell's text broken onto a line of its own: the task's, most often
                rows[-1].extend_task(line)
            index += 1
            continue
        cells = _cells(line, separator)
        while len(cells) > 1 and not cells[-1]:
            cells.pop()  # the empty cells a page leaves at a row's end
        placed = _place_row(cells, kinds)
        if placed is not None:
            rows.extend(placed if "number" in kinds
                        else (_like_the_row_before(row, rows) for row in placed))
        elif rows and len(cells) == 1 and is_category(cells[0]) \
                and len(rows[-1].cells) >= len(rows[-1].columns):
            rows.append(_Cells(cells, ["number"]))  # a category row after a complete row
        elif rows:
            _continue_row(rows[-1].cells, cells, len(rows[-1].columns))
        else:
            rows.append(_Cells(cells, one_task_column(kinds)))
        index += 1
    read = (read_row(cells.cells, cells.columns) for cells in rows)
    return Grid(tuple(row for row in read if row)), index


@dataclass(slots=True)
class _Cells:
    """One row's cells as read so far, with the column of each (the first is its number)."""

    cells: list[str]
    columns: list[Column | None]

    def extend_task(self, text: str) -> None:
        task = self.columns.index("task") if "task" in self.columns else len(self.cells) - 1
        self.cells[min(task, len(self.cells) - 1)] += text


def _place_row(cells: list[str], kinds: list[Column | None]) -> list[_Cells] | None:
    """A line's cells placed under the header's columns: the row its number opens, after a
    section row for each outline label (`一、…`, `(一)…`) and a category row for each other
    cell before the number; None for a line that holds no row's number (a row continued).

    A row that starts with its number starts at the number's column; a shorter row starts
    as far right as its cells reach, since a page leaves out the merged cells of a table's
    leading columns (`大类`, `工作目标`) on all but a group's first row; one whose first cell
    opens with its number starts at a task's column. The number is a cell of its own or
    opens the task's cell (`1.加强…`)."""
    # A heading over several columns (`工作任务` over a section's, a subsection's and the
    # number's cells): a longer row's last cells are under the header's last headings.
    kinds = [None] * (len(cells) - len(kinds)) + kinds
    offset = max(0, len(kinds) - len(cells))
    if "number" in kinds and cells and ROW_NUMBER.fullmatch(cells[0]):
        offset = kinds.index("number")
        if (units_last := _units_from_the_right(cells, kinds[offset:])) is not None:
            return [units_last]
        if (by_look := _by_look(cells, kinds[offset:])) is not None:
            return [by_look]
    elif cells and _INLINE_NUMBER.match(cells[0]):
        # A row the page cut short still opens with its task's cell.
        offset = max((index for index, kind in enumerate(kinds[: offset + 1])
                      if kind in ("task", "goal")), default=offset)
    placed = list(zip_longest(kinds[offset:], cells))
    for position, (kind, cell) in enumerate(placed):
        if cell is None:
            break
        rest = [(later, text) for later, text in placed[position + 1:] if text is not None]
        if ROW_NUMBER.fullmatch(cell):
            row = _Cells([cell, *(text for _, text in rest)],
                         one_task_column(["number", *(later for later, _ in rest)]))
        elif (inline := _INLINE_NUMBER.match(cell)) and kind in ("task", "goal", None):
            row = _Cells([inline[1], cell[inline.end():].strip(), *(text for _, text in rest)],
                         one_task_column(["number", kind or "task",
                                           *(later for later, _ in rest)]))
        else:
            continue
        heads = [_Cells([head], ["number"]) for _, head in placed[:position] if head]
        return [*heads, row]
    return None


def _like_the_row_before(row: _Cells, rows: list[_Cells]) -> _Cells:
    """A numbered row shorter than the numbered row before it lost its last cells (empty
    ones, or those the page's end cut), not its first: its cells keep that row's columns.
    (Under a header without a 序号 column, where a row's number stands in a cell of its own
    that no heading names, so that the header cannot place a short row.)"""
    before = next((earlier for earlier in reversed(rows) if earlier.columns[0] == "number"
                   and len(earlier.cells) > 1), None)
    if before is None or row.columns[0] != "number" or len(row.cells) >= len(before.cells):
        return row
    return _Cells(row.cells, before.columns[: len(row.cells)])


def _by_look(cells: list[str], kinds: list[Column | None]) -> _Cells | None:
    """A numbered row shorter than its header that left out a merged cell before its units
    (`2 | 扎实做好疫苗接种信息公开 | 疾控处 | 长期推进`): its cells placed by what each looks
    like, where placing them by position would put a units' cell under no units' heading."""
    if len(cells) >= len(kinds) or not any(kind in UNIT_COLUMNS for kind in kinds):
        return None
    misplaced = any(looks_like_units(cell) and kind not in UNIT_COLUMNS
                    for kind, cell in zip(kinds, cells, strict=False))
    return _Cells(cells, align(cells, kinds)) if misplaced else None


def _units_from_the_right(cells: list[str], kinds: list[Column | None]) -> _Cells | None:
    """A numbered row of another width than the header whose last cells are all units,
    where the header ends in units' columns: those cells fill those columns from the right,
    and the cells between the number and them the columns between, a surplus joined into
    the first. A table separated by spaces loses its empty cells and splits a short cell
    written with a space (`加强水资源保 护`), but its units' cells still close each row."""
    width = len(kinds) - len(_trailing_units(kinds))
    tail = len(kinds) - width
    if not tail or len(cells) == len(kinds) or len(cells) < tail + 2 \
            or not all(looks_like_units(cell) for cell in cells[-tail:]):
        return None
    middle, columns = cells[1:-tail], kinds[1:width]
    surplus = len(middle) - len(columns)
    if surplus > 0:
        middle = ["".join(middle[: surplus + 1]), *middle[surplus + 1:]]
    else:
        columns = columns[len(columns) - len(middle):]
    return _Cells([cells[0], *middle, *cells[-tail:]],
                  one_task_column(["number", *columns, *kinds[width:]]))


def _trailing_units(kinds: list[Column | None]) -> list[Column | None]:
    """The units' columns that close a header (`牵头单位 参与单位 责任单位`)."""
    count = 0
    while count < len(kinds) and kinds[len(kinds) - 1 - count] in UNIT_COLUMNS:
        count += 1
    return kinds[len(kinds) - count:]


def _next_is_row(lines: list[str], index: int, separator: re.Pattern[str]) -> bool:
    """Whether a row of cells follows, past the section rows that lost their separators."""
    for line in lines[index:]:
        if separator.search(line):
            return True
        if line.strip() and not ITEM_START.match(line.strip()):
            return False
    return False


def _continue_row(row: list[str], cells: list[str], width: int) -> None:
    """Cells of a row's later line: the first ends the cell the line broke, the rest follow
    (or, on a row already complete, add to the cells of their columns from the task's on: a
    row's number is never continued)."""
    if len(row) < width:
        row[-1] += cells[0]
        row.extend(cells[1:])
    else:
        for position, cell in enumerate(cells[: len(row) - 1], start=1):
            row[position] += cell
