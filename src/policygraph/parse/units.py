"""Responsible units as plans write them: where one name ends and the next begins, and what
in a list of units is not a unit (deadlines, notes about the clause, people, generic tails).

Unit names nest brackets (`各县〔市、区〕`, `嘉兴经济技术开发区(国际商务区)管委会`) and may
contain a conjunction (`县文化和广电旅游体育局`), so a list is split at separators outside
brackets, and at `及`/`和`/`与` only where every part is itself a unit's name.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache

from .brackets import split_top_level
from .regions import lookup_all
from .rules import table

SEPARATORS = "、,，;； \t\n"
_LIST_SEPARATORS = "、,，;；"
TRIM = "。.,，;；:： \t\n"
_CONJUNCTION = re.compile(r"及|和|与|以及")
# Words that join two units wherever they stand, `会` being `会同` cut short after a body's name
# (`宣传处会办公室`; not `委会`, which ends `管委会`, nor `会议`).
_ALWAYS_JOINS = re.compile(r"会同|联合|协同|(?<=[处局厅科股室])会(?=[\u4e00-\u9fff]{2})(?!议)")
# Suffixes that only a body's name ends with: a heading ending so is a unit, not a topic.
_BODY_SUFFIXES = ("厅", "局", "委", "办", "委员会", "管委会", "委会", "政府", "办公室", "中心",
                  "公司", "组", "专班", "办事处", "管理处", "督查室", "报社", "电视台", "电台",
                  # offices of a county or a town (`县广电站`, `镇司法所`)
                  "广电站", "文化站", "农技站", "农机站", "水利站", "林业站", "畜牧站", "兽医站",
                  "卫生院", "派出所", "司法所", "财政所", "国土所", "供电所", "法院", "检察院")
# Verbs and nouns that end as bodies' names do (`企业开办`, `一网通办`, `统筹规划布局`).
_VERBS_LIKE_BODIES = ("开办", "举办", "创办", "代办", "帮办", "兴办", "申办", "通办", "快办",
                      "好办", "网办", "督办", "交办", "承办", "联办", "合办", "包办", "速办",
                      "布局", "格局", "开局", "大局", "全局", "新局", "变局", "破局",
                      "重组", "改组", "分组", "编组")
# `各市(县)、区政府`, `各州、市人民政府`, `各市州、县市区政府`, `各市、县〔区〕`, and levels a
# body of each closes, `市、县两级人民政府`, `各市、县级政府`, `各县(市)、地区有关部门`: a
# collective whose 、 joins levels of one name, not two units. A level may carry its aside in
# any bracket (`县〔区〕`, `县<区>`).
_ASIDE = r"(?:[(（〔〈<][^)）〕〉>]{1,6}[)）〕〉>])?"
_COLLECTIVE_HEAD = re.compile(r"(?:各|相关|有关)"
                              r"(?:[^、]{1,6}[)）〕〉>]|[省市州县区旗镇乡]{1,2}|园区)|[省市州县]")
_COLLECTIVE_LEVEL = re.compile(r"(?:特|新|林)?[省市州县区旗镇乡]")
_COLLECTIVE_TAIL = re.compile(rf"(?:[市州县区旗镇乡]{{1,3}}{_ASIDE}(?:[两三四五]?级)?(人民)?政府"
                              rf"{_ASIDE}|(?:地区|[市州县区旗镇乡]{{1,3}})级?(?:有关|相关)(?:部门|单位)"
                              rf"|(?:特|新|林)?[市州县区旗镇乡]{_ASIDE})"
                              r"(?=$|牵头|负责|配合|协助|参与|落实|按|分别|共同|等|及|和|与)")
# What a clause calls its units, not a unit's name (`责任单位、协作单位要…`).
_ROLE_NOUNS = frozenset({"责任单位", "牵头单位", "配合单位", "协作单位", "协办单位", "主办单位",
                         "责任部门", "牵头部门", "配合部门", "相关单位", "有关单位"})
# 要 asking something of a sentence's subject, not the 要 of 主要, 重要, 需要 or 只要.
_WANTS = r"(?<![主重需只])要"
# A modal verb asking something of a sentence's subject (`各县要…`, `务必`, `须`); not the 应 of
# 应急 or 应用, nor of `相应`, `适应`, `供应`, words that hold 应 without it being a modal verb.
MODAL = rf"务必|必须|{_WANTS}|(?<![相响适对供反效感])应(?![急用])|须"
_SENTENCE_WORDS = re.compile(rf"是|的|{_WANTS}|将|把|对|贯彻|落实|制定|承担|开展|推进|完成"
                             r"|加强|做好")
_SHORT_NAME = 8
# Words of what is to be done, and counts, which no body's name holds (`认真贯彻落实省农业农村厅`,
# `规划在11个乡镇`; but `省直19个责任单位`).
_ACTION = re.compile(r"贯彻|落实|认真|切实|及时|加强|加快|建立|设立|成立|组建|发挥"
                     r"|\d+\s*[个家项所](?!责任|成员|部门|单位)")
# `各级、各部门要…`: a word saying of the list's next name that it holds at every level.
_EVERY_LEVEL = frozenset({"各级", "全市各级", "全省各级", "全县各级", "全区各级"})
_VERB = re.compile(r"[的了着要将把为在]|完成|推进|开展|建设")
_BARE_SUFFIXES = frozenset({"单位", "部门", "机构", "企业"})
# What opens an aside on the units before it (`(含西咸新区)`), not a unit.
_ASIDES = ("含", "包括", "不含")
_OPENER_OF = {")": "(", "）": "（"}
_LONE_LEVEL = re.compile(r"[省市州县区縣區]")
_LEVEL_CHARACTERS = "省市州县区镇乡縣區鎮鄉"
_GOVERNMENTS = frozenset({"政府", "人民政府"})
# A level and `各` before a generic unit (`省级各相关部门`, `市直各`), which it leaves generic.
_LEVEL_OR_ALL = re.compile(r"^[市省县区州]*(?:级|直)?各?")
# Bodies named without their division, which a collective's each takes (`各县党委和人民政府`).
_BARE_BODIES = frozenset({"人民政府", "政府", "党委", "党工委", "管委会"})
# A bracketed note closing a unit's name: `市卫生健康委(列第一位为牵头单位,下同)`.
_BRACKETED = re.compile(r"[(（〔]([^()（）〔〕]*)[)）〕]$")
_CLOSING_BRACKET = re.compile(r"[)）〕]")
_LEADING_VERB = re.compile(r"^(?:[由请]|尤其是|特别是|其中)(?=..)")
_BARE_NAME = re.compile(r"[\u4e00-\u9fff]{2,3}")
# A level's prefix left alone at a line's end where the page broke a name (`市` / `住房城乡建委`).
_BROKEN_PREFIX = re.compile(r"(?<![\u4e00-\u9fff])([省市县区州])[ \t]*\n\s*")
_NAME_ASIDE = re.compile(r"[(（〔][^()（）〔〕]*[)）〕]$")


@dataclass(frozen=True, slots=True)
class UnitRules:
    """Compiled unit-name rules of `tables/clauses.toml`."""

    suffixes: tuple[str, ...]
    collective: str
    max_prose: int
    deadline: re.Pattern[str]
    note: re.Pattern[str]
    person: re.Pattern[str]
    generic: re.Pattern[str]
    trailing: re.Pattern[str]


@cache
def unit_rules() -> UnitRules:
    units = table("clauses")["units"]
    return UnitRules(
        suffixes=tuple(sorted(units["suffixes"], key=len, reverse=True)),
        collective=units["collective_prefix"],
        max_prose=units["max_prose_length"],
        deadline=re.compile(units["deadline"]),
        note=re.compile(units["note"]),
        person=re.compile(units["person"]),
        generic=re.compile(units["generic"]),
        trailing=re.compile(units["trailing"]),
    )


def is_unit_name(name: str) -> bool:
    """Whether a phrase found in prose names a unit: a body's suffix, or a collective 各…."""
    rules = unit_rules()
    if not 2 <= len(name) <= rules.max_prose or is_person(name):
        return False
    if name.startswith(rules.collective):
        return not _SENTENCE_WORDS.search(name)  # `各市(州)人民政府是贯彻…` is a sentence
    # (`…以外的燃煤机组`: a phrase with 的 describes things, it names no body; a name may
    # close with the body's other name, `人事处(宣教办)`)
    return without_aside(name).endswith(rules.suffixes) and not _ACTION.search(name) \
        and "的" not in name


