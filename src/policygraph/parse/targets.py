"""Numeric targets: a number, its unit and comparator, and what it measures.

A target is a quantity the plan sets out to reach (`增长9%以上`, `突破1200亿元`, `1—2家`,
`培育百家…`). Numbers that are not targets are kept out by rule: years and dates (no unit),
ordinals (`第三届`), numbers inside quotes or titles (`“342”`, `《…》`), numbers in names
(`百亿级`, `500强`), counts of a list's items in Chinese numerals (`五项基础工作`), and a
quantity that only qualifies the noun of a second one in the same phrase
(`3亿元以上项目8个以上`: the target is 8 projects).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .brackets import top_level_groups
from .commitments import is_commitment
from .numerals import chinese_to_int
from .place_columns import place_column_sentences
from .place_rows import place_row_sentences
from .record import Comparator, Target
from .rules import alternation, table

_ARABIC = r"\d+(?:\.\s?\d+)?"
_CHINESE = r"[一二两三四五六七八九十百千]+"
_RANGE = r"\s*[—–\-~～至到]\s*"
# What separates list items and phrases: a quantity followed by more text and a second quantity
# with none of these between them is a modifier of the second one's noun.
# (a space before words too: a list of places' shares written `南夏墅村1人 凤墅村2人`)
_PHRASE_BREAK = re.compile(r"[、,，;；。:：!?！？\n和及与]| (?=[\u4e00-\u9fff]{2})")
# A count and the extent of what it counts (`清淤支沟2条长3.2公里`): two figures of one work,
# not a count qualifying the noun of the second.
_EXTENT = re.compile(r"(?:全|总)?(?P<measure>长|长度|面积|里程)(?:约|达)?")
# The count an extent's name carries before it (`清淤支沟2条长`): the count is a target of its
# own, and the extent measures the length of what was counted (`清淤支沟长度`).
_COUNT_BEFORE_EXTENT = re.compile(rf"\d+(?:\.\d+)?[^\d\s]{{1,2}}(?:{_EXTENT.pattern})$")
_CLAUSE_BREAK = "、,，;；。:：!?！？\n"
_PHRASE_ONLY = ",，;；。:：!?！？\n"
_FIGURES = re.compile(r"[\d.．、]")
_RESPECTIVELY = "分别"
# A goal sentence runs on over its `;`-separated figures (`目标是:A增长9%;B增长12%`).
_GOAL_SENTENCES = re.compile(r"[。!！?？\n]")
_MASK = "\u25a1"
_ANNOUNCES_GOALS = re.compile(r"目标[是为]?[:：]")
# Clause marks, which a quoted passage holds and a quoted name does not.
_CLAUSES = re.compile(r"[,，;；]")
# `城镇新增就业人数(人) | 1300 | 元坝镇280 白果乡15 …`: a goal, its unit, its total and its
# share for each place, in cells of a table's row.
_BREAKDOWN = re.compile(
    r"(?P<indicator>[\u4e00-\u9fff]{2,20})[(（](?P<unit>[\u4e00-\u9fff%]{1,4})[)）]\s*[|｜]\s*"
    r"(?P<total>\d+(?:\.\d+)?)\s*[|｜]\s*"
    r"(?P<parts>(?:[\u4e00-\u9fff]{2,8}(?:镇|乡|街道办?|社区|区|县|市)\d+(?:\.\d+)?\s*){2,})")
_PLACE_FIGURE = re.compile(r"([\u4e00-\u9fff]{2,8}?(?:镇|乡|街道办?|社区|区|县|市))(\d+(?:\.\d+)?)")
_QUOTE_CLOSERS = ("”", "》", '"')
_BOUNDS = (">=", ">", "<=", "<")


@dataclass(frozen=True, slots=True)
class _Rules:
    quantity: re.Pattern[str]
    suffix: dict[str, Comparator]
    prefix: dict[str, Comparator]
    prefix_pattern: re.Pattern[str]
    infix: dict[str, Comparator]
    magnitudes: frozenset[str]
    lead_words: re.Pattern[str]
    five_year_plans: dict[str, int]
    goal_cue: re.Pattern[str]


@cache
def _rules() -> _Rules:
    data = table("targets")
    counted = data["counted"]
    units = ([m + c for m in data["magnitudes"] for c in counted] + counted
             + data["magnitudes"] + data["percent"] + data["multiplier"])
    comparators = data["comparators"]
    unit = alternation(units)
    quantity = re.compile(
        rf"(?P<v1>{_ARABIC}|{_CHINESE})(?:[%％]?{_RANGE}(?P<v2>{_ARABIC}))?"
        rf"(?P<infix>{alternation(list(comparators['infix']))})?"
        rf"(?:[ \t]?(?P<unit>(?:{unit})(?:/(?:{alternation(data['per'])}))?))?"
        rf"(?!{alternation(data['not_followed_by'])})"
        rf"(?!(?:{alternation(data['graded_units'])})级)"
        rf"(?P<suffix>{alternation(list(comparators['suffix']))})?"
    )
    return _Rules(
        quantity=quantity,
        suffix=comparators["suffix"],
        prefix=comparators["prefix"],
        prefix_pattern=re.compile(rf"({alternation(list(comparators['prefix']))})\s*$"),
        infix=comparators["infix"],
        magnitudes=frozenset(data["magnitudes"]),
        lead_words=re.compile(rf"^(?:{alternation(data['lead_words'])})+"),
        five_year_plans=data["five_year_plans"],
        goal_cue=re.compile(data["goal_cue"]),
    )


@dataclass(slots=True)
class _Quantity:
    start: int
    end: int
    value: float
    value_max: float | None
    unit: str | None
    comparator: Comparator | None
    chinese: bool
    comparator_follows: bool


def find_targets(text: str, path: list[str], default_year: int | None) -> list[Target]:
    """The targets stated in an item's text, in reading order."""
    masked = _mask_quotes(text)
    quantities = [q for q in _quantities(masked) if not _is_ordinal_or_name(masked, q)]
    _share_list_units(masked, quantities)
    kept = [q for q in quantities if q.unit and not _is_modifier(masked, q, quantities)]
    return [_target(text, masked, q, path, default_year) for q in kept
            if is_commitment(masked, q.start, q.end, q.unit or "", q.comparator in _BOUNDS,
                             q.chinese)]


