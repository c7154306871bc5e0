"""What every command shares: exit statuses, default locations and the store option."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from ..store import GraphStore

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
DEFAULT_CORPUS = Path("data/raw")
DEFAULT_STORE = Path(os.environ.get("POLICYGRAPH_STORE", "data/store"))


def add_store_option(parser: argparse.ArgumentParser) -> None:
    """`--store DIR`: where the graph lives (default: $POLICYGRAPH_STORE or data/store)."""
    parser.add_argument("--store", type=Path, default=DEFAULT_STORE, metavar="DIR",
                        help=f"the graph store directory (default: {DEFAULT_STORE})")


def graph_store(args: argparse.Namespace) -> GraphStore:
    store_dir: Path = args.store
    return GraphStore(store_dir)
