"""What a build keeps of each document beside its graph, so the next build can change one plan
without reading the others again.

A document's graph depends on the build's other documents in two ways only: the titles of
every document (a plan that implements another of the build links to it, else to a cited
plan), and the shared entities every document names, merged into one entities graph. So a
build keeps, for every document it read and in the order it read them, its title, the titles
it cites and the shared entities its graph names (none for a document the shapes left out).
An update reads this, changes the entries of the documents it adds, replaces or removes, and
knows from the titles which other documents' links change.
"""

from __future__ import annotations

import pickle
from dataclasses import dataclass, field
from pathlib import Path

from ..build import EntityTable

__all__ = ["BuildState", "DocumentState", "read_state", "write_state"]

_STATE = "documents.pickle"


@dataclass
class DocumentState:
    """One document read by a build: its source (file name), its file, its title, the plans it
    cites by title, and the shared entities it names (None when the shapes left it out)."""

    source: str
    path: str
    title: str | None
    cites: tuple[str, ...]
    entities: EntityTable | None = None


@dataclass
class BuildState:
    """Every document a build read, by source (file name), in the order the build read them."""

    documents: dict[str, DocumentState] = field(default_factory=dict)

    def merged_entities(self) -> EntityTable:
        """The shared entities of every document the build kept."""
        table = EntityTable()
        for document in self.documents.values():
            if document.entities is not None:
                table.merge(document.entities)
        return table


def write_state(directory: Path, state: BuildState) -> None:
    """Keep `state` in the build's directory."""
    (directory / _STATE).write_bytes(pickle.dumps(state, pickle.HIGHEST_PROTOCOL))


def read_state(directory: Path) -> BuildState | None:
    """The state a build kept, or None for a build made before builds kept one."""
    try:
        state: BuildState = pickle.loads((directory / _STATE).read_bytes())
    except FileNotFoundError:
        return None
    return state
