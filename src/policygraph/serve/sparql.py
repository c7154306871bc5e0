"""The SPARQL 1.1 Protocol query operation at `/sparql`, read-only.

https://www.w3.org/TR/sparql11-protocol/#query-operation — a query comes by GET
(`?query=`), by URL-encoded POST (`query=` in the body) or by direct POST
(`application/sparql-query`); `default-graph-uri` and `named-graph-uri` set the dataset.
Results are negotiated by `Accept` (q-values honoured) or a `format` parameter; errors are 400
with the parser's message, updates are refused with 403, and GET without a query returns the
service description. Before a query reaches the engine, one nested past `MAX_NESTING` or with
expressions longer than `MAX_OPERATORS` is refused (the engine would overflow its stack), and
so is a SERVICE clause calling an endpoint the configuration does not allow: a public endpoint
must not fetch URLs for its clients.
"""

from __future__ import annotations

import asyncio
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl

import pyoxigraph as ox
from fastapi import APIRouter, Request
from fastapi.responses import Response

from ..query.grammar import QuerySyntaxError, read_query
from ..query.text import is_update
from .deps import PoolDep, SettingsDep
from .description import endpoint_iri, service_description
from .executor import Job, QueryFailed, QueryTimeout
from .negotiation import FORMAT_NAMES, negotiate
from .openapi import answers, query_parameters
from .results import GRAPH_TYPES, RESULT_TYPES
from .services import allowed_endpoint
from .settings import MAX_NESTING, MAX_OPERATORS, Settings

router = APIRouter(tags=["sparql"])

_FORM = "application/x-www-form-urlencoded"
_QUERY = "application/sparql-query"
_UPDATE = "application/sparql-update"
# A number as JSON writes it, without a sign: `float` alone would also take `nan`, `inf`,
# `1_000` and surrounding spaces.
_SECONDS = re.compile(r"[0-9]{1,20}(?:\.[0-9]{1,20})?(?:[eE][+-]?[0-9]{1,3})?")
READ_ONLY = ("this endpoint is read-only: SPARQL Update is refused; rebuild the graph with "
             "`policygraph build` to change it")


def error(status: int, message: str, headers: Mapping[str, str] | None = None) -> Response:
    """A protocol error: plain text, as SPARQL clients show it to their users."""
    return Response(message + "\n", status_code=status, media_type="text/plain; charset=utf-8",
                    headers=headers)


_PARAMETERS = {
    "query": "A SPARQL 1.1 query (SELECT, ASK, CONSTRUCT or DESCRIBE); without one, the "
             "service description.",
    "default-graph-uri": "A graph of the default graph; replaces the query's FROM.",
    "named-graph-uri": "A named graph of the dataset; replaces the query's FROM NAMED.",
    "format": "json, xml, csv, tsv, ttl, nt, jsonld or rdfxml; overrides Accept for the "
              "results it names (csv and tsv name SELECT and ASK results, ttl, nt, jsonld "
              "and rdfxml graphs).",
    "timeout": "Seconds the query may run (a number, at least 1), at most the server's "
               "limit.",
}
_REPEATED = ("default-graph-uri", "named-graph-uri")
_READ_INLINE = 8 * 1024  # characters of a query read on the event loop, at most
# A second: on a busy server even the cheapest query may wait longer for a worker, and a
# query stopped for a limit it could never keep is a refusal its client did not ask for.
MIN_TIMEOUT = 1.0
# A query is text a SPARQL grammar accepts, which no JSON Schema can say: its format names it
# for generators that know SPARQL.
_QUERY_TEXT: dict[str, Any] = {"type": "string", "format": "sparql-query"}
_GRAPH = {"type": "string", "format": "iri"}
_SCHEMAS: dict[str, dict[str, Any]] = {
    "query": _QUERY_TEXT, "default-graph-uri": _GRAPH, "named-graph-uri": _GRAPH,
    "format": {"type": "string", "enum": list(FORMAT_NAMES)},
    "timeout": {"type": "number", "minimum": MIN_TIMEOUT}}
