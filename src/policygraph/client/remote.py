"""A client of a SPARQL 1.1 endpoint, the policygraph server's `/sparql` or any other.

Results come as SPARQL JSON (SELECT, ASK) and Turtle (CONSTRUCT, DESCRIBE), queries go by
POST so long ones fit. The project's prefixes are declared in front of a query that uses them
without declaring them, and canned-query parameters are bound by `VALUES` blocks of escaped
terms (see `policygraph.query.text`), so the same queries work against an endpoint that knows
nothing of the project. Whether the default graph is the union of all graphs is up to the
endpoint; the policygraph server's is.
"""

from __future__ import annotations

import ast
import urllib.error
import warnings
from typing import Any

import rdflib
from SPARQLWrapper import JSON, POST, TURTLE, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed
from SPARQLWrapper.Wrapper import QueryResult

from .. import __version__
from ..query import QueryError, Substitutions
from ..query.text import bind_values, declare_prefixes, without_comments
from ..vocab import bind_prefixes
from .base import Client
from .rows import Row, rows_from_json

__all__ = ["RemoteClient"]

# Media types an endpoint may answer a graph query with → rdflib parser names.
_GRAPH_FORMATS = {"text/turtle": "turtle", "application/n-triples": "nt",
                  "text/plain": "nt", "application/rdf+xml": "xml",
                  "application/ld+json": "json-ld"}


class RemoteClient(Client):
    """The graph behind a SPARQL endpoint.

    A server that caps its results (the policygraph server's `--max-rows`) marks a cut result;
    the client warns when it gets one, since the rows it returns are then not all of them.
    """

    def __init__(self, endpoint: str, timeout: int = 60) -> None:
        """A client of `endpoint`; nothing is sent until the first query.

        Args:
            endpoint: the endpoint's URL, `http://127.0.0.1:8000/sparql`.
            timeout: seconds to wait for an answer before giving up.
        """
        self.endpoint = endpoint
        self.timeout = timeout

    def __repr__(self) -> str:
        return f"RemoteClient({self.endpoint!r})"

    def _select(self, sparql: str, substitutions: Substitutions) -> list[Row]:
        document = self._json(bind_values(sparql, substitutions))
        if "results" not in document:
            raise QueryError("sparql() runs SELECT queries; use ask() or construct()")
        rows = rows_from_json(document["head"].get("vars", []),
                              document["results"]["bindings"])
        if document.get("truncated") is True:
            self._warn_truncated(len(rows))
        return rows

    def _ask(self, sparql: str) -> bool:
        document = self._json(sparql)
        if "boolean" not in document:
            raise QueryError("ask() runs ASK queries; use sparql() or construct()")
        return bool(document["boolean"])

    def _graph(self, sparql: str) -> rdflib.Graph:
        result = self._request(sparql, TURTLE)
        headers = result.info()
        media = headers.get("content-type", "text/turtle").split(";")[0].strip().lower()
        graph = rdflib.Graph().parse(data=result.response.read(),
                                     format=_GRAPH_FORMATS.get(media, "turtle"))
        if headers.get("x-policygraph-truncated") == "true":
            self._warn_truncated(len(graph))
        return bind_prefixes(graph)

    def _json(self, sparql: str) -> dict[str, Any]:
        document = self._request(sparql, JSON).convert()
        if not isinstance(document, dict):
            raise QueryError(f"{self.endpoint} did not answer with SPARQL JSON results")
        return document

    def _request(self, sparql: str, return_format: str) -> QueryResult:
        """Send the query; the endpoint's refusals (a syntax error, a time limit) become
        QueryError with the endpoint's own message."""
        wrapper = SPARQLWrapper(self.endpoint, agent=f"policygraph/{__version__}")
        wrapper.setMethod(POST)
        wrapper.setReturnFormat(return_format)
        wrapper.setTimeout(self.timeout)
        wrapper.setQuery(declare_prefixes(without_comments(sparql)))
        try:
            return wrapper.query()
        except QueryBadFormed as error:
            raise QueryError(_response_text(error)) from None
        except urllib.error.HTTPError as error:
            body = error.read().decode("utf-8", errors="replace").strip()
            raise QueryError(f"{self.endpoint} answered {error.code}: {body}") from None

    def _warn_truncated(self, count: int) -> None:
        warnings.warn(f"{self.endpoint} cut the result at {count} rows; the rest are missing",
                      stacklevel=4)


def _response_text(error: QueryBadFormed) -> str:
    """The endpoint's message, which SPARQLWrapper keeps only as the repr of the body's bytes
    inside its own."""
    _, found, shown = str(error).partition("Response:\n")
    if found:
        try:
            body = ast.literal_eval(shown)
        except (ValueError, SyntaxError):
            return str(error)
        if isinstance(body, bytes):
            return body.decode("utf-8", errors="replace").strip()
    return str(error)
