"""The whole build: documents → extraction records → RDF → SHACL → the persistent store.

Documents are read, turned into RDF and validated a chunk at a time in worker processes
(`work`), one document graph at a time, so that the build scales with cores and its memory
does not grow with the corpus; the shared entities they name are merged and described once,
and the store bulk-loads the N-Quads the workers wrote. Nothing is published unless every
document was read and conforms to the shapes, so a failed build leaves the previous graph
live. A build from the same inputs, code and base IRI as the live one is skipped.
"""

from __future__ import annotations

import hashlib
import tempfile
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import __version__
from ..build import VOCABULARY_FILES, EntityTable, Iris, titles
from ..corpus import DOCUMENT_SUFFIXES, documents
from ..resources import resource
from ..store import GraphStore
from ..validate import SHAPES_FILE, Report
from .pool import WorkerDied, chunked, run_chunks
from .work import ExtractionFailed, extract_chunk, rdf_chunk, write_shared, write_titles


class BuildError(Exception):
    """A build that was not published; the message names the file or the shapes that failed."""

    def __init__(self, message: str, report: Report | None = None) -> None:
        super().__init__(message)
        self.report = report


@dataclass(frozen=True)
class BuildResult:
    """What a build did."""

    documents: int
    quads: int
    seconds: float
    skipped: bool


def run_build(paths: Sequence[Path], store: GraphStore, base: str, force: bool = False,
              progress: bool = True, jobs: int | None = None) -> BuildResult:
    """Build the graph of the documents at `paths` and publish it in `store`, with `jobs`
    worker processes (all cores if None)."""
    started = time.perf_counter()
    files = documents(paths)
    if not files:
        raise BuildError(f"no documents ({', '.join(DOCUMENT_SUFFIXES)}) in "
                         f"{', '.join(map(str, paths))}")
    _check_distinct(files, Iris(base))
    manifest = _manifest(files, base)
    if not force and store.manifest() == manifest:
        return BuildResult(len(files), 0, time.perf_counter() - started, skipped=True)
    store.directory.mkdir(parents=True, exist_ok=True)
    try:
        quads = _build(files, store, base, manifest, progress, jobs)
    except (ExtractionFailed, WorkerDied) as error:
        raise BuildError(f"{error}; the previous graph stays live") from None
    return BuildResult(len(files), quads, time.perf_counter() - started, skipped=False)


def _build(files: list[Path], store: GraphStore, base: str, manifest: dict[str, Any],
           progress: bool, jobs: int | None) -> int:
    """Read, convert and validate the documents while the store loads what is ready; the
    number of quads published."""
    with tempfile.TemporaryDirectory(prefix=".build-", dir=store.directory) as directory, \
            store.building(manifest) as build:
        spool = Path(directory)
        read = [one for chunk in run_chunks(extract_chunk, chunked(list(enumerate(files))),
                                            (spool,), jobs, progress, "extract")
                for one in chunk]
        write_titles(spool, titles(read, Iris(base)))
        entities, violations, quads = EntityTable(), [], 0
        for chunk in run_chunks(rdf_chunk, chunked([one.index for one in read]), (spool, base),
                                jobs, progress, "rdf+shacl"):
            build.load(chunk.part)
            chunk.part.unlink()
            entities.merge(chunk.entities)
            violations += chunk.violations
            quads += chunk.quads
        if violations:
            report = Report(False, sorted(violations))
            raise BuildError("the data does not conform to the shapes; the previous graph "
                             "stays live\n" + report.text(), report)
        shared = spool / "shared.nq"
        quads += write_shared(entities, base, shared)
        build.load(shared)
    return quads


def _check_distinct(files: list[Path], iris: Iris) -> None:
    """Two documents whose names give one IRI (a/plan.txt and b/plan.txt) would merge."""
    seen: dict[str, Path] = {}
    for path in files:
        other = seen.setdefault(iris.document(str(path)), path)
        if other != path:
            raise BuildError(f"{other} and {path} would be one document "
                             f"({iris.document(str(path))}): rename one; the previous graph "
                             "stays live")


def _manifest(files: Iterable[Path], base: str) -> dict[str, Any]:
    """What a build is made from: the inputs' digests, the code and rules, and the base IRI."""
    return {
        "version": __version__,
        "base": base,
        "inputs": {str(path): _digest([path]) for path in files},
        "code": _digest(_code_files()),
    }


def _code_files() -> list[Path]:
    package = Path(__file__).parent.parent
    data = [resource(name) for name in (*VOCABULARY_FILES, SHAPES_FILE)]
    return sorted(path for path in package.rglob("*")
                  if path.suffix in {".py", ".toml", ".csv", ".rq", ".ttl"}) + data


def _digest(paths: Iterable[Path]) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.read_bytes())
    return digest.hexdigest()
