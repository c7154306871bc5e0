"""The rule tables of extraction, read from the TOML files in `tables/`.

Numbering styles, clause labels, units, comparators, noise patterns and section names are data:
extending extraction to a new variant of the genre means adding a line to a table, not a branch
to the code. Each table is read once per process.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from importlib import resources
from typing import Any


@cache
def table(name: str) -> dict[str, Any]:
    """The parsed table `tables/<name>.toml`."""
    text = resources.files(__package__).joinpath("tables", f"{name}.toml").read_text("utf-8")
    return tomllib.loads(text)


def alternation(words: list[str]) -> str:
    """A regex alternation of literal words, longest first so that the longest one matches."""
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))
