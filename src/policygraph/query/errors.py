"""The query stage's error and the shape of parameter bindings, shared by its modules."""

from __future__ import annotations

import pyoxigraph as ox

Substitutions = dict[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple]


class QueryError(ValueError):
    """A query that cannot run: a syntax error or a bad parameter, with the reason."""