_ERRORS = {400: "A syntax error (with the parser's message), an unknown format or a query "
                "nested too deep.",
           403: "An update, or a SERVICE call to an endpoint not allowed.",
           406: "No result format matches Accept.",
           413: "A query longer than the server takes.",
           415: "A POST body that is not a query.",
           503: "The query ran past its time limit and was stopped."}
_ANSWERS = answers("Results in the negotiated format: SPARQL results for SELECT and ASK, RDF "
                   "for CONSTRUCT and DESCRIBE and for the service description.",
                   [*RESULT_TYPES, *GRAPH_TYPES], _ERRORS)


@router.get("/sparql", summary="SPARQL query by GET, or the service description",
            response_class=Response, responses=_ANSWERS,
            openapi_extra={"parameters": query_parameters(_PARAMETERS, _REPEATED, _SCHEMAS)})
@router.get("/sparql/", include_in_schema=False)
async def sparql_get(request: Request, pool: PoolDep, settings: SettingsDep) -> Response:
    params = parse_qsl(request.url.query, keep_blank_values=True)
    if not any(key in {"query", "update"} for key, _ in params):
        try:
            _options(request, _grouped(params), settings)
        except ValueError as bad:
            return error(400, str(bad))
        return service_description(request, settings)
    return await _answer(request, pool, settings, params, body_query=None)


@router.post("/sparql", summary="SPARQL query by URL-encoded or direct POST",
             response_class=Response, responses=_ANSWERS, openapi_extra={
                 "parameters": query_parameters(
                     {name: meaning for name, meaning in _PARAMETERS.items() if name != "query"},
                     _REPEATED, _SCHEMAS),
                 "requestBody": {"required": True, "content": {
                     _QUERY: {"schema": _QUERY_TEXT},
                     _FORM: {"schema": {"type": "object", "required": ["query"], "properties": {
                         "query": _QUERY_TEXT}}}}}})
@router.post("/sparql/", include_in_schema=False)
async def sparql_post(request: Request, pool: PoolDep, settings: SettingsDep) -> Response:
    params = parse_qsl(request.url.query, keep_blank_values=True)
    content_type = request.headers.get("content-type", "")
    media_type = content_type.split(";")[0].strip().lower()
    body = await request.body()
    if not media_type:
        return error(400, "a POST needs a Content-Type: application/sparql-query or "
                          f"{_FORM}")
    if media_type == _UPDATE:
        return error(403, READ_ONLY)
    if media_type == _FORM:
        form = parse_qsl(body.decode("utf-8", errors="replace"), keep_blank_values=True)
        return await _answer(request, pool, settings, params + form, body_query=None)
    if media_type == _QUERY:
        return await _answer(request, pool, settings, params,
                             body_query=body.decode("utf-8", errors="replace"))
    return error(415, f"unsupported Content-Type {media_type!r}: send application/sparql-query "
                      f"or {_FORM}")


@dataclass(frozen=True)
class _Options:
    """How the request asks for its answer: the negotiated media types and the time limit."""

    result_type: str | None
    graph_type: str | None
    timeout: float


def _grouped(params: Sequence[tuple[str, str]]) -> dict[str, list[str]]:
    values: dict[str, list[str]] = {}
    for key, value in params:
        values.setdefault(key, []).append(value)
    return values


def _options(request: Request, values: Mapping[str, list[str]], settings: Settings
             ) -> _Options:
    """The request's format, time limit and graphs, read strictly: a parameter the endpoint
    cannot honour is refused, with or without a query.

    Raises:
        ValueError: naming the parameter and why.
    """
    formats = values.get("format", [])
    try:
        result_type, graph_type = negotiate(request.headers.get("accept", "*/*"),
                                            formats[-1] if formats else None)
    except KeyError as unknown:
        raise ValueError(f"unknown format {unknown}") from None
    timeout = _timeout(values.get("timeout"), settings.timeout)
    for name in _REPEATED:
        for graph in values.get(name, []):
            try:
                ox.NamedNode(graph)
            except ValueError as bad:
                raise ValueError(f"{name}={graph!r} is not an IRI: {bad}") from None
    return _Options(result_type, graph_type, timeout)


