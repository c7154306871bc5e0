"""The pairs of co-responsible units, and the aggregates of one document, counted from the
read models' tables of the build's index.

`agency-workload` and `co-responsibility` count tasks; given a document, only that
document's. Their rows are then not rows of the unfiltered answer, which `list_models.py`
selects from, but the units and pairs of the document with counts of their own. They are
counted here from the tasks' units by role (`task_roles`) and the tasks' documents
(`list_tasks`), both in the index: a unit is responsible for a task exactly when it leads or
supports it. Each count is joined to its unit's or pair's unfiltered row, which gives the
other terms and passes the other filters, and the rows are sorted as the query sorts them.

The unfiltered pairs themselves are counted the same way when the build writes them: the
engine joins every task's units with each other and sorts the lot (over seven minutes at ten
thousand plans), SQLite counts them from the index in seconds. A pair's row holds each of its
units' labels (one row per combination, as the query's join gives them), sorted as the query
sorts: most shared tasks first, then by the labels' text and the units' IRIs.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

from ..vocab import PREFIXES
from .result_terms import Row, json_term

__all__ = ["AGENCY_WORKLOAD", "CO_RESPONSIBILITY", "Recount", "co_responsibility_rows",
           "recounted", "with_counts"]

_XSD_INTEGER = PREFIXES["xsd"] + "integer"
_TASKS_OF_DOCUMENT = "SELECT task FROM list_tasks WHERE document = :document"


@dataclass(frozen=True)
class Recount:
    """How a listing counts within one document: `counting` selects the counts (named as
    the query's variables) and the columns `joined` to the unfiltered row `l`; `order` sorts
    the rows (counts as `c`) as the query does; `filters` test the counts where a filter of
    the query does (a pair's fewest shared tasks)."""

    counting: str
    joined: str
    counts: tuple[str, ...]
    order: str
    filters: Mapping[str, str]


AGENCY_WORKLOAD = Recount(
    counting=f"""
SELECT r.unit AS agency,
       COUNT(DISTINCT CASE WHEN r.role = 'lead' THEN r.task END) AS led,
       COUNT(DISTINCT CASE WHEN r.role = 'support' THEN r.task END) AS supported,
       COUNT(DISTINCT r.task) AS tasks
FROM task_roles r WHERE r.task IN ({_TASKS_OF_DOCUMENT}) GROUP BY r.unit""",
    joined="l.agency = c.agency", counts=("led", "supported", "tasks"),
    order="c.tasks DESC, c.led DESC, l.label, l.agency, l.id", filters={})
# A pair's units in the order of their IRIs, as the query gives them (code point order both).
CO_RESPONSIBILITY = Recount(
    counting=f"""
SELECT a.unit AS agency, b.unit AS partner, COUNT(DISTINCT a.task) AS tasks
FROM task_roles a JOIN task_roles b ON b.task = a.task AND a.unit < b.unit
WHERE a.task IN ({_TASKS_OF_DOCUMENT}) GROUP BY a.unit, b.unit""",
    joined="l.agency = c.agency AND l.partner = c.partner", counts=("tasks",),
    order="c.tasks DESC, l.label, l.partnerLabel, l.agency, l.partner, l.id",
    filters={"__minimum_integer": "c.tasks >= :minimum"})


_PAIRS = """
SELECT a.unit, b.unit, COUNT(DISTINCT a.task)
FROM task_roles a JOIN task_roles b ON b.task = a.task AND a.unit < b.unit
GROUP BY a.unit, b.unit"""


def co_responsibility_rows(store: ox.Store, connection: sqlite3.Connection) -> Iterator[Row]:
    """co-responsibility.rq's unfiltered rows in its order, counted from `task_roles`."""
    pairs = connection.execute(_PAIRS).fetchall()
    label = ox.NamedNode(PREFIXES["skos"] + "prefLabel")
    labels = {unit: list(dict.fromkeys(quad.object for quad in store.quads_for_pattern(
        ox.NamedNode(unit), label, None) if isinstance(quad.object, ox.Literal)))
        for (unit,) in connection.execute("SELECT DISTINCT unit FROM task_roles")}
    keyed = [((-count, one_label.value, other_label.value, one, other),
              {"agency": {"type": "uri", "value": one}, "label": json_term(one_label),
               "partner": {"type": "uri", "value": other}, "partnerLabel": json_term(other_label),
               "tasks": {"type": "literal", "datatype": _XSD_INTEGER, "value": str(count)}})
             for one, other, count in pairs
             for one_label in labels[one] for other_label in labels[other]]
    keyed.sort(key=lambda pair: pair[0])
    return (row for _, row in keyed)


def recounted(recount: Recount, table: str, tests: list[str]) -> tuple[str, str]:
    """The FROM clause of the document's rows that pass `tests`, and what to select: the
    row's terms and its counts."""
    where = f" WHERE {' AND '.join(tests)}" if tests else ""
    counts = "".join(f", c.{name}" for name in recount.counts)
    return (f"FROM ({recount.counting}) c JOIN {table} l ON {recount.joined}{where}",
            f"l.terms{counts}")


def with_counts(recount: Recount, row: tuple[Any, ...]) -> str:
    """A recounted row's terms, its counts those of the document."""
    terms = json.loads(row[0])
    for name, value in zip(recount.counts, row[1:], strict=True):
        terms[name] = {"type": "literal", "datatype": _XSD_INTEGER, "value": str(value)}
    return json.dumps(terms, ensure_ascii=False)
