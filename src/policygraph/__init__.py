"""policygraph: a knowledge graph of Chinese government policy work plans."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from os import PathLike

    from .client import Client

__version__ = "0.1.0"

__all__ = ["__version__"]


def open(target: str | PathLike[str] | None = None) -> Client:
    """A client of the graph: `policygraph.open()` for the store, or an endpoint's URL.

    Defined here and not imported, so `import policygraph` stays fast (no RDF libraries are
    loaded until a client is opened); left out of `__all__`, so a star import does not shadow
    the built-in `open`. See `policygraph.client.open`.

    Args:
        target: an `http://` or `https://` SPARQL endpoint URL, or a store directory
            (default: $POLICYGRAPH_STORE, else data/store).
    """
    from .client import open as open_client

    return open_client(target)
