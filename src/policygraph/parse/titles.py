"""A plan's own title, and where the plan's own text starts on its page.

A page holds a plan in one of several frames: a notice wrapping it (`X关于印发《Y》的通知` or
`现将《Y》印发给你们`, the plan's title line below the signature, at times broken over two
lines), a notice that is itself the plan (`X关于分解落实2022年重点工作任务的通知`), or the
plan alone under its title line. The title comes from the frame's most reliable place, and the
plan's text starts after the title line below the notice, so that the notice's own numbered
paragraphs are not read as the plan's tasks.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache

from .brackets import Group, top_level_groups
from .markers import match_marker
from .rules import table

# `X关于印发《Y》的通知`, `X印发《Y》的通知`: the plan Y wrapped by a notice of X.
# One body, or bodies issuing jointly, set off by spaces (`中共云南省委 云南省人民政府`).
_BODY = (r"[^\s,，。:：|《》、【】\[\]]*?"
         r"(?:政府|办公室|办公厅|委员会|委|局|厅|办|管委会|小组|中心|部)")
_ISSUER = rf"(?P<issuer>(?:(?:{_BODY}[ \t\u3000]+)*{_BODY})?)"
_WRAPPER = re.compile(rf"{_ISSUER}\s*(?:关于)?印发(?P<title>[^,，;；。]{{2,120}}?)"
                      r"(?:的\s*通\s*知|(?=[,，]供))")
_TITLE_MARKS = "《》〈〉“”\""
_MARKS_OR_SPACE = rf"[\s{_TITLE_MARKS}]*"
# `现将《Y》印发给你们`: the plan Y named by the notice's text.
_SENT = re.compile(r"(?:(?:现将|将)\s*《(?P<title>[^》]{4,80})》\s*(?:\([^)]{0,20}\))?\s*"
                   r"(?:予以)?(?:印发|下达|发)"
                   r"|《(?P<agreed>[^》]{4,80})》已经[^。《]{0,30}?(?:同意|通过)[^。《]{0,8}?印发)")
# `X关于Y的通知` heading a page, that wraps no plan: the notice is the plan (a portal may tag
# the line with its column, `【市政府重点工作】X关于…`).
_NOTICE = re.compile(rf"(?m)^\s*(?:【[^】\n]{{1,20}}】)?{_ISSUER}\s*"
                     r"(?P<title>关于(?!印发|转发)[^,，;；。]{4,100}?"
                     r"的(?:通知|(?:若干)?[\u4e00-\u9fff]{0,4}?意见|决定)(?:[(（](?:试行|暂行)[)）])?)")
_BODY_LINE = re.compile(rf"(?:{_BODY}[ \t\u3000]+)*{_BODY}")
_QUOTED = re.compile(r"印发\s*《([^》]{4,80})》")
# A document-sharing site names the file it serves: `《X.docx》由会员分享,可在线阅读`.
_SHARED_FILE = re.compile(r"《(?P<title>[^《》\n]{4,80}?)\.(?:docx?|pdf|wps|txt)》")
_MIN_TITLE = 8
# A page run into one line this long opens with its title glued to its first sentence.
_COLLAPSED_PAGE = 200
_SENTENCE_OPENING = re.compile(r"为|根据|按照|依据|关于|经|现|各|近年|今年|日前")
_PAGE_MARK = re.compile(r"^(?:第\d+页共\d+页|[—-]\s*\d+\s*[—-])")
_PERIOD = re.compile(r" ?[(（]\s*\d{4}\s*(?:[—–\-~至]\s*\d{4}\s*)?年?度?\s*[)）]")
_NOT_IN_GLUED_TITLE = re.compile(r"[\s。,，;；:：|｜>〔〕]")
_GOES_ON = "的之》、,，。;；:："
_LONGEST_GLUED_TITLE = 100
_TITLE_GOES_ON = 6
# A title's earlier lines: at most two, each short, with no sentence's or a number's marks.
_TITLE_HEAD_LINES = 2
_LONGEST_HEAD = 40
# (nor a page's furniture: a breadcrumb, an aside, an attachment's label, a news headline)
_NOT_TITLE_HEAD = re.compile(r"[。,，;；:：|｜〔〕\[\]()（）>\s]|号$|^\d|日$|^附件|小编|了解"
                             r"|^(?:政府)?信息公开$|^政务公开$|^通知公告$|首页$|专栏$|栏目$"
                             r"|(?:发布|印发|转发)$")
# The first line of a title the page broke after the plan it carries out
# (`市五届人大一次会议审定的《政府工作报告》` over `重点目标任务责任分工方案`).
_BROKEN_TITLE_HEAD = re.compile(r"[^\s。,，;；:：]{0,30}《[^《》]{2,40}》")
# `(截至9月底)`, `(1-11月)`, `(第三季度)`: the date a title of progress closes with.
_TITLE_ASIDE = re.compile(r"[(（](?:(?:截至|截止)[^()（）\n]{1,10}"
                          r"|\d{1,2}\s*[-—–~至]\s*\d{1,2}\s*月份?|第?[一二三四1-4]季度)[)）]")
# A portal splitting a plan over pages numbers each part after its title: `…分工方案(一)`.
_PART = re.compile(r"\s*[(（][一二三四五六七八九十]{1,2}[)）]")
# `附件:1.2019年…分解表` and the numbered lines after it; `附件1` heading the one shown.
_ATTACHMENT_LIST = re.compile(
    r"(?m)^\s*附件\s*[:：]\s*(?:1\s*[.．、]\s*)?(?P<first>\S[^\n]{3,80})$")
_LISTED_NEXT = re.compile(r"(?m)^\s*\d{1,2}\s*[.．、]\s*(?P<title>\S[^\n]{3,80})$")
_ATTACHMENT_HEADING = re.compile(r"(?m)^\s*附\s*件\s*(?P<n>\d{1,2})?\s*[|｜]?\s*$")
# An attachment named in the notice's list (`附件:1.…`, `2.2025年…分解`), not the title line.
_LISTED = re.compile(r"\s*(?:附件\s*\d*\s*[:：]|\d{1,2}\s*[.．、](?=\s*\S))")


@dataclass(frozen=True, slots=True)
class Frame:
    """The title of the plan, the body that wraps or issues it, and where its text starts."""

    title: str | None
    wrapper_issuer: str | None
    body_start: int
    # Whether the page shows the plan's own title line: where it does not, the numbered items
    # after the notice may be the notice's own.
    shown: bool = False


@cache
def _title_line() -> re.Pattern[str]:
    """A title of the genre: a name ending as the genre's titles do, with its years, its
    status or the date of its progress after it (`(2023—2027年)`, `(试行)`, `(截至9月底)`);
    it may hold a single space (`2020 年全市…`, `经济技术开发区 推进…`) though no cell
    separator."""
    suffix = "|".join(table("genres")["title_suffixes"])
    char = r"(?:[^\s。,，;；:：|｜>]| (?=[^\s。,，;；:：|｜>]))"
    return re.compile(
        rf"\s*(?P<title>{char}{{{_MIN_TITLE - 2},80}}?(?:{suffix})(?: ?[(（]\s*\d{{4}}\s*"
        rf"(?:[—–\-~至]\s*\d{{4}}\s*)?年?度?\s*[)）])?(?:[(（](?:试行|暂行|修订)[)）])?"
        rf"(?:{_TITLE_ASIDE.pattern})?)"
        rf"(?:{_PART.pattern})?\s*")


def read_frame(content: str) -> Frame:
    """The frame of the plan in a page's content (its lines joined, noise removed).

    The titles the notice gives (its 关于印发《…》, its 现将《…》), a title line of the genre
    and the attachment the notice lists are candidates. The first that stands as the plan's
    own title line below the notice wins, except that a title line naming another plan than
    the wrapper's (an attachment's own title) does not displace the wrapper's; then the
    notice's title, then the attachment shown on the page. The plan's text starts after its
    title line, and never before the notice's list of attachments ends.
    """
    wrapper = _first(_WRAPPER, content)
    notice = None if wrapper else _signed_notice(content)
    frame = wrapper or notice
    after = frame.end() if frame else 0
    listed = _attachments(content)
    sent = list(dict.fromkeys(found["title"] or found["agreed"]
                              for found in _SENT.finditer(content)))
    wrapped = _squeeze(wrapper["title"]).strip("《》") if wrapper else None
    line = _title_from_line(content[after:])
    # An attachment is the plan where the page goes on to show it, not where it only lists it.
    if listed is not None and not listed.headed \
            and _title_line_end(content, listed.shown, listed.end) is None:
        listed = None
    shown = listed.shown if listed else None
    shared = _SHARED_FILE.search(content)
    candidates = [title for title in (
        wrapped, sent[0] if len(sent) == 1 else None,
        *((shown, line) if listed and listed.headed else (line, shown)),
        _joint(notice["issuer"]) + _squeeze(notice["title"]) if notice else None,
        shared["title"] if shared else None) if title]
    floor = max(after if wrapper else 0, listed.end if listed else 0)
    for title in candidates:
        own = _own_line(content, title, floor)
        if own is not None and (wrapped is None or _names_same_plan(wrapped, title)):
            written, start = own
            # (a notice's own title line is no plan's: its items may be the notice's)
            return Frame(written, _notice_issuer(content[:start], wrapper), start,
                         shown=not _squeeze(written).endswith("通知"))
    if candidates:
        start = max(_body_start(content, candidates[0], after), floor)
        return Frame(candidates[0], _notice_issuer(content[:start], wrapper), start)
    quoted = _QUOTED.search(content)
    return Frame(quoted[1] if quoted else None, None, floor)


def _names_same_plan(wrapped: str, title: str) -> bool:
    """Whether a title line names the wrapper's plan, perhaps with its issuer written out
    (`区政府2021年第一季度工作要点` as `上海市杨浦区人民政府2021年第一季度工作要点`)."""
    year = re.search(r"(?:19|20)\d{2}", wrapped)
    return _bare(wrapped[year.start():] if year else wrapped) in _bare(title)


def _bare(title: str) -> str:
    """A title without white space and title marks, for comparing titles."""
    return re.sub(rf"[\s{_TITLE_MARKS}]", "", title)


@dataclass(frozen=True, slots=True)
class _Attachments:
    """The notice's list of attachments: the one the page goes on to show, and where the list
    (or the `附件1` line heading the one shown) ends."""

    shown: str
    end: int
    headed: bool  # a `附件N` line heads the attachment on the page


def _attachments(content: str) -> _Attachments | None:
    """`附件:1.X` `2.Y` …, and the `附件N` line that heads the one the page shows (else 1)."""
    found = _ATTACHMENT_LIST.search(content)
    if found is None:
        return None
    titles = [found["first"].strip()]
    end = found.end()
    for following in _LISTED_NEXT.finditer(content, end):
        if following.start() != end + 1 and content[end:following.start()].strip():
            break
        titles.append(following["title"].strip())
        end = following.end()
    heading = _ATTACHMENT_HEADING.search(content, end)
    number = int(heading["n"] or 1) if heading else 1
    shown = titles[min(number, len(titles)) - 1]
    if shown.startswith("《") and shown.endswith("》") and shown.count("》") == 1:
        shown = shown[1:-1]
    return _Attachments(_squeeze(shown), heading.end() if heading else end, heading is not None)


def _first(pattern: re.Pattern[str], content: str) -> re.Match[str] | None:
    """The first match of `pattern` that is not inside a 《》 title the text cites."""
    return next(_uncited(pattern, content), None)


def _uncited(pattern: re.Pattern[str], content: str) -> Iterator[re.Match[str]]:
    """The matches of `pattern` that are not inside a 《》 title the text cites."""
    cited = _cited(content)
    return (found for found in pattern.finditer(content)
            if not any(group.start < found.start() < group.end for group in cited))


@lru_cache(maxsize=4)
def _cited(content: str) -> tuple[Group, ...]:
    """The 《》 titles a page cites; each title pattern asks of the same page."""
    return tuple(group for group in top_level_groups(content) if group.opener == "《")


def _signed_notice(content: str) -> re.Match[str] | None:
    """The notice that is the plan, where the page also writes its issuer before it (a page
    may head itself with the bare title, then give it again under its issuer)."""
    notices = list(_uncited(_NOTICE, content))
    return next((found for found in notices if found["issuer"]), notices[0] if notices else None)


def notice_issuer(content: str) -> str | None:
    """The body a notice names as its issuer anywhere on the page, where the plan's frame
    does not (the page shows the plan's title above the notice, `金乡县人民政府` heads the
    notice on a line of its own, or opens the title of a notice that is the plan)."""
    for found in _uncited(_NOTICE, content):
        if found["issuer"]:
            return found["issuer"]
    for found in _uncited(_WRAPPER, content):
        if not found["issuer"]:
            line_start = content.rfind("\n", 0, found.start())
            above = content[:max(line_start, 0)].rstrip().rsplit("\n", 1)[-1].strip()
            if _BODY_LINE.fullmatch(above):
                return above
    return None


def _notice_issuer(notice: str, wrapper: re.Match[str] | None) -> str | None:
    """The body named before the notice's `关于`: `X关于印发…`, `X关于分解落实…的通知`."""
    if wrapper is not None:
        return wrapper["issuer"] or None
    found = _first(_NOTICE, notice)
    return found["issuer"] or None if found else None


