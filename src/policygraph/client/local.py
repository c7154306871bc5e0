"""A client over a store on this machine: queries run in-process on the read-only store."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import rdflib

from ..query import QueryError, Substitutions, run_query
from ..store import GraphStore
from ..vocab import bind_prefixes
from .base import Client
from .rows import Row, rows_from_oxigraph

__all__ = ["LocalClient"]


class LocalClient(Client):
    """The graph of a store directory, opened read-only so that a build can publish a new graph
    meanwhile; the client answers from the build it opened, so open again to see a newer one.

    The default graph is the union of all graphs, as at the server's endpoint.
    """

    def __init__(self, directory: Path) -> None:
        """Open the live build of the store in `directory`.

        Raises:
            StoreError: when no graph has been built there or it cannot be opened.
        """
        self.directory = directory
        self.store: ox.Store = GraphStore(directory).open()

    def __repr__(self) -> str:
        return f"LocalClient({str(self.directory)!r})"

    def _select(self, sparql: str, substitutions: Substitutions) -> list[Row]:
        results = run_query(self.store, sparql, substitutions or None)
        if not isinstance(results, ox.QuerySolutions):
            raise QueryError("sparql() runs SELECT queries; use ask() or construct()")
        return rows_from_oxigraph(results)

    def _ask(self, sparql: str) -> bool:
        results = run_query(self.store, sparql)
        if not isinstance(results, ox.QueryBoolean):
            raise QueryError("ask() runs ASK queries; use sparql() or construct()")
        return bool(results)

    def _graph(self, sparql: str) -> rdflib.Graph:
        results = run_query(self.store, sparql)
        if not isinstance(results, ox.QueryTriples):
            raise QueryError("construct() runs CONSTRUCT or DESCRIBE queries; use sparql() "
                             "or ask()")
        data = results.serialize(format=ox.RdfFormat.N_TRIPLES) or b""
        return bind_prefixes(rdflib.Graph().parse(data=data, format="nt"))
