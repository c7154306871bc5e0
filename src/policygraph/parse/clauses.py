"""Who is responsible for an item: responsibility clauses and leads named in prose.

Plans name units in many ways: `(责任单位:A、B)`, `〔A、B〕`, a trailing `责任部门:A` line,
`(牵头单位:A;配合单位:B)`, `牵头单位:A 责任单位:B`, `(A、B,各市人民政府负责)`, or in the
text itself (`由A牵头…`, `A、B牵头,C按职责分工负责`, `A负责…`). Labels and role words come
from `tables/clauses.toml`; units keep their inner brackets (`各县〔市、区〕`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Literal

from .brackets import depth_map, split_top_level, top_level_groups
from .rules import alternation, table

Role = Literal["lead", "main", "support", "person"]
_SEPARATORS = "、,，;； \t\n"
_TRIM = "。.,，;；:： \t\n"
_SENTENCES = re.compile(r"[。;；!！?？\n]")
# Words joining units in prose (`由A会同B牵头`, `A和B负责`); unit names may contain 和 too
# (`县文化和广电旅游体育局`), so a phrase is split at them only when it is not one name.
_CONJUNCTION = re.compile(r"与|和|及")
_ALWAYS_JOINS = re.compile(r"会同|联合")


@dataclass(frozen=True, slots=True)
class Responsibility:
    """The units responsible for an item, in written order, and those of them that lead."""

    agencies: list[str]
    lead: list[str]


@dataclass(frozen=True, slots=True)
class Reading:
    """An item's text with its responsibility clause taken out."""

    responsibility: Responsibility | None
    text: str


@dataclass(frozen=True, slots=True)
class _Rules:
    labels: dict[str, Role]
    label_pattern: re.Pattern[str]
    role_words: dict[str, Role]
    role_suffix: re.Pattern[str]
    suffixes: tuple[str, ...]
    collective: str
    max_prose: int
    deadline: re.Pattern[str]
    by_pattern: re.Pattern[str]
    subject_pattern: re.Pattern[str]


@cache
def _rules() -> _Rules:
    data = table("clauses")
    labels: dict[str, Role] = data["labels"]
    role_words: dict[str, Role] = data["role_words"]
    units = data["units"]
    roles = alternation(list(role_words))
    return _Rules(
        labels=labels,
        label_pattern=re.compile(rf"({alternation(list(labels))})\s*[:：]"),
        role_words=role_words,
        role_suffix=re.compile(rf"(?:等)?({roles})$"),
        suffixes=tuple(sorted(units["suffixes"], key=len, reverse=True)),
        collective=units["collective_prefix"],
        max_prose=units["max_prose_length"],
        deadline=re.compile(units["deadline"]),
        # 由A(会同B)牵头… : the units between 由 and the verb that takes them.
        by_pattern=re.compile(r"由([^,，。;；:：()（）]{2,60}?)(?=牵头|负责|对|组织|统筹|共同|具体|联合|协调)"),
        # A、B牵头 / A负责… / A要… at the start of a clause.
        subject_pattern=re.compile(rf"^([^,，。;；:：]{{2,80}}?)({roles}|要|应|须|需)"),
    )


def read_responsibility(text: str) -> Reading:
    """The explicit clause of an item's text (if any) and the text without it."""
    for finder in (_bracketed_clause, _trailing_clause):
        found = finder(text)
        if found is not None:
            return found
    return Reading(None, text)


def responsibility_in_prose(text: str) -> Responsibility | None:
    """Units the text itself names as responsible (`由A牵头`, `A、B牵头,C配合`, `A负责…`)."""
    rules = _rules()
    assigned: list[tuple[str, Role]] = []
    for sentence in _SENTENCES.split(text):
        for clause in re.split(r"[,，]", sentence):
            clause = clause.strip()
            found = rules.by_pattern.search(clause)
            if found and (units := _prose_units(found[1])):
                follows = clause[found.end():]
                first_role: Role = "lead" if follows.startswith("牵头") else "main"
                assigned.append((units[0], first_role))
                assigned.extend((unit, "main") for unit in units[1:])
                continue
            found = rules.subject_pattern.match(clause)
            if found and (units := _prose_units(found[1])):
                role = rules.role_words.get(found[2], "main")
                assigned.extend((unit, role) for unit in units)
    return _responsibility(assigned)


