"""The store: atomic publication, read-only opening and pruning of old builds."""

from __future__ import annotations

from pathlib import Path

import pytest

from policygraph.store import GraphStore, StoreError

ONE = b'<http://example.org/a> <http://example.org/p> "1" <http://example.org/g> .\n'
TWO = b'<http://example.org/a> <http://example.org/p> "2" <http://example.org/g> .\n'


def values(store: GraphStore) -> list[str]:
    return sorted(quad.object.value for quad in store.open())


def test_publish_switches_the_live_graph(tmp_path: Path):
    store = GraphStore(tmp_path)
    assert store.current is None and store.manifest() is None
    store.publish(ONE, {"inputs": 1})
    assert values(store) == ["1"] and store.manifest() == {"inputs": 1}
    store.publish(TWO, {"inputs": 2})
    assert values(store) == ["2"] and store.manifest() == {"inputs": 2}


def test_bad_data_leaves_the_live_graph(tmp_path: Path):
    store = GraphStore(tmp_path)
    store.publish(ONE, {})
    live = store.current
    with pytest.raises(SyntaxError):
        store.publish(b"<not n-quads", {})
    assert store.current == live and values(store) == ["1"]
    assert len(list((tmp_path / "builds").iterdir())) == 1


def test_old_builds_are_pruned(tmp_path: Path):
    store = GraphStore(tmp_path)
    for _ in range(4):
        store.publish(ONE, {})
    assert len(list((tmp_path / "builds").iterdir())) == 2


def test_opening_before_any_build_says_what_to_do(tmp_path: Path):
    with pytest.raises(StoreError, match="policygraph build"):
        GraphStore(tmp_path).open()
