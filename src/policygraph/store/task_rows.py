"""The rows of the list of tasks read from the store's triples, joined and sorted in Python.

`tasks.rq` joins five patterns of every task with three of its document and sorts the lot by
title, document and reading order. Oxigraph evaluates that as a join of the whole graph
followed by a sort of every solution: minutes at ten thousand plans, once per build. Each
pattern is instead read here as a map from subject to its objects, one scan of the predicate's
triples, and the rows are joined from the maps and sorted by the same keys (a literal by its
lexical form in code point order, an IRI by its text, a reading order as a number), the rows
and terms the query gives: one row per combination of values, an OPTIONAL pattern's variable
unbound where it has none.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Collection, Iterator
from typing import Any

import pyoxigraph as ox

from ..vocab import PREFIXES
from .result_terms import Row, json_term, reading_position

__all__ = ["indexed_task_rows", "instances_of", "objects_of", "task_rows", "task_texts",
           "task_unit_rows"]

_PG, _SKOS, _DCTERMS = PREFIXES["pg"], PREFIXES["skos"], PREFIXES["dcterms"]
_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


def objects_of(store: ox.Store, predicate: str) -> dict[str, list[Any]]:
    """Each subject's distinct objects of `predicate` in any graph."""
    found: dict[str, dict[Any, None]] = defaultdict(dict)
    for quad in store.quads_for_pattern(None, ox.NamedNode(predicate), None):
        if not isinstance(quad.subject, ox.Triple):
            found[quad.subject.value][quad.object] = None
    return {subject: list(objects) for subject, objects in found.items()}


def instances_of(store: ox.Store, type_iri: str) -> set[str]:
    """The subjects typed `type_iri` in any graph."""
    return {quad.subject.value for quad in store.quads_for_pattern(
        None, _TYPE, ox.NamedNode(type_iri)) if not isinstance(quad.subject, ox.Triple)}


def _through(first: dict[str, list[Any]], second: dict[str, list[Any]]) -> dict[str, list[Any]]:
    """The objects of the path first/second, by subject, distinct."""
    return {subject: list(dict.fromkeys(value for middle in middles
                                        for value in second.get(middle.value, ())))
            for subject, middles in first.items()}


def task_rows(store: ox.Store, leads: dict[str, list[str]]) -> Iterator[Row]:
    """tasks.rq's rows in its order, each task's lead labels (`leads`) joined in code point
    order."""
    documents = instances_of(store, _PG + "PolicyDocument")
    titles = objects_of(store, _DCTERMS + "title")
    regions = _through(objects_of(store, _PG + "jurisdiction"),
                       objects_of(store, _SKOS + "prefLabel"))
    levels = _through(objects_of(store, _PG + "level"), objects_of(store, _SKOS + "notation"))
    paths, orders = objects_of(store, _PG + "path"), objects_of(store, _PG + "order")
    texts, headings = objects_of(store, _PG + "text"), objects_of(store, _PG + "heading")
    keyed: list[tuple[tuple[str, str, float], Row]] = []
    for task, in_documents in objects_of(store, _PG + "inDocument").items():
        for document in in_documents:
            if document.value not in documents:
                continue
            combinations = itertools.product(
                titles.get(document.value, ()), paths.get(task, ()), orders.get(task, ()),
                texts.get(task, ()), headings.get(task, [None]),
                regions.get(document.value, [None]), levels.get(document.value, [None]))
            for title, path, order, text, heading, region, level in combinations:
                row = {"task": {"type": "uri", "value": task}, "document": json_term(document),
                       "title": json_term(title), "path": json_term(path),
                       "text": json_term(text)}
                for name, term in (("heading", heading), ("region", region), ("level", level)):
                    if term is not None:
                        row[name] = json_term(term)
                row["leads"] = {"type": "literal", "value": "、".join(sorted(leads.get(task, ())))}
                keyed.append(((title.value, document.value, reading_position(order)), row))
    keyed.sort(key=lambda pair: pair[0])
    for _, row in keyed:
        yield row


