"""Who is responsible for an item: its explicit responsibility clauses.

Plans write the clause in many ways: `(责任单位:A、B)`, `〔A、B〕`, `(A、B,各市人民政府负责)`,
`(牵头单位:A;配合单位:B)`, `(A(牵头)、B)`, a trailing `责任部门:A` at the end of the item's
line, or a block of label lines of its own after the item (`牵头单位:A` then `配合单位:B、C`,
all labels on one line separated by `;`, `责任领导:张三;` before the units, labels in `【】` `[]`
`〔〕` `()`); an item of several sentences may give each its own clause.
Labels and role words come from `tables/clauses.toml`; units keep their inner brackets
(`各县〔市、区〕`), and a unit whose own name ends in a bracket (`…开发区(管委会)`) is a unit,
not a clause.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Literal

from .brackets import Group, depth_map, top_level_groups
from .regions import lookup_all
from .rules import alternation, table
from .units import (
    MODAL,
    TRIM,
    clean_unit,
    is_short_list,
    is_unit_name,
    join_collectives,
    listed_units,
    split_list,
    unit_rules,
    without_aside,
)

Role = Literal["lead", "main", "support", "shared", "person", "other"]
_NOT_CLAUSE = "《“"
# `明确牵头部门的,有关部门配合,不逐一列出`: a condition opens a note to the sentence's end.
_CONDITION = re.compile(r"(?:^|(?<=[,，;；]))[^,，;；]*的[,，].*$")
_LEVELS = "省市县区州"
# A row's dates glued to the units' cell after them, at the text's very end.
_AFTER_DATE = re.compile(r"\d{4}\s*年(?:\s*\d{1,2}\s*月)?(?:底|前|中旬|上旬|下旬)?"
                         r"(?P<units>[^\d。;；:：!！?？()（）]{2,60})$")
# What a sentence asks of its subject (`A、B等园区应进一步…`), which no glued units' cell says.
_MODAL = re.compile(rf"{MODAL}|进一步")
# `由` bringing in the units of a sentence (`此项活动由A负责`), not `自由` in a name.
_BY = re.compile(r"(?<!自)由")
# The governments of every division (`各市〔特区、区〕人民政府`): a whole name wherever it ends.
_WHOLE_COLLECTIVE = re.compile(r"各\S{1,12}人民政府")
# A row's units' cell glued after the last sentence of its other cells, at the text's end.
_AFTER_SENTENCE = re.compile(r"。(?P<units>[^\d。;；:：!！?？]{2,120})$")
# A body's other name in brackets after its name.
_ALIAS = re.compile(r"[(（][^()（）]+[)）]$")
# The longest rest of a label line the page broke onto a line of its own.
_CONTINUED = 40
# A unit named in a bracket closing a sentence mid-item has its level or division (`县农业局`).
_LEAST_SENTENCE_UNIT = 3
_SENTENCE_MARK = re.compile(r"[。!！?？:：]")
# A role word the page's end cut after its first character (`…省数据局等牵`), and the word.
_ROLE_WORD_CUT = {"牵": "牵头", "负": "负责", "配": "配合"}
_CUT_ROLE_WORD = re.compile(rf"(?<=[\u4e00-\u9fff)）])[{''.join(_ROLE_WORD_CUT)}]$")


# What a label of people ends with (`牵头负责领导`, `县级责任人`, `责任秘书长`).
_PEOPLE = "领导|责任人|负责人|秘书长"
# Role words of labels the tables do not list (`牵头督查单位`, `协同推进部门`), first match wins.
_LABEL_ROLES: dict[str, Role] = {"牵头": "lead", "配合": "support", "协办": "support",
                                 "协同": "support", "协助": "support", "参与": "support",
                                 "协作": "support", "责任": "main", "主办": "main",
                                 "主责": "main", "承办": "main", "落实": "main"}


@dataclass(frozen=True, slots=True)
class Responsibility:
    """The units responsible for an item, in written order, and those of them that lead."""

    agencies: list[str]
    lead: list[str]
    # Only supporting units were named (`协同单位:A`): the lead is the enclosing item's.
    supporting_only: bool = False


@dataclass(frozen=True, slots=True)
class Reading:
    """An item's text with its responsibility clause taken out."""

    responsibility: Responsibility | None
    text: str


@dataclass(frozen=True, slots=True)
class _Rules:
    labels: dict[str, Role]
    label_pattern: re.Pattern[str]
    bracketed_label: re.Pattern[str]
    clause_line: re.Pattern[str]
    closing_roles: dict[str, Role]  # the role of each word `role_suffix` may match
    role_suffix: re.Pattern[str]
    role_word: re.Pattern[str]
    unit_role: re.Pattern[str]


