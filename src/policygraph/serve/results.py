"""One query's execution inside a worker: dataset options, the row cap and serialisation.

SELECT and ASK results go out in the SPARQL results formats (JSON, XML, CSV via rdflib's
serialisers, TSV as the SPARQL 1.1 TSV note specifies, which rdflib does not write), graph
results in RDF syntaxes via Oxigraph. A result past the row cap is cut there and marked
truncated.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TypeVar

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef, Variable
from rdflib.query import Result
from rdflib.term import Identifier

from ..query import Substitutions
from ..query.text import bind_values, declares_dataset
from ..vocab import PREFIXES

Item = TypeVar("Item")

# Media types of SELECT/ASK results → rdflib serialiser names ("tsv" is written here).
RESULT_TYPES = {
    "application/sparql-results+json": "json",
    "application/sparql-results+xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
# Media types of CONSTRUCT/DESCRIBE results → Oxigraph formats.
GRAPH_TYPES = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}


# A parameter's value as plain data: (variable, IRI or literal value, datatype IRI or None).
Binding = tuple[str, str, str | None]


def encode_bindings(substitutions: Substitutions) -> tuple[Binding, ...]:
    """Typed terms as picklable tuples (an IRI has no datatype). Canned-query parameters are
    IRIs and literals only."""
    encoded: list[Binding] = []
    for variable, term in substitutions.items():
        if isinstance(term, ox.Literal):
            encoded.append((variable.value, term.value, term.datatype.value))
        elif isinstance(term, ox.NamedNode):
            encoded.append((variable.value, term.value, None))
        else:
            raise TypeError(f"?{variable.value}: only IRIs and literals can be parameters")
    return tuple(encoded)


def decode_bindings(bindings: tuple[Binding, ...]) -> Substitutions:
    return {ox.Variable(name): (ox.NamedNode(value) if datatype is None
                                else ox.Literal(value, datatype=ox.NamedNode(datatype)))
            for name, value, datatype in bindings}


@dataclass(frozen=True)
class Job:
    """A query and how to run and answer it; picklable, to cross to a worker."""

    sparql: str
    result_type: str | None  # negotiated media type for SELECT/ASK (None: none acceptable)
    graph_type: str | None  # negotiated media type for CONSTRUCT/DESCRIBE
    max_rows: int
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    base_iri: str | None = None  # against which relative IRIs in the query resolve
    bindings: tuple[Binding, ...] = ()  # canned-query parameters, see `encode_bindings`


@dataclass(frozen=True)
class Outcome:
    """A serialised answer."""

    body: bytes
    media_type: str
    rows: int
    truncated: bool


class QueryFailed(Exception):
    """A query that could not be answered, with the HTTP status that says why."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message

    def __reduce__(self) -> tuple[type[QueryFailed], tuple[int, str]]:
        return QueryFailed, (self.status, self.message)


def bound_text(job: Job) -> str:
    """The job's query with its parameters bound by `VALUES` blocks: Oxigraph plans a query
    with its values in the text many times faster than one whose values it substitutes (a
    task by its IRI: 1 ms against 2 s on 1,000 plans), and a remote store has no other way."""
    return bind_values(job.sparql, decode_bindings(job.bindings)) if job.bindings else job.sparql


def execute(store: ox.Store, job: Job) -> Outcome:
    """Run `job` on `store` over the dataset the request names (`default-graph-uri`,
    `named-graph-uri`), which replaces the query's own (SPARQL 1.1 Protocol §2.1.4); else over
    the query's FROM / FROM NAMED; else over the union default graph and all named graphs."""
    options: dict[str, object] = {"prefixes": PREFIXES, "base_iri": job.base_iri}
    if job.default_graphs or job.named_graphs:
        options["default_graph"] = [ox.NamedNode(iri) for iri in job.default_graphs]
        options["named_graphs"] = [ox.NamedNode(iri) for iri in job.named_graphs]
    elif not declares_dataset(job.sparql):
        options["use_default_graph_as_union"] = True
    try:
        results = store.query(bound_text(job), **options)  # type: ignore[arg-type]
    except SyntaxError as error:
        raise QueryFailed(400, f"SPARQL syntax error: {error}") from None
    if isinstance(results, ox.QueryTriples):
        return _graph(results, job)
    if job.result_type is None:
        raise QueryFailed(406, "no acceptable media type for SELECT/ASK results; offered: "
                          + ", ".join(RESULT_TYPES))
    if isinstance(results, ox.QueryBoolean):
        return _boolean(bool(results), job.result_type)
    return _solutions(results, job)


def _graph(triples: ox.QueryTriples, job: Job) -> Outcome:
    if job.graph_type is None:
        raise QueryFailed(406, "no acceptable media type for graph results; offered: "
                          + ", ".join(GRAPH_TYPES))
    kept, truncated = _capped(triples, job.max_rows)
    body = ox.serialize(kept, format=GRAPH_TYPES[job.graph_type], prefixes=PREFIXES) or b""
    return Outcome(body, job.graph_type, len(kept), truncated)


def _boolean(answer: bool, media_type: str) -> Outcome:
    if RESULT_TYPES[media_type] in {"csv", "tsv"}:
        body = f"_askResult\n{'true' if answer else 'false'}\n".encode()
    else:
        result = Result("ASK")
        result.askAnswer = answer
        body = result.serialize(format=RESULT_TYPES[media_type]) or b""
    return Outcome(body, media_type, 1, False)


def _solutions(solutions: ox.QuerySolutions, job: Job) -> Outcome:
    variables = [variable.value for variable in solutions.variables]
    rows, truncated = _capped(solutions, job.max_rows)
    fmt = RESULT_TYPES[job.result_type or ""]
    if fmt == "tsv":
        body = _tsv(variables, rows)
    else:
        result = Result("SELECT")
        result.vars = [Variable(name) for name in variables]
        result.bindings = [
            {Variable(name): _rdflib(row[name]) for name in variables if row[name] is not None}
            for row in rows]
        body = result.serialize(format=fmt) or b""
        if fmt == "json" and truncated:
            document = json.loads(body)
            document["truncated"] = True
            body = json.dumps(document, ensure_ascii=False).encode()
    return Outcome(body, job.result_type or "", len(rows), truncated)


def _capped(results: Iterable[Item], limit: int) -> tuple[list[Item], bool]:
    """At most `limit` items, and whether there were more."""
    kept: list[Item] = []
    for item in results:
        if len(kept) == limit:
            return kept, True
        kept.append(item)
    return kept, False


def _rdflib(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> Identifier:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise QueryFailed(406, "RDF-star triple terms cannot be written in this results format")


def _tsv(variables: list[str], rows: list[ox.QuerySolution]) -> bytes:
    """SPARQL 1.1 TSV: a header of ?variables, then terms in Turtle syntax."""
    lines = ["\t".join(f"?{name}" for name in variables)]
    for row in rows:
        lines.append("\t".join(
            "" if row[name] is None else str(row[name]).replace("\t", "\\t")
            for name in variables))
    return ("\n".join(lines) + "\n").encode()
