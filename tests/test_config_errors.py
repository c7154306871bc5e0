"""Configuration errors stop a command with one clear line and a non-zero exit, never a
traceback: an address in use, a store that cannot be read, a store of another version, a
remote store that does not answer."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
from pathlib import Path

import pytest

from policygraph.store import GraphStore

from .live import free_port, run_cli


def serve(*arguments: str | Path | int) -> subprocess.CompletedProcess[str]:
    return run_cli("serve", "--warm-timeout", "0", *arguments, timeout=120)


def one_line(result: subprocess.CompletedProcess[str]) -> str:
    """The error line of a command that failed as it should."""
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert result.returncode == 1, result.stderr
    assert len(lines) == 1 and lines[0].startswith("policygraph: "), result.stderr
    return lines[0]


def test_an_address_in_use(corpus_store: Path) -> None:
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        line = one_line(serve("--store", corpus_store, "--port", port))
    assert f"cannot listen on 127.0.0.1:{port}" in line and "in use" in line


def test_a_store_path_that_is_a_file(tmp_path: Path) -> None:
    path = tmp_path / "store"
    path.write_text("not a store")
    line = one_line(serve("--store", path, "--port", free_port()))
    assert str(path) in line


def test_a_store_whose_database_is_unreadable(corpus_store: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    shutil.copytree(corpus_store, store, symlinks=True)
    database = GraphStore(store).current / "oxigraph"  # type: ignore[operator]
    shutil.rmtree(database)
    database.write_text("garbage")
    line = one_line(serve("--store", store, "--port", free_port()))
    assert "cannot open the store" in line


@pytest.fixture
def old_store(corpus_store: Path, tmp_path: Path) -> Path:
    """A copy of the corpus store that says it was written in an earlier store format."""
    store = tmp_path / "old-store"
    shutil.copytree(corpus_store, store, symlinks=True)
    manifest = GraphStore(store).current / "manifest.json"  # type: ignore[operator]
    manifest.write_text(json.dumps({**json.loads(manifest.read_text()), "store_format": 0}))
    return store


def test_a_store_of_another_version(old_store: Path) -> None:
    line = one_line(serve("--store", old_store, "--port", free_port()))
    assert "rebuild it with `policygraph build --force`" in line


@pytest.mark.parametrize("command", [["query", "ASK {}"], ["export", "--format", "nt"],
                                     ["tasks", "--led-by", "发改委"]])
def test_other_commands_on_a_store_of_another_version(old_store: Path,
                                                      command: list[str]) -> None:
    result = run_cli(*command, "--store", old_store, timeout=120)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "rebuild it with" in result.stderr


def test_a_remote_store_that_does_not_answer() -> None:
    endpoint = f"http://127.0.0.1:{free_port()}/sparql"
    line = one_line(serve("--store", f"sparql+{endpoint}", "--port", free_port()))
    assert f"the remote store {endpoint} does not answer" in line
