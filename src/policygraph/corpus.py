"""Which files are documents: those named, and those inside folders named."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

DOCUMENT_SUFFIXES = (".txt", ".html", ".htm")


def documents(paths: Sequence[Path]) -> list[Path]:
    """The files named, and the document files inside folders named, in a stable order."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(child for child in path.iterdir()
                                if child.is_file() and child.suffix.lower() in DOCUMENT_SUFFIXES))
        else:
            found.append(path)
    return found