def _title_from_line(content: str) -> str | None:
    """A line that is a title of the genre; in a one-line page, a title set off by space."""
    lines = [line for line in content.split("\n") if not _LISTED.match(line)]
    for index, line in enumerate(lines):
        found = _title_line().fullmatch(line)
        if found and match_marker(line.strip()) is None:
            head = lines[index - 1].strip() if index else ""
            if _BROKEN_TITLE_HEAD.fullmatch(head):
                return head + found["title"]
            return "".join(_title_head(lines[:index])) + found["title"]
    for line in lines:
        found = _title_line().match(line)
        if found and found.end() < len(line) and line[found.end() - 1].isspace() \
                and match_marker(line.strip()) is None:
            return found["title"]
    # (a page that opens with a numbered item is an excerpt's, not a one-line page's: the
    # long line after it is the item's report, `…试点方案已草拟,…`)
    first = next((line.strip() for line in content.split("\n") if line.strip()), "")
    return _glued_title(first) if len(first) >= _COLLAPSED_PAGE else None


def _glued_title(line: str) -> str | None:
    """A one-line page's title glued to its first sentence (`…实施方案为深入贯彻…`,
    `…工作计划2020年是…`, `…方案“十二五”时期…`), after a page mark (`第1页共5页`): the
    shortest title of the genre, with its years, that the words after it do not go on
    (`…计划方案`, `…方案的通知`, `…规划纲要》`), on a page that does not open with a sentence's
    words (`为…`, `根据…`, `各市、县…`)."""
    line = _PAGE_MARK.sub("", line)
    if _SENTENCE_OPENING.match(line):
        return None
    ends = [found.end() for found in _suffix().finditer(line, 0, _LONGEST_GLUED_TITLE)]
    for index, end in enumerate(ends):
        end = period.end() if (period := _PERIOD.match(line, end)) else end
        title = line[:end]
        if _NOT_IN_GLUED_TITLE.search(title):
            return None
        # (a genre's word a few characters on, with no sentence opening between, ends the
        # same title: `…工作任务分工方案`)
        if len(title) >= _MIN_TITLE and title.count("《") == title.count("》") \
                and not _suffix().match(line, end) and line[end:end + 1] not in _GOES_ON \
                and not any(later - end <= _TITLE_GOES_ON
                            and not _SENTENCE_OPENING.match(line, end)
                            and not _NOT_IN_GLUED_TITLE.search(line, end, later)
                            for later in ends[index + 1:]):
            return title
    return None


