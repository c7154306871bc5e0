"""The persistent store: an embedded Oxigraph database on disk, replaced atomically.

`GraphStore` is the stage's entry point. Each build is written into a fresh directory beside
the live one, and a symbolic link `current` is switched to it with one atomic rename, so
readers see either the old graph or the new one, never a half-written store, and a build that
fails leaves the old graph answering. Each build keeps a manifest of what it was made from, so
a rebuild from unchanged inputs can be skipped.

One build writes at a time, under a lock the kernel releases when its process dies, so what a
killed build left behind (a build directory without a manifest, a spool) is cleared by the
next one, and the live graph never depended on it.

Beside the database, each build holds the full-text index of its tasks (`text_index.py`),
written from the build's own graph before it goes live.
"""

from __future__ import annotations

import fcntl
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

from .text_index import write_text_index

__all__ = ["STORE_FORMAT", "GraphStore", "NewBuild", "StoreError", "default_store"]

_CURRENT = "current"
_BUILDS = "builds"
_DATABASE = "oxigraph"
_MANIFEST = "manifest.json"
_LOCK = ".lock"
# Documents sent to the store over HTTP, a folder per content.
_UPLOADS = "documents"
# The layout of a build (database, manifest, answers); a build of another layout is refused
# with a message to rebuild instead of being misread.
STORE_FORMAT = 1
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
        try:
            if not link.is_symlink():
                return None
            build = link.resolve()
            return build if build.is_dir() else None
        except OSError as error:
            raise StoreError(f"{self.directory}: cannot read the store: "
                             f"{error.strerror or error}") from None

    @property
    def uploads(self) -> Path:
        """Where the documents sent over HTTP are kept, a folder per content (`uploaded`)."""
        return self.directory / _UPLOADS

    def uploaded(self) -> list[Path]:
        """The documents sent over HTTP that the store keeps, in order."""
        return sorted(self.uploads.glob("*/*"))

    def manifest(self) -> dict[str, Any] | None:
        """What the live build was made from."""
        current = self.current
        return None if current is None else _read_manifest(current)

    def open(self, build: Path | None = None) -> pyoxigraph.Store:
        """The live graph, or the `build` named (one a reader saw live), read-only;
        StoreError, naming the directory, when there is none or it cannot be read by this
        version."""
        current = build or self.current
        if current is None:
            raise StoreError(f"{self.directory}: no graph has been built yet "
                             "(run `policygraph build`)")
        manifest = _read_manifest(current)  # of the build opened, even if a new one goes live
        if manifest.get("store_format") != STORE_FORMAT:
            raise StoreError(f"{current}: built by policygraph {manifest.get('version', '?')} "
                             f"in store format {manifest.get('store_format', 0)}, which this "
                             f"version (format {STORE_FORMAT}) cannot read: rebuild it with "
                             "`policygraph build --force`")
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
    def building(self, manifest: dict[str, Any],
                 start_from: Path | None = None) -> Iterator[NewBuild]:
        """A new build to load, made the live graph when the block ends and discarded if it
        raises, so that loading can go on while the rest of a build is still being made.

        A build that `start_from`s another (the live one, for an update) begins as a copy of
        its graph: a checkpoint of the database, whose files are hard links to the other's
        until either changes them, so the copy takes no time at any size."""
        builds = self.directory / _BUILDS
        try:
            builds.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StoreError(f"{self.directory}: cannot write the store: "
                             f"{error.strerror or error}") from None
        with self._writing():
            if start_from is not None and self.current != start_from:
                raise StoreError(f"{self.directory}: another build was published while this "
                                 "one was being made from the graph before it; try again")
            self._clear_unfinished()
            directory = builds / f"{time.strftime('%Y%m%dT%H%M%S')}-{time.monotonic_ns()}"
            try:
                directory.mkdir()
                if start_from is not None:
                    self.open(start_from).backup(str(directory / _DATABASE))
                build = NewBuild(directory, pyoxigraph.Store(str(directory / _DATABASE)))
                yield build
                write_text_index(build.store, directory)
                build.store.flush()
                del build.store
                _write_manifest(directory, {**manifest, "store_format": STORE_FORMAT})
                self._switch(directory)
            except BaseException:
                shutil.rmtree(directory, ignore_errors=True)
                raise
            self._prune(directory)

    @contextmanager
    def _writing(self) -> Iterator[None]:
        """Hold the store's write lock for a build. The kernel drops it when the process ends,
        however it ends, so a build killed with `kill -9` never blocks the next one."""
        with (self.directory / _LOCK).open("a") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise StoreError(f"{self.directory}: another build is writing to this store; "
                                 "try again when it has finished") from None
            yield

    def _clear_unfinished(self) -> None:
        """Remove what builds that died left: build directories without a manifest, spools and
        staged links. Only called under the write lock, so none of it is still being written."""
        live = self.current
        for path in (self.directory / _BUILDS).iterdir():
            if path != live and not (path / _MANIFEST).exists():
                shutil.rmtree(path, ignore_errors=True)
        for path in self.directory.glob(".build-*"):
            shutil.rmtree(path, ignore_errors=True)
        for path in self.directory.glob(f".{_CURRENT}.*"):
            path.unlink(missing_ok=True)

    def add(self, rdf: Path, graph: str, rdf_format: pyoxigraph.RdfFormat) -> Path:
        """A new build holding the live graph plus the triples of `rdf` in the named graph
        `graph`; the manifest records the addition."""
        live = self.current
        self.open(live)  # (a StoreError where there is no graph, or one of another format)
        manifest = self.manifest() or {}
        extra = pyoxigraph.Store()
        try:
            extra.load(path=str(rdf), format=rdf_format, to_graph=pyoxigraph.NamedNode(graph))
        except (SyntaxError, ValueError, OSError) as error:
            raise StoreError(f"{rdf}: {error}") from None
        manifest["added"] = [*manifest.get("added", []), {"file": str(rdf), "graph": graph}]
        with self.building(manifest, start_from=live) as build:
            build.load(extra.dump(format=pyoxigraph.RdfFormat.N_QUADS) or b"")
        return build.directory

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


def _read_manifest(build: Path) -> dict[str, Any]:
    manifest_file = build / _MANIFEST
    try:
        manifest: dict[str, Any] = json.loads(manifest_file.read_text("utf-8"))
    except (OSError, ValueError) as error:
        raise StoreError(f"{build}: cannot read the build's manifest: {error}") from None
    return manifest


def _write_manifest(directory: Path, manifest: dict[str, Any]) -> None:
    """Write the manifest beside and rename it into place: a build directory has a whole
    manifest or none, and one without is unfinished."""
    staged = directory / f".{_MANIFEST}"
    staged.write_text(json.dumps(manifest, indent=1, sort_keys=True), "utf-8")
    os.replace(staged, directory / _MANIFEST)
