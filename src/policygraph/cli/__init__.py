"""The `policygraph` command line.

Each subcommand is a thin shell around one stage's entry point (or the build pipeline); the
commands are grouped by what they work on, each group registering its own subcommands.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from .. import __version__
from . import ask, extraction, graph, service
from .common import EXIT_USAGE

__all__ = ["build_parser", "main"]


def build_parser() -> argparse.ArgumentParser:
    """The parser of every command and option (also read by the documentation tests)."""
    parser = argparse.ArgumentParser(
        prog="policygraph",
        description="A knowledge graph of Chinese government policy work plans.",
    )
    parser.add_argument("--version", action="version", version=f"policygraph {__version__}")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")
    for group in (extraction, graph, ask, service):
        group.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "run"):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    status: int = args.run(args)
    return status
