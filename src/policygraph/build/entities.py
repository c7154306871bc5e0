"""Entities that documents share: regions, agencies, collective units, platforms, projects,
indicators and cited plans.

Each is described once, in the entities graph, the first time a document names it; later
documents only link to it. Names as written are kept as `skos:altLabel`, so a query can find
市发改委 and 市发展改革委 alike and still see how each plan wrote it.
"""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef

from ..parse.regions import Region
from ..vocab import DCTERMS, PG, PGF, RDF, RDFS, SKOS
from .agencies import Unit, functions, resolve_unit
from .iris import Iris
from .mentions import MentionKind, mention_key

_UNKNOWN_REGION = "unknown"
_MENTION_CLASSES = {"platform": PG.Platform, "project": PG.Project}


class Entities:
    """Mints and describes shared entities into one graph."""

    def __init__(self, iris: Iris, graph: Graph, titles: dict[str, URIRef]) -> None:
        self.iris = iris
        self.graph = graph
        self.titles = titles  # title of each document in the build → its IRI
        self._described: set[URIRef] = set()
        self.units: dict[URIRef, Unit] = {}

    def _first(self, node: URIRef) -> bool:
        """Whether `node` is new (and is now known), so that it is described once."""
        if node in self._described:
            return False
        self._described.add(node)
        return True

    def region(self, region: Region) -> URIRef:
        """A region and, the first time, its chain of enclosing regions."""
        node = self.iris.region(region.code)
        if self._first(node):
            g = self.graph
            g.add((node, RDF.type, PG.Region))
            g.add((node, SKOS.prefLabel, Literal(region.name, lang="zh")))
            g.add((node, RDFS.label, Literal(region.name, lang="zh")))
            g.add((node, PG.divisionCode, Literal(region.code)))
            g.add((node, PG.level, PG[region.level]))
            if region.parent is not None:
                g.add((node, PG.withinRegion, self.region(region.parent)))
        return node

    def unit(self, name: str, home: Region | None) -> URIRef:
        """The agency or collective unit a plan names, resolved in the plan's region."""
        unit = resolve_unit(name, home)
        code = unit.region.code if unit.region else _UNKNOWN_REGION
        if unit.kind == "agency" and unit.function:
            node = self.iris.agency(code, unit.function)
        elif unit.kind == "collective":
            node = self.iris.collective(code, name)
        else:
            node = self.iris.unresolved_agency(code, name)
        self.graph.add((node, SKOS.altLabel, Literal(name, lang="zh")))
        if self._first(node):
            self.units[node] = unit
            self._describe_unit(node, unit)
        return node

    def _describe_unit(self, node: URIRef, unit: Unit) -> None:
        g = self.graph
        region_name = unit.region.name if unit.region else ""
        if unit.kind == "agency" and unit.function:
            function = functions().labels[unit.function]
            g.add((node, RDF.type, PG.Agency))
            g.add((node, PG.function, PGF[unit.function]))
            label = f"{region_name}{function}"
        else:
            g.add((node, RDF.type,
                   PG.CollectiveUnit if unit.kind == "collective" else PG.UnresolvedAgency))
            label = unit.name if not region_name or unit.name.startswith(region_name) \
                else f"{unit.name}({region_name})"
        g.add((node, SKOS.prefLabel, Literal(label, lang="zh")))
        g.add((node, RDFS.label, Literal(label, lang="zh")))
        if unit.region is not None:
            g.add((node, PG.area, self.region(unit.region)))

    def mention(self, name: str, kind: MentionKind) -> URIRef:
        """A platform or project; two mentions with the same key are one entity."""
        node = self.iris.mention(kind, mention_key(name))
        if self._first(node):
            self.graph.add((node, RDF.type, _MENTION_CLASSES[kind]))
            self.graph.add((node, SKOS.prefLabel, Literal(name, lang="zh")))
            self.graph.add((node, RDFS.label, Literal(name, lang="zh")))
        return node

    def indicator(self, wording: str) -> URIRef:
        node = self.iris.indicator(wording)
        if self._first(node):
            self.graph.add((node, RDF.type, PG.Indicator))
            self.graph.add((node, SKOS.prefLabel, Literal(wording, lang="zh")))
            self.graph.add((node, RDFS.label, Literal(wording, lang="zh")))
        return node

    def cited(self, title: str) -> URIRef:
        """The plan with this title: a document of the build, or a cited document."""
        if title in self.titles:
            return self.titles[title]
        node = self.iris.cited(title)
        if self._first(node):
            self.graph.add((node, RDF.type, PG.CitedDocument))
            self.graph.add((node, DCTERMS.title, Literal(title)))
            self.graph.add((node, RDFS.label, Literal(title, lang="zh")))
        return node
