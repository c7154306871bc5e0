"""The tasks of each responsible unit, with its role, as a read model beside the list of tasks.

`tasks-by-function`, `tasks-by-unit-name` and `tasks-led-by-function` list a row per task and
responsible unit of a function or written name, in the order of the list of tasks (a
document's title, the document, the task's place in it), then by role and unit. Rather than
a second copy of every task's terms, each (task, unit) pair is stored with the number of its
task's row in `list_tasks` and the unit's own terms (`agency`, `agencyLabel`, `role`), numbered
in the queries' order by SQLite when the build writes it; a page joins the pair to its task's
row. A unit both leads and supports a task only as its lead, as the queries' OPTIONAL has it.

The pairs are those of the queries' pattern (`?task pg:responsibleUnit ?agency . ?agency
skos:prefLabel ?agencyLabel`, the role `lead` where `?task pg:leadAgency ?agency`), read from
the maps of its predicates (`task_rows.py`) rather than by the engine, whose join of every
task's units with their labels took 7 of the 16 s this table cost at 1,000 plans.
"""

from __future__ import annotations

import json
import sqlite3

import pyoxigraph as ox

from .result_terms import json_term
from .task_rows import task_unit_rows

__all__ = ["TASK_UNITS", "TASK_UNITS_JOIN", "write_task_units"]

TASK_UNITS = "list_task_units"
# How a pair (l) finds its task's row (t) and the terms a page reads of both.
TASK_UNITS_JOIN = ("JOIN list_tasks t ON t.id = l.task_id", "t.terms, l.terms")


def write_task_units(store: ox.Store, connection: sqlite3.Connection) -> None:
    """Write every (task, responsible unit) pair of `store`, numbered in the queries' order;
    the list of tasks must be written before."""
    connection.execute("CREATE TEMP TABLE pairs (task TEXT, agency TEXT, role TEXT, terms TEXT)")
    connection.executemany("INSERT INTO pairs VALUES (?, ?, ?, ?)", (
        (task, unit.value, role,
         json.dumps({"agency": json_term(unit), "agencyLabel": json_term(label),
                     "role": {"type": "literal", "value": role}}, ensure_ascii=False))
        for task, unit, label, role in task_unit_rows(store)))
    connection.executescript(f"""
CREATE TABLE {TASK_UNITS} (id INTEGER PRIMARY KEY, task_id INTEGER NOT NULL,
                           agency TEXT NOT NULL, role TEXT NOT NULL, terms TEXT NOT NULL);
INSERT INTO {TASK_UNITS} (task_id, agency, role, terms)
  SELECT t.id, p.agency, p.role, p.terms FROM pairs p JOIN list_tasks t ON t.task = p.task
  ORDER BY t.id, p.role, p.agency;
CREATE INDEX {TASK_UNITS}_by_agency ON {TASK_UNITS} (agency, id);
DROP TABLE pairs;
""")
