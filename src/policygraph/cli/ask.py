"""Commands that ask the graph: `query`, `tasks` and `agencies`."""

from __future__ import annotations

import argparse
import sys

import pyoxigraph as ox

from ..build.agencies import level_forms
from ..query import QueryError, canned_query, run_query
from ..query.formats import FORMATS, format_results, table
from ..store import StoreError
from .common import EXIT_FAILED, EXIT_OK, EXIT_USAGE, add_store_option, graph_store

_TEXT_WIDTH = 48


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `query`, `tasks` and `agencies` commands."""
    query = commands.add_parser(
        "query", help="run a SPARQL query on the store",
        description="Run a SPARQL 1.1 query over the store. The default graph is the union of "
                    "all graphs; the prefixes pg:, pgf:, eli:, org:, skos:, dcterms:, prov:, "
                    "oa: … are predeclared.")
    query.add_argument("sparql", metavar="SPARQL")
    query.add_argument("--format", choices=FORMATS, default="table")
    add_store_option(query)
    query.set_defaults(run=_run_query)

    tasks = commands.add_parser(
        "tasks", help="tasks by the agency function that leads or takes part in them",
        description="List tasks, across documents and jurisdictions, by agency function: "
                    "`--led-by 发改委` finds tasks led by any 发展和改革 agency (发改委, "
                    "发展改革委, 发改局 …); `--agency` finds them in any role. A name that no "
                    "function goes by is matched against the units' written names.")
    who = tasks.add_mutually_exclusive_group(required=True)
    who.add_argument("--led-by", metavar="NAME", help="a function's name or an agency's")
    who.add_argument("--agency", metavar="NAME", help="the same, in any role")
    tasks.add_argument("--format", choices=FORMATS, default="table")
    add_store_option(tasks)
    tasks.set_defaults(run=_run_tasks)

    agencies = commands.add_parser(
        "agencies", help="agencies in the graph",
        description="List agencies; `--unresolved` lists the units that no function table "
                    "knows, with the names plans wrote them as.")
    agencies.add_argument("--unresolved", action="store_true", required=True)
    agencies.add_argument("--format", choices=FORMATS, default="table")
    add_store_option(agencies)
    agencies.set_defaults(run=_run_agencies)


def _open(args: argparse.Namespace) -> ox.Store | None:
    try:
        return graph_store(args).open()
    except StoreError as error:
        print(f"policygraph: {error}", file=sys.stderr)
        return None


def _run_query(args: argparse.Namespace) -> int:
    store = _open(args)
    if store is None:
        return EXIT_USAGE
    try:
        print(format_results(run_query(store, args.sparql), args.format))
    except QueryError as error:
        print(f"policygraph: {error}", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_OK


def function_named(store: ox.Store, name: str) -> ox.NamedNode | None:
    """The agency function that goes by `name`, with or without a level prefix."""
    query = canned_query("function-by-name")
    for candidate in level_forms(name):
        results = run_query(store, query.sparql, query.bind({"name": candidate}))
        assert isinstance(results, ox.QuerySolutions)
        for solution in results:
            function = solution["function"]
            if isinstance(function, ox.NamedNode):
                return function
    return None


def _run_tasks(args: argparse.Namespace) -> int:
    store = _open(args)
    if store is None:
        return EXIT_USAGE
    name = args.led_by or args.agency
    function = function_named(store, name)
    if function is not None:
        query = canned_query("tasks-led-by-function" if args.led_by else "tasks-by-function")
        values = {"function": function.value}
    else:
        query = canned_query("tasks-by-unit-name")
        values = {"name": name}
    results = run_query(store, query.sparql, query.bind(values))
    assert isinstance(results, ox.QuerySolutions)
    if args.format != "table":
        print(format_results(results, args.format))
        return EXIT_OK
    solutions = [{v.value: _value(s[v]) for v in results.variables} for s in results]
    if args.led_by:
        solutions = [s for s in solutions if s.get("role", "lead") == "lead"]
    rows = [[s["title"], s["region"], s["path"], s["agencyLabel"], _short(s["text"])]
            for s in solutions]
    matched = f"function {function.value}" if function is not None else f"units named *{name}*"
    print(table(["document", "region", "path", "agency", "text"], rows))
    print(f"({len({s['task'] for s in solutions})} tasks; {matched})")
    return EXIT_OK if rows else EXIT_FAILED


def _run_agencies(args: argparse.Namespace) -> int:
    store = _open(args)
    if store is None:
        return EXIT_USAGE
    results = run_query(store, canned_query("unresolved-agencies").sparql)
    print(format_results(results, args.format))
    return EXIT_OK


def _value(term: object) -> str:
    return term.value if isinstance(term, ox.NamedNode | ox.Literal) else ""


def _short(text: str) -> str:
    return text if len(text) <= _TEXT_WIDTH else text[: _TEXT_WIDTH - 1] + "…"
