"""The list of tasks (`tasks.rq`) as a read model in the build's index, filters and all.

`tasks.rq` lists every task in reading order with its leads, filtered by any of seven optional
parameters. Its SPARQL stays as it is for the SPARQL endpoint and other stores, but an engine
answers it by reading every task of the graph and sorting them, whatever the filters (minutes
at ten thousand plans). The build therefore writes, in the same SQLite file as the full-text
index (`text_index.py`), the query's rows numbered in its order, and beside them what each
filter tests, each table indexed by what it is looked up by:

- `listed`: each row's terms as SPARQL JSON, numbered by title, document and reading order;
- `document_places`: every name and division code of a document's region and the regions
  enclosing it (`region`); `document_levels` (`level`); `document_periods`, first and last
  year (`year`; a document without a last year ends in its first);
- `task_roles`: each unit leading or supporting a task; `unit_functions`: each unit's
  function and the functions that replaced it (`function`); `unit_written`: the names it is
  written with (`unit`).

A page is then the numbered rows whose task passes every filter given, read in order by
SQLite. The leads of a row are its lead units' labels in code point order (the engine's
GROUP_CONCAT gives them in an order of its own).
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import pyoxigraph as ox

from ..vocab import PREFIXES
from .result_terms import json_term, reading_position, solutions

__all__ = ["FILTERS", "tasks_listed", "write_task_list"]

_PREFIXES = "\n".join(f"PREFIX {prefix}: <{PREFIXES[prefix]}>"
                      for prefix in ("pg", "dcterms", "skos"))
_ROWS = _PREFIXES + """
SELECT ?task ?document ?title ?region ?level ?path ?heading ?text ?order WHERE {
  ?document a pg:PolicyDocument ; dcterms:title ?title .
  ?task pg:inDocument ?document ; pg:path ?path ; pg:order ?order ; pg:text ?text .
  OPTIONAL { ?task pg:heading ?heading }
  OPTIONAL { ?document pg:jurisdiction/skos:prefLabel ?region }
  OPTIONAL { ?document pg:level/skos:notation ?level }
}
"""
_LEADS = _PREFIXES + "SELECT ?task ?label WHERE { ?task pg:leadAgency/skos:prefLabel ?label }"
_PLACES = _PREFIXES + """
SELECT DISTINCT ?document ?name WHERE {
  ?document a pg:PolicyDocument ; pg:jurisdiction/pg:withinRegion* ?within .
  ?within skos:prefLabel|pg:divisionCode ?named .
  BIND(STR(?named) AS ?name)
}
"""
_LEVELS = _PREFIXES + """
SELECT DISTINCT ?document ?level WHERE {
  ?document a pg:PolicyDocument ; pg:level/skos:notation ?notation . BIND(STR(?notation) AS ?level)
}
"""
_PERIODS = _PREFIXES + """
SELECT ?document ?start ?end WHERE {
  ?document a pg:PolicyDocument ; pg:periodStart ?start . OPTIONAL { ?document pg:periodEnd ?end }
}
"""
_ROLES = _PREFIXES + """
SELECT DISTINCT ?task ?role ?unit WHERE {
  VALUES (?relation ?role) { (pg:leadAgency "lead") (pg:supportingAgency "support") }
  ?task ?relation ?unit .
}
"""
_FUNCTIONS = _PREFIXES + """
SELECT DISTINCT ?unit ?function WHERE { ?unit pg:function/dcterms:isReplacedBy* ?function }
"""
_WRITTEN = _PREFIXES + """
SELECT DISTINCT ?unit ?written WHERE { ?unit skos:altLabel ?name . BIND(STR(?name) AS ?written) }
"""
_SCHEMA = """
CREATE TEMP TABLE read_listed (title TEXT, document TEXT, position REAL, task TEXT, terms TEXT);
CREATE TABLE listed (id INTEGER PRIMARY KEY, task TEXT NOT NULL, document TEXT NOT NULL,
                     terms TEXT NOT NULL);
CREATE TABLE document_places (document TEXT NOT NULL, name TEXT NOT NULL);
CREATE TABLE document_levels (document TEXT NOT NULL, level TEXT NOT NULL);
CREATE TABLE document_periods (document TEXT NOT NULL, first INTEGER, last INTEGER);
CREATE TABLE task_roles (task TEXT NOT NULL, role TEXT NOT NULL, unit TEXT NOT NULL);
CREATE TABLE unit_functions (unit TEXT NOT NULL, function TEXT NOT NULL);
CREATE TABLE unit_written (unit TEXT NOT NULL, written TEXT NOT NULL);
"""
_INDEXED = """
INSERT INTO listed (id, task, document, terms)
  SELECT row_number() OVER (ORDER BY title, document, position, task, terms), task, document,
         terms
  FROM read_listed;
