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
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from itertools import pairwise, zip_longest

from .cell_rows import UNIT_COLUMNS, Column, align, looks_like_units
from .clauses import Role
from .rules import table

_SEPARATOR = re.compile(r"\s*[|｜\t]\s*")
_SPACES = re.compile(r"\s+")
_BARE_NUMBER = re.compile(r"\d{1,3}")
_HAN = re.compile(r"[\u4e00-\u9fff]")
# A row's number in a cell of its own (`1`, `1.`, `(1)`), or opening its task's cell.
_ROW_NUMBER = re.compile(r"\d{1,3}\*?[.．、]?|[(（]\d{1,3}[)）]")
_INLINE_NUMBER = re.compile(r"(\d{1,3})\s*[.．、](?!\d)\s*(?=\S)")
_LABEL_CELL = re.compile(r"(?:\d{1,3}\*?[.．、]?|[(（]\d{1,3}[)）]"
                         r"|[(（][一二三四五六七八九十]{1,3}[)）]|[一二三四五六七八九十]{1,3}、.*"
                         r"|[(（][一二三四五六七八九十]{1,3}[)）].+)")
# A section's label and name in a row's cell (`二、加快新型工业化进程`).
_SECTION_CELL = re.compile(r"[一二三四五六七八九十]{1,3}、\S.*")
# The columns a table without its header is read by: what each line looks like places it.
_HEADERLESS: tuple[Column, ...] = ("number", "task", "main", "person", "other")
_MIN_HEADERLESS_ROWS = 2
# A task's cell says what is to be done in a few words at least (not `62`, a figure's cell).
_MIN_TASK_HAN = 4
# A line of the document's own outline, which ends a table it follows.
_ITEM_START = re.compile(r"(?:[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十\d]{1,3}[)）]"
                         r"|\d{1,3}[.．、])")
_UNIT_ROLES: dict[Column | None, Role] = {"lead": "lead", "main": "main", "support": "support",
                                          "shared": "shared"}
# A heading is a short phrase: no sentence, list or numbering in it.
_NOT_HEADING = re.compile(r"[。,，;；、:：!！?？]|^[(（]?[一二三四五六七八九十\d]{1,3}[、.．)）]")
_MIN_HEADER = 2
_MIN_CELL_HEADER = 3
_MAX_HEADING = 14
# An aside closing a heading (`重点工作任务(杭州市2项牵头工作、19项配合工作)`).
_HEADING_ASIDE = re.compile(r"(?<=.)[(（][^()（）]*[)）]$")
_MAX_CATEGORY = 30
# The longest first part of a heading a page broke over two lines (`市政府`).
_BROKEN_HEAD = 3
# A goal heading after a task heading (or the other way) is a row's category cell, as
# `发展目标` under `序号 事项 责任单位`; two task headings are two columns.
_OTHER_CONTENT: dict[Column | None, Column] = {"task": "goal", "goal": "task"}


@dataclass(frozen=True, slots=True)
class Row:
    """One numbered row: its label as written, its task text and its units with their roles."""

    label: str
    text: str
    units: tuple[tuple[str, Role], ...] = ()
    # Cells of columns the header does not name (`指标要求`): no task text, but they may state
    # the row's figures.
    notes: tuple[str, ...] = ()
    goal: bool = False  # a row of a table of goals (`2022年预期目标`): targets, not a task


@dataclass(frozen=True, slots=True)
class Grid:
    """A table found among a page's lines: its rows in order."""

    rows: tuple[Row, ...]


@dataclass(frozen=True, slots=True)
class _Columns:
    kinds: dict[str, Column]
    words: tuple[tuple[re.Pattern[str], Column], ...]

    def kind(self, cell: str) -> Column | None:
        """The column a heading names: known exactly, or a units' heading by its words."""
        name = _HEADING_ASIDE.sub("", re.sub(r"\s+", "", cell).rstrip(":：|｜"))
        if name in self.kinds:
            return self.kinds[name]
        if len(name) > _MAX_HEADING or _NOT_HEADING.search(name):
            return None
        for pattern, kind in self.words:
            if pattern.fullmatch(name):
                return kind
        return None


