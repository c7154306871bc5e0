"""Commands that run, feed and publish the service: `serve`, `load` and `push`."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import httpx
import pyoxigraph as ox

from ..pipeline import BuildError, run_build
from ..push import GRAPH_STORE_BATCH, UPDATE_BATCH, PushError, Target, push
from ..store import StoreError
from .common import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_USAGE,
    add_store_option,
    default_graph_inputs,
    graph_store,
    positive_int,
    positive_seconds,
    rate,
)

# The environment variable that holds the write routes' API key.
API_KEY_VARIABLE = "POLICYGRAPH_API_KEY"
_SUFFIX_FORMATS = {".ttl": ox.RdfFormat.TURTLE, ".nt": ox.RdfFormat.N_TRIPLES,
                   ".nq": ox.RdfFormat.N_QUADS, ".trig": ox.RdfFormat.TRIG,
                   ".rdf": ox.RdfFormat.RDF_XML, ".owl": ox.RdfFormat.RDF_XML,
                   ".jsonld": ox.RdfFormat.JSON_LD}


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `serve`, `load` and `push` commands."""
    from ..serve.settings import (
        DEFAULT_ANSWER_DISK_BYTES,
        DEFAULT_HEADER_TIMEOUT,
        DEFAULT_MAX_QUERY_BYTES,
        DEFAULT_MAX_ROWS,
        DEFAULT_QUEUE,
        DEFAULT_TIMEOUT,
        DEFAULT_WARM_TIMEOUT,
        DEFAULT_WORKER_MEMORY_BYTES,
    )

    serve = commands.add_parser(
        "serve", help="serve the graph: SPARQL endpoint and REST API",
        description="Serve the store over HTTP (building it first, when there is none, from "
                    "data/raw, the development corpus's data/dev/develop/raw and "
                    "data/dev/fresh/raw and the alignment gold's data/alignment/raw): a SPARQL "
                    "1.1 endpoint at /sparql, canned queries under /api, OpenAPI documentation "
                    "at /docs.")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, metavar="SECONDS",
                       help=f"time limit per query (default {DEFAULT_TIMEOUT:g})")
    serve.add_argument("--max-rows", type=positive_int, default=DEFAULT_MAX_ROWS, metavar="N",
                       help=f"rows returned at most, then truncated (default {DEFAULT_MAX_ROWS})")
    serve.add_argument("--workers", type=positive_int, default=2, metavar="N",
                       help="query worker processes (default 2)")
    serve.add_argument("--warm-timeout", type=float, default=DEFAULT_WARM_TIMEOUT,
                       metavar="SECONDS",
                       help="time limit per canned answer computed in the background at "
                            "start-up and kept with the build; 0 turns the warm-up off "
                            f"(default {DEFAULT_WARM_TIMEOUT:g})")
    serve.add_argument("--max-query-bytes", type=positive_int, default=DEFAULT_MAX_QUERY_BYTES,
                       metavar="N", help="longest SPARQL query taken, in bytes (default "
                                         f"{DEFAULT_MAX_QUERY_BYTES:,}); longer ones get 413")
    serve.add_argument("--allow-service", action="append", default=[], metavar="IRI",
                       help="let SERVICE clauses call this endpoint, or one below its path "
                            "on the same scheme, host and port (repeatable; by default "
                            "SERVICE is refused)")
    serve.add_argument("--cors-origin", action="append", default=[], metavar="ORIGIN",
                       help="allow browser calls from this origin (repeatable; off by default)")
    serve.add_argument("--answer-cache-mb", type=positive_int,
                       default=DEFAULT_ANSWER_DISK_BYTES // 2**20, metavar="MB",
                       help="answers kept on disk beside the live build, at most; the least "
                            "recently used go first (default "
                            f"{DEFAULT_ANSWER_DISK_BYTES // 2**20})")
    serve.add_argument("--queue", type=positive_int, default=DEFAULT_QUEUE, metavar="N",
                       help="queries waiting for a worker at most; one more gets 503 with "
                            f"Retry-After at once (default {DEFAULT_QUEUE})")
    serve.add_argument("--client-rate", type=rate, default=0.0, metavar="N",
                       help="queries a second each client may send (/sparql and /api), in "
                            "bursts of twice that; past it 429 with Retry-After (default 0: "
                            "no limit)")
    serve.add_argument("--header-timeout", type=positive_seconds,
                       default=DEFAULT_HEADER_TIMEOUT, metavar="SECONDS",
                       help="time a request's line and headers may take to arrive; past it "
                            f"the connection gets 408 and is closed (default "
                            f"{DEFAULT_HEADER_TIMEOUT:g})")
    serve.add_argument("--worker-memory-mb", type=positive_int,
                       default=DEFAULT_WORKER_MEMORY_BYTES // 2**20, metavar="MB",
                       help="memory a query may take in its worker, past the open store; a "
                            "query past it ends the worker, which is replaced, and gets 503 "
                            f"(default {DEFAULT_WORKER_MEMORY_BYTES // 2**20})")
    serve.add_argument("--base-iri", metavar="IRI",
                       help="base IRI of the entities served as linked data (default: the "
                            "one the store was built with)")
    serve.add_argument("--api-key-file", type=Path, metavar="FILE",
                       help="a file holding the API key that turns on the write routes "
                            "(POST, PUT and DELETE /api/documents); default: "
                            "$POLICYGRAPH_API_KEY, and without either they are off")
    add_store_option(serve, remote=True)
    serve.set_defaults(run=_run_serve)

    load = commands.add_parser(
        "load", help="add an RDF file to the store as a named graph",
        description="Add the triples of an RDF file (Turtle, N-Triples, RDF/XML, JSON-LD …, "
                    "by suffix) to the store in the named graph IRI, as a new build. A later "
                    "`build` that changes anything starts again from the documents.")
    load.add_argument("file", type=Path, metavar="FILE")
    load.add_argument("--graph", required=True, metavar="IRI")
    add_store_option(load)
    load.set_defaults(run=_run_load)

    push = commands.add_parser(
        "push", help="copy the graph into an external SPARQL 1.1 store",
        description="Replace each named graph of the store (one per document, the entities, "
                    "the ontology) in an external SPARQL store, through the Graph Store HTTP "
                    "Protocol when --graph-store is given, else SPARQL Update, in batches; then "
                    "check every graph's triple count through --endpoint.")
    push.add_argument("--endpoint", required=True, metavar="URL",
                      help="the target's SPARQL query endpoint")
    push.add_argument("--graph-store", metavar="URL",
                      help="the target's Graph Store HTTP Protocol endpoint")
    push.add_argument("--update-endpoint", metavar="URL",
                      help="the target's SPARQL Update endpoint (default: --endpoint)")
    push.add_argument("--graph-param", default="graph", metavar="NAME",
                      help="the graph parameter of the Graph Store endpoint (default graph; "
                           "Virtuoso: graph-uri)")
    push.add_argument("--user", metavar="NAME", help="HTTP digest user")
    push.add_argument("--password", metavar="SECRET",
                      default=os.environ.get("POLICYGRAPH_PASSWORD"),
                      help="HTTP digest password (default: $POLICYGRAPH_PASSWORD)")
    push.add_argument("--batch", type=positive_int, metavar="N",
                      help=f"triples per request (default {GRAPH_STORE_BATCH:,} with "
                           f"--graph-store, {UPDATE_BATCH:,} by SPARQL Update)")
    add_store_option(push)
    push.set_defaults(run=_run_push)


