"""A plan's metadata: title, issuer, region and level, issue date, document number, period and
the higher-level plans it carries out.

Pages state these in several places of differing reliability: labelled fields of the page
header (发文字号, 成文日期, 发文时间, `【发布文号】`, `文号 | …`), the notice that wraps the plan,
the signature and date under the notice, and the plan's own title line. Each field takes the
most reliable source present, and only the page's own: a plan that the preamble cites names
another issuer, region and period. The posting date of the web page (发布日期) is the issue
date only where the page states no other.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache

from .dates import DATE, GARBLED, MONTH, garbled_dates, iso_date, iso_month
from .regions import Region, divisions_named, find_region, lookup, lookup_all, name_region
from .rules import table
from .titles import notice_issuer, read_frame
from .units import without_aside

_DOC_NUMBER = (r"[\u4e00-\u9fff]{1,16}\s*[〔\[［(（【﹝]\s*(?:19|20)\d{2}\s*[〕\]］)）】﹞]"
               r"\s*\d{1,4}\s*号")
_GLUED_TITLE_END = re.compile(r"^.*(?:通知|意见|决定|方案)")
_NUMBER_LABELS = r"(?:发文字号|文件编号|发布文号|文件字号|发文序号|文\s*号|发文号)"
_DOC_NUMBER_LABEL = re.compile(rf"{_NUMBER_LABELS}\s*[:：]?\s*[|｜]?\s*({_DOC_NUMBER})")
_DOC_NUMBER_LINE = re.compile(rf"\s*[(（]?\s*({_DOC_NUMBER})\s*[)）]?\s*")
# The number right after the notice's or plan's title (`…的通知(岳办发〔2017〕2号)`, `…若干
# 意见(试行)(杭政函〔2005〕39号)`, `…的通知麟政办发〔2016〕21号各镇…`), unlike a cited one's
# (`…的通知》(中办发〔2016〕8号)`); or opening a line before white space, a bracket, a dash or
# the title (`阳政办〔2019〕1号—区人民政府办公室…`, `金政发〔2021〕1号关于印发…`), perhaps in
# square brackets (`[巴委督〔2014〕1号]关于印发…`); not a cited one a PDF's text layer spaced
# inside its brackets (`…的通知》( 国办发〔2023〕36 号)`).
_NOTICE_NUMBER = re.compile(rf"(?:的通知|意见|决定|方案|计划|要点)(?:[(（](?:试行|暂行)[)）])?"
                            rf"\s*[(（]?\s*({_DOC_NUMBER})"
                            rf"|(?:^|(?<![(（])\s)[\[［【]?({_DOC_NUMBER})[\]］】]?"
                            rf"(?=\s|$|[)）—–\-]|[\u4e00-\u9fff]{{0,20}}关于)", re.M)
# A portal's field naming the document (`名 称: | 2021年昌吉州…工作要点 |`), for a page whose
# text shows no title line.
_TITLE_LABELS = r"(?:名\s*称|(?<!原)标\s*题|文件名称)"
_ISSUED_LABELS = (r"成文日期", r"发文日期", r"印发日期", r"签发日期", r"发文时间")
_POSTED_LABELS = (r"发布日期", r"发布时间", r"公开日期", r"颁布日期", r"生成日期",
                  r"(?<![发文成])时间", r"(?<![发文成布])日期")
_ISSUER_LABELS = r"(?:发布机构|发文机关|发文单位|制发机关|发布单位)"
_SOURCE_LABELS = r"(?:信息来源|来源|稿源)"
# A letterhead: `许昌市人民政府文件`.
_LETTERHEAD = re.compile(
    r"([^\s,，。;；:：]{2,30}?(?:人民政府|政府|办公室|办公厅|委员会|管委会|局|厅))文件")
_HEAD_LINES = 20
_OWN_AREA = re.compile(r"结合([^,，。;；、\s]{2,12}?)(?:的)?实际")
# What follows a signer's name and is not part of it: `(代)`, `(章)`, `(印)`.
_SEAL = re.compile(r"[(（](?:代|章|盖章|印)[)）]$")
_AFTER_TITLE = 40
_JOINT_SIGNERS = 8
# A title opening with its issuer: the body, then 关于, a year or the work it plans.
_TITLE_ISSUER = re.compile(r"(?P<issuer>[^\s,，。:：《》“”]{2,30}?)"
                           r"(?=关于|(?:19|20)\d{2}年|[^\s\d,，。]{0,8}工作(?:要点|计划|方案))")
_DEPARTMENT_SUFFIX = re.compile(r"(办公室|办公厅|委员会|管委会|厅|局|委|办|中心)$")
_ISSUER_SUFFIX = re.compile(
    r"(办公室|办公厅|人民政府|政府|领导小组|小组|委员会|管委会|厅|局|委|办|部|中心|开发区|高新区"
    r"|新区|园区)$"
)
# `【发布文号】X` and `文号 | X` as the `文号: X` the fields are read from.
_FIELD_FORMS = (re.compile(r"【\s*([^】\n]{2,8}?)\s*】\s*"),
                re.compile(r"\[\s*([\u4e00-\u9fff]{2,8})\s*\]\s*"),
                re.compile(r"(?m)^([^|\n]{2,8}?)\s*\|\s*"))
_PERIOD = re.compile(r"((?:19|20)\d{2})\s*[—–\-~～至到]\s*((?:19|20)\d{2})\s*年")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_DUE_YEAR = re.compile(r"(?:到|至)\s*((?:19|20)\d{2})\s*年")
# A year named for the work, not a date's (`2010年6月9日`, `自2004年元月份`) and not inside
# the title of a plan the preamble cites (`《…(2014-2020年)》`).
_WORK_YEAR = re.compile(r"((?:19|20)\d{2})\s*年"
                        r"(?!\s*(?:\d{1,2}|[元一二三四五六七八九十]{1,2})\s*月)")
_CITED = re.compile(r"《[^《》]*》|[(（][^()（）]*[)）]")
_PRINTED = re.compile(r"(\d{6,8})\s*日?\s*印发")
# Wording that says which level of government speaks, where no division is named.
_LEVEL_WORDS = re.compile(r"(?:^|[全本我,，、\s:：])(省|市|州|盟|县|区|旗)"
                          r"(?=人民政府|政府|委|直属|直各)|全(省|市|州|县|区|旗)")
_CITED_TITLE = re.compile(r"《[^《》]*》")
# A department's level, from the division its name closes (`县教育局`, `XX区自然资源和规划局`,
# `上海市普陀区文化和旅游局`): the last level before the department's own words.
_DEPARTMENT_LEVEL = re.compile(r"(省|市|州|盟|县|(?<!开发)(?<!园)(?<!新)区|旗)"
                               r"(?=[^省市州盟县区旗\s]{2,14}(?:局|厅|委|办公室|办|中心)$)")
# A division the text names this often is the one it speaks for.
_MIN_MENTIONS = 2
_LEVEL_OF = {"省": "province", "市": "city", "州": "city", "盟": "city", "县": "county",
             "区": "county", "旗": "county"}


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
    plan_shown: bool = True  # the page shows the plan's own title line


@cache
def _implements() -> re.Pattern[str]:
    return re.compile(rf"(?:{'|'.join(table('genres')['implements'])})(?P<title>[^》]{{4,120}})》")


def read_metadata(page: str, content: str) -> Metadata:
    """Metadata of a document: `page` is the whole normalised page (header fields included),
    `content` the document's own lines joined (noise removed)."""
    fields = _fields(page)
    frame = read_frame(content)
    meta = Metadata(title=frame.title or _field(fields, _TITLE_LABELS),
                    body_start=frame.body_start, plan_shown=frame.shown)
    notice = content[: meta.body_start]
    signature = _signature(notice) or _signature(content[meta.body_start :], last=True)
    meta.issuer = (signature[0] if signature and signature[0] else None) \
        or frame.wrapper_issuer or notice_issuer(content) or _letterhead(content) \
        or _field(fields, _ISSUER_LABELS, issuer=True) \
        or _prose_issuer(content, meta.title) or _field(fields, _SOURCE_LABELS, issuer=True) \
        or _title_issuer(meta.title)
    posted = _labelled_date(fields, _POSTED_LABELS)
    meta.issued = (_labelled_date(fields, _ISSUED_LABELS[:-1])
                   or (_signed_day(signature[1], posted) if signature else None)
                   or _labelled_date(fields, _ISSUED_LABELS[-1:])
                   or _printed_date(page)
                   or posted)
    # The document number stands in the header, under the notice's title or, in a page
    # collapsed to one line, just after it.
    head = content[: meta.body_start + _AFTER_TITLE] + "\n" \
        + "\n".join(content.split("\n")[:_HEAD_LINES])
    meta.doc_number = _doc_number(fields, head)
    _place(meta, _region(meta.issuer, meta.title, frame.wrapper_issuer) or _own_region(content))
    if meta.level is None:
        meta.level = _level_from_wording(meta.issuer, meta.title, content)
    meta.period = _period(meta.title, content[meta.body_start :], meta.issued)
    return meta


