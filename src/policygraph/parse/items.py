"""From the outline tree to tasks and targets.

A task is a numbered item with no sub-items, outside the sections that set out guiding ideas
and goals (a row of a table of goals is none either); items under a safeguards section are
tasks of kind "safeguard". An item's units come from its own clauses, else from its heading or
text (`由A牵头…`), else from the nearest enclosing item or banner that names them for the items
below it; a table row's come from its units' columns. Targets are read from every item's text
(a task's heading and a row's other cells too) and from the goal sentences of the preamble; a
figure a section states again below it counts once, where it is stated below.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .clauses import Responsibility, cell_units, read_responsibility, responsibility
from .headings import (
    SectionKind,
    Titled,
    names_tasks,
    opening_section_kind,
    section_kind,
    split_heading,
)
from .outline import Item
from .prose import body_responsibility, opening_responsibility, responsibility_in_prose
from .record import Kind, Section, Target, Task
from .targets import find_goal_targets, find_targets
from .units import is_unit_name

# A leaf whose whole text is this short may be a section's name (`三、总体要求(略)`).
_NAME = 20
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
# The end of a sentence announcing the list of what its subject takes on (`主要承担以下工作:`).
_ANNOUNCES_LIST = re.compile(r"(?:承担|负责|做好|抓好)(?:以下|下列|如下)(?:工作|任务|职责)[:：]$")
# A body's name opening an item before a colon (`县住建局:…`).
_BODY_OPENING = re.compile(r"^([^:：,，。;；\s]{2,60})[:：]")
# No body's name is this short (`市科` is what the page's end left of `市科技局`).
_SHORTEST_NAME = 2


@dataclass(frozen=True, slots=True)
class _Reading:
    titled: Titled
    clause: Responsibility | None
    figures: str  # the text its targets are read from
    # the body its text says takes on the items below it (`…,主要承担以下工作:`)
    owner: Responsibility | None = None


@dataclass(slots=True)
class Items:
    """What an outline holds: its sections, tasks and targets, each in reading order."""

    sections: list[Section]
    tasks: list[Task]
    targets: list[Target]


def read_items(root: Item, default_year: int | None, goals_only: bool = False) -> Items:
    """Sections, tasks and targets of a document's outline (`goals_only`: of a plan that
    names itself a list of goals, whose unnumbered text sets goals throughout)."""
    # (the root's reading: only what its preamble says of the items below)
    readings = {root: _Reading(Titled(None, ""), None, "", _owner_of_the_list(root))}
    found = Items([], [], [])
    tasks = found.tasks
    figures: dict[Item, list[Target]] = {root: find_goal_targets("\n".join(root.blocks),
                                                                  default_year, goals_only)}
    for item in root.walk():
        reading = readings[item] = _read(item)
        path = item.path
        figures[item] = find_targets(reading.figures, path, default_year)
        if item.children:
            if path:
                found.sections.append(Section(path=path, heading=reading.titled.heading))
            continue
        kind = _kind(item, readings)
        if kind is None or _cut_bare(item, reading) or item.table_section:
            continue  # (a table's section row that heads no rows the page shows is no task)
        responsibility = _responsibility(item, reading, readings)
        tasks.append(Task(
            path=path,
            heading=reading.titled.heading,
            kind=kind,
            agencies=list(responsibility.agencies) if responsibility else [],
            lead=list(responsibility.lead) if responsibility else [],
            text=reading.titled.body,
        ))
    _drop_cut_unit(found.tasks, root)
    found.targets.extend(_once(figures))
    return found


def _once(figures: dict[Item, list[Target]]) -> list[Target]:
    """Targets in reading order, a section's dropped where an item below it states the same
    figure (a section's summary of what its items set out)."""
    kept: list[Target] = []
    for item, targets in figures.items():
        below = {(target.value, target.value_max, target.unit)
                 for child in item.walk() for target in figures.get(child, [])}
        kept += [target for target in targets
                 if (target.value, target.value_max, target.unit) not in below]
    return kept


def _cut_bare(item: Item, reading: _Reading) -> bool:
    """The page's last item cut off right after its number (`17.`): no task to read."""
    return not item.children and item.parent is not None and not reading.titled.body \
        and not reading.titled.heading and item is _last(item)


def _last(item: Item) -> Item:
    root = item
    while root.parent is not None:
        root = root.parent
    last = root
    while last.children:
        last = last.children[-1]
    return last


def _drop_cut_unit(tasks: list[Task], root: Item) -> None:
    """A page cut off in the middle of the last unit's name (`责任单位:市发改委、县财`): the
    fragment, which ends the page and is no unit's name, is dropped."""
    items = list(root.walk())
    if not tasks or not items or not tasks[-1].agencies:
        return
    item, last = items[-1], tasks[-1]
    tail = item.row.units[-1][0] if item.row is not None and item.row.units else \
        item.blocks[-1] if item.blocks else ""
    unit = last.agencies[-1]
    complete = is_unit_name(unit) or unit.endswith((")", "）", "〕"))
    if tail.rstrip().endswith(unit) and (not complete or len(unit) <= _SHORTEST_NAME):
        last.agencies.remove(unit)
        if unit in last.lead:
            last.lead.remove(unit)
        if last.agencies and not last.lead:
            last.lead.append(last.agencies[0])


def _read(item: Item) -> _Reading:
    """The item's own text split into heading and body, with its clause taken out; a section
    whose text opens by naming units (`由X牵头…`) names them for its items. A table row's
    text is its task cell, and its units are those of its units' columns."""
    if item.row is not None:
        assigned = [assigned for cell, role in item.row.units
                    for assigned in cell_units(cell, role)]
        figures = " ".join([item.row.text, *item.row.notes])
        row_clause = responsibility(assigned)
        if row_clause is None and (opening := _body_opening(item.row.text)):
            return _Reading(opening[1], opening[0], figures)
        return _Reading(Titled(None, item.row.text), row_clause, figures)
    found = read_responsibility("\n".join(item.blocks))
    blocks = found.text.split("\n")
    if not (item.blocks and item.blocks[0]):
        blocks.insert(0, "")  # the marker line had no text of its own
    titled = split_heading(blocks, has_children=bool(item.children))
    clause = found.responsibility
    if clause is None and item.children:
        # `(一)市日报社(晨刊、手机报)` over the paper's items: a section whose heading is a
        # body's name names the unit of every item below it.
        clause = (opening_responsibility(titled.heading or "")
                  or opening_responsibility(titled.body)
                  or body_responsibility(titled.heading or titled.body))
    elif clause is None and titled.heading and (named := body_responsibility(titled.heading)):
        # `三、省委政法委` over the body's work: the item's heading names its unit.
        clause = named
    elif clause is None and not titled.heading and (opening := _body_opening(titled.body)):
        clause, titled = opening
    owner = _owner_of_the_list(item) if item.children else None
    return _Reading(titled, clause, _figures(item, titled), owner)


def _owner_of_the_list(item: Item) -> Responsibility | None:
    """`2022年,区政府要…,主要承担以下工作:` closing an item's own text (or the preamble)
    before its numbered items: the body that takes on all of them."""
    text = "\n".join(block for block in item.blocks if block).rstrip()
    if not _ANNOUNCES_LIST.search(text):
        return None
    return responsibility_in_prose(text.rsplit("\n", 1)[-1])


def _body_opening(text: str) -> tuple[Responsibility | None, Titled] | None:
    """`1、县住建局:向县委报告…` in a division of duties: the body named before the colon (or
    the bodies, `各乡(镇)政府、经济开发区管委会:负责…`) are the item's units, and the text
    after it the task."""
    named = _BODY_OPENING.match(text)
    if named is None or (clause := body_responsibility(named[1])) is None:
        return None
    return clause, Titled(None, text[named.end():].strip())


def _figures(item: Item, titled: Titled) -> str:
    """The text an item's targets are read from: its body, and a task's heading where it
    states a figure in digits that the body does not repeat (a heading's `百家` is a slogan,
    and a section's heading counts the items below it, `10件民生实事`)."""
    heading = titled.heading or ""
    new = set(_NUMBER.findall(heading)) - set(_NUMBER.findall(titled.body))
    return f"{heading}。{titled.body}" if new and not item.children else titled.body


def _name(titled: Titled) -> str | None:
    """What names an item's section: its heading, or its whole text where that is short (a
    table's category row, `全区经济社会发展的主要预期目标`, over its numbered goals)."""
    return titled.heading or (titled.body if len(titled.body) <= _NAME else None)


def _kind(item: Item, readings: dict[Item, _Reading]) -> Kind | None:
    """Task kind from the enclosing sections' headings and banner; None for non-task items.

    A task's own heading may name a goal or guiding section (a leaf `一、总体要求`), but a
    safeguard heading only makes the items under it safeguards, not the item itself.
    """
    lineage = list(item.ancestors())
    kinds: set[SectionKind] = set()
    for ancestor in lineage[1:]:
        heading = _name(readings[ancestor].titled)
        kinds.add(section_kind(heading))
        if names_tasks(heading):
            break  # a list of tasks, whatever the sections above it are
    else:
        kinds.add(section_kind(lineage[-1].banner))
    titled = readings[item].titled
    own = section_kind(_name(titled))
    if titled.heading is None and own is SectionKind.TASKS:
        own = opening_section_kind(titled.body)
    if {SectionKind.GOALS, SectionKind.CONTEXT} & (kinds | {own}) \
            or (item.row is not None and item.row.goal):
        return None
    return "safeguard" if SectionKind.SAFEGUARD in kinds else "task"


def _responsibility(item: Item, reading: _Reading,
                    readings: dict[Item, _Reading]) -> Responsibility | None:
    """The item's own clause, else the units its heading or text names, else those of the
    enclosing items; a clause naming only supporting units (`协同单位:B`) joins the lead
    named above it."""
    clause, titled = reading.clause, reading.titled
    if clause is not None and not clause.supporting_only:
        return clause
    prose = responsibility_in_prose(titled.heading or "") or responsibility_in_prose(titled.body)
    above = prose if prose is not None and not prose.supporting_only else \
        _inherited(item, readings)
    if clause is None or above is None:
        return clause or above or prose
    return Responsibility(list(dict.fromkeys(above.lead + clause.agencies)), above.lead)


def _inherited(item: Item, readings: dict[Item, _Reading]) -> Responsibility | None:
    """The clause (or the list's owner) of the nearest enclosing item that has one, up to the
    preamble, else of the section banner."""
    lineage = list(item.ancestors())
    root = lineage[-1].parent
    for ancestor in [*lineage[1:], *([root] if root is not None else [])]:
        clause = readings[ancestor].clause or readings[ancestor].owner
        if clause is not None:
            return clause
    banner = lineage[-1].banner
    if not banner:
        return None
    return read_responsibility(banner).responsibility or body_responsibility(banner)
