"""Entities that documents share: regions, agencies, collective units, platforms, projects,
indicators and cited plans.

Documents are turned into RDF one at a time, in parallel, so each records the entities it
names in an `EntityTable` instead of describing them; the tables of all documents merge by
union, whatever order the documents were read in, and `describe` writes each entity once into
the entities graph. Names as written are kept as `skos:altLabel`, so a query can find 市发改委
and 市发展改革委 alike and still see how each plan wrote it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from pyoxigraph import NamedNode, Quad

from ..parse.regions import Region, lookup
from .agencies import Unit, resolve_unit
from .iris import Iris
from .mentions import MentionKind, mention_key
from .ontology import with_superclasses
from .terms import T_DCTERMS, T_PG, T_PGF, T_RDF, T_RDFS, T_SKOS, chinese, string

_UNKNOWN_REGION = "unknown"
_MENTION_CLASSES = {"platform": T_PG.Platform, "project": T_PG.Project}
# The level a unit's name opens with in place of its division's name (`市发改委`).
_LEVEL_CHARACTERS = "省市县区州"
# The characters of a division's name that name it without its level (`嘉兴` of 嘉兴市).
_SHORT_PLACE = 2


@dataclass
class EntityTable:
    """The shared entities some documents name, by IRI, with what describes each."""

    regions: set[str] = field(default_factory=set)  # division codes
    units: dict[str, Unit] = field(default_factory=dict)
    # units and mentions, as written, with how many times the documents write each
    names: dict[str, Counter[str]] = field(default_factory=dict)
    mentions: dict[str, MentionKind] = field(default_factory=dict)
    indicators: dict[str, str] = field(default_factory=dict)
    cited: dict[str, str] = field(default_factory=dict)  # IRI → title

    def merge(self, other: EntityTable) -> None:
        """Add what `other` names; the same IRI always stands for the same description."""
        self.regions |= other.regions
        self.units.update(other.units)
        for node, names in other.names.items():
            self.names.setdefault(node, Counter()).update(names)
        self.mentions.update(other.mentions)
        self.indicators.update(other.indicators)
        self.cited.update(other.cited)


class Entities:
    """Mints the IRIs of the shared entities one document names, recording them in `table`."""

    def __init__(self, iris: Iris, titles: dict[str, str]) -> None:
        self.iris = iris
        self.titles = titles  # title of each document in the build → its IRI
        self.table = EntityTable()

    def region(self, region: Region) -> NamedNode:
        self.table.regions.add(region.code)
        return NamedNode(self.iris.region(region.code))

    def unit(self, name: str, home: Region | None) -> NamedNode:
        """The agency or collective unit a plan names, resolved in the plan's region."""
        unit = resolve_unit(name, home)
        code = unit.region.code if unit.region else _UNKNOWN_REGION
        if unit.kind == "agency" and unit.function:
            node = self.iris.agency(code, unit.function)
        elif unit.kind == "collective":
            node = self.iris.collective(code, name)
        else:
            node = self.iris.unresolved_agency(code, name)
        self.table.units.setdefault(node, unit)
        if unit.region is not None:
            self.table.regions.add(unit.region.code)
        self.table.names.setdefault(node, Counter())[name] += 1
        return NamedNode(node)

    def mention(self, name: str, kind: MentionKind) -> NamedNode:
        """A platform or project; two mentions with the same key are one entity."""
        node = self.iris.mention(kind, mention_key(name))
        self.table.mentions[node] = kind
        self.table.names.setdefault(node, Counter())[name] += 1
        return NamedNode(node)

    def indicator(self, wording: str) -> NamedNode:
        node = self.iris.indicator(wording)
        self.table.indicators[node] = wording
        return NamedNode(node)

    def cited(self, title: str) -> NamedNode:
        """The plan with this title: a document of the build, or a cited document."""
        if title in self.titles:
            return NamedNode(self.titles[title])
        node = self.iris.cited(title)
        self.table.cited[node] = title
        return NamedNode(node)


