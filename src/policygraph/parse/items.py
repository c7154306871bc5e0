"""From the outline tree to tasks and targets.

A task is a numbered item with no sub-items, outside the sections that set out guiding ideas
and goals; items under a safeguards section are tasks of kind "safeguard". An item's units come
from its own clause, else from its own text (`由A牵头…`), else from the nearest enclosing item
whose clause covers the items below it. Targets are read from every item's text.
"""

from __future__ import annotations

from dataclasses import dataclass

from .clauses import Responsibility, read_responsibility, responsibility_in_prose
from .headings import SectionKind, Titled, section_kind, split_heading
from .outline import Item
from .record import Kind, Section, Target, Task
from .targets import find_targets


@dataclass(frozen=True, slots=True)
class _Reading:
    titled: Titled
    clause: Responsibility | None


@dataclass(slots=True)
class Items:
    """What an outline holds: its sections, tasks and targets, each in reading order."""

    sections: list[Section]
    tasks: list[Task]
    targets: list[Target]


def read_items(root: Item, default_year: int | None) -> Items:
    """Sections, tasks and targets of a document's outline."""
    readings: dict[Item, _Reading] = {}
    found = Items([], [], [])
    tasks, targets = found.tasks, found.targets
    for item in root.walk():
        reading = readings[item] = _read(item)
        path = item.path
        targets.extend(find_targets(reading.titled.body, path, default_year))
        if item.children:
            if path:
                found.sections.append(Section(path=path, heading=reading.titled.heading))
            continue
        kind = _kind(item, readings)
        if kind is None:
            continue
        responsibility = (reading.clause or responsibility_in_prose(reading.titled.body)
                          or _inherited(item, readings))
        tasks.append(Task(
            path=path,
            heading=reading.titled.heading,
            kind=kind,
            agencies=list(responsibility.agencies) if responsibility else [],
            lead=list(responsibility.lead) if responsibility else [],
            text=reading.titled.body,
        ))
    return found


def _read(item: Item) -> _Reading:
    """The item's own text split into heading and body, with its clause taken out."""
    found = read_responsibility("\n".join(item.blocks))
    blocks = found.text.split("\n")
    if not (item.blocks and item.blocks[0]):
        blocks.insert(0, "")  # the marker line had no text of its own
    return _Reading(split_heading(blocks, has_children=bool(item.children)), found.responsibility)


def _kind(item: Item, readings: dict[Item, _Reading]) -> Kind | None:
    """Task kind from the enclosing sections' headings and banner; None for non-task items.

    A task's own heading may name a goal or guiding section (a leaf `一、总体要求`), but a
    safeguard heading only makes the items under it safeguards, not the item itself.
    """
    lineage = list(item.ancestors())
    kinds = {section_kind(readings[ancestor].titled.heading) for ancestor in lineage[1:]}
    kinds.add(section_kind(lineage[-1].banner))
    own = section_kind(readings[item].titled.heading)
    if {SectionKind.GOALS, SectionKind.CONTEXT} & (kinds | {own}):
        return None
    return "safeguard" if SectionKind.SAFEGUARD in kinds else "task"


def _inherited(item: Item, readings: dict[Item, _Reading]) -> Responsibility | None:
    for ancestor in list(item.ancestors())[1:]:
        clause = readings[ancestor].clause
        if clause is not None:
            return clause
    return None