DROP TABLE read_listed;
CREATE INDEX listed_by_document ON listed (document, id);
CREATE INDEX listed_by_task ON listed (task);
CREATE INDEX places_by_name ON document_places (name);
CREATE INDEX levels_by_level ON document_levels (level);
CREATE INDEX roles_by_task ON task_roles (task);
CREATE INDEX roles_by_unit ON task_roles (unit);
CREATE INDEX functions_by_function ON unit_functions (function);
CREATE INDEX written_by_unit ON unit_written (unit);
"""
# The columns of a row that tasks.rq returns from the graph, in its projection's order.
_RETURNED = ("task", "document", "title", "region", "level", "path", "heading", "text")
# The filters by the name of the parameter's variable in tasks.rq: the SQL each adds, testing
# a row of `listed` (l) with the parameter's value as :value.
FILTERS = {
    "__document_iri": "l.document = :document",
    "__region_string": "l.document IN (SELECT document FROM document_places WHERE name = :region)",
    "__level_string": "l.document IN (SELECT document FROM document_levels WHERE level = :level)",
    "__year_integer": ("l.document IN (SELECT document FROM document_periods "
                       "WHERE first <= :year AND :year <= last)"),
}
# The filters on a unit of the task, all on the same unit: any of them given tests them all.
_UNIT_FILTERS = {
    "__role_string": "r.role = :role",
    "__function_iri": "r.unit IN (SELECT unit FROM unit_functions WHERE function = :function)",
    "__unit_string": ("r.unit IN (SELECT unit FROM unit_written "
                      "WHERE instr(written, :unit) > 0)"),
}
_XSD_INTEGER = re.compile(r"[+-]?[0-9]+")


def write_task_list(store: ox.Store, connection: sqlite3.Connection) -> None:
    """Write tasks.rq's rows and its filters' tables from `store` into `connection`."""
    connection.executescript(_SCHEMA)
    leads: dict[str, list[str]] = defaultdict(list)
    for solution in solutions(store, _LEADS):
        leads[solution["task"].value].append(solution["label"].value)
    connection.executemany("INSERT INTO read_listed VALUES (?, ?, ?, ?, ?)",
                           _rows(store, leads))
    connection.executemany("INSERT INTO document_places VALUES (?, ?)",
                           _values(store, _PLACES, "document", "name"))
    connection.executemany("INSERT INTO document_levels VALUES (?, ?)",
                           _values(store, _LEVELS, "document", "level"))
    connection.executemany("INSERT INTO document_periods VALUES (?, ?, ?)", _periods(store))
    connection.executemany("INSERT INTO task_roles VALUES (?, ?, ?)",
                           _values(store, _ROLES, "task", "role", "unit"))
    connection.executemany("INSERT INTO unit_functions VALUES (?, ?)",
                           _values(store, _FUNCTIONS, "unit", "function"))
    connection.executemany("INSERT INTO unit_written VALUES (?, ?)",
                           _values(store, _WRITTEN, "unit", "written"))
    connection.executescript(_INDEXED)


def tasks_listed(connection: sqlite3.Connection, given: Mapping[str, str | int],
                 offset: int, limit: int | None, count: bool) -> tuple[int, list[str]]:
    """The total (where `count`) and a page of tasks.rq's rows (terms as SPARQL JSON) whose
    task passes the filters `given` (values by parameter variable)."""
    tests = [FILTERS[name] for name in FILTERS if name in given]
    unit_tests = [_UNIT_FILTERS[name] for name in _UNIT_FILTERS if name in given]
    if unit_tests:
        tests.append("l.task IN (SELECT r.task FROM task_roles r WHERE "
                     + " AND ".join(unit_tests) + ")")
    where = f" WHERE {' AND '.join(tests)}" if tests else ""
    values: dict[str, Any] = {name.split("_")[2]: value for name, value in given.items()}
    total = connection.execute(f"SELECT COUNT(*) FROM listed l{where}",
                               values).fetchone()[0] if count else 0
    terms = [row[0] for row in connection.execute(
        f"SELECT l.terms FROM listed l{where} ORDER BY l.id LIMIT :limit OFFSET :offset",
        {**values, "limit": -1 if limit is None else limit, "offset": offset})]
    return total, terms


def _values(store: ox.Store, query: str, *names: str) -> Iterator[tuple[str, ...]]:
    for solution in solutions(store, query):
        yield tuple(solution[name].value for name in names)


def _rows(store: ox.Store, leads: Mapping[str, list[str]]) -> Iterator[tuple[Any, ...]]:
    """Each row of tasks.rq with what it is ordered by."""
    for solution in solutions(store, _ROWS):
        task = solution["task"].value
        terms = {name: json_term(solution[name]) for name in _RETURNED
                 if solution[name] is not None}
        terms["leads"] = {"type": "literal", "value": "、".join(sorted(leads.get(task, ())))}
        yield (solution["title"].value, solution["document"].value,
               reading_position(solution["order"]), task, json.dumps(terms, ensure_ascii=False))


def _periods(store: ox.Store) -> Iterable[tuple[str, int | None, int | None]]:
    """Each document's first and last year as integers (None where a year is not one, which
    no year passes), the last its first where it has none."""
    for solution in solutions(store, _PERIODS):
        start = _year(solution["start"])
        end = start if solution["end"] is None else _year(solution["end"])
        yield solution["document"].value, start, end


def _year(term: Any) -> int | None:
    return int(term.value) if _XSD_INTEGER.fullmatch(term.value) else None
