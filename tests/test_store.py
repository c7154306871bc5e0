"""The store: atomic publication, read-only opening and pruning of old builds."""

from __future__ import annotations

from pathlib import Path

import pytest

from policygraph.store import STORE_FORMAT, GraphStore, StoreError

ONE = b'<http://example.org/a> <http://example.org/p> "1" <http://example.org/g> .\n'
TWO = b'<http://example.org/a> <http://example.org/p> "2" <http://example.org/g> .\n'


def values(store: GraphStore) -> list[str]:
    return sorted(quad.object.value for quad in store.open())


def test_publish_switches_the_live_graph(tmp_path: Path):
    store = GraphStore(tmp_path)
    assert store.current is None and store.manifest() is None
    store.publish(ONE, {"inputs": 1})
    assert values(store) == ["1"]
    assert store.manifest() == {"inputs": 1, "store_format": STORE_FORMAT}
    store.publish(TWO, {"inputs": 2})
    assert values(store) == ["2"]
    assert store.manifest() == {"inputs": 2, "store_format": STORE_FORMAT}


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


def test_one_build_writes_at_a_time(tmp_path: Path):
    store = GraphStore(tmp_path)
    with store.building({}) as build:
        build.load(ONE)
        with pytest.raises(StoreError, match="another build"), store.building({}):
            pass
    assert values(store) == ["1"]


def test_what_a_dead_build_left_is_cleared_by_the_next(tmp_path: Path):
    store = GraphStore(tmp_path)
    store.publish(ONE, {})
    unfinished = tmp_path / "builds" / "99999999T999999-1"
    (unfinished / "oxigraph").mkdir(parents=True)
    (tmp_path / ".build-abc").mkdir()
    (tmp_path / ".current.123").symlink_to(unfinished)
    store.publish(TWO, {})
    assert not unfinished.exists() and not (tmp_path / ".build-abc").exists()
    assert not (tmp_path / ".current.123").is_symlink()
    assert values(store) == ["2"]


def test_a_store_of_another_format_is_refused_with_what_to_do(tmp_path: Path):
    store = GraphStore(tmp_path)
    store.publish(ONE, {"version": "0.0.1"})
    manifest = store.current / "manifest.json"  # type: ignore[operator]
    manifest.write_text(manifest.read_text().replace(f'"store_format": {STORE_FORMAT}',
                                                     '"store_format": 0'))
    with pytest.raises(StoreError, match=r"policygraph 0\.0\.1 .*build --force"):
        store.open()
