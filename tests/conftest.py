"""Shared fixtures: inline documents, a store of the built-in corpus and a live server.

`pytest --long` runs the long variants of the hardening tests (a minute of load, a thousand
generated API requests, more kills and examples); without it they run at a smaller scale.
"""

from __future__ import annotations

import importlib.util
import textwrap
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import settings

from policygraph.cli import main
from policygraph.parse import Record, extract_text

from .live import LiveServer, start

CORPUS = Path(__file__).parent.parent / "data" / "raw"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--long", action="store_true",
                     help="run the hardening tests at full scale (minutes, not seconds)")


def pytest_configure(config: pytest.Config) -> None:
    """Hypothesis examples per test (and per API operation for schemathesis): a quick pass by
    default, thousands of requests in all with --long."""
    settings.register_profile("standard", max_examples=15, deadline=None)
    settings.register_profile("long", max_examples=60, deadline=None)
    settings.load_profile("long" if config.getoption("--long") else "standard")


@pytest.fixture(scope="session")
def long_run(request: pytest.FixtureRequest) -> bool:
    """Whether the hardening tests run at full scale."""
    return bool(request.config.getoption("--long"))


@pytest.fixture
def read() -> object:
    """Extract a dedented inline document."""

    def _read(text: str, source: str = "doc.txt") -> Record:
        return extract_text(textwrap.dedent(text).strip("\n"), source=source)

    return _read


@pytest.fixture
def read_record(read: object) -> object:
    """The `read` fixture under a name that leaves `read` free for a module's own helper."""
    return read


@pytest.fixture(scope="session")
def reference_scorer() -> ModuleType:
    """The reference scorer published with the extraction-record schema, loaded from its copy
    (`policygraph evaluate` must give its figures)."""
    path = Path(__file__).parent / "reference" / "score.py"
    spec = importlib.util.spec_from_file_location("reference_score", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


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
