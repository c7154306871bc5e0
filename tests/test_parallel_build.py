"""Builds spread over worker processes make the graph one process makes, whatever order the
documents come back in, and fail as cleanly."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

from policygraph.build import DEFAULT_BASE, EntityTable, Iris, document_rdf, shared_rdf
from policygraph.parse import extract
from policygraph.pipeline import BuildError, run_build
from policygraph.store import GraphStore

CORPUS = Path(__file__).parent.parent / "data" / "raw"


def statements(store: GraphStore) -> set[str]:
    """The store's quads, blank nodes aside (the ontology's are named afresh by each parse)."""
    return {str(quad) for quad in store.open()
            if not any(isinstance(term, ox.BlankNode)
                       for term in (quad.subject, quad.object))}


def test_workers_build_the_graph_one_process_builds(tmp_path):
    alone, shared = GraphStore(tmp_path / "alone"), GraphStore(tmp_path / "shared")
    run_build([CORPUS], alone, DEFAULT_BASE, progress=False, jobs=1)
    result = run_build([CORPUS], shared, DEFAULT_BASE, progress=False, jobs=2)
    assert result.documents == len(list(CORPUS.glob("*.txt")))
    assert statements(shared) == statements(alone)
    assert len(shared.open()) == len(alone.open()) == result.quads


def test_entities_merge_the_same_in_any_order():
    iris = Iris(DEFAULT_BASE)
    tables = [document_rdf(extract(path), iris, {})[1] for path in sorted(CORPUS.glob("*.txt"))]

    def described(order: list[EntityTable]) -> set[str]:
        merged = EntityTable()
        for table in order:
            merged.merge(table)
        return {str(quad) for quad in shared_rdf(merged, iris)
                if not isinstance(quad.subject, ox.BlankNode)}

    assert described(tables) == described(tables[::-1])


def test_a_worker_names_the_document_it_could_not_read_and_the_rest_is_built(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    (corpus / "zz_broken.txt").write_bytes(b"\x00\x01binary")
    store = GraphStore(tmp_path / "store")
    result = run_build([corpus], store, DEFAULT_BASE, progress=False, jobs=2)
    assert result.failed == (f"{corpus / 'zz_broken.txt'}: binary file, not text",)
    assert result.documents == len(list(CORPUS.glob("*.txt")))
    assert sorted(path.name for path in store.directory.iterdir()) == [".lock", "builds",
                                                                       "current"]


def test_a_build_of_nothing_readable_publishes_nothing(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "broken.txt").write_bytes(b"\x00\x01binary")
    store = GraphStore(tmp_path / "store")
    with pytest.raises(BuildError, match=r"no document could be read(.|\n)*broken\.txt"):
        run_build([corpus], store, DEFAULT_BASE, progress=False, jobs=2)
    assert store.current is None
    assert list((store.directory / "builds").iterdir()) == []  # no spool, no build left


def test_two_documents_that_would_share_an_iri_are_refused(tmp_path):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        shutil.copy(sorted(CORPUS.glob("*.txt"))[0], tmp_path / folder / "plan.txt")
    with pytest.raises(BuildError, match="would be one document"):
        run_build([tmp_path / "a", tmp_path / "b"], GraphStore(tmp_path / "store"),
                  DEFAULT_BASE, progress=False)