def without_aside(name: str) -> str:
    """A name without the other name of the body it closes with (`未来科技城(海创园)`,
    `省数据局(省营商局)`), for telling whether it ends as a body's name does."""
    return _NAME_ASIDE.sub("", name)


def is_short_list(units: list[str], verbs: bool = True) -> bool:
    """Two or more bodies named short, as a list of units may name all but its first
    (`县经贸、统计、工商`, `水利、电力部门`): each a few characters and (`verbs`: unless what
    closes the list says they are departments) no verb; none holds words of what is done
    (`及时协调涉市、区相关部门和物业等单位`)."""
    return len(units) >= 2 and all(len(unit) <= _SHORT_NAME and not _ACTION.search(unit)
                                   and not (verbs and _VERB.search(unit)) for unit in units)


def is_body_name(text: str) -> bool:
    """Whether a whole heading is one body's name (`山东省科学技术厅`, `县示范区管委会`), not a
    task that ends in a verb like one (`进一步便利企业开办`)."""
    text = text.strip(TRIM)
    return is_unit_name(text) and text.endswith(_BODY_SUFFIXES) \
        and not text.endswith(_VERBS_LIKE_BODIES) and not re.search(r"[的、,，]", text) \
        and not _names_two(text)


def _names_two(text: str) -> bool:
    """`县发改局和县财政局`: two bodies a conjunction joins, not one body's name that holds it
    (`市劳动和社会保障局`, `县文化和旅游局`)."""
    first = _CONJUNCTION.split(text, maxsplit=1)[0]
    return first != text and is_unit_name(first)