def indexed_task_rows(store: ox.Store) -> Iterator[dict[str, Any]]:
    """The solutions of the full-text index's pattern (`text_index.py`: each task's text,
    document, document title, path, reading order and optional heading), as terms by
    variable, in no order: the index numbers them itself."""
    titles = objects_of(store, _DCTERMS + "title")
    paths, orders = objects_of(store, _PG + "path"), objects_of(store, _PG + "order")
    texts, headings = objects_of(store, _PG + "text"), objects_of(store, _PG + "heading")
    for task, in_documents in objects_of(store, _PG + "inDocument").items():
        node = ox.NamedNode(task)
        combinations = itertools.product(
            texts.get(task, ()), in_documents, paths.get(task, ()), orders.get(task, ()),
            headings.get(task, [None]))
        for text, document, path, order, heading in combinations:
            for title in titles.get(document.value, ()):
                yield {"task": node, "document": document, "title": title, "path": path,
                       "heading": heading, "text": text, "order": order}


def task_texts(store: ox.Store, documents: Collection[str] | None = None
               ) -> Iterator[dict[str, Any]]:
    """The solutions of alignment's pattern (each `pg:Task`'s document, path, text and
    optional heading) as terms by variable, ordered by document and task as `ORDER BY
    ?document ?task` orders IRIs: by their text; those of the `documents` named only, if
    given (each read from the tasks in it: an update aligns a few plans of many)."""
    if documents is None:
        paths, texts = objects_of(store, _PG + "path"), objects_of(store, _PG + "text")
        headings = objects_of(store, _PG + "heading")
        tasks = instances_of(store, _PG + "Task")
        in_documents = {task: found for task, found in objects_of(store, _PG + "inDocument").items()
                        if task in tasks}
    else:
        in_documents, paths, texts, headings = _tasks_in(store, documents)
    rows = []
    for task, found in in_documents.items():
        node = ox.NamedNode(task)
        for document, path, text, heading in itertools.product(
                found, paths.get(task, ()), texts.get(task, ()), headings.get(task, [None])):
            rows.append({"task": node, "document": document, "path": path, "text": text,
                         "heading": heading})
    rows.sort(key=lambda row: (row["document"].value, row["task"].value))
    yield from rows


def _tasks_in(store: ox.Store, documents: Collection[str]) -> tuple[dict[str, list[Any]], ...]:
    """The `pg:Task`s of `documents` with their documents, and their paths, texts and
    headings, by task, as `objects_of` maps them."""
    task_type = ox.NamedNode(_PG + "Task")
    maps: tuple[dict[str, list[Any]], ...] = ({}, {}, {}, {})
    predicates = [ox.NamedNode(_PG + name) for name in ("inDocument", "path", "text", "heading")]
    for document in documents:
        for quad in store.quads_for_pattern(None, predicates[0], ox.NamedNode(document)):
            task = quad.subject
            if (isinstance(task, ox.Triple) or task.value in maps[0]
                    or next(store.quads_for_pattern(task, _TYPE, task_type), None) is None):
                continue
            for found, predicate in zip(maps, predicates, strict=True):
                objects = dict.fromkeys(quad.object for quad
                                        in store.quads_for_pattern(task, predicate, None))
                if objects:
                    found[task.value] = list(objects)
    return maps


def task_unit_rows(store: ox.Store) -> Iterator[tuple[str, Any, Any, str]]:
    """The solutions of the tasks' units' pattern (`list_task_units.py`: each task's
    responsible unit, each of its labels, and its role, `lead` where it leads the task, else
    `support`) as (task, unit, label, role), in no order: the read model numbers them itself."""
    labels = objects_of(store, _SKOS + "prefLabel")
    leads = objects_of(store, _PG + "leadAgency")
    for task, units in objects_of(store, _PG + "responsibleUnit").items():
        led = {unit.value for unit in leads.get(task, ())}
        for unit in units:
            role = "lead" if unit.value in led else "support"
            for label in labels.get(unit.value, ()):
                yield task, unit, label, role
