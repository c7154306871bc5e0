"""The full-text index of tasks and of agencies' and regions' names, built with the graph and
published in the same build.

A search for text in every task (`search-tasks.rq`) is a scan of every task's text for the
engine: seconds at a thousand plans, minutes at ten thousand. The index is an SQLite database
of FTS5 tables beside the graph, in the build's directory, so that it goes live, and is
discarded, with the graph it was read from (`text_search.py` reads it).

Chinese is written without spaces, and a word segmenter would cut a phrase where the reader
did not (服务业 / 服务 业). The index therefore knows characters, not words, in two tables:
`trigrams` (SQLite's trigram tokenizer, case kept) finds a phrase of three characters or more
exactly where it is written, and `grams` holds every character and every pair of neighbouring
characters as a token, so that a phrase of one or two characters is one token. Text and
heading are columns of their own, so no phrase is found across the two.

The index holds, for each solution of the canned query's pattern (each task's text, document,
document title, path, reading order and optional heading, read by `task_rows.py`), the terms
the query returns as SPARQL JSON (`terms`), so an answer needs nothing from the graph; the
rows are numbered in the query's last sort keys (title, document, reading order), so that
SQLite finds, counts and ranks the matches itself and only the page asked for is read out.

The names the search page and its suggestions look agencies and regions up by (`names.rq`:
labels, aliases, division codes and their functions' names) are indexed the same way
(`name_trigrams`, `name_grams`), each agency's and region's row of the answer kept whole in
`items`, numbered in the query's order, which does not depend on the phrase.

The same file holds the listing queries' read models (`list_models.py`), which go live with
the graph in the same way.
"""

from __future__ import annotations

import json
import sqlite3
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from ..vocab import PREFIXES
from .list_models import write_list_models
from .result_terms import json_term, reading_position, solutions
from .task_rows import indexed_task_rows

__all__ = ["GAP", "TEXT_INDEX", "grams", "write_text_index"]

# The index's file in a build's directory.
TEXT_INDEX = "search.sqlite"
# Rows read from the graph and written to the index at a time.
_BATCH = 5000
# The terms of each row the answer returns, in the canned query's names.
_RETURNED = ("task", "document", "title", "path", "heading", "text")
# names.rq's rows for every agency and region, whatever their names: it counts each one's tasks
# (an agency) or plans (a region) in the same way.
_ITEMS = f"""
PREFIX pg: <{PREFIXES["pg"]}>
PREFIX skos: <{PREFIXES["skos"]}>
SELECT ?kind ?item ?label ?count WHERE {{
  {{
    SELECT ?item (COUNT(DISTINCT ?task) AS ?tasks) (COUNT(DISTINCT ?plan) AS ?plans) WHERE {{
      {{ ?task pg:responsibleUnit ?item }}
      UNION {{ ?item a pg:Region OPTIONAL {{ ?plan pg:jurisdiction ?item }} }}
    }}
    GROUP BY ?item
  }}
  ?item skos:prefLabel ?label .
  OPTIONAL {{ ?item a pg:Region . BIND("region" AS ?regionKind) }}
  BIND(COALESCE(?regionKind, "agency") AS ?kind)
  BIND(IF(?kind = "region", ?plans, ?tasks) AS ?count)
}}
"""
# Every name names.rq finds an agency or region by.
_NAMES = f"""
PREFIX pg: <{PREFIXES["pg"]}>
PREFIX skos: <{PREFIXES["skos"]}>
SELECT DISTINCT ?item ?name WHERE {{
  {{ ?item skos:prefLabel ?named }} UNION {{ ?item skos:altLabel ?named }}
  UNION {{ ?item pg:divisionCode ?named }}
  UNION {{ ?item pg:function/(skos:prefLabel|skos:altLabel) ?named }}
  BIND(STR(?named) AS ?name)
}}
"""
_SCHEMA = """
CREATE TEMP TABLE read (
  task TEXT, text TEXT, heading TEXT, title TEXT, document TEXT, position REAL, terms TEXT
);
CREATE TABLE rows (
  id INTEGER PRIMARY KEY,
  task TEXT NOT NULL,
  text TEXT NOT NULL,
  heading TEXT,
  siblings INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE terms (id INTEGER PRIMARY KEY, terms TEXT NOT NULL);
CREATE VIRTUAL TABLE trigrams USING fts5 (
  text, heading, content='', columnsize=0, tokenize="trigram case_sensitive 1"
);
CREATE VIRTUAL TABLE grams USING fts5 (
  text, heading, content='', columnsize=0, detail='column',
  tokenize="unicode61 remove_diacritics 0 categories 'L* N* Co M* P* S*'"
);
CREATE TEMP TABLE read_items (
  item TEXT, kind TEXT, label TEXT, count INTEGER, terms TEXT
);
CREATE TABLE items (id INTEGER PRIMARY KEY, item TEXT NOT NULL, terms TEXT NOT NULL);
CREATE TABLE names (id INTEGER PRIMARY KEY, item TEXT NOT NULL, name TEXT NOT NULL);
CREATE VIRTUAL TABLE name_trigrams USING fts5 (
  name, content='', columnsize=0, tokenize="trigram case_sensitive 1"
);
CREATE VIRTUAL TABLE name_grams USING fts5 (
  name, content='', columnsize=0, detail='none',
  tokenize="unicode61 remove_diacritics 0 categories 'L* N* Co M* P* S*'"
);
"""
# The rows numbered in the canned query's last sort keys; then the tasks with more than one
# row (a task with two texts, a document with two titles: none in data the shapes pass), whose
# rows match together, marked; then each row's characters.
_NUMBERED = """
CREATE TEMP TABLE numbered AS
  SELECT row_number() OVER (ORDER BY title, document, position, task, text, heading) AS id, *
  FROM read;
DROP TABLE read;
INSERT INTO rows (id, task, text, heading) SELECT id, task, text, heading FROM numbered;
INSERT INTO terms (id, terms) SELECT id, terms FROM numbered;
DROP TABLE numbered;
CREATE INDEX rows_by_task ON rows (task);
CREATE TEMP TABLE shared AS SELECT task, COUNT(*) AS n FROM rows GROUP BY task HAVING n > 1;
UPDATE rows SET siblings = (SELECT n FROM shared WHERE shared.task = rows.task)
  WHERE task IN (SELECT task FROM shared);
CREATE INDEX rows_shared ON rows (siblings) WHERE siblings > 1;
INSERT INTO trigrams (rowid, text, heading) SELECT id, text, heading FROM rows;
INSERT INTO grams (rowid, text, heading) SELECT id, grams(text), grams(heading) FROM rows;
INSERT INTO trigrams (trigrams) VALUES ('optimize');
INSERT INTO grams (grams) VALUES ('optimize');
INSERT INTO items (id, item, terms)
  SELECT row_number() OVER (ORDER BY kind = 'region' DESC, count DESC, label, item), item, terms
  FROM read_items;
DROP TABLE read_items;
CREATE INDEX items_by_item ON items (item);
DELETE FROM names WHERE item NOT IN (SELECT item FROM items);
CREATE INDEX names_by_item ON names (item);
INSERT INTO name_trigrams (rowid, name) SELECT id, name FROM names;
INSERT INTO name_grams (rowid, name) SELECT id, grams(name) FROM names;
"""
# What stands for a space, line break or control character among `grams`' tokens, which are
# separated by spaces.
GAP = "\u2423"