# `全区各级各部门`, `省政府各牵头部门`, `省直各牵头部门`: the whole of a level, or every body
# of its government.
_WHOLE_AREA = re.compile(r"^(?:全[省市县区州]|[省市县区州](?:政府|委|直)?(?=各))")


def addresses_everyone(unit: str) -> bool:
    """`各责任单位`, `各地各部门`, `牵头单位`, `有关部门`: a collective or a role, which names no
    particular body."""
    unit = _WHOLE_AREA.sub("", unit)
    return unit.startswith(unit_rules().collective) or unit in _ROLE_NOUNS \
        or unit_rules().generic.match(unit) is not None


def is_person(name: str) -> bool:
    """`张三副市长`, `县政府分管领导`: people, who are never units."""
    return unit_rules().person.search(name) is not None


@lru_cache(maxsize=65536)
def clean_unit(name: str) -> str:
    """A unit's name without surrounding punctuation, a leading 由/请, a trailing `等部门` or
    a bracketed note after it. Cached: a plan names the same few units over and over."""
    name = name.strip(TRIM)
    if name[:1] in "(（〔" and not _CLOSING_BRACKET.search(name):
        name = name[1:]  # the opening bracket of a clause read as prose
    if name[-1:] in _OPENER_OF and name.count(name[-1]) > name.count(_OPENER_OF[name[-1]]):
        name = name[:-1]  # a stray closer the page left after the name
    note = _BRACKETED.search(name)
    if note and unit_rules().note.search(note[1]):
        name = name[: note.start()].strip(TRIM)
    name = _LEADING_VERB.sub("", name)
    return unit_rules().trailing.sub("", name).strip(TRIM)


def listed_units(segment: str) -> list[str]:
    """The units of a clause's list, in written order, without what is not a unit."""
    rules = unit_rules()
    units: list[str] = []
    for piece in join_collectives(split_list(_ALWAYS_JOINS.sub("、", segment))):
        parts = _conjoined(piece)
        # `A及有关部门`: a generic unit joined on by a conjunction is no unit of its own.
        parts = parts[:1] + [part for part in parts[1:]
                             if not unit_rules().generic.match(clean_unit(part))]
        for part in parts:
            name = clean_unit(part)
            if not name or rules.deadline.search(name) or rules.note.search(name) \
                    or is_person(name) or name.startswith(_ASIDES):
                continue
            units.append(name)
    return units


def split_list(segment: str) -> list[str]:
    """A list of units split at its separators outside brackets. White space separates units
    too (`县发改局 县财政局`), but not inside a name a page spaced out (`市 财政局`,
    `资源规划 局`): a piece that is no unit's name joins the next, and so does a level's prefix
    the page's line broke off (`市` / `住房城乡建委`). A person's bare name after
    a unit (`市民政局 伍泽国`, a table's `牵头单位及主要负责人` cell) is no unit and is left out."""
    pieces: list[str] = []
    segment = _BROKEN_PREFIX.sub(r"\1", segment)
    for piece in split_top_level(segment, _LIST_SEPARATORS):
        words = split_top_level(piece, " \t\n")
        joined = words[:1]
        for word in words[1:]:
            after_unit = is_unit_name(clean_unit(joined[-1]))
            if after_unit and _is_bare_name(word):
                continue
            # (`各市(地) 政府(行署)`: the governments of a collective, where a PDF's line broke)
            governments = joined[-1].startswith(unit_rules().collective) \
                and word.startswith(tuple(_GOVERNMENTS))
            if len(word) > 1 and not governments \
                    and (after_unit or unit_rules().note.search(joined[-1])):
                joined.append(word)
            else:
                joined[-1] += word
        pieces.extend(joined)
    return pieces