@cache
def _rules() -> _Rules:
    data = table("clauses")
    labels: dict[str, Role] = data["labels"]
    role_words: dict[str, Role] = data["role_words"]
    # Words that close a group only at the end of a clause's list (`各乡(街道)落实`), never
    # in a sentence (`各部门任务落实`): a unit's role, not the sentence's verb.
    closing_words: dict[str, Role] = {**role_words, **data["closing_words"]}
    # Labels naming a leader or a person in charge (`牵头负责领导:`, `县级责任人:`) are people's;
    # a label the table does not list names units by its role word (`牵头督查单位:`).
    names = alternation(list(labels)) + rf"|[\u4e00-\u9fff]{{0,6}}?(?:{_PEOPLE})" \
        + rf"|[\u4e00-\u9fff]{{0,4}}?(?:{alternation(list(_LABEL_ROLES))})" \
          r"[\u4e00-\u9fff]{0,4}?(?:单位|部门|处室|科室|股室)"
    # A label may name the level its units belong to: `省直配合单位:`.
    label_pattern = re.compile(rf"(?:[省市县区]直)?({names})\s*[:：]")
    return _Rules(
        labels=labels,
        label_pattern=label_pattern,
        # `【牵头单位】A`, `[责任单位]A`, `〔配合单位〕A`, `(牵头单位)A`: a label in brackets.
        # (not `市发改委(牵头)`, a unit marked with its role).
        bracketed_label=re.compile(
            rf"(?<![\u4e00-\u9fff）)〕])[【\[［〔(（]\s*({names})\s*[】\]］〕)）]\s*[:：]?"),
        clause_line=re.compile(rf"\s*(?:[省市县区]直)?(?:{names})\s*[:：]"),
        closing_roles=closing_words,
        # `A牵头`, `A等分别牵头`, and `A(牵头)`: a role word closing a unit or a group.
        role_suffix=re.compile(rf"(?:(?:等|分别|共同)?({alternation(list(closing_words))})"
                               rf"|[(（〔]({alternation(list(role_words))})(?:单位|部门)?[)）〕])$"),
        role_word=re.compile(alternation(list(role_words))),
        # A body's name closed by a role word (`…省国资委牵头。…`): a clause, wherever it ends.
        unit_role=re.compile(rf"(?:{alternation(list(unit_rules().suffixes))})"
                             rf"(?:等)?(?:{alternation(list(role_words))})"),
    )


def _label_role(label: str) -> Role:
    """The role a label gives: listed, else by its role word; a person's label otherwise."""
    listed = _rules().labels.get(label)
    if listed is not None:
        return listed
    if re.search(_PEOPLE, label):
        return "person"
    return next((role for word, role in _LABEL_ROLES.items() if word in label), "person")


def read_responsibility(text: str) -> Reading:
    """The explicit clause of an item's text (if any) and the text without it."""
    text = _rules().bracketed_label.sub(lambda found: found[1] + ":", text)
    for finder in (_label_block, _bracketed_clause, _trailing_clause, _unclosed_clause,
                   _units_after_a_date, _units_after_a_sentence):
        found = finder(text)
        if found is not None:
            return found
    return Reading(None, text)


def is_clause_line(line: str) -> bool:
    """Whether a line is a clause of its own (`牵头单位:A`, `【配合单位】B`, `(责任单位:C)`)."""
    rules = _rules()
    line = rules.bracketed_label.sub(lambda found: found[1] + ":", line.strip())
    if rules.clause_line.match(line):
        return True
    groups = list(top_level_groups(line))
    return (len(groups) == 1 and groups[0].start == 0 and groups[0].end == len(line.rstrip(TRIM))
            and groups[0].opener not in _NOT_CLAUSE
            and rules.label_pattern.search(groups[0].content(line)) is not None)


def _label_block(text: str) -> Reading | None:
    """Label lines of their own at the end of the item, or opening it before its text (a
    project's card: `牵头单位:A` `责任单位:B` then `任务目标:…`): every one is part of the
    clause."""
    lines = text.split("\n")
    start = len(lines)
    while start > 0 and (_rules().clause_line.match(lines[start - 1]) or not lines[start - 1]
                         or _continues_clause(lines, start - 1)):
        start -= 1
    if start == len(lines):
        return _opening_label_block(lines)
    return _block_reading(lines[start:], "\n".join(lines[:start]).strip())


