"""The vocabulary files, read once per process, and the classes an instance of a class of ours
belongs to, stated with it.

A researcher's query asks for `?t a pg:Task` and expects every safeguard task among the
answers, and a triple store that imports the data may not reason over the ontology. So each
instance is typed with its class and every class of ours that class is a subclass of
(`pg:SafeguardTask` is also a `pg:Task`; `pg:UnresolvedAgency` also a `pg:Agency` and a
`pg:ResponsibleUnit`), as the ontology's `rdfs:subClassOf` says.
"""

from __future__ import annotations

from functools import cache

import pyoxigraph
from pyoxigraph import NamedNode, Quad

from ..resources import resource
from ..vocab import PG
from .terms import T_RDFS

VOCABULARY_FILES = ("ontology/policygraph.ttl", "ontology/agency-functions.ttl",
                    "ontology/indicators.ttl")


@cache
def vocabulary_triples() -> list[Quad]:
    """The ontology and the agency-function and indicator vocabularies, in the default graph."""
    return [quad for name in VOCABULARY_FILES
            for quad in pyoxigraph.parse(path=resource(name), format=pyoxigraph.RdfFormat.TURTLE)]


def with_superclasses(kind: NamedNode) -> tuple[NamedNode, ...]:
    """`kind` and the classes of our vocabulary it is a subclass of, nearest first."""
    return (kind, *_ancestors().get(kind.value, ()))


@cache
def _ancestors() -> dict[str, tuple[NamedNode, ...]]:
    parents: dict[str, list[str]] = {}
    for quad in vocabulary_triples():
        if quad.predicate == T_RDFS.subClassOf and isinstance(quad.object, NamedNode) \
                and isinstance(quad.subject, NamedNode) and quad.subject.value.startswith(str(PG)) \
                and quad.object.value.startswith(str(PG)):
            parents.setdefault(quad.subject.value, []).append(quad.object.value)
    return {kind: tuple(NamedNode(iri) for iri in _closure(kind, parents)) for kind in parents}


def _closure(kind: str, parents: dict[str, list[str]]) -> list[str]:
    found: list[str] = []
    pending = list(parents.get(kind, ()))
    while pending:
        parent = pending.pop(0)
        if parent not in found:
            found.append(parent)
            pending += parents.get(parent, ())
    return found
