"""The whole build: documents → extraction records → RDF → SHACL → the persistent store.

Each stage's entry point is called in turn; nothing is published unless every document was
read and the data conforms to the shapes, so a failed build leaves the previous graph live.
A build from the same inputs, code and base IRI as the live one is skipped.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tqdm import tqdm

from . import __version__
from .build import VOCABULARY_FILES, build_dataset
from .corpus import DOCUMENT_SUFFIXES, documents
from .parse import DocumentError, Record, extract
from .resources import resource
from .store import GraphStore
from .validate import SHAPES_FILE, Report, validate


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
              progress: bool = True) -> BuildResult:
    """Build the graph of the documents at `paths` and publish it in `store`."""
    started = time.perf_counter()
    files = documents(paths)
    if not files:
        raise BuildError(f"no documents ({', '.join(DOCUMENT_SUFFIXES)}) in "
                         f"{', '.join(map(str, paths))}")
    manifest = _manifest(files, base)
    if not force and store.manifest() == manifest:
        return BuildResult(len(files), 0, time.perf_counter() - started, skipped=True)
    records = _extract_all(files, progress)
    dataset = build_dataset(records, base)
    report = validate(*dataset.graphs())  # its ontology graph holds the vocabulary
    if not report.conforms:
        raise BuildError("the data does not conform to the shapes; the previous graph stays "
                         "live\n" + report.text(), report)
    nquads = dataset.serialize(format="nquads", encoding="utf-8")
    store.publish(nquads, manifest)
    return BuildResult(len(files), len(dataset), time.perf_counter() - started, skipped=False)


def _extract_all(files: list[Path], progress: bool) -> list[Record]:
    records = []
    for path in tqdm(files, desc="extract", unit="doc", disable=not progress or None,
                     leave=False):
        try:
            records.append(extract(path))
        except DocumentError as error:
            raise BuildError(f"{error}; the previous graph stays live") from None
    return records


def _manifest(files: Iterable[Path], base: str) -> dict[str, Any]:
    """What a build is made from: the inputs' digests, the code and rules, and the base IRI."""
    return {
        "version": __version__,
        "base": base,
        "inputs": {str(path): _digest([path]) for path in files},
        "code": _digest(_code_files()),
    }


def _code_files() -> list[Path]:
    package = Path(__file__).parent
    data = [resource(name) for name in (*VOCABULARY_FILES, SHAPES_FILE)]
    return sorted(path for path in package.rglob("*")
                  if path.suffix in {".py", ".toml", ".csv", ".rq", ".ttl"}) + data


def _digest(paths: Iterable[Path]) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.read_bytes())
    return digest.hexdigest()
