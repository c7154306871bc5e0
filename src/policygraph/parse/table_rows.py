"""What a task table's header and rows say, however the page flattened the table.

Each heading names a column (`tables/grids.toml`, and the clause labels of
`tables/clauses.toml` for the units' columns): the row's number, the task, its units by role,
or a deadline, progress or remark column that is dropped. A numbered row becomes a Row whose
text is its task cell and whose units come from their columns; a short unnumbered cell heads
the rows below it as their category.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from .cell_rows import Column, looks_like_units
from .clauses import Role
from .normalize import HAN
from .rules import table

BARE_NUMBER = re.compile(r"\d{1,3}")
# A row's number in a cell of its own (`1`, `1.`, `(1)`), or opening its task's cell.
ROW_NUMBER = re.compile(r"\d{1,3}\*?[.．、]?|[(（]\d{1,3}[)）]")
LABEL_CELL = re.compile(r"(?:\d{1,3}\*?[.．、]?|[(（]\d{1,3}[)）]"
                        r"|[(（][一二三四五六七八九十]{1,3}[)）]|[一二三四五六七八九十]{1,3}、.*"
                        r"|[(（][一二三四五六七八九十]{1,3}[)）].+)")
# A line of the document's own outline, which ends a table it follows.
ITEM_START = re.compile(r"(?:[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十\d]{1,3}[)）]"
                        r"|\d{1,3}[.．、])")
MIN_CELL_HEADER = 3
MAX_HEADING = 14
_UNIT_ROLES: dict[Column | None, Role] = {"lead": "lead", "main": "main", "support": "support",
                                          "shared": "shared"}
# A heading is a short phrase: no sentence, list or numbering in it.
_NOT_HEADING = re.compile(r"[。,，;；、:：!！?？]|^[(（]?[一二三四五六七八九十\d]{1,3}[、.．)）]")
_MIN_HEADER = 2
# An aside closing a heading (`重点工作任务(杭州市2项牵头工作、19项配合工作)`).
_HEADING_ASIDE = re.compile(r"(?<=.)[(（][^()（）]*[)）]$")
_MAX_CATEGORY = 30


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
        if len(name) > MAX_HEADING or _NOT_HEADING.search(name):
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


def heading_names() -> list[str]:
    """The column headings the tables list by name (`序号`, `工作内容`, `责任单位`, `备注`)."""
    return list(_columns().kinds)


def heading_column(cell: str) -> Column | None:
    """The column a heading names, if any."""
    return _columns().kind(cell)


def header_columns(cells: list[str]) -> list[Column | None] | None:
    """The column each heading of a header row names, or None for a row that heads no
    table of tasks."""
    kinds = [heading_column(cell) for cell in cells]
    known = [kind for kind in kinds if kind is not None]
    if len(known) < _MIN_HEADER or names_no_task(known):
        return None
    return kinds


def one_task_column(kinds: list[Column | None]) -> list[Column | None]:
    """The first task column is the task; a later one (`阶段性目标和工作任务量`, `事项内容`) is
    a detail, read for the row's figures only. Columns before the number (`领域`) hold
    section rows of their own, not cells of a row."""
    if "number" in kinds:
        kinds = kinds[kinds.index("number"):]
    first = kinds.index("task") if "task" in kinds else len(kinds)
    return [(None if kind == "task" and index > first else kind)
            for index, kind in enumerate(kinds)]


def names_no_task(header: Sequence[Column | None]) -> bool:
    """A header naming neither a task, a goal nor a units' column heads no table of tasks."""
    return not {"task", "goal", "lead", "main"} & set(header)


def is_category(cell: str) -> bool:
    """`激发市场活力`: a short heading of the rows below it, neither a sentence nor units
    (nor a figure: a telephone number closing a row, `5555309`)."""
    return len(cell) <= _MAX_CATEGORY and not _NOT_HEADING.search(cell) \
        and not looks_like_units(cell) and HAN.search(cell) is not None


def read_row(cells: list[str], columns: list[Column | None]) -> Row | None:
    """The Row of one table row: a numbered row, or a category row of one short cell (its
    label empty), which heads the rows below it; None for any other row without a number."""
    label = cells[0].strip().replace("*", "")  # `1*`: a footnote's mark, not the number
    if not LABEL_CELL.fullmatch(label):
        filled = [cell for cell in cells if cell.strip()]
        category = len(filled) == 1 and len(label) <= _MAX_CATEGORY
        return Row("", label) if category else None
    if BARE_NUMBER.fullmatch(label):
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
