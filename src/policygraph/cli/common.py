"""What every command shares: exit statuses, default locations and the store option."""

from __future__ import annotations

import argparse
import math
from pathlib import Path

from ..store import GraphStore, default_store

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
DEFAULT_CORPUS = Path("data/raw")
DEFAULT_STORE = default_store()
# What a graph is built from by default: the built-in plans, the real plans of the
# development corpus and the province–city plan pairs of the alignment gold, so that a new
# graph links provinces, cities and counties.
DEFAULT_GRAPH = (DEFAULT_CORPUS, Path("data/dev/develop/raw"), Path("data/dev/fresh/raw"),
                 Path("data/alignment/raw"))


def default_graph_inputs(store: GraphStore) -> list[Path]:
    """The folders of `DEFAULT_GRAPH` that the working directory holds (the built-in corpus
    whatever else is there, for a build to name it if it is missing), and the documents sent
    to `store` over HTTP, which a rebuild keeps."""
    return [DEFAULT_CORPUS, *(folder for folder in DEFAULT_GRAPH[1:] if folder.is_dir()),
            *store.uploaded()]


def add_store_option(parser: argparse.ArgumentParser, remote: bool = False) -> None:
    """`--store DIR`: where the graph lives (default: $POLICYGRAPH_STORE or data/store); with
    `remote`, also a `sparql+http(s)://…` SPARQL endpoint."""
    parser.add_argument(
        "--store", default=str(DEFAULT_STORE), metavar="DIR|sparql+URL" if remote else "DIR",
        help=f"the graph store directory (default: {DEFAULT_STORE})"
             + ("; or sparql+http://HOST/sparql to serve a remote SPARQL store" if remote
                else ""))


def rate(text: str) -> float:
    """An argparse type for a rate a second: a finite number, 0 or more (0: no limit)."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not math.isfinite(value) or value < 0:
        raise argparse.ArgumentTypeError(f"must be a finite number, 0 or more: {text!r}")
    return value


def positive_seconds(text: str) -> float:
    """An argparse type for a time limit: a finite number of seconds, more than 0."""
    value = rate(text)
    if value == 0:
        raise argparse.ArgumentTypeError(f"must be more than 0: {text!r}")
    return value


def positive_int(text: str) -> int:
    """An argparse type for counts, so that `--batch 0` is a usage error, not a silent default."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1: {text!r}")
    return value


def graph_store(args: argparse.Namespace) -> GraphStore:
    return GraphStore(Path(args.store))
