"""The project's data files (ontology, vocabularies, shapes), wherever the package is installed.

A wheel carries `ontology/` and `shapes/` inside the package (`policygraph/_data/`); a source
checkout and an editable install read them from the repository root. Either way callers name a
file relative to the repository, e.g. `resource("ontology/policygraph.ttl")`.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGED = Path(__file__).parent / "_data"
_CHECKOUT = Path(__file__).parent.parent.parent


def resource(relative: str) -> Path:
    """The path of a data file named relative to the repository root."""
    for root in (_PACKAGED, _CHECKOUT):
        path = root / relative
        if path.is_file():
            return path
    raise FileNotFoundError(f"policygraph data file {relative!r} is missing from the install")