@cache
def _suffix() -> re.Pattern[str]:
    return re.compile("|".join(table("genres")["title_suffixes"]))


def _title_head(before: list[str]) -> list[str]:
    """The first lines of a title the page broke over lines (`辽宁省人民政府办公厅关于` /
    `贯彻落实国务院办公厅2016年政务公开` / `工作要点的实施方案`): short lines just above its
    last, with no sentence's marks, that are neither a document number nor a letterhead's
    body alone."""
    head: list[str] = []
    for line in reversed(before[-_TITLE_HEAD_LINES:]):
        line = line.strip()
        if not line or len(line) > _LONGEST_HEAD or _NOT_TITLE_HEAD.search(line) \
                or match_marker(line) is not None \
                or (_BODY_LINE.fullmatch(line) and not line.endswith("关于")):
            break
        head.insert(0, line)
    return head


def _title_line_end(content: str, title: str, after: int) -> int | None:
    """End of the title standing as a line of its own (perhaps broken over lines or spaced
    out) after `after`, or None."""
    found = _own_line(content, title, after)
    return found[1] if found else None


def _own_line(content: str, title: str, after: int) -> tuple[str, int] | None:
    """The title as its own line after `after` writes its marks, and where that line ends."""
    for found in _mentions(content, title, after):
        end = found.end()
        part = _PART.match(content, end)
        end = part.end() if part else end
        if _is_whole_line(content, found.start(), end):
            written = _squeeze(found[0])
            return (title if written == _squeeze(title) else written), end
    return None