def _opening_label_block(lines: list[str]) -> Reading | None:
    """Label lines that open the item, or follow its heading's line, the item's own text
    after them."""
    for start in (0, 1):
        end = start
        while end < len(lines) and (_rules().clause_line.match(lines[end]) or not lines[end]):
            end += 1
        if start < end < len(lines) and lines[start]:
            return _block_reading(lines[start:end],
                                  "\n".join([*lines[:start], *lines[end:]]).strip())
    return None


def _block_reading(lines: list[str], rest: str) -> Reading | None:
    """The clause of a block of label lines, the first of them a label line."""
    start = next((index for index, line in enumerate(lines) if line), len(lines))
    lines = lines[start:]
    parts: list[str] = []
    for line in lines:
        if not line:
            continue
        if parts and not _rules().clause_line.match(line):
            # the list runs on, or a name the page broke over lines (`园区党工` / `委`):
            # its units tell which
            parts[-1] += "\n" + line.strip()
        else:
            parts.append(line.strip())
    block = "；".join(part.rstrip("。.") for part in parts)
    if not block or not _rules().clause_line.match(lines[0]):
        return None
    assigned = parse_clause(block)
    if not assigned:
        return None
    return Reading(responsibility(assigned), rest)


def _continues_clause(lines: list[str], index: int) -> bool:
    """Whether a line goes on with the label line above it: a few names, no sentence, after a
    label line the page broke before its end."""
    line = lines[index].strip()
    above = next((earlier for earlier in reversed(lines[:index]) if earlier.strip()), "")
    return bool(line) and len(line) <= _CONTINUED and not _SENTENCE_MARK.search(line) \
        and bool(_rules().clause_line.match(above)) and not above.rstrip().endswith("。") \
        and not _rules().clause_line.fullmatch(line + ":")  # a label the page's end cut off


def _bracketed_clause(text: str) -> Reading | None:
    """The item's bracketed clauses: a labelled one anywhere, one a role word closes
    (`(省国资委牵头)`) anywhere, and an unlabelled list of units at the very end. An item of
    several sentences, each with its own clause, is the work of all their units."""
    rules = _rules()
    tail = len(text.rstrip(TRIM))
    found: list[tuple[Group, list[tuple[str, Role]]]] = []
    for group in top_level_groups(text):
        content = group.content(text)
        labelled = rules.label_pattern.search(content)
        if group.opener in _NOT_CLAUSE \
                or (not labelled and _names_the_unit_before(text, group.start)):
            continue  # (a labelled bracket is a clause after any name: `…示范区(牵头单位:X)`)
        marked = labelled or _ends_with_role(content) or rules.unit_role.search(content)
        if not marked and group.end != tail and not _closes_sentence(text, group):
            continue  # most brackets are asides, and parsing each as a clause is costly
        assigned = parse_clause(content)
        if group.end != tail and not marked \
                and any(len(unit) < _LEAST_SENTENCE_UNIT for unit, _ in assigned):
            continue  # an aside closing a sentence (`工业企业(场所)。`), no body's full name
        if assigned and (marked or all(is_unit_name(without_aside(unit)) for unit, _ in assigned)
                         or _abbreviated_units([u for u, _ in assigned])):
            found.append((group, assigned))
    if not found:
        return None
    remaining, start = [], 0
    for group, _ in found:
        remaining.append(text[start:group.start].rstrip())
        start = group.end
    remaining.append(text[start:])
    return Reading(_merge([assigned for _, assigned in found]), "".join(remaining).strip())


def _closes_sentence(text: str, group: Group) -> bool:
    """Whether a bracket closes a sentence (`…57个扶贫新村(市扶贫开发办)。升钟库区…`, or
    after its full stop, `…成因排查。(县生态环境局)落实…`), as a clause of that sentence's
    units does."""
    return text[group.end:group.end + 1] in ("。", ";", "；") \
        or text[group.start - 1:group.start] in ("。", ";", "；")


def _merge(clauses: list[list[tuple[str, Role]]]) -> Responsibility | None:
    """Several clauses of one item as one responsibility, their units in written order. Where
    a clause tells roles apart (`(A牵头)。…(B、C负责)`), each clause's lead leads; where none
    does (`…(A、B)。…(C)。`), the item's first unit, as in one clause without role words."""
    if len(clauses) < 2 or not any(role in ("lead", "support")
                                   for clause in clauses for _, role in clause):
        return responsibility([pair for clause in clauses for pair in clause])
    present = [found for clause in clauses if (found := responsibility(clause)) is not None]
    return Responsibility(
        list(dict.fromkeys(unit for clause in present for unit in clause.agencies)),
        list(dict.fromkeys(unit for clause in present for unit in clause.lead)),
        all(clause.supporting_only for clause in present))


