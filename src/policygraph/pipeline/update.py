"""An update: documents added, replaced or removed in the live graph without reading the others.

A full build reads every document; an update starts the new build from a checkpoint of the
live one (`GraphStore.building(start_from=…)`) and changes only what the documents it adds,
replaces or removes change: their own graphs, the graphs of the documents that cite one of
them by title (a plan whose implemented plan arrives, leaves or is renamed links elsewhere),
the statements of the shared entities any of those name (`described_part`), and the task
alignments of the plans they touch (`realign`). The index beside the store, which reads the
whole graph, is then made again from the new graph, as a full build makes it. The result is
the graph a full build of the same inputs, in the same order, publishes; as with a full
build, nothing is published unless it all succeeds, and the previous graph answers until
then.

A live build that kept no state (made by an earlier version) or was made by other code is
rebuilt in full from the updated inputs.
"""

from __future__ import annotations

import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from pyoxigraph import NamedNode

from ..align import read_plans
from ..build import EntityTable, Iris, titles
from ..build.entities import describe, described_part
from ..parse import DocumentError, Record, extract
from ..store import GraphStore, NewBuild
from .alignment import realign
from .inputs import (
    BuildError,
    NotInGraph,
    RepeatedContent,
    check_distinct,
    file_digest,
    input_manifest,
    named_in,
    same_inputs,
)
from .state import BuildState, DocumentState, read_state, write_state
from .work import ChunkRdf, keep_record, rdf_chunk, write_titles

__all__ = ["UpdateResult", "run_update"]


@dataclass(frozen=True)
class UpdateResult:
    """What an update did: the IRI of each document added or replaced (by file), the warnings
    of reading them, whether it was done as a full build, and the seconds it took, in all and
    by stage (`documents`: reading them and writing their graphs and entities; `alignments`;
    `index`: writing the index and publishing)."""

    documents: dict[str, str]
    warnings: tuple[str, ...]
    seconds: float
    full: bool
    stages: dict[str, float] = field(default_factory=dict)


def run_update(store: GraphStore, put: Sequence[Path] = (), remove: Sequence[str] = ()
               ) -> UpdateResult:
    """Add the documents `put` (each replacing the document of the same file name, if any) and
    remove the documents whose file names are in `remove`, and publish the result. BuildError,
    naming the file and the reason, for a document that cannot be read or breaks the shapes,
    a name that is not in the graph, or content the graph already has; nothing changes then."""
    started = time.perf_counter()
    live = store.current
    old = store.manifest()
    if live is None or old is None:
        raise BuildError(f"{store.directory}: no graph has been built yet (run "
                         "`policygraph build` first)")
    inputs = _updated_inputs(old["inputs"], put, remove)
    iris = Iris(old["base"])
    check_distinct(list(map(Path, inputs)), iris)
    _check_new_contents(inputs, put)
    manifest = input_manifest({Path(path): digest for path, digest in inputs.items()},
                              old["base"])
    state = read_state(live)
    if state is None or not same_inputs({**old, "inputs": manifest["inputs"]}, manifest):
        return _full_build(store, inputs, old["base"], put, started)
    with tempfile.TemporaryDirectory(prefix=".update-", dir=store.directory) as directory:
        spool = Path(directory)
        new_state, warnings = _read_put(spool, put, state, inputs)
        put_names = {path.name for path in put}
        changed = _rerendered(state, new_state, iris, put_names)
        gone = {Path(path).name for path in old["inputs"]} - {Path(path).name for path in inputs}
        rewritten = {iris.document(source) for source in (*changed, *gone)}
        with store.building(manifest, start_from=live) as build:
            before = read_plans(build.store, tasks_of=rewritten)
            failed = _apply(build, spool, iris, state, new_state, changed, put_names, gone)
            manifest.update(failed=_kept(old.get("failed", []), {*changed, *gone}) + failed,
                            warnings=_kept(old.get("warnings", []), {*gone, *put_names})
                            + warnings)
            write_state(build.directory, new_state)
            stages = {"documents": time.perf_counter() - started}
            realign(build, old["base"], before, rewritten)
            stages["alignments"] = time.perf_counter() - started - stages["documents"]
    seconds = time.perf_counter() - started
    stages["index"] = seconds - stages["documents"] - stages["alignments"]
    return UpdateResult({path.name: iris.document(path.name) for path in put}, tuple(warnings),
                        seconds, full=False, stages=stages)


def _updated_inputs(inputs: dict[str, str | None], put: Sequence[Path],
                    remove: Sequence[str]) -> dict[str, str | None]:
    """The live inputs (path → digest, in build order) with `put` in the place of the documents
    of the same file names, or after them all, and without those `remove` names."""
    by_name = {Path(path).name: path for path in inputs}
    missing = [name for name in remove if name not in by_name]
    if missing:
        raise NotInGraph(f"not in the graph: {', '.join(missing)}")
    replaced = {by_name[path.name]: path for path in put if path.name in by_name}
    gone = {by_name[name] for name in remove}
    updated: dict[str, str | None] = {}
    for live, digest in inputs.items():
        if live in replaced:
            updated[str(replaced[live])] = file_digest(replaced[live])
        elif live not in gone:
            updated[live] = digest
    for path in put:
        if path.name not in by_name:
            updated[str(path)] = file_digest(path)
    return updated