def _body_start(content: str, title: str, after: int) -> int:
    """Offset just after a mention of the plan's title that is not the notice's 《》."""
    for found in _mentions(content, title, after):
        before = content[max(0, found.start() - 3) : found.start()]
        following = content[found.end() : found.end() + 3]
        cited = found[0].startswith("《") or found[0].endswith("》")
        if not (cited or before.endswith(("印发", "《")) or following.startswith(("》", "的通知"))):
            return found.end()
    return after


def _mentions(content: str, title: str, after: int) -> list[re.Match[str]]:
    """Where the title is written after `after`, spaced out or broken over lines, and with or
    without the marks around a title it names (`2007年《政府工作报告》要求…` for the notice's
    `2007年政府工作报告要求…`)."""
    marks = f"[{_TITLE_MARKS}]*"
    pattern = re.compile(marks + _MARKS_OR_SPACE.join(map(re.escape, _bare(title))) + marks)
    return [found for found in pattern.finditer(content) if found.start() >= after]


def _is_whole_line(content: str, start: int, end: int) -> bool:
    line_start = content.rfind("\n", 0, start) + 1
    line_end = content.find("\n", end)
    line_end = len(content) if line_end < 0 else line_end
    return not content[line_start:start].strip() and not content[end:line_end].strip()


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _joint(issuer: str) -> str:
    """Bodies issuing jointly as the page sets them apart (`中共海南省委 海南省人民政府`)."""
    return " ".join(issuer.split())