def implemented_plans(text: str, own_title: str | None) -> list[str]:
    """Titles of higher-level documents that `text` says the plan carries out."""
    titles = [m["title"].strip() for m in _implements().finditer(text)]
    return list(dict.fromkeys(t for t in titles if t != own_title))


def _fields(page: str) -> str:
    """The page with bracketed and pipe-separated header fields written as `label: value`."""
    for form in _FIELD_FORMS:
        page = form.sub(lambda found: found[1] + ":", page)
    return page


def _letterhead(content: str) -> str | None:
    """The issuer of a letterhead `X文件`, from the division its name begins with (a page may
    glue the letterhead to the text before it)."""
    found = _LETTERHEAD.search(content)
    if found is None:
        return None
    region = find_region(found[1])
    start = found[1].find(region.name) if region else 0
    return found[1][max(start, 0):]


def place_by_units(meta: Metadata, units: list[list[str]]) -> None:
    """A page that names its jurisdiction nowhere but in its units' names (a page of a
    province's plan listing `山东省科学技术厅` for its tasks): the division that the units of
    at least half the tasks with units name, the first named of divisions named as often;
    else the level most units' prefixes give (`省发展改革委` speaks for a province, `县商务局`
    for a county)."""
    if meta.region is not None:
        return
    levels = Counter(_LEVEL_OF[unit[0]] for task_units in units for unit in task_units
                     if unit[:1] in _LEVEL_OF and unit[1:2] not in _LEVEL_OF)
    if levels:
        meta.level = levels.most_common(1)[0][0]
    named = Counter(found for task_units in units
                    for found in dict.fromkeys(_prefix_region(unit, meta.level)
                                               for unit in task_units)
                    if found is not None)
    if named:
        found, count = named.most_common(1)[0]
        if 2 * count >= sum(1 for task_units in units if task_units):
            _place(meta, found)


