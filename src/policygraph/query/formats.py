"""Query results as text: an aligned table for people, SPARQL JSON and CSV for programs."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

import pyoxigraph as ox

from ..vocab import prefixed

_RESULT_FORMATS = {"json": ox.QueryResultsFormat.JSON, "csv": ox.QueryResultsFormat.CSV,
                   "tsv": ox.QueryResultsFormat.TSV, "xml": ox.QueryResultsFormat.XML}
_GRAPH_FORMATS = {"json": ox.RdfFormat.JSON_LD, "csv": ox.RdfFormat.N_TRIPLES,
                  "tsv": ox.RdfFormat.N_TRIPLES, "xml": ox.RdfFormat.RDF_XML,
                  "table": ox.RdfFormat.TURTLE}
FORMATS = ("table", *_RESULT_FORMATS)


def format_results(results: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples,
                   fmt: str) -> str:
    """Results in `fmt` (one of FORMATS); graphs (CONSTRUCT, DESCRIBE) print as RDF."""
    if isinstance(results, ox.QueryTriples):
        return bytes(results.serialize(format=_GRAPH_FORMATS[fmt]) or b"").decode("utf-8")
    if fmt != "table":
        return bytes(results.serialize(format=_RESULT_FORMATS[fmt]) or b"").decode("utf-8")
    if isinstance(results, ox.QueryBoolean):
        return "true" if bool(results) else "false"
    header = [variable.value for variable in results.variables]
    rows = [[_show(solution[variable]) for variable in results.variables]
            for solution in results]
    return table(header, rows) + f"\n({len(rows)} row{'s' if len(rows) != 1 else ''})"


def _show(term: object) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return prefixed(term.value) or term.value
    if isinstance(term, ox.Literal):
        return term.value
    return str(term)


def _width(text: str) -> int:
    """Display width: wide (CJK) characters take two columns."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Columns aligned for a terminal, CJK text included."""
    widths = [max([_width(cell) for cell in column] or [0])
              for column in zip(header, *rows, strict=True)]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(cell + " " * (width - _width(cell))
                         for cell, width in zip(cells, widths, strict=True)).rstrip()

    return "\n".join([line(header), line(["-" * width for width in widths]),
                      *(line(row) for row in rows)])