def find_goal_targets(text: str, default_year: int | None,
                      goals_only: bool = False) -> list[Target]:
    """Targets of a preamble before the first numbered item (path `[]`): only its sentences
    that set goals (`到2025年…`, `力争…`), not those telling what was achieved, unless the
    page is `goals_only` (a plan whose title names it a list of goals, `全年工作目标`)."""
    goals = "。".join(sentence for paragraph in text.split("\n")
                     for sentence in _goal_sentences(paragraph, goals_only))
    return find_targets(goals, [], default_year) if goals else []


def _goal_sentences(paragraph: str, goals_only: bool) -> list[str]:
    """A paragraph's sentences that set goals: those with a cue, and all those after the
    paragraph announces its goals (`主要预期目标是:…。全年地区生产总值增长5%左右`)."""
    kept: list[str] = []
    announced = False
    for sentence in _GOAL_SENTENCES.split(paragraph):
        if goals_only or announced or _rules().goal_cue.search(sentence):
            kept.append(sentence)
        announced = announced or _ANNOUNCES_GOALS.search(sentence) is not None
    return kept


def find_breakdown_targets(text: str, default_year: int | None) -> list[Target]:
    """Targets of a table's rows that break a goal down by place, wherever they stand (a
    table of such rows holds no numbered item, so no outline item reads them): a goal's row
    with a cell of shares by place, a place's row with a column a goal, or a goal's row with
    a column a place."""
    sentences = _breakdowns(text) + place_row_sentences(text) + place_column_sentences(text)
    return find_targets("。".join(sentences), [], default_year) if sentences else []


def _breakdowns(text: str) -> list[str]:
    """A table's row of a goal broken down by place (`城镇新增就业人数(人) | 1300 | 元坝镇280
    白果乡15 …`) as one sentence a figure (`城镇新增就业人数1300人`, `元坝镇城镇新增就业人数280人`),
    the unit the indicator's brackets give."""
    sentences: list[str] = []
    for row in _BREAKDOWN.finditer(text):
        indicator, unit = row["indicator"], row["unit"]
        sentences.append(f"{indicator}{row['total']}{unit}")
        sentences += [f"{place}{indicator}{number}{unit}"
                      for place, number in _PLACE_FIGURE.findall(row["parts"])]
    return sentences


def _mask_quotes(text: str) -> str:
    """Quoted names and titles blanked out (same length), so their numbers are not read; a
    quoted passage of several clauses (`下达的“优良率达到82%以上,PM2.5下降10%”的目标`) states
    goals and is read."""
    chars = list(text)
    for group in top_level_groups(text):
        if group.opener in "“《\"" and (group.opener == "《"
                                         or not _CLAUSES.search(group.content(text))):
            chars[group.start + 1 : group.end - 1] = _MASK * (group.end - group.start - 2)
    return "".join(chars)


def _quantities(text: str) -> list[_Quantity]:
    rules = _rules()
    found: list[_Quantity] = []
    for match in rules.quantity.finditer(text):
        chinese = not match["v1"][0].isdigit()
        if chinese and match["v2"]:
            continue
        try:
            value = float(chinese_to_int(match["v1"])) if chinese \
                else float(match["v1"].replace(" ", ""))
        except ValueError:
            continue
        comparator: Comparator | None = None
        if match["suffix"]:
            comparator = rules.suffix[match["suffix"]]
        elif match["infix"]:
            comparator = rules.infix[match["infix"]]
        else:
            before = rules.prefix_pattern.search(text[max(0, match.start() - 6) : match.start()])
            if before:
                comparator = rules.prefix[before[1]]
        found.append(_Quantity(match.start(), match.end(), value,
                               float(match["v2"]) if match["v2"] else None,
                               match["unit"], comparator, chinese, bool(match["suffix"])))
    return found


