"""What the page of a document, an agency, a region or a task shows beyond the entity's own
description: a document's outline as a tree with each task's lead and supporting units and
targets; the tasks an agency leads and supports across documents, and the other agencies of
its function; a region's plans over the years and their targets; a task's alignments with
the tasks of other levels (`alignment`).

Each is read by page queries (`queries/*.rq`) and the `targets` canned query, in the worker
pool like the description itself, and rendered by a template of its own (`_document.html`,
`_agency.html`, `_region.html`) included in the entity page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ...vocab import PG
from ..executor import QueryPool
from ..pages import (
    POLICY_DOCUMENT,
    Binding,
    Description,
    Excerpt,
    Namer,
    Panel,
    Part,
    Term,
    outline,
)
from ..settings import Settings
from .alignment import task_panel
from .routing import rows

_AGENCY_TYPES = (str(PG.Agency), str(PG.UnresolvedAgency), str(PG.CollectiveUnit))
_REGION = str(PG.Region)
_TASK = str(PG.Task)
# How comparators are written on a page.
_COMPARATORS = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "~": "≈", "=": ""}


@dataclass(frozen=True)
class TargetLine:
    """A target as one line: its indicator (linking to it), figure and due year."""

    term: Term
    figure: str
    year: object


@dataclass
class Node:
    """A section or task in a document's outline, with what hangs under it."""

    part: Part
    leads: list[Term] = field(default_factory=list)
    supports: list[Term] = field(default_factory=list)
    targets: list[TargetLine] = field(default_factory=list)
    children: list[Node] = field(default_factory=list)


async def entity_panel(pool: QueryPool, settings: Settings, namer: Namer, iri: str,
                       outline_rows: Sequence[Binding]) -> Panel | None:
    """The extra section of the page of `iri`, if it is a document, agency or region."""
    description = namer.description
    if description.has_type(iri, POLICY_DOCUMENT):
        return await _document(pool, settings, namer, iri, outline_rows)
    if any(description.has_type(iri, kind) for kind in _AGENCY_TYPES):
        return await _agency(pool, settings, namer, iri)
    if description.has_type(iri, _REGION):
        return await _region(pool, settings, namer, iri, description)
    if description.has_type(iri, _TASK):
        return await task_panel(pool, settings, namer, iri)
    return None


async def _document(pool: QueryPool, settings: Settings, namer: Namer, iri: str,
                    outline_rows: Sequence[Binding]) -> Panel:
    parts, _ = outline(namer, outline_rows)
    nodes = {str(part.term.hint): Node(part) for part in parts}
    for row in await rows(pool, settings.timeout, "document-units", {"document": iri}):
        node = nodes.get(str(row["task"]))
        if node is not None:
            term = Term(str(row["label"]), namer.link(str(row["unit"])), "zh", hint=row["unit"])
            (node.leads if row["role"] == "lead" else node.supports).append(term)
    whole: list[TargetLine] = []
    for row in await rows(pool, settings.timeout, "document-targets", {"document": iri}):
        line = target_line(namer, row)
        node = nodes.get(str(row["task"]))
        (node.targets if node is not None else whole).append(line)
    uptake = await rows(pool, settings.timeout, "document-uptake", {"document": iri})
    return Panel("_document.html", {"tree": _tree([nodes[str(p.term.hint)] for p in parts]),
                                    "whole": whole, "uptake": uptake[0] if uptake else None},
                 hides=(str(PG.partOf),))


def _tree(nodes: list[Node]) -> list[Node]:
    """Nodes in outline order, nested by depth: each under the nearest shallower one."""
    roots: list[Node] = []
    open_nodes: list[Node] = []
    for node in nodes:
        while open_nodes and open_nodes[-1].part.depth >= node.part.depth:
            open_nodes.pop()
        (open_nodes[-1].children if open_nodes else roots).append(node)
        open_nodes.append(node)
    return roots


def target_line(namer: Namer, row: dict[str, Any]) -> TargetLine:
    """A row of `document-targets` or `targets` as a line of text."""
    upper = f"–{row['upperValue']}" if row.get("upperValue") is not None else ""
    comparator = _COMPARATORS.get(str(row["comparator"]), str(row["comparator"]))
    figure = f"{comparator} {row['value']}{upper} {row['unit']}".strip()
    term = Term(str(row.get("indicator") or figure), namer.link(str(row["target"])), "zh",
                hint=row["target"])
    return TargetLine(term, figure, row.get("year"))


async def _agency(pool: QueryPool, settings: Settings, namer: Namer, iri: str) -> Panel:
    documents: dict[str, dict[str, Any]] = {}
    for row in await rows(pool, settings.timeout, "agency-tasks", {"agency": iri}):
        document = documents.setdefault(str(row["document"]), {
            "term": Term(str(row["title"]), namer.link(str(row["document"])), "zh",
                         hint=row["document"]),
            "year": row["year"], "tasks": []})
        text = str(row["text"] or "")
        title = f"{row['path'] or ''} {row['heading'] or ''}".strip() or text[:40]
        document["tasks"].append({
            "role": row["role"], "term": Term(title, namer.link(str(row["task"])), "zh",
                                              hint=row["task"]),
            "snippet": Excerpt.around(text, []) if text else None})
    peers = await rows(pool, settings.timeout, "agency-peers", {"agency": iri})
    function = (Term(str(peers[0]["functionLabel"] or namer.short(str(peers[0]["function"]))),
                     namer.link(str(peers[0]["function"])), "zh") if peers else None)
    led = sum(task["role"] == "lead" for doc in documents.values() for task in doc["tasks"])
    return Panel("_agency.html", {
        "documents": list(documents.values()), "led": led,
        "supported": sum(len(doc["tasks"]) for doc in documents.values()) - led,
        "function": function,
        "peers": [{"term": Term(str(peer["label"]), namer.link(str(peer["agency"])), "zh",
                                hint=peer["agency"]),
                   "region": peer["region"], "tasks": peer["tasks"] or 0} for peer in peers]},
        hides=(str(PG.leadAgency), str(PG.supportingAgency)))


async def _region(pool: QueryPool, settings: Settings, namer: Namer, iri: str,
                  description: Description) -> Panel:
    name = description.value(iri, str(PG.divisionCode)) or namer.title(iri)[0]
    plans = await rows(pool, settings.timeout, "documents", {"region": name})
    targets = await rows(pool, settings.timeout, "targets", {"region": name})
    by_plan: dict[str, list[TargetLine]] = {}
    for row in targets:
        by_plan.setdefault(str(row["document"]), []).append(target_line(namer, row))
    return Panel("_region.html", {
        "label": namer.title(iri)[0],
        "plans": [{"term": Term(str(plan["title"]), namer.link(str(plan["document"])), "zh",
                                hint=plan["document"]),
                   "jurisdiction": Term(str(plan["region"] or ""),
                                        namer.link(str(plan["jurisdiction"]))
                                        if plan["jurisdiction"] else None, "zh"),
                   "start": plan["periodStart"], "end": plan["periodEnd"],
                   "tasks": plan["tasks"] or 0,
                   "targets": by_plan.get(str(plan["document"]), [])} for plan in plans]},
        hides=(str(PG.jurisdiction),))
