"""What a build is made from: its documents, their digests, and the manifest that records them
with the code and rules that read them, so that a build from unchanged inputs is skipped."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .. import __version__
from ..build import VOCABULARY_FILES, Iris
from ..resources import resource
from ..store import STORE_FORMAT
from ..validate import SHAPES_FILE

__all__ = ["BuildError", "NotInGraph", "RepeatedContent", "check_distinct",
           "distinct_contents", "file_digest", "input_manifest", "named_in", "same_inputs"]


class BuildError(Exception):
    """A build that was not published; the message names the files that failed and why."""


class NotInGraph(BuildError):
    """An update names a document the graph does not hold."""


class RepeatedContent(BuildError):
    """An update adds a document whose content the graph already holds."""


def named_in(message: str) -> str:
    """The file name of the document a build's message is about: its warnings and the reasons
    it left a document out open with the document's path or file name."""
    return Path(message.split(": ")[0]).name


def check_distinct(files: list[Path], iris: Iris) -> None:
    """Two documents whose names give one IRI (a/plan.txt and b/plan.txt) would merge."""
    seen: dict[str, Path] = {}
    for path in files:
        other = seen.setdefault(iris.document(str(path)), path)
        if other != path:
            raise BuildError(f"{other} and {path} would be one document "
                             f"({iris.document(str(path))}): rename one; the previous graph "
                             "stays live")


def distinct_contents(digests: dict[Path, str | None]) -> tuple[list[Path], list[str]]:
    """The files to build, each content once (the first file that has it), and a message for
    each file left out as the copy of another: two copies would count every task twice."""
    first: dict[str | Path, Path] = {}
    repeated = []
    for path, digest in digests.items():
        original = first.setdefault(digest or path, path)
        if original != path:
            repeated.append(f"{path}: the same content as {original}")
    return list(first.values()), repeated


def same_inputs(live: dict[str, Any], manifest: dict[str, Any]) -> bool:
    """Whether the live build was made from what `manifest` describes, in this version's
    store format (its record of the documents left out is an outcome, not an input)."""
    return live.get("store_format") == STORE_FORMAT \
        and all(live.get(key) == value for key, value in manifest.items())


def input_manifest(digests: dict[Path, str | None], base: str) -> dict[str, Any]:
    """What a build is made from: the inputs' digests, the code and rules, and the base IRI."""
    return {
        "version": __version__,
        "base": base,
        "inputs": {str(path): digest for path, digest in digests.items()},
        "code": _digest(_code_files()),
    }


def file_digest(path: Path) -> str | None:
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
