"""Reading a build's index (`text_index.py`): a phrase looked up as search-tasks.rq would find
it in the graph, the same rows, in its order, with the same total; and the listing queries'
rows with their filters (`list_models.py`).

A phrase of three characters or more is found exactly by the trigram table (case kept). A
phrase of one or two is one token of `grams`, found exactly unless it has what the tokenizer
folds or drops (letters in upper or lower case, accents, spaces): then each row found is
checked against the phrase as written. A task whose rows match together (one with several
rows, which the shapes never let through) is answered with every row checked in Python.
"""

from __future__ import annotations

import sqlite3
import time
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from .list_models import LIST_MODELS, listed
from .text_index import GAP, TEXT_INDEX

__all__ = ["Found", "IndexTimeout", "RowsFound", "TaskMatch", "TextIndex"]

Answer = TypeVar("Answer")

# SQLite virtual machine steps between looks at a search's deadline.
_STEPS = 1000
# Occurrences of the phrase counted in a text at most (as search-tasks.rq counts them).
MAX_OCCURRENCES = 5
# A row's ranking columns, the phrase as :phrase: whether its heading holds the phrase, and how
# often its text does (non-overlapping, from the left, up to five: as STRAFTER counts them).
_RANKED = f"""
  coalesce(instr(r.heading, :phrase) > 0, 0) AS in_heading,
  CASE WHEN length(:phrase) = 0 THEN {MAX_OCCURRENCES}
       ELSE min({MAX_OCCURRENCES},
                (length(r.text) - length(replace(r.text, :phrase, ''))) / length(:phrase))
  END AS occurrences"""
_HOLDS = "(instr(r.text, :phrase) > 0 OR coalesce(instr(r.heading, :phrase) > 0, 0))"


class IndexTimeout(Exception):
    """A search that ran past its deadline and was stopped."""


@dataclass(frozen=True)
class TaskMatch:
    """One row of the answer: its ranking columns, its number in the index and its terms as
    SPARQL JSON."""

    in_heading: bool
    occurrences: int
    number: int
    terms: str

    @property
    def rank(self) -> tuple[int, int, int]:
        """search-tasks.rq's order: a match in the heading, then more occurrences first,
        then by title, document and reading order (the rows' numbers)."""
        return (-self.in_heading, -self.occurrences, self.number)


@dataclass(frozen=True)
class Found:
    """A page of the rows of the tasks that hold a phrase, and how many rows there are in
    all (0 where it was not asked)."""

    total: int
    rows: list[TaskMatch]


@dataclass(frozen=True)
class RowsFound:
    """A page of a query's rows (terms as SPARQL JSON: names.rq's for a phrase, a listing
    query's for its filters), and how many rows there are in all (0 where it was not asked)."""

    total: int
    terms: list[str]


