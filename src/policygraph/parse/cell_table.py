"""Task tables written one cell per line, with their header or without it.

A page may give each cell of a table a line of its own (and a units' cell a line per unit),
losing the empty cells. A run of heading lines then says which columns there are, and what
each later line looks like places it (`cell_rows.align`); a table whose header the page left
out is read the same way, by the look of its lines alone.
"""

from __future__ import annotations

import re
from itertools import pairwise

from .cell_rows import UNIT_COLUMNS, Column, align, looks_like_units
from .normalize import HAN
from .table_rows import (
    BARE_NUMBER,
    ITEM_START,
    LABEL_CELL,
    MAX_HEADING,
    MIN_CELL_HEADER,
    ROW_NUMBER,
    Grid,
    heading_column,
    is_category,
    names_no_task,
    one_task_column,
    read_row,
)

# A sub-row's number opening its task's cell (`(1)老城复兴样板区要见成效…`).
_SUB_ROW = re.compile(r"([(（]\d{1,2}[)）])(?=\S|$)")
# A section's label and name in a row's cell (`二、加快新型工业化进程`).
_SECTION_CELL = re.compile(r"[一二三四五六七八九十]{1,3}、\S.*")
# The columns a table without its header is read by: what each line looks like places it.
_HEADERLESS: tuple[Column, ...] = ("number", "task", "main", "person", "other")
_MIN_HEADERLESS_ROWS = 2
# A task's cell says what is to be done in a few words at least (not `62`, a figure's cell).
_MIN_TASK_HAN = 4
# A heading's aside that the page put on a line of its own (`责任股室` then `(单位)`).
_HEADING_ASIDE_LINE = re.compile(r"[(（][^()（）\d一二三四五六七八九十]{1,8}[)）]")
# The longest first part of a heading a page broke over two lines (`市政府`).
_BROKEN_HEAD = 3
# A goal heading after a task heading (or the other way) is a row's category cell, as
# `发展目标` under `序号 事项 责任单位`; two task headings are two columns.
_OTHER_CONTENT: dict[Column | None, Column] = {"task": "goal", "goal": "task"}
# A body's other name in brackets, on a line of its own under the body's name.
_OTHER_NAME = re.compile(r"[(（][^()（）\d]{2,12}[)）]")
# How many lines on a units' heading may follow headings the page broke over lines.
_HEADINGS_AHEAD = 10


def cell_table(lines: list[str], start: int) -> tuple[Grid, int] | None:
    """A table written one cell per line: a run of heading lines, then each row's cells."""
    headings: list[tuple[Column | None, int]] = []  # each heading's column and first line
    index = start
    while index < len(lines):
        kind, end = _heading_line(lines, index)
        if kind in _OTHER_CONTENT and _OTHER_CONTENT[kind] in {seen for seen, _ in headings}:
            if _heading_line(lines, end)[0] not in UNIT_COLUMNS:
                break  # a row's category cell (`发展目标`), not a heading
            headings.append((None, index))  # a column of figures before the units' (`年度目标`)
            index = end
            continue
        if kind is None and headings and _HEADING_ASIDE_LINE.fullmatch(lines[index].strip()):
            index = skip_blank(lines, index + 1)  # the aside closing a heading (`(单位)`)
            continue
        if kind is None:
            # A heading the tables do not know (`重要项目`) may stand between known ones.
            line = lines[index].strip()
            if not headings or not line or len(line) > MAX_HEADING or LABEL_CELL.fullmatch(line) \
                    or (headings[-1][0] is None and not _units_heading_ahead(lines, index)):
                break
            end = skip_blank(lines, index + 1)
        headings.append((kind, index))
        index = end
    while headings and headings[-1][0] is None:
        index = headings.pop()[1]  # an unknown last line is the first row's, not a heading
    header = [kind for kind, _ in headings]
    # Without a 序号 column, each task cell opens with its row's number (`1.主动对接…`), or
    # the number stands on a line of its own after the row's category (`强化…` then `1`).
    inline = "number" not in header and header[:1] == ["task"]
    if len(header) < MIN_CELL_HEADER - inline or ("number" not in header and not inline) \
            or names_no_task(header):
        return None
    header = one_task_column(["number", *header] if inline else header)
    rows, index = _cell_rows(lines, index, header, inline)
    # A sub-row (`(1)…`) has no cells of the columns before the task's (its row's category).
    sub_header = ["number", *header[header.index("task"):]] if "task" in header else header
    grid_rows = [read_row(cells, align(cells, sub_header if _SUB_ROW.fullmatch(cells[0])
                                       else header)) for cells in rows]
    return Grid(tuple(row for row in grid_rows if row)), index


def _units_heading_ahead(lines: list[str], index: int) -> bool:
    """Whether a units' heading follows a few lines on, before any row's number: the lines
    between are headings the page broke over lines (`建设起` `止年限`, `2023年度` `计划`)."""
    position = index
    for _ in range(_HEADINGS_AHEAD):
        position = skip_blank(lines, position + 1)
        if position >= len(lines) or BARE_NUMBER.fullmatch(lines[position].strip()):
            return False
        kind, _end = _heading_line(lines, position)
        if kind in UNIT_COLUMNS:
            return True
    return False


