"""The plans and tasks of a built graph, as alignment reads them.

Alignment runs over the graph rather than over extraction records, so that it sees what the
build made of each document (its jurisdiction resolved to a division, the plan it implements
linked when that plan is in the graph) and the divisions' hierarchy from the entities graph.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import dataclass, field

import pyoxigraph as ox

from ..store.task_rows import task_texts
from ..vocab import PREFIXES

_PROLOGUE = "".join(f"PREFIX {prefix}: <{iri}>\n" for prefix, iri in PREFIXES.items())
_PLANS = _PROLOGUE + """
SELECT ?document ?source ?region ?start ?end ?issued WHERE {
  ?document a pg:PolicyDocument ; pg:sourceFile ?source .
  OPTIONAL { ?document pg:jurisdiction ?region }
  OPTIONAL { ?document pg:periodStart ?start }
  OPTIONAL { ?document pg:periodEnd ?end }
  OPTIONAL { ?document pg:issued ?issued }
}"""
_IMPLEMENTS = _PROLOGUE + """
SELECT ?document ?higher WHERE { ?document pg:implements ?higher . ?higher a pg:PolicyDocument }
"""
_PARENTS = _PROLOGUE + "SELECT ?region ?parent WHERE { ?region pg:withinRegion ?parent }"


@dataclass(frozen=True, slots=True)
class PlanTask:
    """A task to align: its node, its path as the graph writes it, and the words compared."""

    iri: str
    path: str
    words: str


@dataclass(slots=True)
class Plan:
    """A document of the graph with what tells which plans it may carry out."""

    iri: str
    source: str
    region: str | None
    period: tuple[int, int] | None
    implements: set[str] = field(default_factory=set)
    tasks: list[PlanTask] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Graph:
    """The plans of a graph by IRI, and each division's enclosing division."""

    plans: dict[str, Plan]
    parents: dict[str, str]

    def enclosing(self, region: str) -> Iterator[str]:
        """The divisions that enclose `region`, nearest first."""
        seen = {region}
        while (region := self.parents.get(region, "")) and region not in seen:
            seen.add(region)
            yield region


def read_plans(store: ox.Store, tasks_of: Collection[str] | None = None) -> Graph:
    """The plans, tasks and division hierarchy of the graph in `store` (its default graph is
    the union of its named graphs, as the service's store is queried); the tasks of the plans
    `tasks_of` names only, if given."""
    plans: dict[str, Plan] = {}
    for row in _select(store, _PLANS):
        plans[row["document"]] = Plan(row["document"], row["source"], row.get("region"),
                                      _time(row))
    for row in _select(store, _IMPLEMENTS):
        if row["document"] in plans:
            plans[row["document"]].implements.add(row["higher"])
    parents = {row["region"]: row["parent"] for row in _select(store, _PARENTS)}
    graph = Graph(plans, parents)
    read_tasks(store, graph, tasks_of)
    return graph


def read_tasks(store: ox.Store, graph: Graph, documents: Collection[str] | None = None) -> None:
    """Give the plans of `graph` (those `documents` names, if given) their tasks in
    `store`."""
    for task in task_texts(store, documents):  # (not the engine's join: minutes at 10,000)
        plan = graph.plans.get(task["document"].value)
        if plan is not None:
            heading = task["heading"].value if task["heading"] is not None else None
            words = " ".join(part for part in (heading, task["text"].value) if part)
            plan.tasks.append(PlanTask(task["task"].value, task["path"].value, words))


def _time(row: dict[str, str]) -> tuple[int, int] | None:
    """The years a plan covers; where it states none, the year it was issued, which is when
    its work is done as far as the plans above and below it are concerned."""
    start, end, issued = row.get("start"), row.get("end"), row.get("issued")
    if start:
        return int(start), int(end or start)
    return (int(issued[:4]), int(issued[:4])) if issued else None


def _select(store: ox.Store, query: str) -> Iterator[dict[str, str]]:
    """The solutions as rows of the variables each binds (an unbound one is no key)."""
    solutions = store.query(query, use_default_graph_as_union=True)
    assert isinstance(solutions, ox.QuerySolutions)
    names = [variable.value for variable in solutions.variables]
    for solution in solutions:
        yield {name: term.value for name in names if (term := solution[name]) is not None}
