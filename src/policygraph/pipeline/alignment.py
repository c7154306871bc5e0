"""The build's last step: align the tasks of the graph just loaded and load the alignments.

Alignment reads the graph (the plans, their tasks, the divisions' hierarchy), so it runs in the
build's process once the documents' graphs and the shared entities are in the new store, before
it goes live. It pairs only tasks it read from that graph, so its links hold by construction;
`policygraph validate` checks the alignments graph with the rest.

A plan's alignments depend on its own tasks, the plans it may carry out and their tasks alone
(`align.similarity`), so an update aligns again only the plans it touches (`realign`): the
plans it writes anew, those whose plans to carry out change, and those that carry out one of
them; their links are replaced and every other link stays.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from itertools import islice

import pyoxigraph
from pyoxigraph import NamedNode

from ..align import align, align_pairs, read_plans
from ..align.candidates import plan_pairs, touched
from ..align.plans import Graph, read_tasks
from ..align.rdf import alignment_quads
from ..build import Iris
from ..build.terms import T_PG
from ..store import NewBuild

# Quads of the alignments graph serialised and loaded at a time, so that its size in memory
# does not grow with the corpus.
_CHUNK = 100_000


def load_alignments(build: NewBuild, base: str) -> int:
    """Align the tasks in `build`'s store and load the alignments graph; the number of
    quads."""
    return _load(build, alignment_quads(align(read_plans(build.store)), Iris(base)))


def realign(build: NewBuild, base: str, before: Graph, changed: Collection[str]) -> int:
    """Align again the plans of `build`'s store whose alignments change where the documents
    `changed` names (by IRI) were written anew or removed, `before` being the plans before
    (with the tasks of those `changed`), and replace their links; the number of quads
    loaded."""
    after = read_plans(build.store, tasks_of=())
    pairs = list(plan_pairs(after))
    lowers = touched(plan_pairs(before), pairs, after.plans, changed)
    pairs = [pair for pair in pairs if pair.lower.iri in lowers]
    read_tasks(build.store, after, lowers | {pair.higher.iri for pair in pairs})
    stale = {task.iri for plan in before.plans.values() for task in plan.tasks}
    stale.update(task.iri for iri in lowers for task in after.plans[iri].tasks)
    _remove_links(build.store, stale, NamedNode(Iris(base).alignments_graph()))
    return _load(build, alignment_quads(align_pairs(pairs), Iris(base)))


def _remove_links(store: pyoxigraph.Store, tasks: Iterable[str], graph: NamedNode) -> None:
    """Remove the links of the lower `tasks` from the alignments `graph`, nodes and all."""
    for task in map(NamedNode, tasks):
        for link in list(store.quads_for_pattern(None, T_PG.lowerTask, task, graph)):
            for quad in list(store.quads_for_pattern(link.subject, None, None, graph)):
                store.remove(quad)
        for quad in list(store.quads_for_pattern(task, T_PG.carriesOut, None, graph)):
            store.remove(quad)


def _load(build: NewBuild, quads: Iterable[pyoxigraph.Quad]) -> int:
    """Load `quads` into `build`'s store a chunk at a time; how many."""
    loaded = 0
    chunks = iter(quads)
    while chunk := list(islice(chunks, _CHUNK)):
        build.store.bulk_load(pyoxigraph.serialize(chunk, format=pyoxigraph.RdfFormat.N_QUADS)
                              or b"", pyoxigraph.RdfFormat.N_QUADS)
        loaded += len(chunk)
    return loaded
