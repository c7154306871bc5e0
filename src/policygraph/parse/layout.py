"""From a scraped page to the lines of the document: page noise out, one-line pages split.

Sites wrap a document in navigation, metadata fields, share buttons and footers; some pages
collapse the whole document into one line. This module drops the noise lines listed in
`tables/noise.toml`, cuts the distribution list and footer at the end, and splits long lines
before each numbering marker so that the outline parser sees one item per block.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .normalize import HAN
from .rules import table
from .sharing_sites import sharing_site_lines

# A line this long, or holding this many markers after spaces, is a collapsed page (or run of
# paragraphs) worth splitting at its numbering markers.
_LONG_LINE = 200
_MANY_MARKERS = 3
# Where an item may start in a collapsed line: after white space, a bracketed marker right
# after a sentence's end (`…改革。(1)全面落实…`), or the first section after the notice's
# `如下:` (`…通知如下:一、地区计划纲要…`).
_CUT_BEFORE = re.compile(r"\s+|(?<=[。;；])|(?<=如下[:：])(?=一、)")
_NEXT_SUB_ITEM = re.compile(r"(?<=[。;；])[(（](?:[2-9]|[1-9]\d)[)）]")
_CLOSING_SECTION = re.compile(r"[一二三四五六七八九十]{1,3}、[^。,，;；:：]{2,15}")


@dataclass(frozen=True, slots=True)
class NoiseRules:
    """Compiled noise patterns."""

    line_start: re.Pattern[str]
    anywhere: re.Pattern[str]
    short_line: int
    inline_tail: re.Pattern[str]
    tail_start: re.Pattern[str]
    list_bullet: re.Pattern[str]


@cache
def noise_rules() -> NoiseRules:
    rules = table("noise")
    return NoiseRules(
        line_start=re.compile(r"\s*(?:" + "|".join(rules["line_start"]) + ")"),
        anywhere=re.compile("|".join(re.escape(word) for word in rules["anywhere_short"])),
        short_line=rules["short_line"],
        inline_tail=re.compile(rules["inline_tail"]),
        tail_start=re.compile(r"\s*(?:" + "|".join(rules["tail_start"]) + ")"),
        list_bullet=re.compile(rules["list_bullet"]),
    )


# A line of another language and no Han character: a translation the page appends
# (`Municipalities and all state organs: 1. The outline…`), whose numbers are no items'.
_WORD = re.compile(r"[A-Za-z]{3,}")
_FOREIGN_WORDS = 4


def _foreign(line: str) -> bool:
    return HAN.search(line) is None and len(_WORD.findall(line)) >= _FOREIGN_WORDS


# A page's headline in title marks (`《成都市人民政府办公厅关于…的通知》`) among its first lines:
# the title line itself, not a document it cites (a headline that sends out a plan, `关于印发…`,
# is read as the wrapper it is).
_QUOTED_HEADLINE = re.compile(
    r"^《((?:(?!印发)[^《》]){6,80}(?:通知|方案|意见|要点|计划|办法|决定|清单))》$")
_HEADLINE_LINES = 3


def is_noise(line: str) -> bool:
    """Whether a whole line is page furniture rather than document text."""
    rules = noise_rules()
    if rules.line_start.match(line) or _foreign(line):
        return True
    return len(line) <= rules.short_line and rules.anywhere.search(line) is not None


def content_lines(text: str) -> list[str]:
    """The document's own lines: noise lines and list bullets dropped, the tail cut, blank
    lines kept as ''."""
    rules = noise_rules()
    kept: list[str] = []
    for raw in sharing_site_lines(text.split("\n")):
        if rules.tail_start.match(raw):
            break
        line = rules.list_bullet.sub("", rules.inline_tail.sub("", raw).strip())
        if sum(1 for earlier in kept if earlier) < _HEADLINE_LINES:
            line = _QUOTED_HEADLINE.sub(r"\1", line)
        kept.append("" if is_noise(line) else line)
    return kept


def split_long_line(line: str, marker_start: re.Pattern[str]) -> list[str]:
    """A collapsed line cut before every marker that follows white space, and before every
    bracketed marker that follows a sentence's end (a short line only before a later
    sub-item's bracketed number after a sentence's end).

    Whether a cut is a real item boundary is for the outline parser to decide; a cut that turns
    out not to be one is joined back by it.
    """
    cuts = sorted({m.end() for m in _CUT_BEFORE.finditer(line) if marker_start.match(line, m.end())
                   and (not m.group().strip() or line[m.end()] in "(（")})
    if len(line) < _LONG_LINE and len(cuts) < _MANY_MARKERS:
        # A short line is cut only where a sentence ends before a numbered sub-item of a list
        # the page wrapped (`…防护措施。(2)12月底,…`).
        # …and before the next section's heading that closes a paragraph after a space
        # (`…制定本实施细则。 一、工作目标`).
        cuts = [cut for cut in cuts if _NEXT_SUB_ITEM.match(line, cut)
                or (_CLOSING_SECTION.fullmatch(line, cut) is not None
                    and line[:cut].rstrip().endswith(("。", ";", "；")))]
    if not cuts:
        return [line]
    pieces, start = [], 0
    for cut in cuts:
        pieces.append(line[start:cut].rstrip())
        start = cut
    pieces.append(line[start:])
    return [piece for piece in pieces if piece]