async def _answer(request: Request, pool: PoolDep, settings: SettingsDep,
                  params: Sequence[tuple[str, str]], body_query: str | None) -> Response:
    values = _grouped(params)
    if "update" in values:
        return error(403, READ_ONLY)
    queries = values.get("query", []) + ([body_query] if body_query is not None else [])
    if len(queries) != 1:
        return error(400, f"exactly one query is needed, {len(queries)} given")
    # A long query takes the grammar a while (a tenth of a second per 50 KB): read it beside
    # the event loop, which keeps answering other requests.
    refused = (refusal(queries[0], settings) if len(queries[0]) < _READ_INLINE
               else await asyncio.to_thread(refusal, queries[0], settings))
    if refused is not None:
        return error(*refused)
    try:
        options = _options(request, values, settings)
    except ValueError as bad:
        return error(400, str(bad))
    job = Job(sparql=queries[0], result_type=options.result_type, graph_type=options.graph_type,
              max_rows=settings.max_rows,
              default_graphs=tuple(values.get("default-graph-uri", [])),
              named_graphs=tuple(values.get("named-graph-uri", [])),
              base_iri=endpoint_iri(request))
    try:
        outcome = await pool.run(job, options.timeout)
    except QueryTimeout as late:
        return error(503, str(late), {"Retry-After": "1"})
    except QueryFailed as failed:
        return error(failed.status, failed.message)
    headers = {"X-Policygraph-Rows": str(outcome.rows),
               "X-Policygraph-Truncated": "true" if outcome.truncated else "false",
               "Vary": "Accept"}
    media = outcome.media_type + ("; charset=utf-8" if outcome.media_type.startswith("text/")
                                  else "")
    return Response(outcome.body, media_type=media, headers=headers)


def refusal(sparql: str, settings: Settings) -> tuple[int, str] | None:
    """Why the query is refused before it runs (the status and the message), or None: too
    long, not SPARQL 1.1, an update, nested too deep, with expressions too long, or calling an
    endpoint the server may not call. The query is read by the grammar, as the engine reads
    it, so that no comment, escape or operator hides from the checks what the engine runs."""
    size = len(sparql.encode("utf-8", errors="replace"))
    if size > settings.max_query_bytes:
        return 413, (f"the query is {size:,} bytes long; this server takes at most "
                     f"{settings.max_query_bytes:,}")
    try:
        shape = read_query(sparql)
    except QuerySyntaxError as error:
        # An update is no query to the grammar: say why it is refused, not where it stops.
        return (403, READ_ONLY) if is_update(sparql) else (400, str(error))
    if shape.depth > MAX_NESTING:
        return 400, (f"the query nests groups, brackets or parentheses {shape.depth} deep; "
                     f"this server takes at most {MAX_NESTING}")
    if shape.operators > MAX_OPERATORS:
        return 400, (f"the query's expressions are too long: {shape.operators:,} operators "
                     f"and filters; this server takes at most {MAX_OPERATORS:,}")
    for endpoint in shape.services:
        if endpoint is None or not allowed_endpoint(endpoint, settings.allowed_services):
            named = f"<{endpoint}>" if endpoint else "named by a variable"
            return 403, (f"SERVICE {named} is refused: this server calls only the endpoints "
                         "it is started with --allow-service for"
                         + (f" ({', '.join(settings.allowed_services)})"
                            if settings.allowed_services else " (none)"))
    return None


def _timeout(requested: list[str] | None, limit: float) -> float:
    """The request's `timeout=SECONDS`, which may lower the server's limit but not raise it.

    Only a finite number of at least a millisecond is seconds: `nan`, `inf`, `1e400` and
    `1e-9` are numbers no clock can keep.
    """
    if not requested:
        return limit
    raw = requested[-1]
    if not _SECONDS.fullmatch(raw):
        raise ValueError(f"timeout={raw!r}: expected a number of seconds such as 2 or 1.5")
    seconds = float(raw)
    if not math.isfinite(seconds):
        raise ValueError(f"timeout={raw!r}: expected a finite number of seconds")
    if seconds < MIN_TIMEOUT:
        raise ValueError(f"timeout={raw!r}: must be at least {MIN_TIMEOUT:g} seconds")
    return min(seconds, limit)
