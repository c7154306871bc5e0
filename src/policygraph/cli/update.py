"""Commands that change the live graph one plan at a time: `add` and `remove`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..pipeline import BuildError, UpdateResult, run_update
from ..store import StoreError
from .common import EXIT_FAILED, EXIT_OK, add_store_option, graph_store


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `add` and `remove` commands."""
    add = commands.add_parser(
        "add", help="add or replace documents in the live graph",
        description="Read the documents, validate them and publish the live graph with them, "
                    "each in the place of the document of the same file name if there is "
                    "one, re-reading only what they change. Nothing is published if one "
                    "cannot be read or breaks the shapes.")
    add.add_argument("files", nargs="+", type=Path, metavar="FILE")
    add_store_option(add)
    add.set_defaults(run=_run_add)

    remove = commands.add_parser(
        "remove", help="remove documents from the live graph",
        description="Publish the live graph without the documents of these file names.")
    remove.add_argument("names", nargs="+", metavar="NAME",
                        help="a document's file name, as built (plan.txt)")
    add_store_option(remove)
    remove.set_defaults(run=_run_remove)


def _run_add(args: argparse.Namespace) -> int:
    return _update(args, put=[path.resolve() for path in args.files], remove=[])


def _run_remove(args: argparse.Namespace) -> int:
    return _update(args, put=[], remove=args.names)


def _update(args: argparse.Namespace, put: list[Path], remove: list[str]) -> int:
    store = graph_store(args)
    try:
        result: UpdateResult = run_update(store, put=put, remove=remove)
    except (BuildError, StoreError) as error:
        print(f"policygraph: update failed: {error}", file=sys.stderr)
        return EXIT_FAILED
    for warning in result.warnings:
        print(f"policygraph: warning: {warning}", file=sys.stderr)
    for name, iri in result.documents.items():
        print(f"{name}: {iri}")
    how = " (as a full build: the live one kept no state)" if result.full else ""
    print(f"updated{how} in {result.seconds:.1f} s into {store.current}")
    return EXIT_OK