def write_text_index(store: ox.Store, directory: Path) -> int:
    """Index every task of `store` (its default graph the union of its graphs, as the server
    reads it) in `directory`; the number of rows indexed."""
    path = directory / TEXT_INDEX
    path.unlink(missing_ok=True)
    connection = sqlite3.connect(path)
    connection.create_function("grams", 1, grams, deterministic=True)
    try:
        connection.executescript(_SCHEMA)
        for batch in _batches(store):
            connection.executemany("INSERT INTO read VALUES (?, ?, ?, ?, ?, ?, ?)", batch)
        connection.executemany("INSERT INTO read_items VALUES (?, ?, ?, ?, ?)", _items(store))
        connection.executemany("INSERT INTO names (item, name) VALUES (?, ?)", (
            (solution["item"].value, solution["name"].value)
            for solution in solutions(store, _NAMES)))
        connection.executescript(_NUMBERED)
        write_list_models(store, connection)
        connection.commit()
        written: int = connection.execute("SELECT COUNT(*) FROM rows").fetchone()[0]
    finally:
        connection.close()
    return written


def _items(store: ox.Store) -> Iterator[tuple[Any, ...]]:
    """Each agency's and region's row of names.rq, with what it is ordered by."""
    for solution in solutions(store, _ITEMS):
        terms = {name: json_term(solution[name]) for name in ("kind", "item", "label", "count")}
        yield (solution["item"].value, solution["kind"].value, solution["label"].value,
               int(solution["count"].value), json.dumps(terms, ensure_ascii=False))


def _batches(store: ox.Store) -> Iterator[list[tuple[Any, ...]]]:
    """The index's rows, read from the maps of the pattern's predicates (`task_rows.py`):
    the engine's join of every task with its document takes minutes at ten thousand plans."""
    batch: list[tuple[Any, ...]] = []
    for solution in indexed_task_rows(store):
        heading = solution["heading"]
        terms = {name: json_term(solution[name]) for name in _RETURNED
                 if solution[name] is not None}
        batch.append((solution["task"].value, solution["text"].value,
                      None if heading is None else heading.value, solution["title"].value,
                      solution["document"].value, reading_position(solution["order"]),
                      json.dumps(terms, ensure_ascii=False)))
        if len(batch) == _BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def grams(text: str | None) -> str | None:
    """A text as `grams`' tokens: each character, then each pair of neighbours, a space apart
    (spaces, line breaks and controls written as GAP)."""
    if text is None:
        return None
    written = "".join(GAP if unicodedata.category(character)[0] in "ZC" else character
                      for character in text)
    pairs = (written[at:at + 2] for at in range(len(written) - 1))
    return " ".join([*written, *pairs])