def describe(table: EntityTable, iris: Iris, graph: NamedNode) -> Iterator[Quad]:
    """The statements that describe every entity of `table`, in the named graph `graph`."""
    for code in sorted(_codes(table.regions)):
        region = lookup(code)
        if region is not None:
            yield from _region(region, iris, graph)
    for node, unit in table.units.items():
        yield from _unit(NamedNode(node), unit, table.names[node], iris, graph)
    for node, kind in table.mentions.items():
        # One preferred name, the same whichever document came first; every other as written.
        names = sorted(table.names[node])
        yield from _labelled(NamedNode(node), _MENTION_CLASSES[kind], names[0], graph)
        for name in names[1:]:
            yield Quad(NamedNode(node), T_SKOS.altLabel, chinese(name), graph)
    for node, wording in table.indicators.items():
        yield from _labelled(NamedNode(node), T_PG.Indicator, wording, graph)
    for node, title in table.cited.items():
        subject = NamedNode(node)
        yield Quad(subject, T_RDF.type, T_PG.CitedDocument, graph)
        yield Quad(subject, T_DCTERMS.title, string(title), graph)
        yield Quad(subject, T_RDFS.label, chinese(title), graph)


def described_part(table: EntityTable, part: EntityTable) -> EntityTable:
    """The entries of `table` for the entities `part` names, regions with their parents: what
    `describe` writes of those entities when it describes the whole of `table`. Each entity's
    statements depend on its own entry alone, so an update that changes what some documents
    name rewrites just the statements of the entities they name."""
    described = _codes(table.regions)
    return EntityTable(
        regions=_codes(part.regions) & described,
        units={node: table.units[node] for node in part.units if node in table.units},
        names={node: table.names[node] for node in part.names if node in table.names},
        mentions={node: table.mentions[node] for node in part.mentions
                  if node in table.mentions},
        indicators={node: table.indicators[node] for node in part.indicators
                    if node in table.indicators},
        cited={node: table.cited[node] for node in part.cited if node in table.cited})


def _codes(regions: set[str]) -> set[str]:
    """The division codes of `regions` and of every division that holds one of them."""
    return {region.code for code in regions for region in _with_parents(lookup(code))}


def _with_parents(region: Region | None) -> Iterator[Region]:
    while region is not None:
        yield region
        region = region.parent


def _labelled(node: NamedNode, kind: NamedNode, label: str, graph: NamedNode) -> Iterator[Quad]:
    for type_ in with_superclasses(kind):
        yield Quad(node, T_RDF.type, type_, graph)
    yield Quad(node, T_SKOS.prefLabel, chinese(label), graph)
    yield Quad(node, T_RDFS.label, chinese(label), graph)


def _region(region: Region, iris: Iris, graph: NamedNode) -> Iterator[Quad]:
    node = NamedNode(iris.region(region.code))
    yield from _labelled(node, T_PG.Region, region.name, graph)
    yield Quad(node, T_PG.divisionCode, string(region.code), graph)
    yield Quad(node, T_PG.level, T_PG[region.level], graph)
    if region.parent is not None:
        yield Quad(node, T_PG.withinRegion, NamedNode(iris.region(region.parent.code)), graph)


def _body_label(names: Counter[str], region_name: str) -> str:
    """An agency's name as the plans write it most (the fuller on a tie), with its division in
    full: `市发改委` of 嘉兴市 is `嘉兴市发改委`, never the function's stem `嘉兴市发展和改革`."""
    written = min(names, key=lambda name: (-names[name], -len(name), name))
    if not region_name or region_name[:_SHORT_PLACE] in written:
        return written  # (a name that names its place itself: `人行嘉兴市中心支行`)
    if written[:1] in _LEVEL_CHARACTERS and region_name.endswith(written[:1]):
        return region_name + written[1:]
    return region_name + written


def _unit(node: NamedNode, unit: Unit, names: Counter[str], iris: Iris,
          graph: NamedNode) -> Iterator[Quad]:
    region_name = unit.region.name if unit.region else ""
    if unit.kind == "agency" and unit.function:
        yield Quad(node, T_PG.function, T_PGF[unit.function], graph)
        kind, label = T_PG.Agency, _body_label(names, region_name)
    else:
        kind = T_PG.CollectiveUnit if unit.kind == "collective" else T_PG.UnresolvedAgency
        label = unit.name if not region_name or unit.name.startswith(region_name) \
            else f"{unit.name}({region_name})"
    yield from _labelled(node, kind, label, graph)
    for name in sorted(names):
        yield Quad(node, T_SKOS.altLabel, chinese(name), graph)
    if unit.region is not None:
        yield Quad(node, T_PG.area, NamedNode(iris.region(unit.region.code)), graph)