@cache
def _columns() -> _Columns:
    grids = table("grids")
    kinds: dict[str, Column] = {}
    for name, role in table("clauses")["labels"].items():
        kinds[name] = "other" if role == "other" else role
    kinds.update({name: "number" for name in grids["number"]})
    kinds.update({name: "task" for name in grids["task"]})
    kinds.update({name: "other" for name in grids["other"]})
    words = tuple((re.compile(entry["pattern"]), entry["column"]) for entry in grids["words"])
    return _Columns(kinds, words)


def split_grids(lines: list[str]) -> list[str | Grid]:
    """The lines with each task table among them replaced by its Grid."""
    out: list[str | Grid] = []
    index = 0
    while index < len(lines):
        found = _separated_table(lines, index) or _cell_table(lines, index) \
            or _headerless_cell_table(lines, index)
        if found is None:
            out.append(lines[index])
            index += 1
            continue
        grid, index = found
        out.append(grid)
    return out


def _header(cells: list[str]) -> list[Column | None] | None:
    """The column each heading of a header row names, or None for a row that heads no
    table of tasks."""
    kinds = [_columns().kind(cell) for cell in cells]
    known = [kind for kind in kinds if kind is not None]
    if len(known) < _MIN_HEADER or _header_kinds_missing(known):
        return None
    return kinds


def _one_task_column(kinds: list[Column | None]) -> list[Column | None]:
    """The first task column is the task; a later one (`阶段性目标和工作任务量`, `事项内容`) is
    a detail, read for the row's figures only. Columns before the number (`领域`) hold
    section rows of their own, not cells of a row."""
    if "number" in kinds:
        kinds = kinds[kinds.index("number"):]
    first = kinds.index("task") if "task" in kinds else len(kinds)
    return [(None if kind == "task" and index > first else kind)
            for index, kind in enumerate(kinds)]


def _cells(line: str, separator: re.Pattern[str] = _SEPARATOR) -> list[str]:
    return [cell.strip() for cell in separator.split(line.strip().strip("|｜"))]


def _separator(header: str) -> re.Pattern[str] | None:
    """What separates a table's cells: ` | ` or tabs, else the spaces of a header line made
    only of known headings (`序号 重点工作任务分解 责任领导 责任部门 完成期限`)."""
    if _SEPARATOR.search(header):
        return _SEPARATOR
    words = header.split()
    known = [word for word in words if _columns().kind(word) is not None]
    return _SPACES if len(words) >= _MIN_CELL_HEADER and len(known) >= len(words) - 1 else None


