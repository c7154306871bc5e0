"""Links from the web interface's pages to the pages of the IRIs they show."""

from __future__ import annotations

from dataclasses import dataclass

from ..settings import Settings
from ..site import Site, current_site


@dataclass(frozen=True)
class Linker:
    """The URL of an IRI's page on this server (or the IRI itself, for other web IRIs);
    called from templates as `link(iri)`."""

    site: Site | None

    @classmethod
    def of(cls, settings: Settings) -> Linker:
        return cls(current_site(settings))

    def __call__(self, iri: object) -> str | None:
        if self.site is None or not isinstance(iri, str) or not iri:
            return None
        return self.site.link(iri)

    def relative(self, iri: str) -> str | None:
        """A data IRI relative to the build's base (`doc/…/task/3-1`), else None."""
        if self.site is None or not iri.startswith(self.site.base):
            return None
        return iri[len(self.site.base):] or None
