"""Commands that make and check the graph: `build`, `validate` and `export`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, Graph

from ..build import DEFAULT_BASE, data_graph, vocabulary
from ..pipeline import BuildError, run_build
from ..store import GraphStore, StoreError
from ..store.dumps import DUMP_FORMATS, write_dump
from ..validate import validate
from ..vocab import bind_prefixes
from .common import (
    DEFAULT_GRAPH,
    EXIT_FAILED,
    EXIT_OK,
    EXIT_USAGE,
    add_store_option,
    default_graph_inputs,
    graph_store,
    positive_int,
)


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `build`, `validate` and `export` commands."""
    build = commands.add_parser(
        "build", help="build the graph from documents into the store",
        description="Extract the documents, turn the records into RDF, validate it against the "
                    "SHACL shapes and publish it in the store. The previous graph stays live "
                    "until the new one has passed; unchanged inputs are not rebuilt.")
    build.add_argument("files", nargs="*", type=Path, metavar="FILE|DIR",
                       help="documents or folders of documents (default: "
                            f"{', '.join(map(str, DEFAULT_GRAPH))})")
    add_store_option(build)
    build.add_argument("--base", default=DEFAULT_BASE, metavar="IRI",
                       help=f"base IRI of the graph's entities (default: {DEFAULT_BASE})")
    build.add_argument("--force", action="store_true",
                       help="rebuild even when nothing has changed")
    build.add_argument("--jobs", type=positive_int, metavar="N",
                       help="worker processes (default: one per core, none for a few documents)")
    build.add_argument("--quiet", action="store_true", help="no progress bar")
    build.set_defaults(run=_run_build)

    check = commands.add_parser(
        "validate", help="check data against the SHACL shapes",
        description="Validate RDF files, or the store's graph when no file is given, against "
                    "the shapes in shapes/, and print each violation with its focus node, "
                    "path and message. Exits 1 when the data does not conform.")
    check.add_argument("files", nargs="*", type=Path, metavar="RDF_FILE")
    add_store_option(check)
    check.set_defaults(run=_run_validate)

    export = commands.add_parser(
        "export", help="write the whole graph in a standard RDF format",
        description="Write the store's graph: N-Quads, TriG and JSON-LD keep the named graphs "
                    "(one per document); Turtle and N-Triples write their union.")
    export.add_argument("--format", choices=sorted(DUMP_FORMATS), default="nq")
    export.add_argument("-o", "--output", type=Path, metavar="FILE",
                        help="write here instead of standard output")
    add_store_option(export)
    export.set_defaults(run=_run_export)


def _run_build(args: argparse.Namespace) -> int:
    store = graph_store(args)
    try:
        result = run_build(args.files or default_graph_inputs(store), store, args.base,
                           force=args.force, progress=not args.quiet, jobs=args.jobs)
    except (BuildError, StoreError) as error:
        print(f"policygraph: build failed: {error}", file=sys.stderr)
        return EXIT_FAILED
    for message in result.failed:
        print(f"policygraph: left out {message}", file=sys.stderr)
    for message in result.warnings:
        print(f"policygraph: warning: {message}", file=sys.stderr)
    left_out = f" ({len(result.failed)} left out)" if result.failed else ""
    if result.skipped:
        print(f"up to date: {result.documents} documents unchanged{left_out} in "
              f"{store.current}")
    else:
        print(f"built {result.documents} documents{left_out}, {result.quads} quads in "
              f"{result.seconds:.1f} s into {store.current}")
    return EXIT_FAILED if result.failed else EXIT_OK


def _run_validate(args: argparse.Namespace) -> int:
    try:
        data = _read_files(args.files) if args.files else _store_data(graph_store(args))
    except (StoreError, ValueError, OSError) as error:
        print(f"policygraph: {error}", file=sys.stderr)
        return EXIT_USAGE
    report = validate(data, vocabulary())
    print(report.text())
    return EXIT_OK if report.conforms else EXIT_FAILED


def _read_files(paths: list[Path]) -> Graph:
    data = bind_prefixes(Graph())
    for path in paths:
        try:
            data.parse(path)
        except Exception as error:  # rdflib raises many parser-specific types
            raise ValueError(f"{path}: cannot read as RDF: {error}") from None
    return data


def _store_data(store: GraphStore) -> Graph:
    """The store's documents and entities, without the ontology graph."""
    manifest = store.manifest() or {}
    dataset = Dataset()
    dataset.parse(data=store.open().dump(format=ox.RdfFormat.N_QUADS), format="nquads")
    return data_graph(dataset, manifest.get("base", DEFAULT_BASE))


def _run_export(args: argparse.Namespace) -> int:
    try:
        store = graph_store(args).open()
    except StoreError as error:
        print(f"policygraph: {error}", file=sys.stderr)
        return EXIT_USAGE
    if args.output:
        with args.output.open("wb") as output:
            write_dump(store, output, args.format)
    else:
        write_dump(store, sys.stdout.buffer, args.format)
        sys.stdout.flush()
    return EXIT_OK