def _abbreviated_units(units: list[str]) -> bool:
    """`(县经贸、统计、工商、税务)`: bodies named short, the first with its level."""
    return is_short_list(units) and units[0][:1] in _LEVELS


def _names_the_unit_before(text: str, start: int) -> bool:
    """`…开发区(管委会)`: a bracket closing a unit's own name, not a clause after the text."""
    before = text[:start].rstrip()
    return bool(before) and not before.endswith(tuple("。.,，;；:：!！?？")) \
        and is_unit_name(re.split(r"[。,，;；:：、\s]", before)[-1])


def _trailing_clause(text: str) -> Reading | None:
    """An unbracketed `责任单位:…` that runs to the end of its line, outside any brackets."""
    rules = _rules()
    depths = depth_map(text)
    labels = [m for m in rules.label_pattern.finditer(text) if depths[m.start()] == 0]
    for found in labels:
        line_end = text.find("\n", found.start())
        end = len(text) if line_end < 0 else line_end
        segment = text[found.start():end].rstrip(TRIM)
        if "。" in segment:
            continue
        assigned = parse_clause(segment)
        if assigned:
            return _without(text, found.start(), end, assigned)
    return None


def _unclosed_clause(text: str) -> Reading | None:
    """A clause the page's end cut off before its closing bracket (`(省发改委、省财政厅、四川`):
    the units it lists, without a last name that was cut."""
    opener = _unclosed_opener(text)
    if opener is None:
        return None
    content = _CUT_ROLE_WORD.sub(lambda cut: _ROLE_WORD_CUT[cut[0]], text[opener + 1 :].rstrip())
    assigned = parse_clause(content)
    if assigned and not content.rstrip().endswith(tuple("、,，;；)）〕")) \
            and content.rstrip().endswith(assigned[-1][0]) \
            and not _WHOLE_COLLECTIVE.fullmatch(assigned[-1][0]):
        # The name the page's end cut (a name closing its own bracket is whole, and so is one
        # whose role word the end cut instead, `吉林银保监局等单位按职责分`, and the
        # governments of every division, `各市〔特区、区〕人民政府`).
        assigned.pop()
    labelled = _rules().label_pattern.search(content) is not None
    if not assigned or not (labelled or all(is_unit_name(without_aside(unit))
                                            for unit, _ in assigned)):
        return None
    return Reading(responsibility(assigned), text[:opener].strip())


def _units_after_a_date(text: str) -> Reading | None:
    """A table row whose cells the page glued together, its units' cell last after its dates
    (`…已开工2008年2009年市建设局`): the units that close the text after a date."""
    return _closing_units(text, _AFTER_DATE.search(text), least=1)


def _units_after_a_sentence(text: str) -> Reading | None:
    """A table row whose cells the page glued together, its units' cell last after its
    other cells' last sentence (`…引导市民参与。市委宣传部、市城管委,各区(市)县政府`): at least
    two units that close the text, which a sentence of prose never ends in."""
    found = _AFTER_SENTENCE.search(text)
    if found is not None and (_BY.search(found["units"]) or _MODAL.search(found["units"])
                              or _ends_with_role(found["units"])):
        return None  # a sentence of prose naming who does the work (`此项活动由A负责`, `A应…`)
    return _closing_units(text, found, least=2)


def _closing_units(text: str, found: re.Match[str] | None, least: int) -> Reading | None:
    """The units of `found`'s group `units`, which closes the text, if most of them (the
    first among them) are bodies or areas and there are at least `least` of them."""
    if found is None:
        return None
    names = listed_units(found["units"])
    if len(names) < least or 2 * sum(map(_names_body_or_area, names)) <= len(names) \
            or not _names_body_or_area(names[0]):
        return None
    return Reading(responsibility([(name, "main") for name in names]),
                   text[: found.start("units")].strip())


def _names_body_or_area(name: str) -> bool:
    """`市建设局`, `开发区`, and a division by its name, `上栗县`, `安源区`; a body's other
    name in brackets after it (`市委宣传部(市文明办)`) is no part of the test."""
    name = _ALIAS.sub("", name) or name
    return is_unit_name(name) or bool(lookup_all(name))


def _unclosed_opener(text: str) -> int | None:
    """Where the outermost bracket still open at the text's end opens, if one is (brackets
    closed inside it, as in `省数据局(省营商局)`, do not close it)."""
    opened: list[int] = []
    for position, char in enumerate(text):
        if char in "(（〔":
            opened.append(position)
        elif char in ")）〕" and opened:
            opened.pop()
    return opened[0] if opened else None


