"""Where the IRIs of a build are served on this server, and the URL of each.

Data IRIs live under the base IRI the server is given, else that of the store's current
build (its manifest's `base`, read once per build). A request path is mapped onto the base's
*path*, not its host, so a deployment built with `--base https://example.org/pg/id/` answers
`/pg/id/...` behind whatever host name it is given. Vocabulary IRIs live under
`https://w3id.org/policygraph/`, which is mapped onto the server root: `/ontology` is the
ontology document and `/function/{slug}` an agency function, so a w3id redirect to a
deployment resolves.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

import pyoxigraph as ox

from ..build import DEFAULT_BASE
from ..build.iris import segment
from ..store import GraphStore
from ..vocab import POLICYGRAPH
from .settings import Settings

VOCABULARY_ROOT = POLICYGRAPH
ONTOLOGY = VOCABULARY_ROOT + "ontology"
# Characters kept as they are when an IRI becomes a URL: reserved ones and existing escapes.
_URL_SAFE = "/#%:@!$&'()*+,;=-._~?"


@dataclass(frozen=True)
class Site:
    """Where the IRIs of one build are served: data under the base's path, the vocabularies
    at the root."""

    base: str
    base_path: str = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "base_path", urlsplit(self.base).path or "/")

    def iri(self, raw_path: bytes) -> str | None:
        """The IRI a request path (as sent, percent-encoded) names, or None when it names
        nothing served here (outside the base's path, not UTF-8, not as minted, no IRI)."""
        path = _canonical(raw_path)
        if path is None:
            return None
        if path == "/ontology" or path.startswith("/function/"):
            iri = VOCABULARY_ROOT + path[1:]
        elif path.startswith(self.base_path):
            iri = self.base + path[len(self.base_path):]
        else:
            return None
        try:
            return ox.NamedNode(iri).value
        except ValueError:  # characters no IRI has there, such as "[" in a path
            return None

    def href(self, iri: str) -> str | None:
        """The server-relative URL of an IRI served here (hash IRIs keep their fragment)."""
        if iri == ONTOLOGY or iri.startswith((ONTOLOGY + "#", VOCABULARY_ROOT + "function/")):
            return quote("/" + iri[len(VOCABULARY_ROOT):], safe=_URL_SAFE)
        if iri.startswith(self.base):
            return quote(self.base_path + iri[len(self.base):], safe=_URL_SAFE)
        return None

    def link(self, iri: str) -> str | None:
        """Where a page links an IRI to: its page here, else the IRI itself when it is a web
        address (standard vocabularies dereference on their own)."""
        local = self.href(iri)
        if local is None and iri.startswith(("http://", "https://")):
            return quote(iri, safe=_URL_SAFE)
        return local


def _canonical(raw_path: bytes) -> str | None:
    """A request path as the IRI scheme mints it: non-ASCII characters as themselves, the
    characters `segment` escapes percent-encoded in upper case, all others as themselves."""
    try:
        parts = raw_path.decode("utf-8").split("/")
        decoded = [unquote(part, errors="strict") for part in parts]
    except UnicodeDecodeError:
        return None
    minted = [segment(part) for part in decoded]
    if any(unquote(mint) != part for mint, part in zip(minted, decoded, strict=True)):
        return None  # surrounding white space, which minting strips: no IRI has it
    return "/".join(minted)


@lru_cache(maxsize=8)
def _site_of(build: Path, store_dir: Path) -> Site:
    """The site of one build: its manifest is read once, a new build is a new key."""
    manifest = GraphStore(store_dir).manifest() or {}
    return Site(str(manifest.get("base", DEFAULT_BASE)))


def current_site(settings: Settings) -> Site | None:
    """The site of the base IRI the server was given, else of the store's current build
    (None when there is neither)."""
    if settings.base_iri:
        return Site(settings.base_iri)
    build = GraphStore(settings.store_dir).current
    return None if build is None else _site_of(build, settings.store_dir)
