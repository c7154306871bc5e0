"""SHACL validation: whether data is what the shapes in `shapes/` say valid data is.

`validate(*parts)` is the stage's entry point. The engine is `shacl`, a SHACL Core validator
written in Rust, which checks a document's graph in about 5 ms where pySHACL takes 125 ms; the
shapes are compiled once per process. The ontology is validated together with the data so that
`sh:class pg:ResponsibleUnit` accepts an agency and `pg:Task` targets safeguard tasks too.
The report is turned into plain rows (focus node, path, message) that read well on a terminal.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import shacl
from rdflib import Graph

from ..resources import resource
from ..vocab import prefixed

SHAPES_FILE = "shapes/policygraph-shapes.ttl"

__all__ = ["SHAPES_FILE", "Report", "Violation", "validate"]

_IRI = re.compile(r"<([^<>]*)>")


@dataclass(frozen=True, order=True)
class Violation:
    """One failed constraint, in the terms a reader needs to fix it."""

    focus: str
    path: str
    message: str
    shape: str
    value: str = ""  # the offending value, if the constraint names one

    def __str__(self) -> str:
        value = f" (value: {self.value})" if self.value else ""
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
def _shapes() -> shacl.Shapes:
    """The shapes, compiled once per process."""
    return shacl.Shapes.from_file(str(resource(SHAPES_FILE)))


def validate(*parts: Graph | bytes) -> Report:
    """Validate the union of `parts` (rdflib graphs, or N-Triples) against the shapes: the data
    and the ontology's class and property hierarchy, or the graphs of a whole dataset."""
    text = "".join(part.serialize(format="nt", encoding="utf-8").decode()
                   if isinstance(part, Graph) else part.decode() for part in parts)
    report = _shapes().validate_text(text, format="ntriples")
    violations = sorted(_violation(result) for result in report.results
                        if result.severity == "Violation")
    return Report(bool(report.conforms), violations)


def _violation(result: shacl.Result) -> Violation:
    return Violation(
        focus=_readable(result.focus_node),
        path=_readable(result.path) if result.path else "(node)",
        message=result.message or result.component,
        shape=_readable(result.root_shape or result.source_shape or "?"),
        value=_readable(result.value or ""),
    )


def _readable(term: str) -> str:
    """Terms as a reader writes them: IRIs prefixed where a prefix is bound (`pg:text`,
    `^pg:hasTarget`)."""
    return _IRI.sub(lambda match: prefixed(match[1]) or match[0], term)
