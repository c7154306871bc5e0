"""Pages of document-sharing sites, which serve a document cut into numbered chunks.

A sharing site (`《….docx》由会员分享,可在线阅读`) serves a document in chunks of a few hundred
characters, one per line (`1、…`, `2、…`), each cut off mid-sentence, even mid-word, and the
next going on with it (`…个体工商` / `2、户提供…`). Its tables lose their grid: header and
rows glued into one run of text (`…分工表序号工作内容目标任务责任单位备注1将生活垃圾…`).
"""

from __future__ import annotations

import re
from functools import cache

from .table_rows import heading_names

# What a sharing site's page says of itself (a plan's own numbered items, one per line, may
# look like chunks where a mirror cut each line short).
_SHARING_SITE = re.compile(r"由会员分享|可在线阅读|珍藏版|文库|文档下载|下载积分|原创力文档"
                           r"|道客巴巴|豆丁|三一办公|第壹文秘")
_CHUNK = re.compile(r"(?P<number>[1-9]\d?)、")
_CHUNK_LEAST = 60
# Where a chunk's cut falls: inside a word or a list, not after a sentence or a bracket.
_CUT_INSIDE = re.compile(r"[\u4e00-\u9fffA-Za-z0-9,，、“《(（]$")
_LEAST_HEADING_CHARACTERS = 4
_FIRST_SECTION = re.compile(r"(?<=[\u4e00-\u9fff)）])一、")
_TITLE_REACH = 80


def sharing_site_lines(lines: list[str]) -> list[str]:
    """The lines with a run of chunks joined back into the text they cut, on a sharing site's
    page, and a glued table's first row set on a line of its own, numbered as rows are
    (`1、…`)."""
    if any(_SHARING_SITE.search(line) for line in lines):
        lines = _joined_chunks(lines)
    return [piece for line in lines for piece in _glued_table_opened(line)]


def _joined_chunks(lines: list[str]) -> list[str]:
    """A run of lines numbered `1、`, `2、`, … in turn, each but the last long and cut off
    inside a word or a list, as the one line of text they cut."""
    numbered = [index for index, line in enumerate(lines) if line.strip()]
    for position, index in enumerate(numbered):
        first = _CHUNK.match(lines[index].strip())
        if first is None or first["number"] != "1":
            continue
        run = [index]
        for later in numbered[position + 1:]:
            previous = lines[run[-1]].strip()
            found = _CHUNK.match(lines[later].strip())
            if found is None or int(found["number"]) != len(run) + 1 \
                    or len(previous) < _CHUNK_LEAST or not _CUT_INSIDE.search(previous):
                break
            run.append(later)
        if len(run) >= 2:
            text = "".join(_CHUNK.sub("", lines[chunk].strip(), count=1) for chunk in run)
            return [*lines[:run[0]], *_title_apart(text), *lines[run[-1] + 1:]]
    return lines


def _title_apart(text: str) -> list[str]:
    """The first chunk opens with the document's title, glued to its first section
    (`…工作方案(一)一、治理畜牧业产品污染…`): the title on a line of its own."""
    found = _FIRST_SECTION.search(text, 0, _TITLE_REACH)
    return [text[:found.start()], text[found.start():]] if found else [text]


@cache
def _glued_header() -> re.Pattern[str]:
    """`序号` (or `序`) and the headings glued after it, the last a heading the tables know
    (`责任单位`, `备注`), then the first row's number glued to its text."""
    names = "|".join(re.escape(name) for name in sorted(heading_names(), key=len, reverse=True))
    return re.compile(rf"(?:序号|编号|序)[\u4e00-\u9fff]{{{_LEAST_HEADING_CHARACTERS},40}}?"
                      rf"(?:{names})(?=1[\u4e00-\u9fff])")


def _glued_table_opened(line: str) -> list[str]:
    """`…分工表序号工作内容…备注1将…` as the title with its header, then `1、将…`; the
    number of the one chunk that served them (`1、…分工表序号…`) is no item's."""
    found = _glued_header().search(line)
    if found is None:
        return [line]
    return [line[:found.end()].removeprefix("1、"), "1、" + line[found.end() + 1:]]
