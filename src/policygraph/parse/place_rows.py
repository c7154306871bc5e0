"""Goals broken down by place, a place a row: `县(市、区) | 碳强度下降目标 | 节能目标` then
`通川区 | 19% | 17%`.

A 目标分解表 that hands a goal down to the divisions below gives each division a row and
each goal a column whose heading says it is a goal or a task (`碳强度下降目标`,
`2023年小麦任务面积`); other columns hold what the division has (`可种植面积`), who answers
for it (`责任部门`) or remarks. Each figure of a goal's column is a target of its place, read
as the sentence `通川区碳强度下降目标19%` with the unit its cell, the heading's brackets or the
table's unit line (`面积:万亩`, `单位:万吨`) gives. The rows carry no number, so no outline
item reads them.
"""

from __future__ import annotations

import re

from .goal_table import BOUND_WORDS, FIGURE
from .regions import lookup_all

_SEPARATOR = re.compile(r"\s*[|｜]\s*")
# The heading of the column of places: a level's name, with the other levels in brackets.
_PLACE_HEADING = re.compile(r"(?:各)?(?:县|市|区|乡|镇|街道|地区|盟|旗|乡镇|县市区|单位)"
                            r"[\u4e00-\u9fff]{0,4}(?:[(（][^)）]{1,8}[)）])?")
_GOAL_HEADING = re.compile(r"目标|任务")
# Columns of what is done already or when, which set no goal (`完成情况`, `任务完成时限`).
_NOT_GOAL = re.compile(r"完成|进展|进度|时限|时间|情况|备注|责任|部门|单位")
# The table's unit, on a line of its own just above its header (`面积:万亩`, `单位:万吨`).
_UNIT_LINE = re.compile(r"(?:单位|面积|计量单位)\s*[:：]\s*(?P<unit>[^\s|｜:：,，。]{1,6})")
_UNIT_LINES_ABOVE = 3
_HEADING_UNIT = re.compile(r"[(（](?P<unit>[^()（）\d]{1,6})[)）]$")
_TOTALS = re.compile(r"合计|总计|小计|全市|全县|全区|全省|全州|全盟")
_PLACE_ENDINGS = ("县", "市", "区", "乡", "镇", "街道", "场", "旗", "盟", "园区", "开发区")


def place_row_sentences(text: str) -> list[str]:
    """One sentence a figure of every goal's column of every table by place in the text."""
    lines = text.split("\n")
    sentences: list[str] = []
    for index, line in enumerate(lines):
        header = _cells(line)
        if len(header) < 2 or not _PLACE_HEADING.fullmatch(header[0]):
            continue
        goals = [column for column, heading in enumerate(header)
                 if column and _GOAL_HEADING.search(heading) and not _NOT_GOAL.search(heading)]
        if goals:
            unit = _table_unit(lines[max(0, index - _UNIT_LINES_ABOVE):index])
            sentences += _rows(lines[index + 1:], header, goals, unit)
    return sentences


def _rows(lines: list[str], header: list[str], goals: list[int], unit: str) -> list[str]:
    sentences: list[str] = []
    for line in lines:
        cells = _cells(line)
        if len(cells) < 2:
            break
        place = cells[0].replace(" ", "")
        if _TOTALS.search(place) or not _is_place(place):
            continue
        for column in goals:
            found = FIGURE.fullmatch(cells[column]) if column < len(cells) else None
            if found is None:
                continue
            heading = header[column]
            in_heading = _HEADING_UNIT.search(heading)
            name = heading[: in_heading.start()] if in_heading else heading
            written = found["after"] or (in_heading["unit"] if in_heading else unit)
            sentences.append(f"{place}{name}{BOUND_WORDS.get(found['before'], '')}"
                             f"{found['number']}{written}")
    return sentences


def _cells(line: str) -> list[str]:
    if not _SEPARATOR.search(line):
        return []
    return [cell.strip() for cell in _SEPARATOR.split(line.strip().strip("|｜"))]


def _table_unit(above: list[str]) -> str:
    for line in reversed(above):
        if found := _UNIT_LINE.search(line):
            return found["unit"]
    return ""


def _is_place(name: str) -> bool:
    return 2 <= len(name) <= 12 and (name.endswith(_PLACE_ENDINGS) or bool(lookup_all(name)))