def _is_ordinal_or_name(text: str, q: _Quantity) -> bool:
    """`第三届`; a digit run cut out of a longer number; a count glued after a quoted name."""
    before = text[q.start - 1] if q.start else ""
    if before == "第" or before.isdigit() or before == ".":
        return True
    after = text[q.end] if q.end < len(text) else ""
    return before in _QUOTE_CLOSERS and "\u4e00" <= after <= "\u9fff"


def _share_list_units(text: str, quantities: list[_Quantity]) -> None:
    """`1.7万、1.6万标箱`, `10%、30%以上`: list items take the last item's unit and comparator."""
    for left, right in zip(quantities[::-1][1:], quantities[::-1], strict=False):
        if text[left.end : right.start].strip() != "、" or not right.unit:
            continue
        if left.unit is None or (right.unit.startswith(left.unit) and left.unit != right.unit):
            left.unit = right.unit
        if left.comparator is None and right.comparator_follows:
            left.comparator = right.comparator


def _is_modifier(text: str, q: _Quantity, quantities: list[_Quantity]) -> bool:
    """Whether a second quantity follows in the same phrase (`3亿元以上项目8个以上`)."""
    following = [other for other in quantities if other.start >= q.end and other.unit]
    if not following:
        return False
    between = text[q.end : following[0].start]
    return bool(between) and _PHRASE_BREAK.search(between) is None \
        and _EXTENT.fullmatch(between) is None


def _target(
    text: str, masked: str, q: _Quantity, path: list[str], default_year: int | None
) -> Target:
    start = _clause_start(masked, q.start, _CLAUSE_BREAK)
    phrase = _clause_start(masked, q.start, _PHRASE_ONLY)
    if _RESPECTIVELY in masked[phrase:q.start]:
        # (`A、B分别增长10%、30%`: each figure's text is the whole phrase that pairs them)
        quoted = text[phrase:_clause_end(masked, q.end, _PHRASE_ONLY)].strip()
    else:
        quoted = text[start : q.end].strip()
    return Target(
        path=list(path),
        indicator=_indicator(text, masked, q),
        value=q.value,
        value_max=q.value_max,
        unit=(q.unit or "").replace("％", "%"),
        comparator=q.comparator or "=",
        year=_due_year(masked[: q.start], default_year),
        text=quoted,
    )


def _clause_start(text: str, position: int, breaks: str) -> int:
    return max(text.rfind(ch, 0, position) for ch in breaks) + 1


def _clause_end(text: str, position: int, breaks: str) -> int:
    ends = [i for i in (text.find(ch, position) for ch in breaks) if i >= 0]
    return min(ends, default=len(text))


def _indicator(text: str, masked: str, q: _Quantity) -> str:
    """The thing measured, in the plan's words.

    `A、B分别增长10%、30%`: each figure measures its own item of the list before 分别.
    `改扩建100所农村幼儿园`: a count before its noun measures verb + noun.
    """
    phrase_start = _clause_start(masked, q.start, _PHRASE_ONLY)
    before = text[phrase_start : q.start]
    if _RESPECTIVELY in before:
        names, verb = before.split(_RESPECTIVELY, 1)
        items = [name for name in names.split("、") if name]
        position = masked[phrase_start : q.start].count("、") - names.count("、")
        name = _clean_name(items[min(position, len(items) - 1)]) if items else ""
        # (the verb the figures share, without the figures: `增长` of `增长10%、30%`)
        return name + _clean_name(_FIGURES.split(verb, 1)[0])
    name = _clean_name(text[_clause_start(masked, q.start, _CLAUSE_BREAK) : q.start])
    if counted := _COUNT_BEFORE_EXTENT.search(name):
        measure = counted["measure"]
        return name[: counted.start()] + ("长度" if measure == "长" else measure)
    tail = text[q.end : _clause_end(masked, q.end, _PHRASE_ONLY)].strip()
    if _EXTENT.match(tail):
        return name  # a count, its extent following (`2条长3.2公里`)
    tail = re.sub(r"^(以上|以下|左右|以内)", "", tail)
    if tail and "\u4e00" <= tail[0] <= "\u9fff":
        return name + tail
    return name


def _clean_name(words: str) -> str:
    """Words before a figure without bullets, dates, lead words (力争…) or comparator verbs."""
    rules = _rules()
    name = re.sub(r"^[—\-·•\s]+", "", words.strip())
    name = re.sub(r"^(到|至|在)?\d{4}年(底|末)?(前)?", "", name)
    name = rules.lead_words.sub("", name)
    name = rules.prefix_pattern.sub("", name).strip()
    return re.sub(r"(达到|达|实现|扩大到|提高到|增加到|到)$", "", name)


def _due_year(before: str, default_year: int | None) -> int | None:
    """The year named just before the target in its sentence, else the plan's last year."""
    sentence = re.split(r"[。;；\n]", before)[-1]
    years = re.findall(r"(?:到|至|在)?(\d{4})年", sentence)
    if years:
        return int(years[-1])
    for name, year in _rules().five_year_plans.items():
        if re.search(rf"{name}.?末", sentence):
            return year
    return default_year