def _separated_table(lines: list[str], start: int) -> tuple[Grid, int] | None:
    """A table whose rows are lines of separated cells (` | `, tabs, spaces), from its
    header row."""
    separator = _separator(lines[start])
    if separator is None:
        return None
    headings = _cells(lines[start], separator)
    while len(headings) > 1 and not headings[-1]:
        headings.pop()  # the empty cells a page leaves at the header's end (`时限要求 | ||`)
    kinds = _header(headings)
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
            heads = _ITEM_START.match(line) or (
                _is_category(line) and (not rows or len(rows[-1].cells) >= len(rows[-1].columns)))
            if heads and _next_is_row(lines, index + 1, separator):
                # A section's or category's row, its empty cells trimmed by the page.
                rows.append(_Cells([line], ["number"]))
            elif not rows or _ITEM_START.match(line):
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
        elif rows and len(cells) == 1 and _is_category(cells[0]) \
                and len(rows[-1].cells) >= len(rows[-1].columns):
            rows.append(_Cells(cells, ["number"]))  # a category row after a complete row
        elif rows:
            _continue_row(rows[-1].cells, cells, len(rows[-1].columns))
        else:
            rows.append(_Cells(cells, _one_task_column(kinds)))
        index += 1
    return Grid(tuple(row for cells in rows if (row := _row(cells.cells, cells.columns)))), index


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
    if "number" in kinds and cells and _ROW_NUMBER.fullmatch(cells[0]):
        offset = kinds.index("number")
        if (units_last := _units_from_the_right(cells, kinds[offset:])) is not None:
            return [units_last]
    elif cells and _INLINE_NUMBER.match(cells[0]):
        # A row the page cut short still opens with its task's cell.
        offset = max((index for index, kind in enumerate(kinds[: offset + 1])
                      if kind in ("task", "goal")), default=offset)
    placed = list(zip_longest(kinds[offset:], cells))
    for position, (kind, cell) in enumerate(placed):
        if cell is None:
            break
        rest = [(later, text) for later, text in placed[position + 1:] if text is not None]
        if _ROW_NUMBER.fullmatch(cell):
            row = _Cells([cell, *(text for _, text in rest)],
                         _one_task_column(["number", *(later for later, _ in rest)]))
        elif (inline := _INLINE_NUMBER.match(cell)) and kind in ("task", "goal", None):
            row = _Cells([inline[1], cell[inline.end():].strip(), *(text for _, text in rest)],
                         _one_task_column(["number", kind or "task",
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
                  _one_task_column(["number", *columns, *kinds[width:]]))


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
        if line.strip() and not _ITEM_START.match(line.strip()):
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


def _cell_table(lines: list[str], start: int) -> tuple[Grid, int] | None:
    """A table written one cell per line: a run of heading lines, then each row's cells."""
    headings: list[tuple[Column | None, int]] = []  # each heading's column and first line
    index = start
    while index < len(lines):
        kind, end = _heading_line(lines, index)
        if kind in _OTHER_CONTENT and _OTHER_CONTENT[kind] in {seen for seen, _ in headings}:
            break  # a row's category cell (`发展目标`), not a heading
        if kind is None:
            # A heading the tables do not know (`重要项目`) may stand between known ones.
            line = lines[index].strip()
            if not headings or headings[-1][0] is None or not line \
                    or len(line) > _MAX_HEADING or _LABEL_CELL.fullmatch(line):
                break
            end = _skip_blank(lines, index + 1)
        headings.append((kind, index))
        index = end
    while headings and headings[-1][0] is None:
        index = headings.pop()[1]  # an unknown last line is the first row's, not a heading
    header = [kind for kind, _ in headings]
    # Without a 序号 column, each task cell opens with its row's number (`1.主动对接…`), or
    # the number stands on a line of its own after the row's category (`强化…` then `1`).
    inline = "number" not in header and header[:1] == ["task"]
    if len(header) < _MIN_CELL_HEADER - inline or ("number" not in header and not inline) \
            or _header_kinds_missing(header):
        return None
    header = _one_task_column(["number", *header] if inline else header)
    rows, index = _cell_rows(lines, index, header, inline)
    grid_rows = [_row(cells, align(cells, header)) for cells in rows]
    return Grid(tuple(row for row in grid_rows if row)), index


def _headerless_cell_table(lines: list[str], start: int) -> tuple[Grid, int] | None:
    """A table written one cell per line whose header the page left out (an excerpt of a
    later page of the table): rows whose number stands on a line of its own, each with a
    task's text and then a units' cell, then people, deadlines and the like. What each line
    looks like places it; a run of such rows in order, most naming units, is the table."""
    if not _BARE_NUMBER.fullmatch(_cell_line(lines[start])):
        return None
    rows, index = _cell_rows(lines, start, list(_HEADERLESS), inline=False)
    numbered = [cells for cells in rows if _BARE_NUMBER.fullmatch(cells[0])]
    grid_rows = [_row(cells, align(cells, _HEADERLESS)) for cells in rows]
    with_units = sum(1 for row in grid_rows if row is not None and row.units)
    if len(numbered) < _MIN_HEADERLESS_ROWS or 2 * with_units < len(numbered) \
            or any(int(b[0]) != int(a[0]) + 1 for a, b in pairwise(numbered)) \
            or not all(len(cells) > 1 and len(_HAN.findall(cells[1])) >= _MIN_TASK_HAN
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
        if _header_run(lines, index) >= _MIN_CELL_HEADER or (
                _ITEM_START.match(lines[index].strip())
                and _header_run(lines, _skip_blank(lines, index + 1)) >= _MIN_CELL_HEADER):
            break  # the header of the next table, or the section heading it
        cell = _cell_line(lines[index])
        index += 1
        if not cell:
            continue
        numbered = _ITEM_START.match(cell) if inline else None
        if rows and len(rows[-1]) == 1 and _BARE_NUMBER.fullmatch(rows[-1][0]) \
                and _SECTION_CELL.fullmatch(cell):
            rows.insert(-1, [cell])  # the section a row opens, in the cell after its number
        elif numbered and _opens_row(cell[: numbered.end()], rows, len(header)):
            rows.append([cell[: numbered.end()], cell[numbered.end():].strip()])
        elif ((_ROW_NUMBER.fullmatch(cell) if inline else _LABEL_CELL.fullmatch(cell))
              and _opens_row(cell, rows, len(header))) \
                or not rows \
                or (len(rows[-1]) >= len(header) and _is_category(cell)):
            rows.append([cell])  # a row's number, or a category after a complete row
        else:
            rows[-1].append(cell)
    return rows, index


def _opens_row(label: str, rows: list[list[str]], width: int) -> bool:
    """Whether a number on a line of its own opens the next row rather than filling a cell
    of the row being read (`300` under `投资金额`): it does after a complete row or a
    category's, and where it numbers the row after the last one read."""
    if not rows or len(rows[-1]) >= width or not _BARE_NUMBER.fullmatch(label.strip("、.．")):
        return True
    previous = _BARE_NUMBER.fullmatch(rows[-1][0].strip("(（)）、.．"))
    return previous is None or int(label.strip("、.．")) == int(previous[0]) + 1


def _is_category(cell: str) -> bool:
    """`激发市场活力`: a short heading of the rows below it, neither a sentence nor units
    (nor a figure: a telephone number closing a row, `5555309`)."""
    return len(cell) <= _MAX_CATEGORY and not _NOT_HEADING.search(cell) \
        and not looks_like_units(cell) and _HAN.search(cell) is not None


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
        kind = _columns().kind("".join(lines[i].strip() for i in nonblank[:count]))
        if kind is not None:
            return kind, _skip_blank(lines, nonblank[count - 1] + 1)
    return None, index


def _skip_blank(lines: list[str], index: int) -> int:
    while index < len(lines) and not lines[index].strip():
        index += 1
    return index


def _header_kinds_missing(header: Sequence[Column | None]) -> bool:
    """A header naming neither a task, a goal nor a units' column heads no table of tasks."""
    return not {"task", "goal", "lead", "main"} & set(header)


def _row(cells: list[str], columns: list[Column | None]) -> Row | None:
    """The Row of one table row: a numbered row, or a category row of one short cell (its
    label empty), which heads the rows below it; None for any other row without a number."""
    label = cells[0].strip().replace("*", "")  # `1*`: a footnote's mark, not the number
    if not _LABEL_CELL.fullmatch(label):
        filled = [cell for cell in cells if cell.strip()]
        category = len(filled) == 1 and len(label) <= _MAX_CATEGORY
        return Row("", label) if category else None
    if _BARE_NUMBER.fullmatch(label):
        label += "、"
    text_parts: list[str] = []
    notes: list[str] = []
    units: list[tuple[str, Role]] = []
    for kind, cell in zip(columns[1:], cells[1:], strict=False):
        if kind in ("task", "goal"):
            text_parts.append(cell)
        elif kind is None:
            notes.append(cell)
        elif (role := _UNIT_ROLES.get(kind)) is not None and looks_like_units(cell):
            units.append((cell, role))
    if not text_parts:
        text_parts, notes = notes, []
    return Row(label, "".join(text_parts).strip(), tuple(units), tuple(notes),
               goal="goal" in columns and "task" not in columns)
