"""The build's last step: align the tasks of the graph just loaded and load the alignments.

Alignment reads the whole graph (every plan's tasks, the divisions' hierarchy), so it runs in
the build's process once the documents' graphs and the shared entities are in the new store,
before it goes live. It pairs only tasks it read from that graph, so its links hold by
construction; `policygraph validate` checks the alignments graph with the rest.
"""

from __future__ import annotations

from itertools import islice

import pyoxigraph

from ..align import align, read_plans
from ..align.rdf import alignment_quads
from ..build import Iris
from ..store import NewBuild

# Quads of the alignments graph serialised and loaded at a time, so that its size in memory
# does not grow with the corpus.
_CHUNK = 100_000


def load_alignments(build: NewBuild, base: str, replace: bool = False) -> int:
    """Align the tasks in `build`'s store and load the alignments graph, in place of the one
    it holds if `replace`; the number of quads."""
    if replace:
        build.store.remove_graph(pyoxigraph.NamedNode(Iris(base).alignments_graph()))
    quads = alignment_quads(align(read_plans(build.store)), Iris(base))
    loaded = 0
    while chunk := list(islice(quads, _CHUNK)):
        build.store.bulk_load(pyoxigraph.serialize(chunk, format=pyoxigraph.RdfFormat.N_QUADS)
                              or b"", pyoxigraph.RdfFormat.N_QUADS)
        loaded += len(chunk)
    return loaded
