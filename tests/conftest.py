"""Shared fixtures: inline documents, a store of the built-in corpus and a live server."""

from __future__ import annotations

import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from policygraph.cli import main
from policygraph.parse import Record, extract_text

from .live import LiveServer, start

CORPUS = Path(__file__).parent.parent / "data" / "raw"


@pytest.fixture
def read() -> object:
    """Extract a dedented inline document."""

    def _read(text: str, source: str = "doc.txt") -> Record:
        return extract_text(textwrap.dedent(text).strip("\n"), source=source)

    return _read


@pytest.fixture(scope="session")
def corpus_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store built from the built-in corpus, shared by the tests that only read it."""
    directory = tmp_path_factory.mktemp("corpus-store")
    assert main(["build", str(CORPUS), "--store", str(directory), "--quiet"]) == 0
    return directory


@pytest.fixture(scope="session")
def server(corpus_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """`policygraph serve` over the corpus store on 127.0.0.1 (2 workers, 10 s limit)."""
    live = start(corpus_store, log=tmp_path_factory.mktemp("server") / "server.log")
    yield live
    live.stop()
