"""A plan's metadata: title, issuer, region and level, issue date, document number, period and
the higher-level plans it carries out.

Pages state these in several places of differing reliability: labelled fields of the page
header (发文字号, 成文日期, 发文时间), the notice that wraps the plan (`X关于印发《Y》的通知`), the
signature and date under the notice, and the plan's own title line. Each field takes the most
reliable source present; the publish date of the web page (发布日期) is never the issue date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from .dates import DATE, GARBLED, garbled_dates, iso_date
from .regions import find_region
from .rules import table

_WRAPPER = re.compile(r"(?P<issuer>[^\s,，。:：:|]*?)关于印发(?P<title>[^\n]+?)的通知")
_DOC_NUMBER = (r"[\u4e00-\u9fff]{1,16}\s*[〔\[［(（【﹝]\s*(?:19|20)\d{2}\s*[〕\]］)）】﹞]"
               r"\s*\d{1,4}\s*号")
_DOC_NUMBER_LABEL = re.compile(rf"(?:发文字号|文件编号|文号|发文号)\s*[:：]\s*({_DOC_NUMBER})")
_DOC_NUMBER_LINE = re.compile(rf"\s*({_DOC_NUMBER})\s*")
_ISSUED_LABELS = (r"成文日期", r"发文日期", r"印发日期", r"签发日期", r"发文时间")
_ISSUER_SUFFIX = re.compile(
    r"(办公室|办公厅|人民政府|政府|领导小组|小组|委员会|管委会|厅|局|委|办|部|中心)$"
)
_PERIOD = re.compile(r"((?:19|20)\d{2})\s*[—–\-~～至到]\s*((?:19|20)\d{2})\s*年")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_DUE_YEAR = re.compile(r"(?:到|至)\s*((?:19|20)\d{2})\s*年")
_PRINTED = re.compile(r"(\d{6,8})\s*日?\s*印发")


@dataclass(slots=True)
class Metadata:
    """Metadata fields, and where the plan's own text starts in the content."""

    title: str | None = None
    issuer: str | None = None
    region: str | None = None
    level: str | None = None
    region_code: str | None = None
    issued: str | None = None
    doc_number: str | None = None
    period: list[int] | None = None
    implements: list[str] = field(default_factory=list)
    body_start: int = 0


@cache
def _genres() -> tuple[re.Pattern[str], re.Pattern[str]]:
    genres = table("genres")
    suffix = "|".join(genres["title_suffixes"])
    title_line = re.compile(
        rf"\s*(?P<title>[^\s。,，;；:：]{{2,80}}?(?:{suffix})(?:[(（]\s*\d{{4}}\s*[—–\-~至]\s*"
        rf"\d{{4}}\s*年?\s*[)）])?)\s*"
    )
    implements = re.compile(rf"(?:{'|'.join(genres['implements'])})(?P<title>[^》]{{4,120}})》")
    return title_line, implements


def read_metadata(page: str, content: str) -> Metadata:
    """Metadata of a document: `page` is the whole normalised page (header fields included),
    `content` the document's own lines joined (noise removed)."""
    meta = Metadata()
    wrapper = _WRAPPER.search(content)
    meta.title = _title(content, wrapper)
    meta.body_start = _body_start(content, meta.title, wrapper)
    notice = content[: meta.body_start]
    signature = _signature(notice) or _signature(content[meta.body_start :], last=True)
    meta.issuer = (signature[0] if signature else None) or _wrapper_issuer(wrapper) or \
        _field(page, r"(?:发布机构|发文机关|发文单位)") or _prose_issuer(content, meta.title)
    meta.issued = (_labelled_date(page, _ISSUED_LABELS[:-1])
                   or (signature[1] if signature else None)
                   or _labelled_date(page, _ISSUED_LABELS[-1:])
                   or _printed_date(page))
    meta.doc_number = _doc_number(page, notice)
    region = next((r for r in (find_region(text) for text in (meta.issuer, meta.title) if text)
                   if r is not None), None)
    if region is not None:
        meta.region, meta.level, meta.region_code = region.name, region.level, region.code
    meta.period = _period(meta.title, content[meta.body_start :], meta.issued)
    return meta


def implemented_plans(text: str, own_title: str | None) -> list[str]:
    """Titles of higher-level documents that `text` says the plan carries out."""
    _, pattern = _genres()
    titles = [m["title"].strip() for m in pattern.finditer(text)]
    return list(dict.fromkeys(t for t in titles if t != own_title))


