"""The `policygraph` command line.

Each subcommand is a thin shell around one stage's entry point (or the build pipeline); the
commands are grouped by what they work on, each group registering its own subcommands.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from .. import __version__
from . import ask, extraction, graph, measure, service, update
from .common import EXIT_OK, EXIT_USAGE

__all__ = ["EXAMPLES", "build_parser", "main"]

# A command line each command's `--help` shows as its example.
EXAMPLES = {
    "extract": "policygraph extract data/raw/000_1d1cab59e1534a27.txt --json",
    "evaluate": "policygraph evaluate data/dev/fresh/gold data/dev/fresh/raw",
    "build": "policygraph build data/raw my-plans/ --store data/store",
    "add": "policygraph add my-plans/2024年嘉兴市服务业发展工作要点.txt",
    "remove": "policygraph remove 2024年嘉兴市服务业发展工作要点.txt",
    "validate": "policygraph validate",
    "export": "policygraph export --format trig -o graph.trig",
    "query": "policygraph query 'SELECT (COUNT(*) AS ?n) WHERE { ?t a pg:Task }' --format csv",
    "tasks": "policygraph tasks --led-by 发改委 --format csv",
    "agencies": "policygraph agencies --unresolved | head",
    "serve": "policygraph serve --port 8000",
    "load": "policygraph load --graph https://example.org/extra extra.ttl",
    "push": "policygraph push --endpoint http://127.0.0.1:8890/sparql",
    "evaluate-alignment": "policygraph evaluate-alignment data/alignment/pairs.csv",
    "evaluate-indicators": "policygraph evaluate-indicators data/dev/fresh/gold/indicators.tsv",
}


def build_parser() -> argparse.ArgumentParser:
    """The parser of every command and option (also read by the documentation tests)."""
    parser = argparse.ArgumentParser(
        prog="policygraph",
        description="A knowledge graph of Chinese government policy work plans.",
    )
    parser.add_argument("--version", action="version", version=f"policygraph {__version__}")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")
    for group in (extraction, graph, update, ask, measure, service):
        group.register(commands)
    for name, command in commands.choices.items():
        command.epilog = f"example: {EXAMPLES[name]}"
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "run"):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        status: int = args.run(args)
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader closed the pipe (`| head`): what it wanted is written; stop quietly, and
        # keep the interpreter's own flush at exit from failing on the closed pipe again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    return status
