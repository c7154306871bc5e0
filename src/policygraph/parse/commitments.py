"""Which quantities a plan commits to, and which only describe, qualify or pay.

A plan's figures include more than its targets: money it pays out (`奖励50万元`, `安排前期费
4000万元`), eligibility thresholds and qualifiers (`营业收入1000万元以上的企业`, `超100亿元的
产业集群`), figures inside a list of named projects (`平煤神马25万吨己二酸…等项目`) or a count of
things it has just listed (`冠山等6个乡镇`), counts of measures (`90条措施`), asides in
brackets (`(不含6亩)`), rates the plan applies (`按3%的比例`) and counts in Chinese numerals
no verb brings about (`五项基础工作`, unlike `培育百家`). The words that tell them apart are
data (`tables/targets.toml`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .brackets import top_level_groups
from .rules import alternation, table

_CLAUSE = re.compile(r"[,，。;；!！?？\n]")
_SENTENCE_END = re.compile(r"[。;；!！?？\n]")
# An item's labelled parts (`目标任务:…`, `目前进度:…`), and those that report progress.
_PROGRESS_LABELS = frozenset({"目前进度", "进展情况", "完成情况", "工作进展", "推进情况",
                              "进度情况"})
_ROW_LABEL = re.compile(
    rf"(?P<label>目标任务|工作目标|年度目标|{alternation(sorted(_PROGRESS_LABELS))})\s*[:：]")
# A sentence reporting where the work stands on a date (`截至2019年12月底,全市完成…`): its
# figures are progress made, however many clauses on.
_AS_OF = re.compile(r"\s*(?:此项工作已完成[。,，]?)?(?:截至|截止)(?:到)?\s*\d{4}\s*年")
_ASIDE = 10  # the longest bracket, brackets included, read as an aside
# The end of a list right before its count: `等`, perhaps with the class named (`等灌区`).
_AFTER_LIST = re.compile(r"等[\u4e00-\u9fff]{0,3}$")
# What a count of the plan's own items counts, after a counting unit.
_ITEM_COUNTS = frozenset({"项", "个", "条"})
_COUNTED_ITEMS = re.compile(r"[^,，。;；的\d]{0,8}?(?:指标|目标|任务|领域)")
# Words that may stand before a share of all the places or bodies that is to reach a mark.
_PERCENT = frozenset({"%", "％"})
_SCOPE_AND_AIM = re.compile(r"使|力争|确保|争取|要|全[省市县区州]|[我本][省市县区州]|不低于|不少于|"
                            r"至少|其中|有|达到")
# Words that set the scope of the work (`在`, `对`, `涉及`), and the divisions and bodies a
# count of its scope counts.
_SCOPE = re.compile(r"在|对|涉及|聚焦|惠及|下设|设置")
_SCOPED = re.compile(r"(?:乡镇|县|市|区|乡|镇|村|街道|社区|部门|单位|方面|工作小组|小组)"
                     r"(?:[(（][^()（）]{1,6}[)）])?(?=$|[全开实推建的和及与、,，。;；进范内都各选])")
# Verbs that bring about what they count, besides the count verbs (`全县完成22个村庄`).
_DOING = re.compile(r"完成|支持|实施|改造|治理|提升|选择|选取|选定|遴选|确定|建成|建设")


@dataclass(frozen=True, slots=True)
class _Rules:
    paying: re.Pattern[str]
    money_units: tuple[str, ...]
    listed_projects: re.Pattern[str]
    measures: re.Pattern[str]
    progress: re.Pattern[str]
    scoring: re.Pattern[str]
    parameter: re.Pattern[str]
    completing: tuple[str, ...]
    rewards: re.Pattern[str]
    count_verbs: tuple[str, ...]
    governed: re.Pattern[str]  # any of the count verbs
    classifiers: frozenset[str]
    funding: re.Pattern[str]
    milestone: re.Pattern[str]


@cache
def _rules() -> _Rules:
    targets = table("targets")
    data = targets["not_commitments"]
    return _Rules(
        paying=re.compile(alternation(data["paying"])),
        money_units=tuple(data["money_units"]),
        listed_projects=re.compile(data["listed_projects"]),
        measures=re.compile(data["measures"]),
        progress=re.compile(data["progress"]),
        scoring=re.compile(data["scoring"]),
        parameter=re.compile(data["parameter"]),
        completing=tuple(data["completing"]),
        rewards=re.compile(alternation(data["rewards"])),
        count_verbs=tuple(targets["count_verbs"]),
        governed=re.compile(alternation(targets["count_verbs"])),
        classifiers=frozenset(targets["classifiers"]),
        funding=re.compile(data["funding"]),
        milestone=re.compile(data["milestone"]),
    )


def is_commitment(text: str, start: int, end: int, unit: str, bound: bool,
                  chinese: bool) -> bool:
    """Whether the quantity `text[start:end]` (with its unit and comparator) is a commitment;
    `bound` says whether its comparator sets a bound (以上, 超, 以下), `chinese` whether its
    number is written in Chinese numerals."""
    if chinese and not _brought_about(text, start, unit):
        return False
    return not (_counts_a_list(text, start)
                or (bound and _qualifies(text, start, end) and not _share_of_all(text, start, unit))
                or _rules().measures.match(text, end) is not None
                or _rules().progress.search(text, _clause_start(text, start), start) is not None
                or _rules().parameter.search(text, _clause_start(text, start), start) is not None
                or _pays(text, start, unit) or _in_brackets(text, start)
                or _in_project_list(text, end) or _funds(text, start)
                or _rules().milestone.search(text, _clause_start(text, start), start) is not None
                or _AS_OF.match(text, _clause_start(text, start, _SENTENCE_END)) is not None
                or _under_progress_label(text, start) or _scores(text, start)
                or _scopes(text, start, end) or _counts_items(text, start, end, unit))


def _counts_items(text: str, start: int, end: int, unit: str) -> bool:
    """`36项测评指标`, `以上8项…责任目标`, `8项任务`: a count of the plan's own indicators, goals
    or tasks (unlike `100亿元目标`, a figure a goal names, or `完成37个老旧小区改造任务`, work
    a verb brings about)."""
    return unit in _ITEM_COUNTS and _COUNTED_ITEMS.match(text, end) is not None \
        and _nothing_done(text, _clause_start(text, start), start)


def _scopes(text: str, start: int, end: int) -> bool:
    """`在全市8个县(市、区)全面开展…`, `涉及6个镇`, `下设7个工作小组`: a count of the divisions
    or bodies the work covers, after a word of scope with no verb of bringing about between
    them (unlike `在全市建成10个村级服务站`)."""
    if _SCOPED.match(text, end) is None:
        return False
    scope = list(_SCOPE.finditer(text, _clause_start(text, start), start))
    return bool(scope) and _nothing_done(text, scope[-1].end(), start)


def _nothing_done(text: str, begin: int, end: int) -> bool:
    """Whether no verb that brings about what it counts stands in `text[begin:end]`."""
    return _rules().governed.search(text, begin, end) is None \
        and _DOING.search(text, begin, end) is None


def _scores(text: str, start: int) -> bool:
    """`超过平均值5个点以内扣1分`: a figure in a sentence that marks the work by points."""
    end = _SENTENCE_END.search(text, start)
    return _rules().scoring.search(text, _clause_start(text, start, _SENTENCE_END),
                                   end.start() if end else len(text)) is not None


def _under_progress_label(text: str, start: int) -> bool:
    """`目标任务:…` then `目前进度:今年共争取项目16个…`: a figure after a label of progress,
    before the next label of the item, reports where the work stands."""
    labels = list(_ROW_LABEL.finditer(text, 0, start))
    return bool(labels) and labels[-1]["label"] in _PROGRESS_LABELS


def _funds(text: str, start: int) -> bool:
    """`资金来源:中央资金50%…`: the shares and sums a line on the money names."""
    line_start = text.rfind("\n", 0, start) + 1
    return _rules().funding.match(text, line_start) is not None


def _brought_about(text: str, start: int, unit: str) -> bool:
    """A count in Chinese numerals is a target only with a counted unit, right after a verb
    that brings it about (`培育百家`); elsewhere it describes (`四条诗路文化带`)."""
    return unit in _rules().classifiers and text[:start].endswith(_rules().count_verbs)


def _clause_start(text: str, position: int, ends: re.Pattern[str] = _CLAUSE) -> int:
    """Where the clause (or, by `ends`, the sentence) holding `position` starts."""
    return max((found.end() for found in ends.finditer(text, 0, position)), default=0)


def _counts_a_list(text: str, start: int) -> bool:
    """`启动尚贤、冠山等6个乡镇…建设`, `建成凤凰山、体育中心、红桥等3个综合体`, `A、B等灌区4个
    渠首工程`: the count of
    the things just named, unless a verb of bringing about governs a count other than the
    list's own (`培育A、B、C等1—2家平台载体`, `引进A等8家研发机构`)."""
    before = text[:start].rstrip()
    if _AFTER_LIST.search(before) is None:
        return False
    clause_start = _clause_start(text, start)
    listed = before[clause_start:].count("、") + 1
    figure = re.match(r"\d+", text[start:])
    return _rules().governed.search(text, clause_start, start) is None \
        or (figure is not None and int(figure[0]) == listed)