def _title(content: str, wrapper: re.Match[str] | None) -> str | None:
    if wrapper:
        return wrapper["title"].strip().strip("《》").strip()
    title_line, _ = _genres()
    lines = content.split("\n")
    for line in lines:
        found = title_line.fullmatch(line)
        if found:
            return found["title"]
    for line in lines:  # a collapsed page: the title is set off from the text by white space
        found = title_line.match(line)
        if found and found.end() < len(line) and line[found.end() - 1].isspace():
            return found["title"]
    quoted = re.search(r"印发\s*《([^》]{4,80})》", content)
    return quoted[1] if quoted else None


def _body_start(content: str, title: str | None, wrapper: re.Match[str] | None) -> int:
    """Offset just after the plan's own title line (not the wrapper or a 《》 mention)."""
    if title:
        for found in re.finditer(re.escape(title), content):
            before = content[max(0, found.start() - 3) : found.start()]
            after = content[found.end() : found.end() + 3]
            if before.endswith(("印发", "《")) or after.startswith(("》", "的通知")):
                continue
            if wrapper and wrapper.start() <= found.start() < wrapper.end():
                continue
            return found.end()
    return wrapper.end() if wrapper else 0


def _signature(text: str, last: bool = False) -> tuple[str, str | None] | None:
    """The (issuer, date) signed under a notice: an organisation's name followed by a date."""
    tokens = [token for token in re.split(r"\s+", text) if token]
    candidates = []
    for index, token in enumerate(tokens[:-1]):
        if not _ISSUER_SUFFIX.search(token) or re.search(r"[,，。;；:：《》]", token):
            continue
        following = tokens[index + 1]
        date_match = DATE.fullmatch(following)
        if date_match:
            candidates.append((token, iso_date(date_match)))
        elif GARBLED.fullmatch(following):
            days = garbled_dates(following)
            candidates.append((token, days[0] if len(days) == 1 else None))
    if not candidates:
        return None
    return candidates[-1] if last else candidates[0]


def _wrapper_issuer(wrapper: re.Match[str] | None) -> str | None:
    return wrapper["issuer"] or None if wrapper else None


def _field(page: str, label: str) -> str | None:
    found = re.search(rf"{label}\s*[:：]\s*([^\s:：]+)", page)
    return found[1] if found else None


def _prose_issuer(content: str, title: str | None) -> str | None:
    """`…,近日,X印发《title》`: the body that issued the plan, named in a news-style preface."""
    if not title:
        return None
    found = re.search(rf"([^\s,，。;；:：]{{2,40}})印发\s*《{re.escape(title)}》", content)
    return found[1] if found and _ISSUER_SUFFIX.search(found[1]) else None


def _labelled_date(page: str, labels: tuple[str, ...]) -> str | None:
    for label in labels:
        found = re.search(rf"{label}\s*[:：]\s*", page)
        if not found:
            continue
        date_match = DATE.match(page, found.end())
        if date_match and (iso := iso_date(date_match)):
            return iso
    return None


def _printed_date(page: str) -> str | None:
    """`202147日印发`: the printing line of the distribution block, when it reads one way."""
    for found in _PRINTED.finditer(page):
        days = garbled_dates(found[1])
        if len(days) == 1:
            return days[0]
    return None


def _doc_number(page: str, notice: str) -> str | None:
    labelled = _DOC_NUMBER_LABEL.search(page)
    if labelled:
        return re.sub(r"\s+", "", labelled[1])
    for line in notice.split("\n"):
        found = _DOC_NUMBER_LINE.fullmatch(line)
        if found:
            return re.sub(r"\s+", "", found[1])
    return None


def _period(title: str | None, body: str, issued: str | None) -> list[int] | None:
    """First and last year the plan covers: from its title, else its own deadlines."""
    if title:
        span = _PERIOD.search(title)
        if span:
            return [int(span[1]), int(span[2])]
        year = _YEAR.search(title)
        if year:
            return [int(year[1]), int(year[1])]
    start = int(issued[:4]) if issued else None
    due = [int(y) for y in _DUE_YEAR.findall(body)]
    if start is not None:
        later = [y for y in due if y >= start]
        return [start, max(later)] if later else [start, start]
    return None
