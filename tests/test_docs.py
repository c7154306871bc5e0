"""The README documents every command and every option, so the docs cannot fall behind."""

from __future__ import annotations

import argparse
import shlex
from pathlib import Path

import pytest

from policygraph.cli import EXAMPLES, build_parser

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


def quick_start() -> list[str]:
    """The README's quick-start commands, in order: the main job's, then the tests'."""
    section = README.split("## Commands")[0]
    return [line.strip() for line in section.splitlines() if line.startswith("    python3 -m venv")]


def test_the_quick_starts_two_commands_keep_to_environments_of_their_own():
    """The test command installs the package editable: in the server's environment it would
    replace the package under a running server, whose pages would then fail."""
    serve, tests = quick_start()
    assert serve.endswith("policygraph serve") and tests.endswith("-m pytest")
    assert serve.split()[3] != tests.split()[3], (serve, tests)  # `python3 -m venv DIR`


def test_ci_runs_the_readmes_test_command():
    ci = (Path(__file__).parent.parent / ".ci" / "run").read_text("utf-8")
    assert quick_start()[1] in ci.splitlines()


@pytest.mark.parametrize("name", sorted(commands()))
def test_every_commands_help_shows_an_example_that_parses(name):
    """`policygraph NAME --help` ends with an example, and the example is a valid command
    line (a pipe after it aside)."""
    command = commands()[name]
    assert f"example: {EXAMPLES[name]}" in " ".join(command.format_help().split())
    words = shlex.split(EXAMPLES[name].split("|")[0])
    assert words[:2] == ["policygraph", name]
    build_parser().parse_args(words[1:])
