"""Alignments as RDF: a node per scored pair, and `pg:carriesOut` where a task carries out the
higher task, in the build's alignments graph.

Each pair is a `pg:TaskAlignment` with its score and the route that paired the plans, generated
by the build's alignment activity (`prov:wasGeneratedBy`), which names the method and its
thresholds, so a reader can tell a measured link from a stated one and re-cut the scores.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator

from pyoxigraph import Literal, NamedNode, Quad

from ..build.iris import Iris
from ..build.terms import T_PG, T_RDF, T_RDFS, T_XSD, decimal
from . import METHOD, THRESHOLD, Alignment

_PROV = "http://www.w3.org/ns/prov#"
_ROUTES = {"implements": T_PG.ImplementedPlan, "enclosing": T_PG.EnclosingDivisionPlan}


def alignment_quads(alignments: Iterable[Alignment], iris: Iris) -> Iterator[Quad]:
    """The alignments graph: the activity, then each pair's node and its link."""
    graph = NamedNode(iris.alignments_graph())
    activity = NamedNode(iris.alignment_activity())
    yield Quad(activity, T_RDF.type, NamedNode(_PROV + "Activity"), graph)
    yield Quad(activity, T_RDFS.label, Literal(METHOD, language="en"), graph)
    yield Quad(activity, T_PG.threshold, decimal(THRESHOLD), graph)
    for alignment in alignments:
        lower, higher = NamedNode(alignment.lower), NamedNode(alignment.higher)
        digest = hashlib.sha256(alignment.higher.encode("utf-8")).hexdigest()[:16]
        node = NamedNode(f"{alignment.lower}/alignment/{digest}")
        yield Quad(node, T_RDF.type, T_PG.TaskAlignment, graph)
        yield Quad(node, T_PG.lowerTask, lower, graph)
        yield Quad(node, T_PG.higherTask, higher, graph)
        yield Quad(node, T_PG.similarity, Literal(f"{alignment.score:.4f}",
                                                  datatype=T_XSD.decimal), graph)
        yield Quad(node, T_PG.pairedBy, _ROUTES[alignment.route], graph)
        yield Quad(node, NamedNode(_PROV + "wasGeneratedBy"), activity, graph)
        if alignment.carries_out:
            yield Quad(lower, T_PG.carriesOut, higher, graph)
