"""SHACL validation: whether data is what the shapes in `shapes/` say valid data is.

`validate(*graphs)` is the stage's entry point. The ontology is validated together with the
data so that `sh:class pg:ResponsibleUnit` accepts an agency and `pg:Task` targets safeguard
tasks too; copying both into one graph is several times faster than pySHACL's own ontology
mix-in.
The report is turned into plain rows (focus node, path, message) that read well on a terminal.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import pyshacl
from rdflib import Graph, URIRef
from rdflib.term import Node

from ..resources import resource
from ..vocab import SH, bind_prefixes

SHAPES_FILE = "shapes/policygraph-shapes.ttl"

__all__ = ["SHAPES_FILE", "Report", "Violation", "shapes", "validate"]


@dataclass(frozen=True)
class Violation:
    """One failed constraint, in the terms a reader needs to fix it."""

    focus: str
    path: str
    message: str
    shape: str
    value: str | None = None

    def __str__(self) -> str:
        value = f" (value: {self.value})" if self.value is not None else ""
        return f"{self.focus}\n    {self.path}: {self.message}{value}"


@dataclass(frozen=True)
class Report:
    """The outcome of validation."""

    conforms: bool
    violations: list[Violation]

    def text(self, limit: int = 50) -> str:
        """A readable report: a verdict, then the first `limit` violations."""
        if self.conforms:
            return "conforms: the data satisfies every shape"
        lines = [f"does not conform: {len(self.violations)} violation(s)"]
        lines += [str(violation) for violation in self.violations[:limit]]
        if len(self.violations) > limit:
            lines.append(f"... and {len(self.violations) - limit} more")
        return "\n".join(lines)


@cache
def shapes() -> Graph:
    """The SHACL shapes graph, parsed once."""
    return Graph().parse(resource(SHAPES_FILE), format="turtle")


def validate(*graphs: Graph) -> Report:
    """Validate the union of `graphs` (the data and the ontology's class and property
    hierarchy, or the graphs of a whole dataset) against the shapes."""
    data = graphs[0]
    if len(graphs) > 1:
        data = bind_prefixes(Graph())
        for graph in graphs:
            data += graph
    conforms, results, _ = pyshacl.validate(
        data, shacl_graph=shapes(), inference="none",
        abort_on_first=False, allow_warnings=False, meta_shacl=False, advanced=False)
    assert isinstance(results, Graph)
    return Report(bool(conforms), _violations(results, data))


def _violations(results: Graph, data: Graph) -> list[Violation]:
    found = []
    for result in results.subjects(SH.resultSeverity, SH.Violation):
        def one(predicate: URIRef, node: Node = result) -> Node | None:
            return results.value(node, predicate)

        path = _path(results, one(SH.resultPath))
        value = one(SH.value)
        source = one(SH.sourceShape)
        owner = shapes().value(predicate=SH.property, object=source) if source else None
        found.append(Violation(
            focus=_name(one(SH.focusNode), data),
            path=path,
            message=str(one(SH.resultMessage) or ""),
            shape=_name(owner or source, shapes()),
            value=None if value is None else _name(value, data),
        ))
    return sorted(found, key=lambda v: (v.focus, v.path, v.message))


def _path(results: Graph, path: Node | None) -> str:
    """A result path as SPARQL writes it (`pg:text`, `^pg:hasTarget`)."""
    if path is None:
        return "(node)"
    inverse = results.value(path, SH.inversePath)
    return f"^{_name(inverse, shapes())}" if inverse is not None else _name(path, shapes())


def _name(node: Node | None, data: Graph) -> str:
    """A term as a reader writes it: prefixed where a prefix is bound."""
    if node is None:
        return "?"
    if isinstance(node, URIRef):
        try:
            return data.namespace_manager.normalizeUri(node)
        except ValueError:
            return f"<{node}>"
    return str(node.n3() if hasattr(node, "n3") else node)
