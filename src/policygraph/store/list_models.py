"""The listing queries as read models in the build's index: their rows in order, filters and all.

`tasks`, `documents`, `targets`, `platforms-and-projects` and the whole-graph aggregates
(`agency-workload`, `co-responsibility`, `plan-uptake`) list what the graph holds in an order
of their own, each filtered by optional parameters. Their SPARQL stays as it is for the SPARQL
endpoint and other stores, but an engine answers each by reading, counting and sorting every
task, document, target or unit of the graph, whatever the filters: seconds to minutes at ten
thousand plans. Almost every filter of these queries selects rows of the unfiltered answer
and keeps their order (the exception, a workload or network within one document, is counted
from the same tables: `list_recounts.py`). So the build writes, in the same SQLite file as
the full-text index (`text_index.py`), each query's unfiltered rows numbered in its order,
with the columns its filters test beside their terms (SPARQL JSON), and the tables of what
the filters look up (`list_filters.py`); a page of a filtered answer is then the numbered rows
that pass, read in order by SQLite. The web pages' whole-graph overviews are kept the same
way, without filters.

The rows are the engine's answer to the query itself, read once at build time, except for
`tasks`, whose rows are joined from the store's triples (`task_rows.py`) with their leads in
code point order (the engine's GROUP_CONCAT joins them in an order of its own), and
`co-responsibility`, whose pairs are counted by SQLite (`list_recounts.py`).
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox

from ..query import page_queries
from .list_filters import (
    DOCUMENT_FILTERS,
    UNIT_FILTERS,
    number_task_roles,
    write_filter_tables,
    xsd_integer,
)
from .list_recounts import (
    AGENCY_WORKLOAD,
    CO_RESPONSIBILITY,
    Recount,
    co_responsibility_rows,
    recounted,
    with_counts,
)
from .list_task_units import TASK_UNITS, TASK_UNITS_JOIN, write_task_units
from .result_terms import Row, json_term, projection, solutions
from .task_rows import task_rows

__all__ = ["LIST_MODELS", "ListModel", "listed", "write_list_models"]


@dataclass(frozen=True)
class ListModel:
    """A listing query's read model: the columns its filters test (each stored as its
    value's text, or as an integer where named in `integers`), the SQL each filter adds by its
    parameter's variable (testing the row `l`), and where its rows come from (the query's own
    SPARQL where `rows` is None).

    The filters on a unit (`unit_filters`, with `{unit}` for the SQL naming it) all test the
    same unit: a row passes where one of its `units` passes them all, the test put `within`
    the SQL that relates the row to its units. A document given to a query that counts its
    tasks (`recount`) counts within it (`list_recounts.py`); another parameter that is in
    neither kind of filter is not answered by the read model.

    A filter that would test every row against another table tests a column `computed`
    once the rows are written instead (each column's SQL on the row `l`), indexed as the
    keys are.

    A model that reads a table written for several queries (`shared`: the table, the JOIN
    that completes its rows and the columns of terms a row is read from) may select some of
    its rows for every answer (`always`)."""

    query: str
    keys: tuple[str, ...]
    filters: Mapping[str, str]
    integers: frozenset[str] = frozenset()
    rows: Callable[[ox.Store, sqlite3.Connection], Iterator[Row]] | None = None
    unit_filters: Mapping[str, str] = field(default_factory=dict)
    units: tuple[str, ...] = ()
    within: str = "{}"
    recount: Recount | None = None
    computed: Mapping[str, str] = field(default_factory=dict)
    shared: tuple[str, str, str] | None = None
    always: tuple[str, ...] = ()

    @property
    def table(self) -> str:
        return self.shared[0] if self.shared else "list_" + self.query.replace("-", "_")

    def answers(self, given: Iterable[str]) -> bool:
        """Whether the read model answers the parameters given (by their variables)."""
        recounted = {"__document_iri"} if self.recount is not None else set()
        return set(given) <= set(self.filters) | set(self.unit_filters) | recounted

    def unit_test(self, given: Iterable[str]) -> str | None:
        """The SQL of the unit filters given, None where none is."""
        tests = [self.unit_filters[name] for name in self.unit_filters if name in given]
        if not tests:
            return None
        return self.within.format("(" + " OR ".join(
            "(" + " AND ".join(test.format(unit=unit) for test in tests) + ")"
            for unit in self.units) + ")")


_LEADS = "SELECT ?task ?label WHERE { ?task pg:leadAgency/skos:prefLabel ?label }"


def _task_rows(store: ox.Store, _: sqlite3.Connection) -> Iterator[Row]:
    """tasks.rq's rows, each with its lead units' labels joined in code point order."""
    leads: dict[str, list[str]] = defaultdict(list)
    for solution in solutions(store, _LEADS):
        leads[solution["task"].value].append(solution["label"].value)
    return task_rows(store, leads)


_AGENCY_FILTERS = {name: UNIT_FILTERS[name] for name in ("__function_iri", "__region_string")}
LIST_MODELS = {model.query: model for model in (
    ListModel("tasks", ("task", "document"), DOCUMENT_FILTERS, rows=_task_rows,
              unit_filters={"__role_string": "r.role = :role",
                            **{name: UNIT_FILTERS[name]
                               for name in ("__function_iri", "__unit_string")}},
              units=("r.unit",),
              within="l.id IN (SELECT r.task_id FROM task_roles r WHERE {})"),
    ListModel("documents", ("document",), {
        name: DOCUMENT_FILTERS[name]
        for name in ("__region_string", "__level_string", "__year_integer")}),
    ListModel("targets", ("target", "document", "indicator", "unit", "year"), {
        "__region_string": DOCUMENT_FILTERS["__region_string"],
        "__indicator_string": "instr(l.indicator, :indicator) > 0",
        "__concept_iri": "l.target IN (SELECT target FROM target_concepts "
                         "WHERE concept = :concept)",
        "__unit_string": "l.unit = :unit",
        "__year_integer": "l.year = :year"}, integers=frozenset({"year"})),
    ListModel("agency-workload", ("agency", "kind", "label"), {"__kind_string": "l.kind = :kind"},
              unit_filters=_AGENCY_FILTERS, units=("l.agency",), recount=AGENCY_WORKLOAD),
    ListModel("co-responsibility", ("agency", "partner", "tasks", "label", "partnerLabel"), {
        "__minimum_integer": "l.tasks >= :minimum",
        # every pair when `units` is "all", else pairs of agencies only
        "__units_string": "l.agencies >= (:units <> 'all')"},
              computed={"agencies": "l.agency NOT IN (SELECT unit FROM collective_units) "
                                    "AND l.partner NOT IN (SELECT unit FROM collective_units)"},
              integers=frozenset({"tasks"}), unit_filters=_AGENCY_FILTERS,
              units=("l.agency", "l.partner"), recount=CO_RESPONSIBILITY,
              rows=co_responsibility_rows),
    ListModel("platforms-and-projects", ("kind", "label"), {
        "__kind_string": "l.kind = :kind", "__name_string": "instr(l.label, :name) > 0"}),
    ListModel("plan-uptake", ("document",), {"__document_iri": "l.document = :document"}),
    ListModel("implementing-plans", ("plan", "planTitle"), {
        "__plan_iri": "l.plan = :plan",
        "__title_string": "instr(l.planTitle, :title) > 0"}),
    ListModel("tasks-by-function", (), {}, shared=(TASK_UNITS, *TASK_UNITS_JOIN),
              unit_filters={"_function_iri": UNIT_FILTERS["__function_iri"]},
              units=("l.agency",)),
    ListModel("tasks-led-by-function", (), {}, shared=(TASK_UNITS, *TASK_UNITS_JOIN),
              unit_filters={"_function_iri": UNIT_FILTERS["__function_iri"]},
              units=("l.agency",), always=("l.role = 'lead'",)),
    ListModel("tasks-by-unit-name", (), {}, shared=(TASK_UNITS, *TASK_UNITS_JOIN),
              unit_filters={"_name_string": UNIT_FILTERS["__unit_string"].replace(":unit",
                                                                                ":name")},
              units=("l.agency",)),
    ListModel("unresolved-agencies", (), {}),
    # The web pages' whole-graph overviews (`query/pages/queries`): the home page's counts,
    # latest plans and regions, the targets page's indicators, the editor's indicator names,
    # the network page's menus of plans and functions.
    *(ListModel(name, (), {}) for name in ("overview", "recent-plans", "regions",
                                           "indicator-concepts", "concept-names",
                                           "plan-titles", "function-names")),
)}


def write_list_models(store: ox.Store, connection: sqlite3.Connection) -> None:
    """Write every listing query's rows and its filters' tables from `store`."""
    write_filter_tables(store, connection)
    for model in LIST_MODELS.values():
        if model.shared:
            continue
        columns = "".join(f"{key} {'INTEGER' if key in model.integers else 'TEXT'}, "
                          for key in model.keys)
        connection.execute(f"CREATE TABLE {model.table} "
                           f"(id INTEGER PRIMARY KEY, {columns}terms TEXT NOT NULL)")
        rows = (model.rows(store, connection) if model.rows is not None
                else _answer(store, page_queries()[model.query].sparql))
        marks = ", ".join("?" * (len(model.keys) + 2))
        connection.executemany(f"INSERT INTO {model.table} VALUES ({marks})", (
            (number, *_keys(model, row), json.dumps(row, ensure_ascii=False))
            for number, row in enumerate(rows)))
        for column, sql in model.computed.items():
            connection.execute(f"ALTER TABLE {model.table} ADD COLUMN {column} INTEGER")
            connection.execute(f"UPDATE {model.table} AS l SET {column} = ({sql})")
        for key in (*model.keys, *model.computed):
            connection.execute(f"CREATE INDEX {model.table}_by_{key} "
                               f"ON {model.table} ({key}, id)")
    number_task_roles(connection)
    write_task_units(store, connection)


def listed(connection: sqlite3.Connection, model: ListModel, given: Mapping[str, str | int],
           offset: int, limit: int | None, count: bool) -> tuple[int, list[str]]:
    """The total (where `count`) and a page of the rows (terms as SPARQL JSON) that pass the
    filters `given` (values by parameter variable), in the query's order."""
    recount = model.recount if "__document_iri" in given else None
    filters = {**model.filters, **(recount.filters if recount is not None else {})}
    tests = [*model.always, *(filters[name] for name in filters if name in given)]
    unit_test = model.unit_test(given)
    if unit_test is not None:
        tests.append(unit_test)
    if recount is None:
        join, selected = model.shared[1:] if model.shared else ("", "l.terms")
        chosen, order = (f"FROM {model.table} l {join}"
                         + (f" WHERE {' AND '.join(tests)}" if tests else "")), "l.id"
    else:
        (chosen, selected), order = recounted(recount, model.table, tests), recount.order
    values: dict[str, Any] = {name.lstrip("_").split("_")[0]: value
                              for name, value in given.items()}
    total = connection.execute(f"SELECT COUNT(*) {chosen}", values).fetchone()[0] if count else 0
    rows = connection.execute(
        f"SELECT {selected} {chosen} ORDER BY {order} LIMIT :limit OFFSET :offset",
        {**values, "limit": -1 if limit is None else limit, "offset": offset})
    if recount is not None:
        return total, [with_counts(recount, row) for row in rows]
    if not model.shared:
        return total, [row[0] for row in rows]
    projected = set(projection(page_queries()[model.query].sparql))
    return total, [json.dumps({key: term for part in row for key, term in json.loads(part).items()
                               if key in projected}, ensure_ascii=False) for row in rows]


def _answer(store: ox.Store, query: str) -> Iterator[Row]:
    """The rows of `query` in its order, its parameters' variables (unbound) left out."""
    found = solutions(store, query)
    variables = [variable for variable in found.variables if not variable.value.startswith("_")]
    for solution in found:
        yield {variable.value: json_term(solution[variable]) for variable in variables
               if solution[variable] is not None}


def _keys(model: ListModel, row: Row) -> Iterator[str | int | None]:
    for key in model.keys:
        value = row[key]["value"] if key in row else None
        yield xsd_integer(value) if key in model.integers else value
