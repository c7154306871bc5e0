"""The whole build: documents → extraction records → RDF → SHACL → the persistent store.

Documents are read, turned into RDF and validated a chunk at a time in worker processes
(`work`), one document graph at a time, so that the build scales with cores and its memory
does not grow with the corpus; the shared entities they name are merged and described once,
and the store bulk-loads the N-Quads the workers wrote. Nothing is published unless every
document was read and conforms to the shapes, so a failed build leaves the previous graph
live. A build from the same inputs, code and base IRI as the live one is skipped.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..build import EntityTable, Iris, titles
from ..corpus import DOCUMENT_SUFFIXES, documents
from ..store import GraphStore
from .alignment import load_alignments
from .inputs import (
    BuildError,
    NotInGraph,
    RepeatedContent,
    check_distinct,
    distinct_contents,
    file_digest,
    input_manifest,
    same_inputs,
)
from .pool import WorkerDied, chunked, run_chunks
from .state import BuildState, DocumentState, write_state
from .work import ChunkRead, extract_chunk, rdf_chunk, write_shared, write_titles

__all__ = ["BuildError", "BuildResult", "NotInGraph", "RepeatedContent", "UpdateResult",
           "run_build", "run_update"]


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
    check_distinct(files, Iris(base))
    digests = {path: file_digest(path) for path in files}
    manifest = input_manifest(digests, base)
    live = store.manifest()
    if not force and live is not None and same_inputs(live, manifest):
        failed = tuple(live.get("failed", ()))
        return BuildResult(len(files) - len(failed), 0, time.perf_counter() - started,
                           skipped=True, failed=unlisted + failed,
                           warnings=tuple(live.get("warnings", ())))
    unique, repeated = distinct_contents(digests)
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
        named: dict[str, EntityTable] = {}
        quads, left_out = 0, []
        keys = [f"{one.index:06d}" for one in read]
        for part in run_chunks(rdf_chunk, chunked(keys), (spool, base), jobs, progress,
                               "rdf+shacl"):
            build.load(part.part)
            part.part.unlink()
            named.update(part.entities)
            left_out += part.failed
            quads += part.quads
        if len(left_out) == len(read):
            raise BuildError("no document conforms to the shapes; the previous graph stays "
                             "live\n" + "\n".join(left_out))
        notes.failed += left_out
        manifest.update(failed=notes.failed, warnings=notes.warnings)
        state = BuildState({one.source: DocumentState(one.source, one.path, one.title, one.cites,
                                                      named.get(one.source)) for one in read})
        write_state(build.directory, state)
        shared = spool / "shared.nq"
        quads += write_shared(state.merged_entities(), base, shared)
        build.load(shared)
        quads += load_alignments(build, base)
    return quads


from .update import UpdateResult, run_update  # noqa: E402  (it builds in full with run_build)
