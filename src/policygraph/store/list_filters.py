"""What the filters of the listing queries test, as tables of the build's index.

The listing queries (`list_models.py`) filter by a document's region (any region enclosing its
own, by name or division code), level and period, by the units of a task in a role, by a
unit's function (or one that replaced it), region, the names it is written with and whether it
is a collective unit, and by a target's indicator concept. Each such relation is read from the
graph once, at build time, into a table indexed by what it is looked up by, so that a filter is
an indexed lookup rather than a scan of the graph. A document without a last year ends in its
first, and a year that is not an integer is None, which no year passes, as the queries'
`xsd:integer` casts have it.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Iterator
from typing import Any

import pyoxigraph as ox

from ..vocab import PREFIXES
from .result_terms import solutions
from .task_rows import instances_of, objects_of

__all__ = ["DOCUMENT_FILTERS", "UNIT_FILTERS", "number_task_roles", "write_filter_tables",
           "xsd_integer"]

# Each table: its columns, and the SELECT query whose solutions (those variables) fill it.
_TABLES = {
    "document_places (document TEXT NOT NULL, name TEXT NOT NULL)": """
SELECT DISTINCT ?document ?name WHERE {
  ?document a pg:PolicyDocument ; pg:jurisdiction/pg:withinRegion* ?within .
  ?within skos:prefLabel|pg:divisionCode ?named .
  BIND(STR(?named) AS ?name)
}""",
    "document_levels (document TEXT NOT NULL, level TEXT NOT NULL)": """
SELECT DISTINCT ?document ?level WHERE {
  ?document a pg:PolicyDocument ; pg:level/skos:notation ?notation . BIND(STR(?notation) AS ?level)
}""",
    "unit_functions (unit TEXT NOT NULL, function TEXT NOT NULL)": """
SELECT DISTINCT ?unit ?function WHERE { ?unit pg:function/dcterms:isReplacedBy* ?function }""",
    "unit_written (unit TEXT NOT NULL, written TEXT NOT NULL)": """
SELECT DISTINCT ?unit ?written WHERE {
  ?unit skos:altLabel ?name . BIND(STR(?name) AS ?written)
}""",
    "collective_units (unit TEXT NOT NULL)": """
SELECT DISTINCT ?unit WHERE { ?unit a pg:CollectiveUnit }""",
    "target_concepts (target TEXT NOT NULL, concept TEXT NOT NULL)": """
