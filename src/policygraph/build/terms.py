"""RDF terms as pyoxigraph makes them: the build writes millions of statements, and a quad
of pyoxigraph terms costs about a sixth of an rdflib `Graph.add`, with N-Quads written in Rust.

The project's namespaces (`policygraph.vocab`) are rdflib's, for the code that reads graphs;
here each name becomes a pyoxigraph term once, the first time the build writes it.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache

from pyoxigraph import Literal, NamedNode

from ..vocab import DCTERMS, OA, PG, PGF, RDF, RDFS, SKOS, XSD


class Terms:
    """The named nodes of one namespace: `Terms(PG).Task` is `pg:Task`."""

    def __init__(self, namespace: str) -> None:
        self._namespace = str(namespace)

    def __getattr__(self, name: str) -> NamedNode:
        return _named(self._namespace + name)

    def __getitem__(self, name: str) -> NamedNode:
        return _named(self._namespace + name)


@cache
def _named(iri: str) -> NamedNode:
    return NamedNode(iri)


T_PG, T_PGF, T_RDF, T_RDFS, T_SKOS, T_DCTERMS, T_OA, T_XSD = (
    Terms(namespace) for namespace in (PG, PGF, RDF._NS, RDFS._NS, SKOS._NS, DCTERMS._NS, OA,
                                       XSD._NS))


def string(value: str) -> Literal:
    return Literal(value)


def text(value: str | None) -> Literal | None:
    """A plain string, or nothing for an empty one."""
    return Literal(value) if value else None


def chinese(value: str) -> Literal:
    """A label in Chinese."""
    return Literal(value, language="zh")


def integer(value: int) -> Literal:
    return Literal(str(value), datatype=T_XSD.integer)


def decimal(value: float | Decimal) -> Literal:
    """A number as xsd:decimal, written as the number it was read as (9.0 → 9.0, 0.5 → 0.5)."""
    return Literal(str(Decimal(str(value))), datatype=T_XSD.decimal)


def year(value: int) -> Literal:
    return Literal(f"{value:04d}", datatype=T_XSD.gYear)


def typed(value: str, datatype: NamedNode) -> Literal:
    return Literal(value, datatype=datatype)
