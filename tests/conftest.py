"""Shared helpers: extraction of small documents written inline in the tests."""

from __future__ import annotations

import textwrap

import pytest

from policygraph.parse import Record, extract_text


@pytest.fixture
def read() -> object:
    """Extract a dedented inline document."""

    def _read(text: str, source: str = "doc.txt") -> Record:
        return extract_text(textwrap.dedent(text).strip("\n"), source=source)

    return _read