def _prose_units(phrase: str) -> list[str]:
    """Units named in prose, or [] unless every name in the phrase is a unit's."""
    units: list[str] = []
    for piece in split_top_level(_ALWAYS_JOINS.sub("、", phrase), "、"):
        piece = _clean_unit(piece)
        if _is_unit_name(piece):
            units.append(piece)
            continue
        parts = [_clean_unit(part) for part in _CONJUNCTION.split(piece) if part]
        if not parts or not all(_is_unit_name(part) for part in parts):
            return []
        units.extend(parts)
    return units


def _is_unit_name(name: str) -> bool:
    rules = _rules()
    if not 2 <= len(name) <= rules.max_prose:
        return False
    return name.startswith(rules.collective) or name.endswith(rules.suffixes)


def _bracketed_clause(text: str) -> Reading | None:
    """A bracketed clause: labelled anywhere, or unlabelled at the very end of the item."""
    rules = _rules()
    groups = list(top_level_groups(text))
    for group in reversed(groups):
        content = group.content(text)
        if group.opener in "《“" or not rules.label_pattern.search(content):
            continue
        assigned = _parse_clause(content)
        if assigned:
            return _without(text, group.start, group.end, assigned)
    tail = text.rstrip(_TRIM)
    if groups and groups[-1].end == len(tail) and groups[-1].opener not in "《“":
        last = groups[-1]
        assigned = _parse_clause(last.content(text))
        if assigned and (_ends_with_role(last.content(text))
                         or all(_is_unit_name(unit) for unit, _ in assigned)):
            return _without(text, last.start, last.end, assigned)
    return None


def _trailing_clause(text: str) -> Reading | None:
    """An unbracketed `责任单位:…` that runs to the end of its line, outside any brackets."""
    rules = _rules()
    depths = depth_map(text)
    labels = [m for m in rules.label_pattern.finditer(text) if depths[m.start()] == 0]
    for found in labels:
        line_end = text.find("\n", found.start())
        end = len(text) if line_end < 0 else line_end
        if "。" in text[found.start():end]:
            continue
        assigned = _parse_clause(text[found.start():end])
        if assigned:
            return _without(text, found.start(), end, assigned)
    return None


def _ends_with_role(content: str) -> bool:
    return _rules().role_suffix.search(content.rstrip(_TRIM)) is not None


def _parse_clause(content: str) -> list[tuple[str, Role]]:
    """Units of a clause with their roles, in written order."""
    rules = _rules()
    parts = rules.label_pattern.split(content)
    # re.split with one group: [before, label, text, label, text, …]
    segments: list[tuple[Role | None, str]] = [(None, parts[0])]
    segments += [(rules.labels[parts[i]], parts[i + 1]) for i in range(1, len(parts), 2)]
    assigned: list[tuple[str, Role]] = []
    for label_role, segment in segments:
        pending: list[str] = []
        for piece in split_top_level(segment, _SEPARATORS):
            unit, word_role = _split_role_word(piece)
            if unit and not rules.deadline.search(unit):
                pending.append(_clean_unit(unit))
            if word_role is not None:
                assigned.extend((name, label_role or word_role) for name in pending)
                pending = []
        assigned.extend((name, label_role or "main") for name in pending)
    return [(unit, role) for unit, role in assigned if unit and role != "person"]


def _split_role_word(piece: str) -> tuple[str, Role | None]:
    rules = _rules()
    found = rules.role_suffix.search(piece)
    if found is None:
        return piece, None
    return piece[: found.start()], rules.role_words[found[1]]


def _clean_unit(name: str) -> str:
    name = name.strip(_TRIM)
    name = re.sub(r"^[由请](?=..)", "", name)
    return re.sub(r"等$", "", name)


def _without(text: str, start: int, end: int, assigned: list[tuple[str, Role]]) -> Reading:
    remaining = (text[:start].rstrip() + text[end:]).strip()
    return Reading(_responsibility(assigned), remaining)


def _responsibility(assigned: list[tuple[str, Role]]) -> Responsibility | None:
    """Agencies in written order; the lead is the 牵头 group, else the main group when the
    clause also names supporting units, else the first unit."""
    agencies: list[str] = []
    for unit, _ in assigned:
        if unit not in agencies:
            agencies.append(unit)
    if not agencies:
        return None
    roles = {role for _, role in assigned}
    if "lead" in roles:
        lead_role: Role | None = "lead"
    elif {"main", "support"} <= roles:
        lead_role = "main"
    else:
        lead_role = None
    lead = ([unit for unit, role in assigned if role == lead_role] if lead_role
            else agencies[:1])
    return Responsibility(agencies, list(dict.fromkeys(lead)))
