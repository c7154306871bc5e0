"""Which files are documents: those named, and those inside folders named.

A folder that cannot be listed and a document's name that leads nowhere (a symbolic link that
loops or whose target is gone) are problems to report by path, never reasons to drop the
documents that can be read, nor to pass over in silence.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

DOCUMENT_SUFFIXES = (".txt", ".html", ".htm")


@dataclass
class Listing:
    """The documents found, in a stable order, and a message per path that could not be read."""

    files: list[Path] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def documents(paths: Sequence[Path]) -> Listing:
    """The files named, and the document files inside folders named."""
    listing = Listing()
    for path in paths:
        if path.is_dir():
            _list_folder(path, listing)
        else:
            listing.files.append(path)  # a missing or unreadable file is named by extraction
    return listing


def _list_folder(folder: Path, listing: Listing) -> None:
    try:
        children = sorted(folder.iterdir())
    except OSError as error:
        listing.problems.append(f"{folder}: cannot list the folder: {error.strerror}")
        return
    for child in children:
        if child.suffix.lower() not in DOCUMENT_SUFFIXES:
            continue
        try:
            child.stat()  # follows links: one that loops or has lost its target raises here
        except OSError as error:
            listing.problems.append(f"{child}: cannot be read: {error.strerror}")
            continue
        if child.is_file():
            listing.files.append(child)