def place_by_text(meta: Metadata, content: str) -> None:
    """A page that names its jurisdiction neither in its header nor in its units' names, but
    in its text (`和谐漯河`, `荆州高新区`): the division of the level the page speaks at that
    its text names most often, in full or, once named in full, short, where it names one at
    least twice (not in the titles it cites, `《广东省节约能源条例》`, which may be another
    division's)."""
    if meta.region is not None or meta.level is None:
        return
    own_words = _CITED_TITLE.sub("", content)
    named = Counter((region.code, written) for region, written in divisions_named(own_words)
                    if region.level == meta.level)
    if not named:
        return
    by_code = Counter[str]()
    for (code, _), count in named.items():
        by_code[code] += count
    for code in list(by_code):
        # Its name written short, once it is named in full (`漯河市委` … `和谐漯河`).
        short = _short_name(lookup(code))
        if short:
            by_code[code] += len(re.findall(rf"{re.escape(short)}(?![市县区省州])", own_words))
    code, count = by_code.most_common(1)[0]
    if count >= _MIN_MENTIONS:
        written = next(name for (found, name), _ in named.most_common() if found == code)
        region = lookup(code)
        if region is not None:
            _place(meta, (region, written))


def _short_name(region: Region | None) -> str | None:
    """`漯河` for 漯河市: a division's name without its level, where two characters or more are
    left."""
    if region is None or not region.name.endswith(("市", "县", "省")):
        return None
    short = region.name[:-1]
    return short if len(short) >= 2 else None


