"""Goals broken down by place, a place a column, written one cell per line with no row
numbers: a 综合目标 table of an assessment (`目标类别 | 考核项目及内容 | 全市 | 巴州区 | 恩阳区 …
| 分值 | 考核实施单位`, then `主要经济指标 | 地区生产总值(亿元) | 466 | 112 | 45 …`).

Each indicator's cell carries its unit in brackets and is followed by one figure a place, in
the order of the header's places, then perhaps the row's score and the bodies that assess it.
A category's cell (`主要经济指标`) stands before the first of its rows only, and a row may have
fewer figures than places where the merged cells of the places at its end were left empty.
Each figure is read as the sentence `巴州区地区生产总值112亿元`. The rows carry no number, so no
outline item reads them.
"""

from __future__ import annotations

import re

from .goal_table import FIGURE, is_place

# The headings of the columns before the places: the category and the indicator.
_LABEL = re.compile(r"(?:目标|指标|考核)?类别|(?:考核)?(?:项目|指标|内容)(?:名称|及内容|内容)?")
_MAX_LABELS = 2
_MIN_PLACES = 2
_TOTAL = re.compile(r"全[省市县区州盟旗]|合计|总计")
# An indicator's cell: its name and its unit in brackets (`地区生产总值(亿元)`); a page may have
# lost the unit (`城镇居民人均可支配收入()`), and then the figures are read with none.
_INDICATOR = re.compile(r"(?P<name>[^\d()（）]{2,24})[(（](?P<unit>[^()（）\d]{0,6})[)）]")
# A numbered item or a heading of the outline ends the table.
_OUTLINE = re.compile(r"[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十]+[)）]")


def place_column_sentences(text: str) -> list[str]:
    """One sentence a figure of every table of goals by place, a place a column, in the text."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    sentences: list[str] = []
    for index in range(len(lines)):
        places = _places_after_labels(lines, index)
        if places:
            sentences += _rows(lines[index + 1:], places)
    return sentences


def _places_after_labels(lines: list[str], start: int) -> list[str]:
    """The places a header starting at `start` names after one or two labels' headings."""
    position = start
    while position < len(lines) and position - start < _MAX_LABELS \
            and _LABEL.fullmatch(lines[position]):
        position += 1
    if position == start or (start and _LABEL.fullmatch(lines[start - 1])):
        return []
    places: list[str] = []
    while position < len(lines) and (_TOTAL.fullmatch(lines[position])
                                     or is_place(lines[position])):
        places.append(lines[position])
        position += 1
    return places if len(places) >= _MIN_PLACES else []


def _rows(lines: list[str], places: list[str]) -> list[str]:
    sentences: list[str] = []
    index = 0
    while index < len(lines) and not _OUTLINE.match(lines[index]):
        found = _INDICATOR.fullmatch(lines[index])
        index += 1
        if found is None:
            continue  # a category's cell, a score, the assessing bodies, a remark
        figures: list[str] = []
        while index < len(lines) and FIGURE.fullmatch(lines[index]) \
                and lines[index][:1].isdigit():
            figures.append(lines[index])
            index += 1
        sentences += [f"{place}{found['name']}{figure}{found['unit']}"
                      for place, figure in zip(places, figures, strict=False)]
    return sentences
