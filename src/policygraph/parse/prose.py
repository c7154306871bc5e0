"""Units that an item's text itself names as responsible, where it has no clause.

Plans write `由A牵头…`, `由X负责,A牵头,B配合`, `A、B牵头,C按职责分工负责`, `A负责…`, `A将…`,
`A、B等部门要…`, or end an item with `X负责` / `X牵头落实`. A phrase counts only when every
name in it ends like a body's name (`tables/clauses.toml`), so ordinary subjects (`企业要…`)
are not units.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .clauses import Responsibility, Role, parse_clause, responsibility
from .rules import alternation, table
from .units import (
    MODAL,
    TRIM,
    clean_unit,
    is_body_name,
    is_short_list,
    is_unit_name,
    listed_units,
    prose_units,
    unit_rules,
    without_aside,
)

_SENTENCES = re.compile(r"[。;；!！?？\n]")
# An adverb between a subject and its verb (`各工业园区也要…`, `各县区均要…`, `各部门密切配合`).
_ADVERB = re.compile(r"(?:也|都|均|亦|还|一定|密切|积极|主动|认真|全力)$")
# A modal verb after the subject (`各县务必加强…`, `各县需…`), before the verb it governs.
_MODAL_AFTER = re.compile(rf"(?:{MODAL}|需)$")
# When, between a subject and its verb (`各部门每月10日前要…`, `各县于6月底前须…`).
_WHEN = re.compile(r"(?:于|在)?(?:每[年季月周]|\d{4}年|\d{1,2}月|\d{1,2}日|[上中下]旬|底)+"
                   r"(?:前|以前|内)?$")
# What a sentence says its units are (`办实事工作部门为市实事办、…`), before their names.
_NAMED_AS = re.compile(r"^[^,，。;；]*?为(?=[省市县区州])")
# The role a subject takes on, before the role word (`市经委作为全市招商牵头责任部门`).
_AS_ROLE = re.compile(r"作为.*$")
# `等部门`, `等有关单位`: what closes a list of departments named short.
_DEPARTMENTS_TAIL = r"等(?:有关|相关)?(?:部门|单位)"
_DEPARTMENTS = re.compile(rf"{_DEPARTMENTS_TAIL}$")
# A division or a collective of divisions (`南庄镇`, `各街道办事处`, `各乡镇`).
_DIVISION = re.compile(r"(?:各)?[\u4e00-\u9fff]{1,6}(?:镇|乡|街道|街道办事处|区|县|市|园区|开发区)")
_OPENING_DEPARTMENTS = re.compile(
    rf"^(?![在对为向与将把经])([^,，。;；:：]{{2,80}}?{_DEPARTMENTS_TAIL})"
    r"(?!负责人|为成员|为组员|组成)")
_WITH_DEPARTMENTS = re.compile(
    rf"^(?P<lead>[^,，。;；:：]{{2,30}}?)会同(?P<others>[^,，。;；:：]{{2,200}}?{_DEPARTMENTS_TAIL})")
# What after 由 and its units says that each of them does the work (`由A、B负责`, `由A和B直接查办`).
_EACH_DOES_IT = ("牵头", "负责", "直接", "分别", "各派")
# What a sentence after 由 goes on to do, which no list of names holds (`由A综合汇总后,通报…`).
_DONE_AFTER = re.compile(r"后$|^(?:通报|抄送|报送|并)")
# Words that describe which bodies a rule means (`其他列入单位为参与单位`, `流域所经乡(镇)政府为
# 责任主体`) rather than name them.
_DESCRIBED = re.compile(r"其他|其它|其余|列入|所[经在]")
# The units after 由: two characters at least, sixty at most, and no colon or bracket.
_LEAST_NAME = 2
_LONGEST_BY = 60
# What the units after 由 do, when no word of their role stands between (`由县农机部门提出
# 指导价`): only the first such verb after 由 is tried, and only a list of units' names
# before it, as the words before a later one are a sentence (`…等部门研究提出`).
_DOING = (r"提出|制定|编制|审核|审批|实施|安排|开展|监督|检查|发放|拨付|汇总|上报|出资"
          r"|投资")
_DOING_VERB = re.compile(_DOING)
# A body's name opening a sentence: three characters at least (`农业局`), twenty at most.
_LEAST_BODY = 3
_LONGEST_BODY = 20
_OPENING_ROLE = re.compile(r"(?:牵头负责|具体负责|负责|牵头)(?!人|同志)")
_NOT_IN_NAMES = re.compile(r"[:：()（）]")
# Verbs only an acting body opens with (`河长办开展…`, `经开区管委会成立…`, `各村以组为单位…`):
# a clause whose subject is a unit names it, as a modal verb after it does.
_AGENT_VERBS = (r"(?:成立|开展|组织|落实|结合|抽调|制定|建立|做好|加强|会同|联合|统筹|督促|"
                r"加大|印发|颁发|召开|举办|发布|出台|下发|组建|派出|督查|巡查|深入|"
                r"指导|协调|及时|定期|切实|认真|每年|每月|以(?!上|下|内|外|及|来|后|前)|抓好|"
                r"(?<!所)在(?!《|[^,，。]{0,20}(?:中|下|内|上)[,，]))")
_AGENT_VERB = re.compile(_AGENT_VERBS)
# `A会同B…`, `A协同B…`: a body working with others, named before the verb they share.
_WITH_PARTNERS = re.compile(r"^(?P<lead>[^,，。;；:：]{2,30}?)(?:会同|协同|联合)"
                            r"(?P<rest>[^,，。;；:：]{2,80})")
# An office of a body or one set up for the work (`局综合科`, `文化宣传股`, `基层处`,
# `农技站`, `森林警察大队`, `森林防火指挥部`).
_OFFICES = ("科", "股", "处", "室", "站", "队", "指挥部")
# Words that put what the work follows after them (`根据国家知识产权局的要求`).
_FOLLOWING = r"根据|依据|按照|围绕"
# Words that put a body after them as what the work backs or follows (`支持供销合作社牵头…`,
# `根据国家知识产权局的要求`): the body is no subject.
_BACKING = re.compile(rf"(?:支持|鼓励|引导|指导|配合|协助|督促|推动|依托|{_FOLLOWING})")
# What a subject holds no more than a name (`“河长制”由县水资源管理委员会…`).
_NOT_A_SUBJECT = re.compile(rf"[由“”\"《》\d]|对照|总书记|{_FOLLOWING}")
# What opens a task, not a body acting (`指导各级安监部门…`, `配合区体育局做好…`).
_OPENING_TASK = re.compile(r"^(?:指导|配合|协助|支持|鼓励|引导|推动|推进|督促|进一步|加快|优化|"
                           r"完善|提升|深化|全面|积极|加强|做好|落实|开展|组织|建立|实施|继续|"
                           r"在|围绕|按照|通过|利用|依托|坚持|结合|推广|探索|扩大|强化|健全|规范|"
                           r"培育|打造|提高|促进|确保|争取|力争)")


@dataclass(frozen=True, slots=True)
class _Rules:
    role_words: dict[str, Role]
    role_pattern: re.Pattern[str]
    by_verb: re.Pattern[str]
    by_sentence: re.Pattern[str]
    subject_pattern: re.Pattern[str]
    opening_subject: re.Pattern[str]
    labels: dict[str, Role]
    named_in_role: re.Pattern[str]


@cache
def _rules() -> _Rules:
    role_words: dict[str, Role] = table("clauses")["role_words"]
    roles = alternation(list(role_words))
    labels: dict[str, Role] = {label: role for label, role in table("clauses")["labels"].items()
                               if role in ("lead", "main", "support")}
    return _Rules(
        role_words=role_words,
        role_pattern=re.compile(roles),
        # `由A,B、C负责落实`: a sentence that names its units and nothing else (its verb may be
        # left out, or cut off with the end of an excerpt).
        by_sentence=re.compile(
            r"由(?P<units>[^。;；]{2,200}?)(?P<verb>牵头负责|牵头落实|负责落实|牵头|负责|承办)?"),
        # 由A(会同B)牵头… : the verbs that take the units between 由 and them, or the way
        # they act (`由县财政局按计划拨付`), or what they do (`由县农机部门提出指导价`,
        # `由市、区政府投资`).
        by_verb=re.compile(rf"(?:牵头|负责|主办|承办|对|组织|统筹|统一|共同|具体|联合|协调"
                           rf"|按|根据|依据|直接|分别|各派|{_DOING})(?!人)"),
        # A、B牵头 / A负责… / A要… / A务必… / A根据… at the start of a clause, or `A、` where
        # the page's end cut the sentence after its units.
        # (not `所需`, `所要`: `…游戏所需器械` names no body called `…所`; not `牵头部门`, a
        # role's name, or `负责人`, a person)
        subject_pattern=re.compile(
            rf"^([^,，。;；:：]{{2,80}}?)"
            rf"((?:{roles})(?!部门|单位|人)"
            rf"|(?<!所)(?:{MODAL}|需(?!求))|将|根据|依据|按照|、$)"),
        opening_subject=re.compile(rf"^(?:(?:为|视)(?:[^,，。;；]{{2,40}}[,，]){{1,2}}"
                                   rf"|[^,，。;；]{{2,12}}(?:期间|前后|以来|之前|之后)[,，])?"
                                   rf"([^,，。;；:：]{{2,40}}?)[,，]?{_AGENT_VERBS}"),
        labels=labels,
        # `A为该议案办理工作的牵头责任单位`: units, 为, what the role is for, the role's name.
        named_in_role=re.compile(rf"^(?P<units>[^,，。;；:：]{{2,120}}?)(?:为|是|作为)"
                                 rf"[^,，。;；]{{0,20}}?(?P<label>{alternation(list(labels))})$"),
    )


def responsibility_in_prose(text: str) -> Responsibility | None:
    """Units the text itself names as responsible (`由A牵头`, `A、B牵头,C配合`, `A负责…`)."""
    rules = _rules()
    assigned: list[tuple[str, Role]] = []
    for sentence in _SENTENCES.split(text):
        if opening := _subject_of_a_later_role(sentence):
            assigned.append(opening)
        whole = rules.by_sentence.fullmatch(sentence.strip())
        if whole and (units := listed_units(whole["units"])) and _mostly_units(units):
            # `由A承办,B、C配合`: each group takes the role its word gives.
            pairs = parse_clause(whole["units"] + (whole["verb"] or ""))
            if whole["verb"] and all(role == "main" for _, role in pairs):
                # `由A、B负责`: every unit the sentence names leads.
                pairs = [(unit, "lead") for unit, _ in pairs]
            assigned.extend(pairs)
            continue
        for clause in re.split(r"[,，]", sentence):
            clause = clause.strip()
            if by := _units_after_by(clause):
                phrase, units, follows = by
                # (`由A和B直接查办`, `由A、B分别…`: each of them does the work itself)
                role: Role = "lead" if follows.startswith(_EACH_DOES_IT) else "main"
                # `由A会同B负责`: A leads, B works with it.
                leading = len(prose_units(phrase.split("会同")[0])) if "会同" in phrase else 0
                assigned.extend((unit, "main" if index >= leading > 0 else role)
                                for index, unit in enumerate(units))
                continue
            if together := _together_with(clause) or _named_in_role(clause) \
                    or _with_partners(clause):
                assigned.extend(together)
                continue
            found = rules.subject_pattern.match(clause)
            # (not a task's own verb before the body it backs, `支持供销合作社牵头组建…`)
            subject = _subject(found[1]) if found and not _BACKING.match(found[1]) else ""
            if found and (units := prose_units(subject) or _listed_as_departments(subject)):
                role = rules.role_words.get(found[2], "main")
                assigned.extend((unit, role) for unit in units)
            else:
                assigned.extend(_departments_opening(clause))
    named = {unit for unit, _ in assigned}
    acting = [pair for pair in _opening_subject(text) if pair[0] not in named]
    return responsibility(acting + assigned)


def _opening_subject(text: str) -> list[tuple[str, Role]]:
    """`河长办开展…`, `各村以组为单位…`, `为确保…,经开区管委会成立…`: the units an item
    opens with acting, the subject of its first clause (after what it is for, when or on
    what condition, `清明节期间,区森林防火指挥部组织…`)."""
    found = _rules().opening_subject.match(text.strip())
    if found is None or _OPENING_TASK.match(found[1]) or _NOT_A_SUBJECT.search(found[1]):
        return []
    # (a verb that is the start of a suffix of the body's name, `州政府督查室要…`, is no verb)
    name = found[1] + _suffix_opening(text.strip()[found.end(1):], shortest=2)
    units = prose_units(_subject(name).removesuffix("主要"))
    # (a body's, an office's or a division's name, or a collective: not a thing a name's
    # suffix ends, `科技下乡`)
    if not all(is_body_name(unit) or unit.endswith(_OFFICES) or _DIVISION.fullmatch(unit)
               or unit.startswith(unit_rules().collective) for unit in units):
        return []
    return [(unit, "main") for unit in units]


def _subject_of_a_later_role(sentence: str) -> tuple[str, Role] | None:
    """`农业局抽调专人办公,负责全县基地规划`: a clause opening with its role word (`负责`,
    `牵头`) whose subject is the body that opens the sentence, responsible for it."""
    clauses = [clause.strip() for clause in re.split(r"[,，]", sentence)]
    if not any(_OPENING_ROLE.match(clause) for clause in clauses[1:]):
        return None
    # (responsible, whichever word: the sentence's later clauses tell what it does, not
    # whom it leads)
    body = _opening_body(clauses[0])
    return (body, "main") if body else None


def _opening_body(clause: str) -> str | None:
    """The body's name a clause opens with: the shortest opening that names a body, run on
    through a suffix that completes it (`县人民政府` + `办公室`)."""
    if _BACKING.match(clause):
        return None  # (`根据国家知识产权局的要求,成立…`: what the work follows, no body acting)
    for end in range(_LEAST_BODY, min(len(clause), _LONGEST_BODY) + 1):
        name = clause[:end]
        if is_unit_name(name) and not name.startswith(unit_rules().collective):
            return name + _suffix_opening(clause[end:])
    return None


def _suffix_opening(rest: str, shortest: int = 1) -> str:
    """The suffix of a body's name, `shortest` characters long at least, that the words after
    a name open with (`办公室` after `县人民政府`): the name runs on through it."""
    return next((suffix for suffix in unit_rules().suffixes
                 if len(suffix) >= shortest and rest.startswith(suffix)), "")


def _subject(words: str) -> str:
    """The units' names among the words before a clause's verb: without what the sentence says
    they are (`办实事工作部门为…`), the role they take on (`作为…牵头部门`), when (`每月10日前`)
    or how (`也`, `密切`)."""
    for pattern in (_NAMED_AS, _AS_ROLE, _MODAL_AFTER, _WHEN, _ADVERB):
        words = pattern.sub("", words)
    return words


def _departments_opening(clause: str) -> list[tuple[str, Role]]:
    """`环保、建设、园林等部门共同做好…`: a clause opening with a list `等部门` closes, its
    subject whatever verb follows (but not a leading group's members, `…等部门为成员`)."""
    found = _OPENING_DEPARTMENTS.match(clause)
    if found is None:
        return []
    units = prose_units(found[1]) or _listed_as_departments(found[1])
    return [(unit, "main") for unit in units]


def _named_in_role(clause: str) -> list[tuple[str, Role]]:
    """`A为该议案办理工作的牵头责任单位`, `B、C为协办单位`: bodies a clause names as taking a
    role its label's name gives."""
    found = _rules().named_in_role.match(clause)
    if found is None or _DESCRIBED.search(found["units"]) \
            or not (units := prose_units(found["units"])):
        return []
    return [(unit, _rules().labels[found["label"]]) for unit in units]


def _with_partners(clause: str) -> list[tuple[str, Role]]:
    """`团支部协同政教处做好…`, `县教育局会同县财政局、县公安局开展…`: the body that opens the
    clause leads, the bodies it works with, up to the verb after their names, take part."""
    found = _WITH_PARTNERS.match(clause)
    if found is None or not (leads := prose_units(found["lead"])):
        return []
    rest = found["rest"]
    for verb in _AGENT_VERB.finditer(rest, _LEAST_NAME):
        if partners := prose_units(rest[:verb.start()]):
            return [*((unit, "lead") for unit in leads), *((unit, "main") for unit in partners)]
    return []


def _together_with(clause: str) -> list[tuple[str, Role]]:
    """`市教育局会同编制、财政、公安等单位发挥…`: the body that opens the clause leads the
    departments it works with, however short their names."""
    found = _WITH_DEPARTMENTS.match(clause)
    if found is None or not (leads := prose_units(found["lead"])) \
            or not (others := _listed_as_departments(found["others"])):
        return []
    return [*((unit, "lead") for unit in leads), *((unit, "main") for unit in others)]


def opening_responsibility(text: str) -> Responsibility | None:
    """The units a section's text opens with (`由X负责,A牵头,B配合。`) for the items below it,
    or the unit a section's heading is (`四、山东省科学技术厅`, `(一)综合办公室(督查室)`).

    Only a first sentence that assigns a role counts: a section's later sentences speak of
    its subject, not of who carries out its items.
    """
    first = _SENTENCES.split(text.strip(), maxsplit=1)[0]
    if (named := body_responsibility(first)) is not None:
        return named
    if not _rules().role_pattern.search(first):
        return None
    return responsibility_in_prose(first)


def body_responsibility(heading: str) -> Responsibility | None:
    """The units a whole heading, banner or label is, when it is a body's name (`三、省委政法委`
    over the body's work, `凤台县政府` over its targets) or a list of them (`(五)南庄镇、各街道
    办事处` over their duties, the first leading)."""
    body = body_heading(heading)
    bodies = [body] if body is not None else _bodies_heading(heading)
    return responsibility([(name, "main") for name in bodies]) if bodies else None


def body_heading(heading: str) -> str | None:
    """The body a whole heading names (`四、山东省科学技术厅`), without the other names of
    the same office it gives in brackets (`综合办公室(党群工作部、监察室)`)."""
    name = without_aside(heading.strip(TRIM))
    return name if is_body_name(name) else None


def _bodies_heading(heading: str) -> list[str] | None:
    """The bodies a whole heading lists (`(五)南庄镇、各街道办事处` over their duties), the
    first leading: a list of names each of which is a body's or a division's."""
    names = [clean_unit(name) for name in re.split(r"[、,，]", heading.strip(TRIM))]
    if len(names) < 2 or not all(is_body_name(name) or _DIVISION.fullmatch(name)
                                 for name in names):
        return None
    return names


def _units_after_by(clause: str) -> tuple[str, list[str], str] | None:
    """`由A(会同B)牵头…`: the words between 由 and the verb that takes them, the units they
    name, and the text from that verb on. A name may hold a verb's characters itself
    (`由市工作协调领导小组统一领导`), so each verb after 由 is tried in turn until the words
    before it name units."""
    for by in re.finditer("由", clause):
        tried_doing = False
        for verb in _rules().by_verb.finditer(clause, by.end() + _LEAST_NAME):
            phrase = clause[by.end():verb.start()]
            if len(phrase) > _LONGEST_BY or _NOT_IN_NAMES.search(phrase):
                break
            doing = _DOING_VERB.fullmatch(verb[0]) is not None
            if doing and tried_doing:
                continue
            tried_doing = tried_doing or doing
            if units := prose_units(phrase) or (None if doing else _abbreviated(phrase)):
                return phrase, units, clause[verb.start():]
    return None


def _mostly_units(units: list[str]) -> bool:
    """Most of the names are units', and none is what is done after them (`…综合汇总后`)."""
    return 2 * sum(1 for unit in units if is_unit_name(unit)) > len(units) \
        and not any(_DONE_AFTER.search(unit) for unit in units)


def _abbreviated(phrase: str) -> list[str]:
    """`由县民族局、水利、电力部门共同组织实施`: after 由, a list that opens with a body's name
    names units, however short the later names."""
    units = listed_units(phrase)
    return units if is_short_list(units) and is_unit_name(units[0]) else []


def _listed_as_departments(phrase: str) -> list[str]:
    """`县经贸、统计、工商、税务等部门`: a list that `等部门` closes names units, however short,
    and whatever words their short names are (`规划、建设、交通等有关部门`)."""
    if not _DEPARTMENTS.search(phrase):
        return []
    units = listed_units(phrase)
    return units if is_short_list(units, verbs=False) else []