def _prefix_region(unit: str, level: str | None) -> tuple[Region, str] | None:
    """The division a unit's name begins with, if it is of the level the page speaks at."""
    named = name_region(unit)
    if named is None or not unit.startswith(named[1]) or level not in (None, named[0].level):
        return None
    return named


def _place(meta: Metadata, named: tuple[Region, str] | None) -> None:
    if named is not None:
        region, meta.region = named
        meta.level, meta.region_code = region.level, region.code


def _own_region(content: str) -> tuple[Region, str] | None:
    """`结合官渡区实际`: the division a plan says it was made for."""
    found = _OWN_AREA.search(content)
    if found is None:
        return None
    # (a county or city named short, `结合宁远实际`: the one division so named with its level,
    # by its full name where the page also writes that)
    named = name_region(found[1])
    short = [region for suffix in "县市区" for region in lookup_all(found[1] + suffix)]
    if named or len(short) != 1:
        return named
    return short[0], short[0].name if short[0].name in content else found[1]


def _region(*names: str | None) -> tuple[Region, str] | None:
    return next((r for r in (name_region(text) for text in names if text) if r is not None),
                None)


def _level_from_wording(issuer: str | None, title: str | None, content: str) -> str | None:
    """`县商务局`, `市政府2011年…`, `自治区…`, `全县`: the level speaking where no division is
    named; in the text, the level most of its such words speak for (a plan of a province also
    names `各市、县`, but says `全省` more often)."""
    for text in (issuer, title):
        found = _LEVEL_WORDS.search(text or "")
        if found:
            return _LEVEL_OF[found[1] or found[2]]
        if "自治区" in (text or ""):
            return "province"
    found = _DEPARTMENT_LEVEL.search(issuer or "")
    if found:
        return _LEVEL_OF[found[1]]
    levels = Counter(_LEVEL_OF[found[1] or found[2]] for found in _LEVEL_WORDS.finditer(content))
    return levels.most_common(1)[0][0] if levels else None


def _signature(text: str, last: bool = False) -> tuple[str | None, list[str]] | None:
    """The issuer and the days a signature under a notice may be dated: an organisation's
    name followed by a date, or a date on a line of its own (`二○一一年二月十五日`) with the
    name left off; a date that lost its 年月日 (`2024115`) may read as several days."""
    tokens = [token for token in re.split(r"\s+", text) if token]
    candidates: list[tuple[str | None, list[str]]] = []
    for index, token in enumerate(tokens):
        signers = [tokens[index - 1]] if index else []
        # Bodies signing jointly, a line each (`中共X区委办公室` over `X区人民政府办公室`).
        while signers and len(signers) < index and len(signers) < _JOINT_SIGNERS \
                and _is_signer(tokens[index - len(signers) - 1]):
            signers.insert(0, tokens[index - len(signers) - 1])
        signer = " ".join(_SEAL.sub("", name) for name in signers)
        token = token.strip("()（）")
        if not signers or not _is_signer(signers[-1]):
            signer = ""
        date_match, month_match = DATE.fullmatch(token), MONTH.fullmatch(token)
        day = iso_date(date_match) if date_match else \
            iso_month(month_match) if month_match else None
        if date_match or month_match:
            candidates.append((signer or None, [day] if day else []))
        elif signer and GARBLED.fullmatch(token.removesuffix("日")):
            candidates.append((signer, garbled_dates(token.removesuffix("日"))))
    signed = [candidate for candidate in candidates if candidate[0]] or candidates
    if not signed:
        return None
    return signed[-1] if last else signed[0]


def _is_signer(token: str) -> bool:
    """A token that can be a signing body's name: it ends as one (perhaps before the other
    name of its office in brackets), and is no sentence nor a title (no figures in it)."""
    name = without_aside(_SEAL.sub("", token))
    return bool(_ISSUER_SUFFIX.search(name)) and not re.search(r"[,，。;；:：《》\d]", name)


