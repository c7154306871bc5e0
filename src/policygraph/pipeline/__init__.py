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
from ..store import STORE_FORMAT, GraphStore
from ..validate import SHAPES_FILE
from .alignment import load_alignments
from .pool import WorkerDied, chunked, run_chunks
from .work import ChunkRead, extract_chunk, rdf_chunk, write_shared, write_titles


class BuildError(Exception):
    """A build that was not published; the message names the files that failed and why."""


@dataclass(frozen=True)
class BuildResult:
    """What a build did: `failed` names each document left out and why, `warnings` what was
    read with a guess (an item numbered like the one before it)."""

    documents: int
    quads: int
    seconds: float
    skipped: bool
    failed: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()


def run_build(paths: Sequence[Path], store: GraphStore, base: str, force: bool = False,
              progress: bool = True, jobs: int | None = None) -> BuildResult:
    """Build the graph of the documents at `paths` and publish it in `store`, with `jobs`
    worker processes (all cores if None). A document that cannot be read, or whose content
    another document of the build already has, is left out and named in the result, as is a
    folder that cannot be listed; the others are built."""
    started = time.perf_counter()
    listing = documents(paths)
    files, unlisted = listing.files, tuple(listing.problems)
    if not files:
        raise BuildError(f"no documents ({', '.join(DOCUMENT_SUFFIXES)}) in "
                         f"{', '.join(map(str, paths))}" + "".join(f"\n{p}" for p in unlisted))
    _check_distinct(files, Iris(base))
    digests = {path: _file_digest(path) for path in files}
    manifest = _manifest(digests, base)
    live = store.manifest()
    if not force and live is not None and _same_inputs(live, manifest):
        failed = tuple(live.get("failed", ()))
        return BuildResult(len(files) - len(failed), 0, time.perf_counter() - started,
                           skipped=True, failed=unlisted + failed,
                           warnings=tuple(live.get("warnings", ())))
    unique, repeated = _distinct_contents(digests)
    notes = ChunkRead(failed=repeated)
    try:
        quads = _build(unique, notes, store, base, manifest, progress, jobs)
    except WorkerDied as error:
        raise BuildError(f"{error}; the previous graph stays live") from None
    return BuildResult(len(files) - len(notes.failed), quads, time.perf_counter() - started,
                       skipped=False, failed=unlisted + tuple(notes.failed),
                       warnings=tuple(notes.warnings))


def _build(files: list[Path], notes: ChunkRead, store: GraphStore, base: str,
           manifest: dict[str, Any], progress: bool, jobs: int | None) -> int:
    """Read, convert and validate the documents while the store loads what is ready; the
    number of quads published. What reading found is added to `notes` (and the manifest)."""
    with store.building(manifest) as build, \
            tempfile.TemporaryDirectory(prefix=".build-", dir=store.directory) as directory:
        spool = Path(directory)
        for chunk in run_chunks(extract_chunk, chunked(list(enumerate(files))), (spool,), jobs,
                                progress, "extract"):
            notes.read += chunk.read
            notes.failed += chunk.failed
            notes.warnings += chunk.warnings
        read = notes.read
        if not read:
            raise BuildError("no document could be read; the previous graph stays live\n"
                             + "\n".join(notes.failed))
        write_titles(spool, titles(read, Iris(base)))
        entities, quads, left_out = EntityTable(), 0, []
        for part in run_chunks(rdf_chunk, chunked([one.index for one in read]), (spool, base),
                               jobs, progress, "rdf+shacl"):
            build.load(part.part)
            part.part.unlink()
            entities.merge(part.entities)
            left_out += part.failed
            quads += part.quads
        if len(left_out) == len(read):
            raise BuildError("no document conforms to the shapes; the previous graph stays "
                             "live\n" + "\n".join(left_out))
        notes.failed += left_out
        manifest.update(failed=notes.failed, warnings=notes.warnings)
        shared = spool / "shared.nq"
        quads += write_shared(entities, base, shared)
        build.load(shared)
        quads += load_alignments(build, base)
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


def _distinct_contents(digests: dict[Path, str | None]) -> tuple[list[Path], list[str]]:
    """The files to build, each content once (the first file that has it), and a message for
    each file left out as the copy of another: two copies would count every task twice."""
    first: dict[str | Path, Path] = {}
    repeated = []
    for path, digest in digests.items():
        original = first.setdefault(digest or path, path)
        if original != path:
            repeated.append(f"{path}: the same content as {original}")
    return list(first.values()), repeated


def _same_inputs(live: dict[str, Any], manifest: dict[str, Any]) -> bool:
    """Whether the live build was made from what `manifest` describes, in this version's
    store format (its record of the documents left out is an outcome, not an input)."""
    return live.get("store_format") == STORE_FORMAT \
        and all(live.get(key) == value for key, value in manifest.items())


def _manifest(digests: dict[Path, str | None], base: str) -> dict[str, Any]:
    """What a build is made from: the inputs' digests, the code and rules, and the base IRI."""
    return {
        "version": __version__,
        "base": base,
        "inputs": {str(path): digest for path, digest in digests.items()},
        "code": _digest(_code_files()),
    }


def _file_digest(path: Path) -> str | None:
    """A document's digest; None for a file that cannot be read, which extraction reports with
    its name."""
    try:
        return _digest([path])
    except OSError:
        return None


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
