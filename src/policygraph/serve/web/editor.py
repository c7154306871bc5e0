"""The query page: a SPARQL editor, an example for every canned query, and the results.

The form sends the query by GET to this page, which runs it under the same refusals and
limits as `/sparql` and renders the results as a table, so a result is a link that can be
shared and the page works without scripts. The editor (CodeMirror, with completion of the
project's prefixes and the terms of its ontology) and column sorting are added by
`static/js/query.js`. Downloads are links to `/sparql` with `format=`.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from typing import Annotated, Any
from urllib.parse import urlencode

import pyoxigraph as ox
from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse

from ...build import Iris
from ...query import canned_queries
from ...query.readable import readable
from ...vocab import PREFIXES, prefixed
from ..deps import PoolDep, SettingsDep
from ..executor import Job, QueryFailed, QueryPool, QueryTimeout
from ..i18n import current, gettext_
from ..settings import Settings
from ..sparql import refusal
from .result_views import result_views
from .routing import PageRoute, page, rows
from .terms import Linker

router = APIRouter(route_class=PageRoute, include_in_schema=False)

# Rows shown in the table at most; the downloads have all the server gives.
TABLE_ROWS = 1000
_JSON = "application/sparql-results+json"
_NTRIPLES = "application/n-triples"
_STARTER = """# Tasks and the units that lead them. The project's prefixes need no PREFIX lines.
SELECT ?task ?path ?lead ?title WHERE {
  ?task a pg:Task ;
        pg:path ?path ;
        pg:leadAgency/skos:prefLabel ?lead ;
        pg:inDocument/dcterms:title ?title .
}
LIMIT 20
"""


@dataclass(frozen=True)
class Cell:
    """A value in the results table: its text, its link, and what a script sorts it by."""

    text: str
    href: str | None = None
    title: str | None = None
    lang: str | None = None
    number: str | None = None  # the value of a numeric literal, for sorting
    datatype: str | None = None  # a literal's, for the views that draw years and dates


@dataclass(frozen=True)
class Results:
    """What a query answered: a table (SELECT, or the triples of CONSTRUCT and DESCRIBE) or
    a boolean (ASK), and how long it took."""

    columns: list[str]
    rows: list[list[Cell | None]]
    boolean: bool | None
    truncated: bool
    milliseconds: float
    downloads: list[tuple[str, str]]  # (name, URL)
    views: dict[str, Any] = field(default_factory=dict)  # bar chart, timeline (result_views)


@dataclass(frozen=True)
class Example:
    """A canned query in the gallery."""

    name: str
    summary: str
    description: str
    sparql: str


@router.get("/query", response_class=HTMLResponse)
async def query_page(
        pool: PoolDep, settings: SettingsDep,
        query: Annotated[str | None, Query(description="a SPARQL query to run")] = None,
        example: Annotated[str | None, Query(description="a canned query to run")] = None,
) -> HTMLResponse:
    """The editor with the given query (or example) and its results."""
    examples = gallery()
    chosen = next((item for item in examples if item.name == example), None)
    if example is not None and chosen is None:
        return _page(400, settings, examples, query or "", None,
                     f"no example {example!r}; known: {', '.join(e.name for e in examples)}",
                     await _completions(pool, settings))
    text = chosen.sparql if chosen else query
    results, status, message = None, 200, None
    if text and text.strip():
        refused = refusal(text, settings)
        if refused is not None:
            status, message = refused
        else:
            try:
                results = await _run(pool, settings, text)
            except QueryTimeout as late:
                status, message = 503, str(late)
            except QueryFailed as failed:
                status, message = failed.status, failed.message
    return _page(status, settings, examples, text or _STARTER, results, message,
                 await _completions(pool, settings), chosen)


def _page(status: int, settings: Settings, examples: list[Example], text: str,
          results: Results | None, message: str | None, completions: dict[str, Any],
          chosen: Example | None = None) -> HTMLResponse:
    return page("query.html", status, title=gettext_("Query"), lang=None, sparql=text,
                results=results, message=message, examples=examples, chosen=chosen,
                completions=completions,
                table_rows=TABLE_ROWS, max_rows=settings.max_rows)


async def _run(pool: QueryPool, settings: Settings, sparql: str) -> Results:
    job = Job(sparql=sparql, result_type=_JSON, graph_type=_NTRIPLES,
              max_rows=min(TABLE_ROWS, settings.max_rows))
    started = time.perf_counter()
    outcome = await pool.run(job, settings.timeout)
    elapsed = (time.perf_counter() - started) * 1000
    link = Linker.of(settings)
    if outcome.media_type == _NTRIPLES:
        triples = ox.parse(outcome.body, format=ox.RdfFormat.N_TRIPLES)
        triple_rows: list[list[Cell | None]] = [
            [_cell(term, link) for term in (t.subject, t.predicate, t.object)] for t in triples]
        return Results(["subject", "predicate", "object"], triple_rows, None,
                       outcome.truncated, elapsed, _downloads(sparql, ("ttl", "jsonld", "nt")))
    answer = json.loads(outcome.body)
    if "boolean" in answer:
        return Results([], [], bool(answer["boolean"]), False, elapsed, [])
    columns: list[str] = answer["head"]["vars"]
    table = [[json_cell(row.get(name), link) for name in columns]
             for row in answer["results"]["bindings"]]
    return Results(columns, table, None, outcome.truncated, elapsed,
                   _downloads(sparql, ("csv", "json", "tsv")), result_views(columns, table))


def _downloads(sparql: str, formats: tuple[str, ...]) -> list[tuple[str, str]]:
    return [(name, "/sparql?" + urlencode({"query": sparql, "format": name}))
            for name in formats]


def _cell(term: Any, link: Linker) -> Cell:
    """A term of a CONSTRUCT or DESCRIBE answer, as its JSON form is read."""
    if isinstance(term, ox.NamedNode):
        return _value_cell({"type": "uri", "value": term.value}, link)
    if isinstance(term, ox.BlankNode):
        return Cell(f"_:{term.value}")
    return _value_cell({"type": "literal", "value": term.value,
                        "xml:lang": term.language or "", "datatype": term.datatype.value},
                       link)


def json_cell(term: dict[str, str] | None, link: Linker) -> Cell | None:
    """A term of SPARQL JSON results, or None where a row leaves a variable unbound."""
    return None if term is None else _value_cell(term, link)


def _value_cell(term: dict[str, str], link: Linker) -> Cell:
    """An IRI as a link to its page, shortened by the project's prefixes or the data's
    base; a literal with its language; a number sortable as a number."""
    value = term["value"]
    if term["type"] == "uri":
        short = prefixed(value) or link.relative(value) or value
        return Cell(short, link(value), value)
    if term["type"] == "bnode":
        return Cell(f"_:{value}")
    datatype = term.get("datatype", "")
    number = value if datatype.startswith(PREFIXES["xsd"]) and _numeric(value) else None
    return Cell(value, lang=term.get("xml:lang") or None, number=number,
                title=prefixed(datatype) if datatype and not number else None,
                datatype=datatype or None)


def _numeric(value: str) -> bool:
    try:
        float(value)
    except ValueError:
        return False
    return True


def gallery() -> list[Example]:
    """Every canned query, ready to run, as a reader would write it: its parameters' examples
    (which answer together) in place (`query.readable`), described in the page's language."""
    return [Example(query.name, *query.about(current()),
                    readable(query, {p.name: p.example for p in query.parameters if p.example}))
            for query in canned_queries().values()]


async def _completions(pool: QueryPool, settings: Settings) -> dict[str, Any]:
    """What the editor completes: the project's prefixes, the terms of the ontology graph as
    prefixed names with a label, and the indicators by their Chinese names (agencies and
    regions it asks `/search/suggest` for, as the reader types)."""
    site = Linker.of(settings).site
    terms: dict[str, str] = {}
    if site is not None:
        graph = Iris(site.base).ontology_graph()
        for row in await rows(pool, settings.timeout, "vocabulary", {"graph": str(graph)}):
            name = prefixed(str(row["term"]))
            if name:
                terms[name] = str(row["english"] or row["chinese"] or "")
    indicators = [[prefixed(str(row["item"])) or str(row["item"]), str(row["label"]),
                   str(row["aliases"] or "")]
                  for row in await rows(pool, settings.timeout, "concept-names", {})]
    return {"prefixes": PREFIXES, "terms": terms, "indicators": indicators}
