"""The Python API for notebooks and scripts: the graph as a client object.

`open()` is the entry point (also `policygraph.open`): a store directory gives a client that
reads the store in-process, an `http(s)://` URL a client of that SPARQL endpoint; both answer
the same calls with the same rows.

    import policygraph
    graph = policygraph.open()                      # data/store or $POLICYGRAPH_STORE
    graph = policygraph.open("http://127.0.0.1:8000/sparql")
    graph.sparql("SELECT (COUNT(*) AS ?n) WHERE { ?t a pg:Task }")    # [{'n': 1234}]
    graph.tasks_led_by_function(function="pgf:development-reform")
    graph.to_dataframe(graph.unresolved_agencies())
"""

from __future__ import annotations

import os
from pathlib import Path

from ..store import default_store
from .base import CannedMethod, Client
from .local import LocalClient
from .remote import RemoteClient
from .rows import Row

__all__ = ["CannedMethod", "Client", "LocalClient", "RemoteClient", "Row", "open"]


def open(target: str | os.PathLike[str] | None = None) -> Client:
    """A client of the graph at `target`.

    Args:
        target: an `http://` or `https://` SPARQL endpoint URL, or a store directory (by
            default the command line's: $POLICYGRAPH_STORE, else data/store).

    Returns:
        A RemoteClient for a URL, a LocalClient over the read-only store otherwise.

    Raises:
        StoreError: when the directory holds no built graph.
    """
    if isinstance(target, str) and target.lower().startswith(("http://", "https://")):
        return RemoteClient(target)
    if target is None:
        return LocalClient(default_store())
    return LocalClient(Path(target))