def _is_bare_name(word: str) -> bool:
    """`伍泽国`: two or three characters that name neither a body nor a place."""
    return _BARE_NAME.fullmatch(word) is not None and not is_unit_name(word) \
        and not lookup_all(word)


def join_collectives(pieces: list[str],
                     name: Callable[[str], str] = clean_unit) -> list[str]:
    """`各市(县)`, `区政府` back as the one collective `各市(县)、区政府` the plan wrote, and
    `市直有关部门`, `单位` as `市直有关部门、单位`. `name` reads the unit's name in a piece, which
    a clause's pieces may close with a role word (`单位分工负责`)."""
    joined: list[str] = []
    open_collective = False
    for piece in pieces:
        before = _last_conjunct(joined[-1]) if joined else ""
        if joined and name(piece) in _BARE_SUFFIXES \
                and unit_rules().generic.search(_LEVEL_OR_ALL.sub("", clean_unit(before))):
            joined[-1] += "、" + piece
            continue
        if joined and _joins_the_collective_before(clean_unit(before), name(piece)):
            joined[-1] += "、" + piece
            continue
        if joined and (open_collective or _COLLECTIVE_HEAD.fullmatch(before)) \
                and _COLLECTIVE_TAIL.match(clean_unit(piece)):
            joined[-1] += "、" + piece
            open_collective = bool(_COLLECTIVE_LEVEL.fullmatch(piece))
        else:
            joined.append(piece)
            open_collective = False
    return joined


def _last_conjunct(piece: str) -> str:
    """The name after a piece's last conjunction: in `省直相关单位和各市州`, `县市区人民政府` the
    collective `各市州、县市区人民政府` opens after the 和, which the 、 is read before."""
    return _CONJUNCTION.split(piece)[-1]


def _joins_the_collective_before(before: str, piece: str) -> bool:
    """`市`, `区两级食品安全委员会办公室` as `市、区两级…` and `州`, `县督查室` as `州、县督查室`:
    a level standing alone shares the body's name after it; `各县区党委`, `政府` as
    `各县区党委、政府`: the governments of the same collective."""
    return (_LONE_LEVEL.fullmatch(before) is not None and piece[:1] in _LEVEL_CHARACTERS
            and is_unit_name(piece)) \
        or (before.startswith("各") and piece in _GOVERNMENTS)


def prose_units(phrase: str) -> list[str]:
    """Units named in prose, or [] unless every name in the phrase is a unit's or a
    division's (`武汉市、宜昌市应…`: the divisions' governments)."""
    units: list[str] = []
    for piece in join_collectives(split_top_level(_ALWAYS_JOINS.sub("、", phrase), "、")):
        if clean_unit(piece) in _EVERY_LEVEL:
            continue
        parts = [clean_unit(part) for part in _conjoined(piece)]
        # (a name closed by its other name or its kind, `街道(乡镇)`, `相关部门(单位)`, ends
        # as a body's name does before the bracket)
        if not parts or not all((is_unit_name(without_aside(part)) or lookup_all(part))
                                and part not in _ROLE_NOUNS for part in parts):
            return []
        units.extend(parts)
    return units


def _conjoined(piece: str) -> list[str]:
    """`A及B` as [A, B] when both are units' names; otherwise the piece whole."""
    if is_unit_name(clean_unit(piece)) and not _CONJUNCTION.search(piece):
        return [piece]
    parts = [part for part in _CONJUNCTION.split(piece) if part.strip(TRIM)]
    if not parts:
        return [piece]  # punctuation alone, which names nothing
    if any(clean_unit(part) in _BARE_SUFFIXES for part in parts):
        return [piece]  # `省有关部门和单位`: one collective, not a unit named 单位
    if parts[0].startswith(unit_rules().collective) \
            and all(clean_unit(part) in _BARE_BODIES for part in parts[1:]):
        return [piece]  # `各县(市、区)党委和人民政府`: the bodies of each, one collective
    if len(parts) > 1 and all(is_unit_name(without_aside(clean_unit(part)))
                              or unit_rules().generic.match(clean_unit(part))
                              or lookup_all(clean_unit(part)) for part in parts):
        return parts
    return [piece]