def _run_serve(args: argparse.Namespace) -> int:
    from ..serve import ServeError, Settings, serve, served_base
    from ..serve.remote import remote_endpoint

    endpoint = remote_endpoint(args.store)
    store = graph_store(args)
    try:
        if endpoint is None and store.current is None:
            inputs = default_graph_inputs(store)
            print(f"policygraph: no graph in {args.store} yet: building it first from "
                  f"{', '.join(map(str, inputs))}", flush=True)
            # (IRIs the server it builds for dereferences, on whatever port it listens)
            run_build(inputs, store, args.base_iri or served_base(args.host, args.port))
        serve(Settings(store_dir=Path(args.store) if endpoint is None else Path("."),
                       endpoint=endpoint, base_iri=args.base_iri, timeout=args.timeout,
                       max_rows=args.max_rows, workers=args.workers,
                       warm_timeout=args.warm_timeout, cors_origins=tuple(args.cors_origin),
                       max_query_bytes=args.max_query_bytes,
                       allowed_services=tuple(args.allow_service),
                       answer_disk_bytes=args.answer_cache_mb * 2**20,
                       worker_memory_bytes=args.worker_memory_mb * 2**20,
                       queue=args.queue, client_rate=args.client_rate,
                       header_timeout=args.header_timeout, api_key=_api_key(args)),
              host=args.host, port=args.port)
    except BuildError as error:
        print(f"policygraph: build failed: {error}", file=sys.stderr)
        return EXIT_FAILED
    except (ServeError, StoreError) as error:
        print(f"policygraph: {error}", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK


def _api_key(args: argparse.Namespace) -> str | None:
    """The key of the write routes: the file's first line, else the environment's; a file
    that cannot be read, or holds no key, stops the server with a message naming it."""
    from ..serve import ServeError

    if args.api_key_file is None:
        return os.environ.get(API_KEY_VARIABLE) or None
    try:
        key: list[str] = args.api_key_file.read_text("utf-8").strip().splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise ServeError(f"--api-key-file {args.api_key_file}: cannot read it: {error}"
                         ) from None
    if not key or not key[0].strip():
        raise ServeError(f"--api-key-file {args.api_key_file}: the file holds no key")
    return key[0].strip()


def _run_push(args: argparse.Namespace) -> int:
    target = Target(endpoint=args.endpoint, graph_store=args.graph_store,
                    update_endpoint=args.update_endpoint, graph_parameter=args.graph_param,
                    user=args.user, password=args.password, batch=args.batch)
    try:
        report = push(graph_store(args).open(), target)
    except (StoreError, PushError) as error:
        print(f"policygraph: {error}", file=sys.stderr)
        return EXIT_FAILED
    except httpx.HTTPError as error:
        print(f"policygraph: {args.endpoint}: {error}", file=sys.stderr)
        return EXIT_FAILED
    print(f"pushed {report.triples} triples in {len(report.sent)} graphs in "
          f"{report.seconds:.1f} s")
    for graph, (sent, found) in report.mismatches.items():
        print(f"policygraph: <{graph}>: sent {sent} triples, the target holds {found}",
              file=sys.stderr)
    return EXIT_FAILED if report.mismatches else EXIT_OK


def _run_load(args: argparse.Namespace) -> int:
    rdf_format = _SUFFIX_FORMATS.get(args.file.suffix.lower())
    if rdf_format is None:
        print(f"policygraph: {args.file}: unknown RDF suffix; one of "
              f"{', '.join(_SUFFIX_FORMATS)}", file=sys.stderr)
        return EXIT_USAGE
    try:
        build = graph_store(args).add(args.file, args.graph, rdf_format)
    except StoreError as error:
        print(f"policygraph: {error}", file=sys.stderr)
        return EXIT_FAILED
    print(f"loaded {args.file} into <{args.graph}> in {build}")
    return EXIT_OK