def _check_new_contents(inputs: dict[str, str | None], put: Sequence[Path]) -> None:
    """A document whose content another of the graph has would count every task twice,
    whichever of the two comes first."""
    held = Counter(inputs.values())
    for path in put:
        digest = inputs[str(path)]
        if digest is None:
            raise BuildError(f"{path}: cannot read the file")
        if held[digest] > 1:
            original = next(listed for listed, other in inputs.items()
                            if other == digest and listed != str(path))
            raise RepeatedContent(f"{path}: the same content as {original}, already in the "
                                  "graph")


def _full_build(store: GraphStore, inputs: dict[str, str | None], base: str,
                put: Sequence[Path], started: float) -> UpdateResult:
    """The update as a full build of the updated inputs (a live build without state). The
    documents put are read first, so that one that cannot be read changes nothing; one that
    breaks the shapes is left out of the graph published and named in the BuildError."""
    from . import run_build  # (the package imports this module)

    for path in put:
        _read(path)
    result = run_build([Path(path) for path in inputs], store, base, force=True,
                       progress=False)
    put_names = {path.name for path in put}
    refused = [message for message in result.failed if named_in(message) in put_names]
    if refused:
        raise BuildError("\n".join(refused))
    iris = Iris(base)
    return UpdateResult({path.name: iris.document(path.name) for path in put},
                        tuple(warning for warning in result.warnings
                              if named_in(warning) in put_names),
                        time.perf_counter() - started, full=True)


def _read(path: Path, why: str = "") -> Record:
    """The record of the document at `path`; BuildError, naming it, where it cannot be read
    (`why` says why it was read, where that is not plain)."""
    try:
        return extract(path)
    except DocumentError as error:
        raise BuildError(f"{error}{why}") from None


def _read_put(spool: Path, put: Sequence[Path], state: BuildState,
              inputs: dict[str, str | None]) -> tuple[BuildState, list[str]]:
    """Read the documents put, leaving their records in `spool`; the state of the updated
    build (the entities of the documents put still to be named) and the warnings of reading
    them. BuildError for a document that cannot be read."""
    put_by_name: dict[str, DocumentState] = {}
    warnings = []
    for path in put:
        record = _read(path)
        keep_record(spool, record.source, record)
        put_by_name[record.source] = DocumentState(record.source, str(path), record.title,
                                                   tuple(record.implements))
        warnings += [f"{path}: {warning}" for warning in record.warnings]
    documents = {}
    for listed in inputs:
        name = Path(listed).name
        if name in put_by_name:
            documents[name] = put_by_name[name]
        elif name in state.documents:
            documents[name] = state.documents[name]
    return BuildState(documents), warnings


def _rerendered(old: BuildState, new: BuildState, iris: Iris, put: set[str]) -> list[str]:
    """The documents whose graphs the update writes anew: those put, and those that cite a
    title that now leads to another document, or to none."""
    before = titles(old.documents.values(), iris)
    after = titles(new.documents.values(), iris)
    moved = {title for title in before.keys() | after.keys()
             if before.get(title) != after.get(title)}
    return [source for source, document in new.documents.items()
            if source in put or moved.intersection(document.cites)]


def _apply(build: NewBuild, spool: Path, iris: Iris, old: BuildState, new: BuildState,
           changed: list[str], put: set[str], gone: set[str]) -> list[str]:
    """Write the graphs of the documents `changed` (those `put`, their records in `spool`;
    the others read again) and the statements of the entities they and the documents `gone`
    name into `build`; the messages of the changed documents the shapes leave out. BuildError
    where a document put breaks the shapes."""
    for source in changed:
        if source not in put:  # a document whose links change: read again from its file
            record = _read(Path(new.documents[source].path),
                           " (read again: it cites a document the update changes)")
            keep_record(spool, source, record)
    write_titles(spool, titles(new.documents.values(), iris))
    chunk = rdf_chunk(changed, spool, iris.base) if changed else ChunkRdf(spool / "part.nq")
    refused = [message for message in chunk.failed if named_in(message) in put]
    if refused:
        raise BuildError("\n".join(refused))
    touched = EntityTable()
    for source, document in old.documents.items():
        if document.entities is not None and (source in changed or source in gone):
            touched.merge(document.entities)
    for source in changed:  # (the old state's entries stay as they were)
        new.documents[source] = replace(new.documents[source],
                                        entities=chunk.entities.get(source))
        touched.merge(chunk.entities.get(source, EntityTable()))
    for source in (*changed, *gone):
        build.store.remove_graph(NamedNode(iris.document_graph(source)))
    if changed:
        build.load(chunk.part)
    _replace_entities(build, iris, old.merged_entities(), new.merged_entities(), touched)
    return chunk.failed


def _replace_entities(build: NewBuild, iris: Iris, before: EntityTable, after: EntityTable,
                      touched: EntityTable) -> None:
    """Rewrite the statements of the entities `touched` names, as they were described from
    `before` and are from `after`."""
    graph = NamedNode(iris.entities_graph())
    old = set(describe(described_part(before, touched), iris, graph))
    new = set(describe(described_part(after, touched), iris, graph))
    for quad in old - new:
        build.store.remove(quad)
    build.store.extend(list(new - old))


def _kept(messages: list[str], changed: set[str]) -> list[str]:
    """The live build's messages (each opening with a document's path or file name) but those
    of the documents `changed` names."""
    return [message for message in messages if named_in(message) not in changed]