SELECT DISTINCT ?target ?concept WHERE { ?target pg:indicatorConcept ?concept }""",
}
_PERIODS = """
SELECT ?document ?start ?end WHERE {
  ?document a pg:PolicyDocument ; pg:periodStart ?start . OPTIONAL { ?document pg:periodEnd ?end }
}
"""
_INDEXES = """
CREATE TABLE document_periods (document TEXT NOT NULL, first INTEGER, last INTEGER);
CREATE INDEX places_by_name ON document_places (name);
CREATE INDEX levels_by_level ON document_levels (level);
CREATE INDEX roles_by_task ON task_roles (task);
CREATE INDEX roles_by_unit ON task_roles (unit);
CREATE INDEX functions_by_function ON unit_functions (function);
CREATE INDEX written_by_unit ON unit_written (unit);
CREATE INDEX places_of_units_by_name ON unit_places (name);
CREATE INDEX collective_by_unit ON collective_units (unit);
CREATE INDEX concepts_by_concept ON target_concepts (concept);
"""
# The filters on a row's document, by the name of the parameter's variable: SQL testing the
# row (l) with the parameter's value bound by the variable's name (:region).
DOCUMENT_FILTERS = {
    "__document_iri": "l.document = :document",
    "__region_string": "l.document IN (SELECT document FROM document_places WHERE name = :region)",
    "__level_string": "l.document IN (SELECT document FROM document_levels WHERE level = :level)",
    "__year_integer": ("l.document IN (SELECT document FROM document_periods "
                       "WHERE first <= :year AND :year <= last)"),
}
# The filters on one unit of a row ({unit}: the SQL naming it), all on the same unit.
UNIT_FILTERS = {
    "__function_iri": "{unit} IN (SELECT unit FROM unit_functions WHERE function = :function)",
    "__unit_string": "{unit} IN (SELECT unit FROM unit_written WHERE instr(written, :unit) > 0)",
    "__region_string": "{unit} IN (SELECT unit FROM unit_places WHERE name = :region)",
}
_XSD_INTEGER = re.compile(r"[+-]?[0-9]+")


def write_filter_tables(store: ox.Store, connection: sqlite3.Connection) -> None:
    """Write every table the filters test, read from `store`, into `connection`."""
    for table, query in _TABLES.items():
        connection.execute(f"CREATE TABLE {table}")
        name = table.split()[0]
        found = solutions(store, query)
        variables = found.variables
        marks = ", ".join("?" * len(variables))
        connection.executemany(f"INSERT INTO {name} VALUES ({marks})", (
            tuple(solution[variable].value for variable in variables) for solution in found))
    for table, rows in _MAPPED.items():
        connection.execute(f"CREATE TABLE {table}")
        marks = ", ".join("?" * len(table[table.index("("):].split(",")))
        connection.executemany(f"INSERT INTO {table.split()[0]} VALUES ({marks})", rows(store))
    connection.executescript(_INDEXES)
    connection.executemany("INSERT INTO document_periods VALUES (?, ?, ?)", _periods(store))


def _task_roles(store: ox.Store) -> Iterator[tuple[str, str, str]]:
    """Each task, role and unit in that role: `SELECT DISTINCT ?task ?role ?unit { VALUES
    (?relation ?role) { (pg:leadAgency "lead") (pg:supportingAgency "support") } ?task
    ?relation ?unit }`, read from the maps of the two predicates."""
    for role, relation in (("lead", "leadAgency"), ("support", "supportingAgency")):
        for task, units in objects_of(store, PREFIXES["pg"] + relation).items():
            for unit in units:
                yield task, role, unit.value


def _unit_places(store: ox.Store) -> Iterator[tuple[str, str]]:
    """Each unit and every name and code of the regions its area lies within, its own
    included: `SELECT DISTINCT ?unit ?name { ?unit pg:area ?area . ?area a pg:Region ;
    pg:withinRegion* ?within . ?within skos:prefLabel|pg:divisionCode ?named .
    BIND(STR(?named) AS ?name) }`, read from the maps of its predicates."""
    regions = instances_of(store, PREFIXES["pg"] + "Region")
    parents = objects_of(store, PREFIXES["pg"] + "withinRegion")
    labels = objects_of(store, PREFIXES["skos"] + "prefLabel")
    codes = objects_of(store, PREFIXES["pg"] + "divisionCode")
    names: dict[str, list[str]] = {}
    for unit, areas in objects_of(store, PREFIXES["pg"] + "area").items():
        found: dict[str, None] = {}
        for area in areas:
            if area.value not in regions:
                continue
            if area.value not in names:
                names[area.value] = list(dict.fromkeys(
                    named.value for within in _within(area.value, parents)
                    for named in (*labels.get(within, ()), *codes.get(within, ()))))
            found.update(dict.fromkeys(names[area.value]))
        for name in found:
            yield unit, name


def _within(region: str, parents: dict[str, list[Any]]) -> Iterator[str]:
    """`region` and every region it lies within, each once (`pg:withinRegion*`)."""
    seen = {region}
    reached = [region]
    while reached:
        current = reached.pop()
        yield current
        for parent in parents.get(current, ()):
            if parent.value not in seen:
                seen.add(parent.value)
                reached.append(parent.value)


# The tables read from the maps of their pattern's predicates (`task_rows.objects_of`) rather
# than by the engine: the two largest, read so the filters' tables took 10.1 s at 1,000 plans
# instead of 21.1 s (`bench/index.py`).
_MAPPED: dict[str, Callable[[ox.Store], Iterator[tuple[str, ...]]]] = {
    "task_roles (task TEXT NOT NULL, role TEXT NOT NULL, unit TEXT NOT NULL)": _task_roles,
    "unit_places (unit TEXT NOT NULL, name TEXT NOT NULL)": _unit_places,
}


def number_task_roles(connection: sqlite3.Connection) -> None:
    """Give each row of `task_roles` its task's number in the list of tasks (None for a task
    the list lacks), once that is written: the list selects its tasks by a unit in a role by
    these numbers, each looked up as a row id, rather than by the tasks' IRIs, each looked up
    in an index of text (0.8 s against 2.5 s for the 328,595 tasks with a lead of 10,000
    plans). No index on the role: SQLite would read every lead through it before testing
    the other filters (0.7 s against 0.09 s for the leads of one function in one plan)."""
    connection.executescript("""
ALTER TABLE task_roles ADD COLUMN task_id INTEGER;
UPDATE task_roles SET task_id = (SELECT id FROM list_tasks WHERE list_tasks.task = task_roles.task);
""")


def _periods(store: ox.Store) -> Iterator[tuple[str, int | None, int | None]]:
    for solution in solutions(store, _PERIODS):
        start = xsd_integer(solution["start"].value)
        end = start if solution["end"] is None else xsd_integer(solution["end"].value)
        yield solution["document"].value, start, end


def xsd_integer(text: Any) -> int | None:
    """`text` cast to xsd:integer, None where it is not an integer's lexical form."""
    return int(text) if isinstance(text, str) and _XSD_INTEGER.fullmatch(text) else None
