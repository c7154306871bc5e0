"""The README documents every command and every option, so the docs cannot fall behind."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from policygraph.cli import build_parser

README = (Path(__file__).parent.parent / "README.md").read_text("utf-8")


def commands() -> dict[str, argparse.ArgumentParser]:
    """The subcommand parsers of the command line."""
    found: dict[str, argparse.ArgumentParser] = {}
    for action in build_parser()._actions:
        if isinstance(action, argparse._SubParsersAction):
            found.update(action.choices)
    return found


def test_every_command_is_documented():
    names = commands()
    assert {"extract", "evaluate", "build", "query", "tasks", "serve"} <= set(names)
    for name in names:
        assert f"policygraph {name}" in README, name


@pytest.mark.parametrize("name", sorted(commands()))
def test_every_option_is_documented(name):
    for action in commands()[name]._actions:
        for option in action.option_strings:
            if option.startswith("--") and option != "--help":
                assert option in README, f"policygraph {name} {option}"