class TextIndex:
    """A build's index, read-only."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @classmethod
    def of_build(cls, build: Path | None) -> TextIndex | None:
        """The index of `build`, or None where it has none (a build of an older version)."""
        if build is None or not (build / TEXT_INDEX).is_file():
            return None
        return cls(build / TEXT_INDEX)

    def holds(self, table: str) -> bool:
        """Whether the index has `table` (a build of an earlier version may lack a table)."""
        connection = sqlite3.connect(f"{self.path.as_uri()}?mode=ro&immutable=1", uri=True)
        try:
            return connection.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' "
                                      "AND name = ?", (table,)).fetchone() is not None
        finally:
            connection.close()

    def tasks_containing(self, phrase: str, deadline: float, offset: int = 0,
                         limit: int | None = None, count: bool = True) -> Found:
        """The rows of every task whose text or heading contains `phrase` as written, in
        search-tasks.rq's order, from `offset` (`limit` of them at most, all where None), and
        their total if `count`; IndexTimeout past `deadline` (time.monotonic())."""
        return self._read(f"the search for {phrase!r}", deadline, lambda connection: _Search(
            connection, phrase).found(offset, limit, count))

    def names_containing(self, phrase: str, deadline: float, offset: int = 0,
                         limit: int | None = None, count: bool = True) -> RowsFound:
        """names.rq's rows for `phrase`: the agencies and regions with a label, alias,
        division code or function name that contains it, regions first, then by count."""
        return self._read(f"the search for {phrase!r}", deadline,
                          lambda connection: _names_containing(connection, phrase, offset,
                                                               limit, count))

    def listed(self, query: str, given: Mapping[str, str | int], deadline: float,
               offset: int = 0, limit: int | None = None, count: bool = True) -> RowsFound:
        """The rows of the listing query `query` that pass the filters `given` (values by the
        parameters' variables), in its order."""
        return self._read(f"the list of {query}", deadline, lambda connection: RowsFound(
            *listed(connection, LIST_MODELS[query], given, offset, limit, count)))

    def _read(self, what: str, deadline: float,
              answer: Callable[[sqlite3.Connection], Answer]) -> Answer:
        """`answer` (`what` it reads) from the index, stopped (IndexTimeout) past `deadline`."""
        late = IndexTimeout(f"{what} ran past its time limit")
        if time.monotonic() > deadline:
            raise late
        connection = sqlite3.connect(f"{self.path.as_uri()}?mode=ro&immutable=1", uri=True,
                                     check_same_thread=False)
        connection.set_progress_handler(lambda: int(time.monotonic() > deadline), _STEPS)
        try:
            return answer(connection)
        except sqlite3.OperationalError as error:
            if "interrupted" not in str(error):
                raise
            raise late from None
        finally:
            connection.close()


def _exact_token(phrase: str) -> bool:
    """Whether `grams` holds a phrase of one or two characters as written: no case, no
    accent, no gap that its tokenizer folds or drops."""
    return all(character.lower() == character.upper() and character != GAP
               and not unicodedata.decomposition(character)
               and unicodedata.category(character)[0] not in "ZC" for character in phrase)


class _Phrase:
    """How a phrase is looked up in a pair of tables (`trigrams` and `grams`, or those of
    names): in which, whether what the table finds holds the phrase as written (`exact`), and
    whether it finds anything at all (`by_token`: not a phrase of gaps alone, or none, or
    with a NUL character)."""

    def __init__(self, phrase: str) -> None:
        self.text = phrase
        self.quoted = '"' + phrase.replace('"', '""') + '"'
        # (FTS5 reads a query up to a NUL character only: such a phrase is looked for by
        # reading every row)
        self.by_token = "\0" not in phrase and (len(phrase) >= 3 or any(
            unicodedata.category(character)[0] not in "ZC" for character in phrase))
        self.exact = self.by_token and (len(phrase) >= 3 or _exact_token(phrase))

    def table(self, prefix: str = "") -> str:
        return f"{prefix}trigrams" if len(self.text) >= 3 else f"{prefix}grams"


class _Search:
    """One phrase looked up in an open index."""

    def __init__(self, connection: sqlite3.Connection, phrase: str) -> None:
        self.connection = connection
        self.phrase = phrase
        looked_up = _Phrase(phrase)
        table, self.exact = looked_up.table(), looked_up.exact
        self.matched = (f"{table} JOIN rows r ON r.id = {table}.rowid "
                        f"WHERE {table} MATCH :match AND r.siblings = 1" if looked_up.by_token
                        else "rows r WHERE r.siblings = 1")
        self.counted = f"SELECT COUNT(*) FROM {table} WHERE {table} MATCH :match"
        self.values = {"match": looked_up.quoted, "phrase": phrase}

    def found(self, offset: int, limit: int | None, count: bool) -> Found:
        shared = self._shared()
        if shared:  # (every row ranked here, the shared ones with the others)
            every = sorted(self._single(0, None) + shared, key=lambda match: match.rank)
            end = len(every) if limit is None else offset + limit
            return Found(len(every), self._with_terms(every[offset:end]))
        total = self._count() if count else 0
        return Found(total, self._with_terms(self._single(offset, limit)))

    def _count(self) -> int:
        sql = (self.counted if self.exact
               else f"SELECT COUNT(*) FROM {self.matched} AND {_HOLDS}")
        counted: int = self.connection.execute(sql, self.values).fetchone()[0]
        return counted

    def _single(self, offset: int, limit: int | None) -> list[TaskMatch]:
        """The matching rows of the tasks that have one row, ranked by SQLite."""
        holds = "" if self.exact else f" AND {_HOLDS}"
        rows = self.connection.execute(
            f"SELECT {_RANKED}, r.id FROM {self.matched}{holds} "
            "ORDER BY in_heading DESC, occurrences DESC, r.id LIMIT :limit OFFSET :offset",
            {**self.values, "limit": -1 if limit is None else limit, "offset": offset}
        ).fetchall()
        return [TaskMatch(bool(row[0]), row[1], row[2], "") for row in rows]

    def _shared(self) -> list[TaskMatch]:
        """Every row of each task with several rows of which one holds the phrase."""
        rows = self.connection.execute(
            f"SELECT {_RANKED}, r.id, r.task, {_HOLDS} FROM rows r WHERE r.siblings > 1",
            self.values).fetchall()
        matched = {row[3] for row in rows if row[4]}
        return [TaskMatch(bool(row[0]), row[1], row[2], "") for row in rows if row[3] in matched]

    def _with_terms(self, matches: list[TaskMatch]) -> list[TaskMatch]:
        """The matches with their terms, read for these rows only."""
        numbers = [match.number for match in matches]
        terms = dict(self.connection.execute(
            f"SELECT id, terms FROM terms WHERE id IN ({', '.join('?' * len(numbers))})",
            numbers).fetchall()) if numbers else {}
        return [TaskMatch(match.in_heading, match.occurrences, match.number,
                          terms[match.number]) for match in matches]


def _names_containing(connection: sqlite3.Connection, phrase: str, offset: int,
                      limit: int | None, count: bool) -> RowsFound:
    """names.rq's rows of the agencies and regions with a name that contains the phrase."""
    looked_up = _Phrase(phrase)
    table = looked_up.table("name_")
    holds = "" if looked_up.exact else " AND instr(n.name, :phrase) > 0"
    found = (f"{table} JOIN names n ON n.id = {table}.rowid WHERE {table} MATCH :match{holds}"
             if looked_up.by_token else "names n WHERE instr(n.name, :phrase) > 0")
    chosen = f"FROM items WHERE item IN (SELECT n.item FROM {found})"
    values = {"match": looked_up.quoted, "phrase": phrase,
              "limit": -1 if limit is None else limit, "offset": offset}
    total = connection.execute(f"SELECT COUNT(*) {chosen}", values).fetchone()[0] if count else 0
    terms = [row[0] for row in connection.execute(
        f"SELECT terms {chosen} ORDER BY id LIMIT :limit OFFSET :offset", values)]
    return RowsFound(total, terms)