def _ends_with_role(content: str) -> bool:
    return _rules().role_suffix.search(content.rstrip(TRIM)) is not None


def parse_clause(content: str) -> list[tuple[str, Role]]:
    """Units of a clause with their roles, in written order.

    A label gives its role to the units after it; a group after a `;` that a role word closes
    (`牵头单位:A;B、C按职责分工负责`) takes the word's role instead. Sentences of the clause
    that are notes about it (`以下均需…落实,不再列出。`), and what follows a condition
    (`明确牵头部门的,…`), name no units.
    """
    rules = _rules()
    note = unit_rules().note
    sentences = [_CONDITION.sub("", sentence) for sentence in content.split("。")]
    content = "；".join(sentence for sentence in sentences
                       if not note.match(sentence.strip())
                       and not (note.search(sentence) and not rules.label_pattern.search(sentence)
                                and not rules.role_word.search(sentence)))
    parts = rules.label_pattern.split(content)
    # re.split with one group: [before, label, text, label, text, …]
    segments: list[tuple[Role | None, str]] = [(None, parts[0])]
    segments += [(_label_role(parts[i]), parts[i + 1])
                 for i in range(1, len(parts), 2)]
    assigned: list[tuple[str, Role]] = []
    for label_role, segment in segments:
        if label_role in ("person", "other"):
            continue
        for index, part in enumerate(re.split(r"[;；]", segment)):
            assigned += _part_units(part, label_role, word_first=index > 0)
    return assigned


def cell_units(cell: str, column_role: Role) -> list[tuple[str, Role]]:
    """Units of a table's units cell: the column's heading acts as the label of a clause, and
    a role word a unit carries in brackets (`市发改委(牵头)`) is its own; a role word closing
    the list (`A、B配合落实`) is no part of a unit's name."""
    return _part_units(cell, column_role, word_first=False)


def _part_units(part: str, label_role: Role | None, word_first: bool) -> list[tuple[str, Role]]:
    """Units of one `;`-separated part of a clause, each with the role its label or its
    closing role word gives."""
    assigned: list[tuple[str, Role]] = []
    pending: list[str] = []
    for piece in join_collectives(split_list(part), _unit_name):
        unit, word_role = _split_role_word(piece)
        pending.extend(listed_units(unit))
        if word_role is not None:
            # A role in brackets after one unit (`市发改委(牵头)`) is that unit's own.
            marked = piece.rstrip(TRIM).endswith((")", "）", "〕"))
            # `责任单位:A、B牵头,C`: the group 牵头 closes leads whatever the label.
            leads = word_role == "lead" and label_role in ("main", "shared")
            role = word_role if word_first or marked or leads or label_role is None \
                else label_role
            assigned.extend((name, role) for name in pending)
            pending = []
    assigned.extend((name, label_role or "main") for name in pending)
    return assigned


def _unit_name(piece: str) -> str:
    """The unit's name in a clause's piece, without the role word closing the list."""
    return clean_unit(without_role_word(piece))


def without_role_word(piece: str) -> str:
    """A unit's name without the role word closing it (`县发改局牵头` → `县发改局`)."""
    return _split_role_word(piece)[0]


def _split_role_word(piece: str) -> tuple[str, Role | None]:
    found = _rules().role_suffix.search(piece)
    if found is None:
        return piece, None
    return piece[: found.start()], _rules().closing_roles[found[1] or found[2]]


def _without(text: str, start: int, end: int, assigned: list[tuple[str, Role]]) -> Reading:
    remaining = (text[:start].rstrip() + text[end:]).strip()
    return Reading(responsibility(assigned), remaining)


def responsibility(assigned: list[tuple[str, Role]]) -> Responsibility | None:
    """Units assigned roles (in a clause, in prose, in a table's columns) as a responsibility.

    Agencies in written order; the lead is the 牵头 group, else the main group when the
    clause also names supporting units, else the first unit."""
    agencies = list(dict.fromkeys(unit for unit, _ in assigned))
    if not agencies:
        return None
    roles = {role for _, role in assigned}
    # `按职责分工负责`: supporting beside a named lead, else as responsible as the rest.
    shared: Role = "support" if "lead" in roles else "main"
    assigned = [(unit, shared if role == "shared" else role) for unit, role in assigned]
    roles = {role for _, role in assigned}
    if "lead" in roles:
        lead_role: Role | None = "lead"
    elif {"main", "support"} <= roles:
        lead_role = "main"
    else:
        lead_role = None
    lead = ([unit for unit, role in assigned if role == lead_role] if lead_role
            else agencies[:1])
    return Responsibility(agencies, list(dict.fromkeys(lead)), roles == {"support"})

