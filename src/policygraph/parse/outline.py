"""The outline of a plan: numbered items nested as the document nests them.

Plans number their items in any mix of styles (`一、` `(一)` `1.` `(1)` `①` …) and to any depth,
and a style's level differs from one document to the next, so the nesting is learnt from the
order in which the styles appear: a marker of a style already open continues that level (it
must be the next number), a marker of a new style opens a level below the current item (it must
be 1, or continue that style's numbering from an earlier branch, as plans that number their
items straight through do). Anything else that looks like a marker is ordinary text.

Unnumbered banner headings (short lines standing before a numbered item) start a new top-level
section; they add no label to paths but say what kind of section follows.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace

from .brackets import top_level_groups
from .clauses import is_clause_line, read_responsibility
from .grid import split_grids
from .headings import SectionKind, section_kind
from .layout import split_long_line
from .markers import REPEATS, Marker, family_rank, marker_start, match_marker
from .numerals import chinese_numeral, chinese_to_int
from .table_rows import Grid, Row
from .units import is_body_name

_BANNER_MAX = 30
# A label of the work listed after it on the same line (`主要内容:(1)…`), not of what a task
# holds (`资金来源:1.…`).
_LIST_LABEL = re.compile(r"\s*((?:主要|具体|工作|重点)(?:内容|任务|措施|举措)[:：])\s*")
_DUTY = re.compile(r"(?:主要)?(?:负责|承担)[^。]{2,60}。$")
# A line labelled as naming units or people (`XX单位:`, `XX领导:`), known label or not.
_LABELLED_LINE = re.compile(r"\s*[【\[〔(（]?[\u4e00-\u9fff]{0,8}"
                            r"(?:单位|部门|处室|科室|领导|责任人)\s*[】\]〕)）]?\s*[:：]")
_SENTENCE_PUNCTUATION = set("。,，;；:：!！?？")
_SENTENCE_END = tuple("。!！?？;；:：")
# Where a page runs one item into the next: a sentence's end, or a clause's closing bracket.
_SENTENCE_BREAK = re.compile(r"[。;；:：)）〕]")
# A section's first arabic sub-item glued to the words before it (`…快速发展1、学前…`, or
# `3、` where the numbering runs on across sections).
_GLUED_FIRST = re.compile(r"(?<=[\u4e00-\u9fff)）])(\d{1,2})([、.．])(?=[\u4e00-\u9fff])")
# … or its first `(一)` sub-item (`一、实施内容(一)建设规模。`).
_GLUED_FIRST_PAREN = re.compile(r"(?<=[\u4e00-\u9fff])[(（]([一二三四五六七八九])[)）]"
                                r"(?=[\u4e00-\u9fff])")
# … or, under an arabic item, its first `(1)` sub-item (`1.实行保洁全覆盖管理(1)主次干道…`).
_GLUED_FIRST_ARABIC_PAREN = re.compile(r"(?<=[\u4e00-\u9fff])[(（]1[)）](?=[\u4e00-\u9fff])")
_GLUED_REACH = 60
# A section's `X、` glued to the words before it, opening a heading (`…下旬三、工作重点`, not
# `抓好三、四月份…`).
_GLUED_SECTION = re.compile(r"(?<=[\u4e00-\u9fff])[一二三四五六七八九十]{1,3}、"
                            r"(?=[^一二三四五六七八九十两\d\s、,，。;；:：])")
# The second section's number glued to the words before it or after a sentence's end.
_SECOND_SECTION = re.compile(r"(?<=[\u4e00-\u9fff。;；)）])二、"
                             r"(?=[^一二三四五六七八九十两\d\s、,，。;；:：])")
# A section's heading alone, before a sub-item glued to it: no sentence's or clause's mark.
_BARE_HEADING = re.compile(r"[^。;；!！?？,，:：]{2,40}")
_RUNS_ON_AT_LENGTH = 40
_LOOKAHEAD_LINES = 30
_CIRCLED = "circled"
_LEAST_BODY_BANNERS = 2
# An item may skip this many numbers after its sibling: a department's or a county's extract
# of a longer list keeps the list's numbers (`28.` then `34.`).
_MAX_SKIP = 10
# How many blocks on the numbering is looked for that tells a skipped number from text.
_LOOKAHEAD = 200


@dataclass(eq=False)
class Item:
    """A numbered item (or the document root) with its own text and its sub-items."""

    marker: Marker | None
    parent: Item | None = None
    blocks: list[str] = field(default_factory=list)
    children: list[Item] = field(default_factory=list)
    banner: str | None = None
    row: Row | None = None  # the table row the item was read from
    table_section: bool = False  # a table's row numbered as a section (`二、…`), no task's

    @property
    def path(self) -> list[str]:
        labels: list[str] = []
        item: Item | None = self
        while item is not None and item.marker is not None:
            labels.append(item.marker.path_label)
            item = item.parent
        return labels[::-1]

    def ancestors(self) -> Iterator[Item]:
        """This item and its parents up to (not including) the root."""
        item: Item | None = self
        while item is not None and item.marker is not None:
            yield item
            item = item.parent

    def walk(self) -> Iterator[Item]:
        """Every item below this one, in reading order."""
        for child in self.children:
            yield child
            yield from child.walk()


def repeated_numbers(root: Item) -> list[str]:
    """A warning for each item numbered like the item before it, naming where it was read."""
    return [f"{item.marker.label} {_opening(item.blocks[0])} repeats the number of the item "
            f"before it; read as item {' '.join(item.path)}"
            for item in root.walk() if item.marker is not None and item.marker.repeat]


def _opening(text: str, length: int = 20) -> str:
    return text if len(text) <= length else text[:length] + "…"


def parse_outline(lines: list[str]) -> Item:
    """The outline tree of a document body; `lines` may contain blank lines ('')."""
    root = _OutlineParser().parse(_blocks(lines))
    for item in [root, *root.walk()]:
        _lift_group_clause(item)
    return root


def _lift_group_clause(item: Item) -> None:
    """A clause on lines of its own after the last of several sub-items, none of which has
    a clause of its own, names the units of them all: it moves to their parent.

    (`1.完善应急预案体系` `(1)…` `(2)…` `(责任单位:…)` gives the units of (1) and (2); so do
    `主办单位:A` `协办单位:B` after a section's last item.)
    """
    runs = _runs(item.children)
    if len(runs) == 1:
        lines = _group_clause(runs[0])
        if lines:
            item.blocks.extend(lines)
            del runs[0][-1].blocks[-len(lines):]
        return
    # Runs of one numbering among other items (an excerpt's `1、`…`4、` before `八、`): the
    # clause is copied to the run's items, whose parent holds other items too.
    for run in runs:
        lines = _group_clause(run)
        for child in run[:-1] if lines else ():
            child.blocks.extend(lines)


def _runs(children: list[Item]) -> list[list[Item]]:
    """Consecutive items numbered in one style."""
    runs: list[list[Item]] = []
    for child in children:
        family = child.marker.style.family if child.marker else None
        if runs and runs[-1][-1].marker and runs[-1][-1].marker.style.family == family:
            runs[-1].append(child)
        else:
            runs.append([child])
    return runs


def _group_clause(run: list[Item]) -> list[str]:
    """The clause lines closing the last of several items (itself without sub-items), none
    of the others having a clause of its own; [] where there is none."""
    if len(run) < 2 or run[-1].children:
        return []
    last = run[-1]
    start = len(last.blocks)
    while start > 1 and is_clause_line(last.blocks[start - 1]):
        start -= 1
    if start == len(last.blocks):
        return []
    clause = read_responsibility("\n".join(last.blocks[start:])).responsibility
    if clause is None or clause.supporting_only \
            or any(read_responsibility("\n".join(child.blocks)).responsibility is not None
                   for child in run[:-1]):
        return []
    return last.blocks[start:]


def _blocks(lines: list[str]) -> list[str | Grid]:
    blocks: list[str | Grid] = []
    for line in split_grids(lines):
        if isinstance(line, Grid) or not line:
            blocks.append(line)
        else:
            for piece in (piece for part in _cut_before_first_section(line)
                          for clause in _cut_after_opening_clause(part)
                          for labelled in _cut_after_label(clause)
                          for piece in split_long_line(labelled, marker_start())):
                blocks.extend(_split_siblings(piece))
    return _split_glued_first_items(blocks)


def _cut_after_label(line: str) -> list[str]:
    """`主要内容:(1)加强…。(2)…`: a short label announcing the list its line goes on with, cut
    from the list's first item."""
    found = _LIST_LABEL.match(line)
    marker = match_marker(line[found.end():]) if found else None
    if found is None or marker is None or marker.number != 1:
        return [line]
    return [found[1], line[found.end():]]


def _cut_after_opening_clause(line: str) -> list[str]:
    """`(责任单位:市城建局)2.完成…`: the clause of the item above, on a line of its own that
    runs on into the next item, is cut from it."""
    group = next(top_level_groups(line), None)
    if group is None or group.start != 0 or not is_clause_line(line[: group.end]) \
            or match_marker(line[group.end:]) is None:
        return [line]
    return [line[: group.end], line[group.end:]]


def _cut_before_first_section(block: str) -> list[str]:
    """`…责任单位职责分解一、县城区办事处(一)积极做好…二、县建设局(一)…`: a page run into
    one line from its title on, its first section's `一、` glued to the title, is cut before
    it where the same line goes on to the second section's `二、`, glued or after a sentence."""
    if match_marker(block) is not None:
        return [block]
    for first in _GLUED_SECTION.finditer(block):
        if first[0] == "一、" and any(match_marker(block[found.start():]) is not None
                                     for found in _SECOND_SECTION.finditer(block, first.end())):
            return [block[: first.start()], block[first.start():]]
    return [block]


def _split_glued_first_items(blocks: list[str | Grid]) -> list[str | Grid]:
    """`一、明确目标任务,促进学前教育快速发展1、学前三年教育发展目标。`: a section's line that
    runs on into its first sub-item without a break, where a line a little further on opens
    the next (`2、推进…`), is cut before the first."""
    out: list[str | Grid] = []
    for index, block in enumerate(blocks):
        later = blocks[index + 1 : index + 1 + _LOOKAHEAD_LINES]
        out += _cut_glued_first(block, later) if isinstance(block, str) else [block]
    return out


def _cut_glued_first(block: str, later: list[str | Grid]) -> list[str]:
    """The block cut before the first sub-item glued into it, the piece from that sub-item on
    read again for a sub-item glued to its own heading in turn (`二、实施步骤(一)部署阶段
    (10月至11月)1、召开…`)."""
    found = _glued_first(block)
    if found is None:
        return [block]
    glued, second = found
    head, rest = block[: glued.start()], block[glued.start():]
    if any(isinstance(line, str) and line.startswith(second) for line in later):
        return [head, *_cut_glued_first(rest, later)]
    if _runs_on_to(block, glued.end(), second) or _glued_after_bare_heading(block, glued) \
            or _opens_its_own_list(block, glued, later):
        return [head, *(piece for sibling in _split_siblings(rest)
                        for piece in _cut_glued_first(sibling, later))]
    return [block]


def _runs_on_to(block: str, start: int, openings: tuple[str, ...]) -> bool:
    """Whether the block itself runs on into the next sibling after a sentence's end or a
    clause's bracket (`(一)加强宣传。…(县林业局负责)(二)清理…`), as a page that ran the whole
    section into one line does."""
    return any(_SENTENCE_BREAK.fullmatch(block[found.start() - 1])
               for opening in openings
               for found in re.finditer(re.escape(opening), block)
               if found.start() > start)


def _glued_after_bare_heading(block: str, glued: re.Match[str]) -> bool:
    """`一、强化目标责任约束(一)分解目标任务。综合考虑…`: the first sub-item (numbered one)
    glued right after its section's bare heading, no sentence or clause between them, and
    running on at length, as a page that collapsed into one line runs it, even where the page
    ends before the next sibling."""
    marker = match_marker(block)
    return marker is not None and glued[1] in ("1", "一") \
        and _BARE_HEADING.fullmatch(block[marker.end:glued.start()]) is not None \
        and len(block) - glued.end() >= _RUNS_ON_AT_LENGTH


def _opens_its_own_list(block: str, glued: re.Match[str], later: list[str | Grid]) -> bool:
    """`二、主要任务(一)加强基础设施建设。` then `1.改造…`: a first `(一)` glued to its section's
    bare heading, whose own first arabic sub-item opens the next line, as on a page the end
    cut before the section's second `(二)`."""
    marker = match_marker(block)
    following = next((line for line in later if not isinstance(line, str) or line), None)
    opened = match_marker(following) if isinstance(following, str) else None
    return marker is not None and glued[0].startswith(("(", "（")) and glued[1] == "一" \
        and _BARE_HEADING.fullmatch(block[marker.end:glued.start()]) is not None \
        and opened is not None and opened.style.family == "arabic" and opened.number == 1


def _glued_first(block: str) -> tuple[re.Match[str], tuple[str, ...]] | None:
    """The first sub-item glued into a section's line (`…发展1、学前…`, `…内容(一)建设…`,
    `…管理(1)主次…`), with the ways its next sibling's line may open."""
    marker = match_marker(block)
    if marker is None:
        return None
    head = block[:_GLUED_REACH]
    found: list[tuple[re.Match[str], tuple[str, ...]]] = []
    if marker.style.family != "arabic" and (glued := _GLUED_FIRST.search(head)):
        found.append((glued, (f"{int(glued[1]) + 1}{glued[2]}",)))
    if marker.style.family == "chinese" and (glued := _GLUED_FIRST_PAREN.search(head)):
        following = chinese_numeral(chinese_to_int(glued[1]) + 1)
        found.append((glued, (f"({following})", f"（{following}）")))
    if marker.style.family == "arabic" and (glued := _GLUED_FIRST_ARABIC_PAREN.search(head)):
        found.append((glued, ("(2)", "（2）")))
    # (the first of them: `二、实施步骤(一)部署阶段1、召开…` opens with its `(一)`)
    return min(found, key=lambda pair: pair[0].start(), default=None)


def _split_siblings(block: str) -> list[str]:
    """Items a page ran together after a sentence's end: `(一)开展规划编制。(二)推进…` is cut
    before each next number of the style the block starts with, `1.完善机制。①建立…②…`
    before a circled list the item opens after its first sentence, and `3.农村危房改造:(1)…`
    before a list its heading opens with a colon; the next section glued to the words before
    it (`二、实施时间:3月中旬—6月下旬三、工作重点`) is cut before too."""
    marker = match_marker(block)
    if marker is None:
        return [block]
    pieces, start = [], 0
    numbers = {marker.style.family: marker.number}
    ends = {found.end() for found in _SENTENCE_BREAK.finditer(block, marker.end)}
    glued = {found.start() for found in _GLUED_SECTION.finditer(block, marker.end)}
    for end in sorted(ends | glued):
        following = match_marker(block[end:])
        if following is None or (end not in ends and following.style.family != "chinese"):
            continue
        family = following.style.family
        opens = family == _CIRCLED or block[end - 1] in ":："  # a list the item opens
        expected = numbers.get(family, 0 if opens else -1) + 1
        if following.number == expected:
            pieces.append(block[start:end])
            start, numbers[family] = end, following.number
    return [*pieces, block[start:]]


class _OutlineParser:
    """Builds the item tree block by block, keeping the stack of open items."""

    def __init__(self) -> None:
        self.root = Item(marker=None)
        self.stack: list[Item] = [self.root]
        self.last_number: dict[str, int] = {}
        # The page begins inside an outline (at `(三)` or `5.`): its styles' numbering may
        # run on from parts the page does not show.
        self.mid_document = False
        self.banner: str | None = None
        self.body_banners: frozenset[str] = frozenset()

    def parse(self, blocks: list[str | Grid]) -> Item:
        text_blocks = [block for block in blocks if block]
        self.body_banners = _body_banners(text_blocks)
        index = 0
        while index < len(text_blocks):
            block = text_blocks[index]
            if isinstance(block, Grid):
                self._graft(block)
                index += 1
                continue
            banner_end = self._banner_run(text_blocks, index)
            if banner_end > index:
                self.banner = " ".join(str(line) for line in text_blocks[index:banner_end]
                                       if not _is_duty(line))
                self.stack = [self.root]
                index = banner_end
                continue
            marker = match_marker(block)
            if marker is None or not self._open(marker, block, later=text_blocks[index + 1:]):
                self.stack[-1].blocks.append(block)
            index += 1
        return self.root

    def _graft(self, grid: Grid) -> None:
        """A table's rows, numbered in their own outline, as items below the current one."""
        rows = _OutlineParser()
        rows.banner = self.banner
        for row in grid.rows:
            if not row.label:  # a category row (`发展目标`) heads the rows below it
                rows.banner, rows.stack = row.text, [rows.root]
                continue
            marker = match_marker(row.label)
            if marker is not None and rows._open(marker, row.label, row):
                continue
            rows.stack[-1].blocks.append(row.label + row.text)
        parent = self.stack[-1]
        for item in rows.root.children:
            item.parent = parent
            parent.children.append(item)

    def _open(self, marker: Marker, block: str, row: Row | None = None,
              later: Sequence[str | Grid] = ()) -> bool:
        """Open an item for the marker if the numbering allows it there: the next number, or
        one a few numbers on (an extract of a longer list), or a table's row whose number
        follows the last one's."""
        family = marker.style.family
        for depth in range(len(self.stack) - 1, 0, -1):
            open_marker = self.stack[depth].marker
            assert open_marker is not None
            if open_marker.style.family == family:
                if marker.number == open_marker.number and not marker.style.follows \
                        and open_marker.repeat < len(REPEATS):
                    marker = replace(marker, repeat=open_marker.repeat + 1)
                elif marker.number != open_marker.number + 1 \
                        and not (row is not None and marker.number > open_marker.number) \
                        and not self._skips(marker, open_marker, later):
                    return False
                del self.stack[depth:]
                break
        else:
            if not self._place_new_level(marker, row is not None and bool(row.text)):
                return False
        parent = self.stack[-1]
        # (numbering that starts again under the next banner, `凤台县政府` `1.…` then
        # `大通区政府` `1.…`: the later items are items of their own)
        taken = {child.marker.path_label for child in parent.children
                 if child.marker and child.banner != self.banner}
        while marker.path_label in taken and marker.repeat < len(REPEATS):
            marker = replace(marker, repeat=marker.repeat + 1)
        text = row.text if row is not None and row.text else block[marker.end:].strip()
        item = Item(marker=marker, parent=parent, blocks=[text], banner=self.banner,
                    row=row if row is not None and row.text else None,
                    table_section=row is not None and not row.text
                    and family_rank(family) <= family_rank("chinese_paren"))
        parent.children.append(item)
        self.stack.append(item)
        self.last_number[family] = marker.number
        return True

    @staticmethod
    def _skips(marker: Marker, open_marker: Marker, later: Sequence[str | Grid]) -> bool:
        """Whether a marker a few numbers past its open sibling's is the next item of an
        extract of a longer list (`28.` then `34.`): not where the list goes on from the
        sibling's number after it (`2.…以下` `5.类数据。` `3.…`: the `5.` is text), nor for a
        style whose marker may be a figure."""
        if marker.style.weak or not 0 < marker.number - open_marker.number <= _MAX_SKIP:
            return False
        family = marker.style.family
        for block in later[:_LOOKAHEAD]:
            following = match_marker(block) if isinstance(block, str) else None
            if following is not None and following.style.family == family:
                return following.number != open_marker.number + 1
        return True

    def _place_new_level(self, marker: Marker, table_row: bool = False) -> bool:
        """Whether a marker of a style not open now starts an item, and where the stack stands
        for it. A first number (`1`, `(一)`), or a table's row with a task, opens a level below
        the current item. Numbering that runs on from an earlier branch (`7` after `一、` held
        1–6), and a style the page has not used yet starting past 1 (an excerpt that begins at
        `(三)` or `5.`), close the open items that such a marker usually stands above (`(一)`
        stands above `1.`).
        """
        family = marker.style.family
        if marker.number == 1 or table_row:
            return True  # (a table's row below a section row, whatever its number: `68`)
        if marker.style.follows:
            return False  # its marker only numbers the item after an open sibling
        continues = self.last_number.get(family, 0) + 1 == marker.number
        if family in self.last_number and not continues:
            return False
        rank = family_rank(family)
        for depth in range(1, len(self.stack)):
            open_marker = self.stack[depth].marker
            assert open_marker is not None
            if family_rank(open_marker.style.family) >= rank:
                del self.stack[depth:]
                return True
        if len(self.stack) == 1 and not self.root.children:
            self.mid_document = True
            return True
        return continues or self.mid_document

    def _banner_run(self, blocks: list[str | Grid], start: int) -> int:
        """End of a run of banner lines starting at `start` (== start when there is none).

        A banner is a short unpunctuated line after the end of a sentence, and a run of them
        must lead straight into a numbered item.
        """
        # (bodies' names on lines of their own, each over its numbered items, head them
        # wherever they stand: `凤台县政府` over `1.地区生产总值…`, after the title or the
        # last item of the body before it)
        before = blocks[start - 1] if start > 0 else ""
        if _announces_goals(blocks[start]):
            return start + 1 if _item_at(blocks, start + 1) else start
        if isinstance(before, str) and before and not before.endswith(_SENTENCE_END) \
                and not _closed_clause(before) and blocks[start] not in self.body_banners:
            return start
        end = start
        while end < len(blocks) and isinstance(block := blocks[end], str) \
                and (_could_be_banner(block) or (end > start and _is_aside(block))) \
                and (end == start or block not in self.body_banners):
            end += 1
        if end == start or not _opens_items(blocks, end):
            return start
        # (a body's duty in a sentence of its own before its items: `负责农民工工资的清欠…`)
        return end + 1 if blocks[start] in self.body_banners and _is_duty(blocks[end]) else end


def _body_banners(blocks: list[str | Grid]) -> frozenset[str]:
    """Bodies' names standing as lines of their own over numbered items (perhaps after a
    sentence of the body's duty), where a page lists the items of two bodies or more so (one
    such line may be a notice's addressee)."""
    # (not a table's units' cell, one name a line: a name after another body's name)
    names = [block for index, block in enumerate(blocks)
             if isinstance(block, str) and is_body_name(block) and _opens_items(blocks, index + 1)
             and not (index and isinstance(before := blocks[index - 1], str)
                      and is_body_name(before))]
    return frozenset(names) if len(set(names)) >= _LEAST_BODY_BANNERS else frozenset()


def _opens_items(blocks: list[str | Grid], index: int) -> bool:
    """Whether a numbered item starts at `index`, or after a sentence of a body's duty."""
    if index < len(blocks) and _is_duty(blocks[index]):
        index += 1
    return _item_at(blocks, index)


def _item_at(blocks: list[str | Grid], index: int) -> bool:
    """Whether the block at `index` opens a numbered item."""
    following = blocks[index] if index < len(blocks) else None
    return isinstance(following, str) and match_marker(following) is not None


def _is_duty(block: str | Grid) -> bool:
    """`负责农民工工资的清欠和防欠工作。`: a sentence of what a body named above is charged
    with."""
    return isinstance(block, str) and _DUTY.match(block) is not None


def _announces_goals(block: str | Grid) -> bool:
    """`2011年主要目标:`: a line announcing the goals numbered after it, which heads them
    wherever it stands."""
    return isinstance(block, str) and block.endswith((":", "：")) \
        and len(block) <= _BANNER_MAX and section_kind(block) is SectionKind.GOALS


def _closed_clause(block: str) -> bool:
    """`(责任单位:市民政局)`: an item's clause in brackets, closed, as the item's end is."""
    return block.endswith((")", "）", "〕", "】")) and is_clause_line(block)


def _is_aside(block: str) -> bool:
    """`(2010年2月,成立专门工作班子)`: a bracketed note under a banner, before its items."""
    groups = list(top_level_groups(block))
    return len(groups) == 1 and groups[0].start == 0 and groups[0].end == len(block) \
        and groups[0].opener in "(（" and not is_clause_line(block)


def _could_be_banner(block: str) -> bool:
    """A short unpunctuated line that is neither a marker nor a responsibility clause (nor a
    line labelled as one by a label the tables do not know, `协作推进部门:`); a
    clause closing the banner (`工业经济(牵头单位:市经信局)`) names the lead of its items."""
    if is_clause_line(block) or _LABELLED_LINE.match(block):
        return False
    reading = read_responsibility(block)
    title = reading.text if reading.responsibility else block
    return (0 < len(title) <= _BANNER_MAX and match_marker(block) is None
            and not any(ch in _SENTENCE_PUNCTUATION for ch in title))