def headerless_cell_table(lines: list[str], start: int) -> tuple[Grid, int] | None:
    """A table written one cell per line whose header the page left out (an excerpt of a
    later page of the table): rows whose number stands on a line of its own, each with a
    task's text and then a units' cell, then people, deadlines and the like. What each line
    looks like places it; a run of such rows in order, most naming units, is the table."""
    if not BARE_NUMBER.fullmatch(_cell_line(lines[start])):
        return None
    rows, index = _cell_rows(lines, start, list(_HEADERLESS), inline=False)
    numbered = [cells for cells in rows if BARE_NUMBER.fullmatch(cells[0])]
    grid_rows = [read_row(cells, align(cells, _HEADERLESS)) for cells in rows]
    with_units = sum(1 for row in grid_rows if row is not None and row.units)
    if len(numbered) < _MIN_HEADERLESS_ROWS or 2 * with_units < len(numbered) \
            or any(int(b[0]) != int(a[0]) + 1 for a, b in pairwise(numbered)) \
            or not all(len(cells) > 1 and len(HAN.findall(cells[1])) >= _MIN_TASK_HAN
                       for cells in numbered):
        return None
    return Grid(tuple(row for row in grid_rows if row)), index


def _cell_line(line: str) -> str:
    return line.strip().rstrip("|｜").strip()


def _cell_rows(lines: list[str], index: int, header: list[Column | None],
               inline: bool) -> tuple[list[list[str]], int]:
    """The cells of each row of a table written one cell per line, from `index` to the
    table's end, and the index after it."""
    rows: list[list[str]] = []
    while index < len(lines):
        if _header_run(lines, index) >= MIN_CELL_HEADER or (
                ITEM_START.match(lines[index].strip())
                and _header_run(lines, skip_blank(lines, index + 1)) >= MIN_CELL_HEADER):
            break  # the header of the next table, or the section heading it
        cell = _cell_line(lines[index])
        index += 1
        if not cell:
            continue
        numbered = ITEM_START.match(cell) if inline else None
        if rows and _OTHER_NAME.fullmatch(cell) and looks_like_units(rows[-1][-1]):
            rows[-1][-1] += cell  # a body's other name on a line of its own (`(区金融办)`)
        elif rows and len(rows[-1]) == 1 and BARE_NUMBER.fullmatch(rows[-1][0]) \
                and _SECTION_CELL.fullmatch(cell):
            rows.insert(-1, [cell])  # the section a row opens, in the cell after its number
        elif numbered and _opens_row(cell[: numbered.end()], rows, len(header)):
            rows.append([cell[: numbered.end()], cell[numbered.end():].strip()])
        elif (sub := _SUB_ROW.match(cell)) and rows and _opens_sub_row(rows[-1]):
            rows.append([sub[1], cell[sub.end():].strip()])
        elif ((ROW_NUMBER.fullmatch(cell) if inline else LABEL_CELL.fullmatch(cell))
              and _opens_row(cell, rows, len(header))) \
                or not rows \
                or (len(rows[-1]) >= len(header) and is_category(cell)):
            rows.append([cell])  # a row's number, or a category after a complete row
        else:
            rows[-1].append(cell)
    return rows, index


def _opens_sub_row(row: list[str]) -> bool:
    """Whether a cell opening with `(1)` is a sub-row of the row being read, with cells of its
    own: after the row's number and its categories (`1` `四大功能区建设`; `2` `聚焦产业强区…`
    `聚力攻坚`), or after a sub-row whose cells have come to its units."""
    if len(row) >= 2 and BARE_NUMBER.fullmatch(row[0]) and is_category(row[-1]) \
            and not any(looks_like_units(cell) for cell in row[1:]):
        return True
    return bool(_SUB_ROW.match(row[0])) and any(looks_like_units(cell) for cell in row[2:])


def _opens_row(label: str, rows: list[list[str]], width: int) -> bool:
    """Whether a number on a line of its own opens the next row rather than filling a cell
    of the row being read (`300` under `投资金额`): it does after a complete row or a
    category's, and where it numbers the row after the last one read."""
    if not rows or len(rows[-1]) >= width or not BARE_NUMBER.fullmatch(label.strip("、.．")):
        return True
    number = int(label.strip("、.．"))
    previous = BARE_NUMBER.fullmatch(rows[-1][0].strip("(（)）、.．"))
    if previous is None or number == int(previous[0]) + 1:
        return True
    # After a sub-row (`(7)`, whose units' cells were merged away), the number after its
    # row's (`2` after `1`).
    last_row = next((found for row in reversed(rows)
                     if (found := BARE_NUMBER.fullmatch(row[0].strip("、.．")))), None)
    return bool(_SUB_ROW.match(rows[-1][0])) and last_row is not None \
        and number == int(last_row[0]) + 1


def _header_run(lines: list[str], index: int) -> int:
    """How many heading lines follow one another from `index`."""
    kinds: list[Column | None] = []
    while index < len(lines):
        kind, end = _heading_line(lines, index)
        if kind is None or (kind in _OTHER_CONTENT and _OTHER_CONTENT[kind] in kinds):
            break
        kinds.append(kind)
        index = end
    return len(kinds)


def _heading_line(lines: list[str], index: int) -> tuple[Column | None, int]:
    """The column named by the heading line at `index` (or by it and the next line, for a
    heading broken in two after a few characters: `市政府` `分管领导`), and the index after
    it and the blank lines."""
    nonblank = [i for i in range(index, min(len(lines), index + 4)) if lines[i].strip()]
    if not nonblank or nonblank[0] != index:
        return None, index
    for count in (1, 2):
        if len(nonblank) < count or (count == 2 and len(lines[index].strip()) > _BROKEN_HEAD):
            break
        kind = heading_column("".join(lines[i].strip() for i in nonblank[:count]))
        if kind is not None:
            return kind, skip_blank(lines, nonblank[count - 1] + 1)
    return None, index


def skip_blank(lines: list[str], index: int) -> int:
    while index < len(lines) and not lines[index].strip():
        index += 1
    return index
