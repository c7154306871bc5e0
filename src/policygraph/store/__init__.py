"""The persistent store: an embedded Oxigraph database on disk, replaced atomically.

`GraphStore` is the stage's entry point. Each build is written into a fresh directory beside
the live one, and a symbolic link `current` is switched to it with one atomic rename, so
readers see either the old graph or the new one, never a half-written store, and a build that
fails leaves the old graph answering. Each build keeps a manifest of what it was made from, so
a rebuild from unchanged inputs can be skipped.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph

__all__ = ["GraphStore", "NewBuild", "StoreError", "default_store"]

_CURRENT = "current"
_BUILDS = "builds"
_DATABASE = "oxigraph"
_MANIFEST = "manifest.json"
# Builds kept besides the current one, so a reader that opened the previous one can finish.
_KEEP_PREVIOUS = 1


def default_store() -> Path:
    """Where the graph lives unless told otherwise: $POLICYGRAPH_STORE, else data/store
    (read when asked, so a change to the environment is seen)."""
    return Path(os.environ.get("POLICYGRAPH_STORE", "data/store"))


@dataclass
class NewBuild:
    """A build being loaded, not yet live."""

    directory: Path
    store: pyoxigraph.Store

    def load(self, nquads: bytes | Path) -> None:
        """Bulk-load N-Quads, given or in a file."""
        if isinstance(nquads, Path):
            self.store.bulk_load(path=nquads, format=pyoxigraph.RdfFormat.N_QUADS)
        else:
            self.store.bulk_load(nquads, pyoxigraph.RdfFormat.N_QUADS)


class StoreError(Exception):
    """A store that cannot be opened or written; the message names its directory."""


class GraphStore:
    """A directory holding the current graph and the builds behind it."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    @property
    def current(self) -> Path | None:
        """The live build's directory, or None before the first build."""
        link = self.directory / _CURRENT
        if not link.is_symlink():
            return None
        build = link.resolve()
        return build if build.is_dir() else None

    def manifest(self) -> dict[str, Any] | None:
        """What the live build was made from."""
        current = self.current
        if current is None:
            return None
        manifest: dict[str, Any] = json.loads((current / _MANIFEST).read_text("utf-8"))
        return manifest

    def open(self) -> pyoxigraph.Store:
        """The live graph, read-only."""
        current = self.current
        if current is None:
            raise StoreError(f"{self.directory}: no graph has been built yet "
                             "(run `policygraph build`)")
        try:
            return pyoxigraph.Store.read_only(str(current / _DATABASE))
        except OSError as error:
            raise StoreError(f"{current}: cannot open the store: {error}") from None

    def publish(self, nquads: bytes, manifest: dict[str, Any]) -> Path:
        """Load a dataset (N-Quads) into a new build and make it the live graph."""
        with self.building(manifest) as build:
            build.load(nquads)
        return build.directory

    @contextmanager
    def building(self, manifest: dict[str, Any]) -> Iterator[NewBuild]:
        """A new build to load, made the live graph when the block ends and discarded if it
        raises, so that loading can go on while the rest of a build is still being made."""
        builds = self.directory / _BUILDS
        builds.mkdir(parents=True, exist_ok=True)
        directory = builds / f"{time.strftime('%Y%m%dT%H%M%S')}-{time.monotonic_ns()}"
        try:
            directory.mkdir()
            build = NewBuild(directory, pyoxigraph.Store(str(directory / _DATABASE)))
            yield build
            build.store.flush()
            del build.store
            (directory / _MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True),
                                               "utf-8")
            self._switch(directory)
        except BaseException:
            shutil.rmtree(directory, ignore_errors=True)
            raise
        self._prune(directory)

    def add(self, rdf: Path, graph: str, rdf_format: pyoxigraph.RdfFormat) -> Path:
        """A new build holding the live graph plus the triples of `rdf` in the named graph
        `graph`; the manifest records the addition."""
        current = self.open()
        manifest = self.manifest() or {}
        data = current.dump(format=pyoxigraph.RdfFormat.N_QUADS) or b""
        extra = pyoxigraph.Store()
        try:
            extra.load(path=str(rdf), format=rdf_format, to_graph=pyoxigraph.NamedNode(graph))
        except (SyntaxError, ValueError, OSError) as error:
            raise StoreError(f"{rdf}: {error}") from None
        data += extra.dump(format=pyoxigraph.RdfFormat.N_QUADS) or b""
        manifest["added"] = [*manifest.get("added", []), {"file": str(rdf), "graph": graph}]
        return self.publish(data, manifest)

    def _switch(self, build: Path) -> None:
        """Point `current` at `build` in one atomic rename."""
        staging = self.directory / f".{_CURRENT}.{os.getpid()}"
        staging.unlink(missing_ok=True)
        staging.symlink_to(build.relative_to(self.directory))
        os.replace(staging, self.directory / _CURRENT)

    def _prune(self, live: Path) -> None:
        builds = sorted(path for path in (self.directory / _BUILDS).iterdir() if path != live)
        for old in builds[: max(0, len(builds) - _KEEP_PREVIOUS)]:
            shutil.rmtree(old, ignore_errors=True)
