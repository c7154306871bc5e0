"""Content negotiation: `Accept` with q-values, overridden by a `format` parameter."""

from __future__ import annotations

from collections.abc import Sequence

import mimeparse

from .results import GRAPH_TYPES, RESULT_TYPES

# Short names a `format` parameter may use, and the media types they stand for.
FORMAT_NAMES = {
    "json": ("application/sparql-results+json", "application/ld+json"),
    "xml": ("application/sparql-results+xml", "application/rdf+xml"),
    "csv": ("text/csv", None),
    "tsv": ("text/tab-separated-values", None),
    "turtle": (None, "text/turtle"), "ttl": (None, "text/turtle"),
    "ntriples": (None, "application/n-triples"), "nt": (None, "application/n-triples"),
    "jsonld": (None, "application/ld+json"), "rdfxml": (None, "application/rdf+xml"),
}
# Media types clients send that mean one we serve.
_ALIASES = {"application/json": "application/sparql-results+json",
            "application/xml": "application/sparql-results+xml",
            "text/xml": "application/sparql-results+xml",
            "text/plain": "application/n-triples", "application/x-turtle": "text/turtle"}


def pick(offered: Sequence[str], accept: str) -> str | None:
    """The best of `offered` for `accept` (None if none is acceptable)."""
    supported = [*offered, *(alias for alias, target in _ALIASES.items() if target in offered)]
    try:
        best: str = mimeparse.best_match(list(reversed(supported)), accept or "*/*")
    except (ValueError, IndexError):
        return offered[0]
    if not best:
        return None
    return _ALIASES.get(best, best) if _ALIASES.get(best, best) in offered else best


def negotiate(accept: str, fmt: str | None) -> tuple[str | None, str | None]:
    """Media types for SELECT/ASK and for graph results. A `format` name decides for the
    results it names (csv only for SELECT/ASK, nt only for graphs), Accept for the others.
    Raises KeyError for an unknown `format` value, the empty one included (a format is named
    or left out)."""
    if fmt is not None:
        if fmt in FORMAT_NAMES:
            results, graphs = FORMAT_NAMES[fmt]
            return (results or pick(list(RESULT_TYPES), accept),
                    graphs or pick(list(GRAPH_TYPES), accept))
        if "/" in fmt:
            # Media types, read as an Accept list: clients such as SPARQLWrapper repeat theirs
            # here ("application/ld+json,application/x-json+ld").
            types = pick(list(RESULT_TYPES), fmt), pick(list(GRAPH_TYPES), fmt)
            if any(types):
                return types
        raise KeyError(fmt)
    return pick(list(RESULT_TYPES), accept), pick(list(GRAPH_TYPES), accept)