def _qualifies(text: str, start: int, end: int) -> bool:
    """`超100亿元的产业集群`, `1000万元以上的企业`: a bound qualifying a noun (unlike a goal
    described by its size, `收入3万亿左右的产业`, or a share to be done, `完成75%以上的确权
    登记`)."""
    return text[end:end + 1] == "的" and not text[:start].endswith(_rules().completing)


def _share_of_all(text: str, start: int, unit: str) -> bool:
    """`全市80%以上的乡镇达到…`, `不低于35%的行政村…得到治理`: the share of all the places or
    bodies that are to reach a mark, with nothing before it in its clause but the words of
    scope or aim (unlike `营业收入增长20%以上的企业`, a threshold of what qualifies)."""
    clause = text[_clause_start(text, start):start]
    return unit in _PERCENT and _SCOPE_AND_AIM.sub("", clause).strip() == ""


def _pays(text: str, start: int, unit: str) -> bool:
    """Money the plan pays or allocates (`奖励`, `补助`, `安排…经费`) in the same clause, and
    whatever the plan grants right before its figure (`一次性给予 500 亩…用地指标`)."""
    if text[:start].rstrip().endswith(_GRANTING):
        return True
    if unit.endswith("%"):
        return _rebates(text, start)
    if not unit.split("/")[0].endswith(_rules().money_units):  # `元`, and a rate `元/平方米`
        return False
    return _rules().paying.search(text, _clause_start(text, start), start) is not None


_GRANTING = ("给予",)


def _rebates(text: str, start: int) -> bool:
    """`分别给予缴纳城镇土地使用税100%、75%的奖励`: a share the plan gives back, not a level to
    reach: given (`给予`) before the figure and named a reward after it, in one clause."""
    clause_start = _clause_start(text, start)
    clause_end = next((found.start() for found in _CLAUSE.finditer(text, start)), len(text))
    return "给予" in text[clause_start:start] \
        and _rules().rewards.search(text, start, clause_end) is not None


def _in_brackets(text: str, start: int) -> bool:
    """`6亩以下(不含6亩)`, `(8项)`: a short aside in round brackets (a longer bracket may
    spell out the goals, `(5个试点县市区、10个试点园区)`)."""
    return any(group.start < start < group.end and group.end - group.start <= _ASIDE
               for group in top_level_groups(text) if group.opener in "(（")


def _in_project_list(text: str, end: int) -> bool:
    """`重点抓好平煤神马25万吨己二酸、海星化工10万吨针状焦等项目建设`: a figure naming one of
    the projects the list it stands in ends with."""
    clause_end = next((found.start() for found in _CLAUSE.finditer(text, end)), len(text))
    return _rules().listed_projects.search(text, end, clause_end) is not None
