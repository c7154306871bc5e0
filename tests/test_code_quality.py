"""Lint and type checks are part of the test suite, so the README's one test command runs them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent


@pytest.mark.parametrize("command", [
    ["ruff", "check", "src", "tests", "scripts", "bench"],
    ["mypy"],
])
def test_checker_passes(command):
    done = subprocess.run([sys.executable, "-m", *command], cwd=ROOT, capture_output=True,
                          text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text("utf-8")
    ci = (ROOT / ".ci" / "run").read_text("utf-8")
    command = next(line.strip() for line in readme.splitlines() if "pytest" in line)
    assert command in ci