def _signed_day(days: list[str], posted: str | None) -> str | None:
    """The day of a signature: the one it names, or of the days a garbled one may be, the
    last before the page was posted."""
    if len(days) == 1:
        return days[0]
    before = [day for day in days if posted and day <= posted]
    return max(before) if before else None


def _field(fields: str, label: str, issuer: bool = False) -> str | None:
    """A header field's value: after its label and a colon (or two, where a pipe-separated
    row kept its own), or only white space in a row of fields (`发布机构  临沂市交通运输局`);
    an issuer's value must end as a body's name does."""
    found = re.search(rf"{label}\s*(?:[:：]+|\s)[\s|｜]*([^\s:：|｜]+)", fields)
    if not found or (issuer and not _ISSUER_SUFFIX.search(without_aside(found[1]))):
        return None
    return found[1]


def _title_issuer(title: str | None) -> str | None:
    """`县教育局2024年工作要点`, `区安委会办公室关于开展…的实施方案`: the body a department's
    plan names itself by, opening its title, where nothing else on the page names its
    issuer."""
    found = _TITLE_ISSUER.match(title or "")
    # (a department or an office, not a government planning its own year, `市政府2011年…`)
    if found is None or not _DEPARTMENT_SUFFIX.search(found["issuer"]):
        return None
    return found["issuer"]


def _prose_issuer(content: str, title: str | None) -> str | None:
    """`…,近日,X印发《title》` (发布, 出台): the body that issued the plan, named in a
    news-style preface."""
    if not title:
        return None
    found = re.search(rf"([^\s,，。;；:：]{{2,40}})(?:印发|发布|出台)\s*《{re.escape(title)}》",
                      content)
    return found[1] if found and _ISSUER_SUFFIX.search(found[1]) else None


def _labelled_date(fields: str, labels: tuple[str, ...]) -> str | None:
    """The date after the first of `labels` that has one: the day, else the month."""
    for label in labels:
        for found in re.finditer(rf"{label}\s*[:：]?\s*[|｜]?\s*", fields):
            date_match = DATE.match(fields, found.end())
            if date_match and (iso := iso_date(date_match)):
                return iso
            month_match = MONTH.match(fields, found.end())
            if month_match and (iso := iso_month(month_match)):
                return iso
    return None


def _printed_date(page: str) -> str | None:
    """`202147日印发`: the printing line of the distribution block, when it reads one way."""
    for found in _PRINTED.finditer(page):
        days = garbled_dates(found[1])
        if len(days) == 1:
            return days[0]
    return None


def _doc_number(fields: str, notice: str) -> str | None:
    labelled = _DOC_NUMBER_LABEL.search(fields)
    if labelled:
        return _written_number(labelled[1])
    for line in notice.split("\n"):
        found = _DOC_NUMBER_LINE.fullmatch(line)
        if found:
            return _written_number(found[1])
    found = _NOTICE_NUMBER.search(notice)
    return _written_number(found[1] or found[2]) if found else None


def _written_number(number: str) -> str:
    """A document number without spaces, and without the end of a notice's title the page
    glued before it (`…的通知黔府办发〔2017〕76号`)."""
    return _GLUED_TITLE_END.sub("", re.sub(r"\s+", "", number))


def date_by_preamble(meta: Metadata, preamble: str) -> None:
    """A plan whose title states no year and that sets no deadline of its own: the year its
    notice or preamble first names for the work (`…确定的2009年全市主要目标和工作任务`)."""
    found = _WORK_YEAR.search(_CITED.sub("", preamble))
    if meta.period is None and found:
        meta.period = [int(found[1]), int(found[1])]


def _period(title: str | None, body: str, issued: str | None) -> list[int] | None:
    """First and last year the plan covers: from its title, else its own deadlines."""
    if title:
        span = _PERIOD.search(title)
        if span:
            return [int(span[1]), int(span[2])]
        year = _YEAR.search(title)
        if year:
            return [int(year[1]), int(year[1])]
        for name, last in table("targets")["five_year_plans"].items():
            if name in title:
                return [last - 4, last]
    start = int(issued[:4]) if issued else None
    later = [year for year in map(int, _DUE_YEAR.findall(body)) if start and year >= start]
    return [start, max(later)] if start and later else None
