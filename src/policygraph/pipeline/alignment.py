"""The build's last step: align the tasks of the graph just loaded and load the alignments.

Alignment reads the whole graph (every plan's tasks, the divisions' hierarchy), so it runs in
the build's process once the documents' graphs and the shared entities are in the new store,
before it goes live. It pairs only tasks it read from that graph, so its links hold by
construction; `policygraph validate` checks the alignments graph with the rest.
"""

from __future__ import annotations

import pyoxigraph

from ..align import align, read_plans
from ..align.rdf import alignment_quads
from ..build import Iris
from ..store import NewBuild


def load_alignments(build: NewBuild, base: str) -> int:
    """Align the tasks in `build`'s store and load the alignments graph; the number of quads."""
    quads = list(alignment_quads(align(read_plans(build.store)), Iris(base)))
    if quads:
        build.store.bulk_load(pyoxigraph.serialize(quads, format=pyoxigraph.RdfFormat.N_QUADS)
                              or b"", pyoxigraph.RdfFormat.N_QUADS)
    return len(quads)
