"""One extraction record as RDF: the document, its sections, tasks, targets and their sources.

The document's own statements go into its named graph; the entities it refers to (regions,
agencies, platforms, indicators), which other documents share, are recorded by `Entities` and
described once for the whole build.
"""

from __future__ import annotations

from collections.abc import Callable

from pyoxigraph import Literal, NamedNode, Quad

from ..parse import Record, Target, Task
from ..parse.record import Span
from ..parse.regions import Region, lookup
from .entities import Entities
from .indicators import indicator_concept
from .iris import Iris
from .measures import normalized
from .mentions import find_mentions
from .ontology import with_superclasses
from .terms import T_DCTERMS, T_OA, T_PG, T_RDF, T_XSD, decimal, integer, string, text, typed, year

# Characters of context kept on each side of a quote, as Web Annotation's prefix and suffix.
_CONTEXT = 16


class DocumentGraph:
    """The statements of one record, in its named graph, naming shared entities through
    `entities`."""

    def __init__(self, record: Record, iris: Iris, entities: Entities) -> None:
        self.record = record
        self.iris = iris
        self.entities = entities
        self.graph = NamedNode(iris.document_graph(record.source))
        self.document = iris.document(record.source)
        self.node = NamedNode(self.document)
        self.region: Region | None = lookup(record.region_code) if record.region_code else None
        self.quads: list[Quad] = []
        self.minted: set[NamedNode] = set()

    def add(self, s: NamedNode, p: NamedNode, o: NamedNode | Literal | None) -> None:
        if o is not None:
            self.quads.append(Quad(s, p, o, self.graph))

    def write(self) -> list[Quad]:
        """All of the record's statements."""
        self._metadata()
        parents = self._sections()
        # What can set a target, by path: sections, and the tasks that take their place.
        holders = dict(parents)
        for order, task in enumerate(self.record.tasks, start=1):
            holders[tuple(task.path)] = self._task(task, order, parents)
        for number, target in enumerate(self.record.targets, start=1):
            self._target(target, number, holders)
        return list(dict.fromkeys(self.quads))  # a unit named twice in one task is one link

    def _metadata(self) -> None:
        record, doc = self.record, self.node
        self.add(doc, T_RDF.type, T_PG.PolicyDocument)
        self.add(doc, T_DCTERMS.title, text(record.title))
        self.add(doc, T_PG.sourceFile, string(record.source))
        self.add(doc, T_PG.content, text(record.text))
        if record.sha256:
            self.add(doc, T_PG.sha256, typed(record.sha256, T_XSD.hexBinary))
        if record.issuer:
            self.add(doc, T_PG.issuer, self.entities.unit(record.issuer, self.region))
        if self.region is not None:
            self.add(doc, T_PG.jurisdiction, self.entities.region(self.region))
        level = self.region.level if self.region is not None else record.level
        if level:
            self.add(doc, T_PG.level, T_PG[level])
        if record.issued:
            # A page that dates its plan to the month only (`2021年4月`) gives an xsd:gYearMonth.
            kind = T_XSD.date if len(record.issued) > len("YYYY-MM") else T_XSD.gYearMonth
            self.add(doc, T_PG.issued, typed(record.issued, kind))
        self.add(doc, T_PG.documentNumber, text(record.doc_number))
        if record.period:
            self.add(doc, T_PG.periodStart, year(record.period[0]))
            self.add(doc, T_PG.periodEnd, year(record.period[-1]))
        for title in record.implements:
            self.add(doc, T_PG.implements, self.entities.cited(title))

    def _sections(self) -> dict[tuple[str, ...], NamedNode]:
        """The sections' nodes by path; every proper prefix of a task's path is one."""
        headings = {tuple(section.path): section.heading for section in self.record.sections}
        paths = dict.fromkeys([*headings, *(tuple(task.path[:depth]) for task in self.record.tasks
                                            for depth in range(1, len(task.path)))])
        parents: dict[tuple[str, ...], NamedNode] = {(): self.node}
        for order, path in enumerate(paths, start=1):
            section = parents[path] = self._mint(self.iris.section, list(path))
            self._part(section, T_PG.Section, list(path), order, parents)
            self.add(section, T_PG.heading, text(headings.get(path)))
        return parents

    def _mint(self, iri: Callable[..., str], path: list[str]) -> NamedNode:
        """The node of a section or task; where its numbers name another item of the
        document already (a page beginning mid-outline at both `3.` and `(三)`), its labels
        as written do."""
        node = NamedNode(iri(self.document, path))
        if node in self.minted:
            node = NamedNode(iri(self.document, path, written=True))
        while node in self.minted:  # `(2)` took the number, and `2` is written as it
            node = NamedNode(node.value + "bis")
        self.minted.add(node)
        return node

    def _part(self, node: NamedNode, kind: NamedNode, path: list[str], order: int,
              parents: dict[tuple[str, ...], NamedNode]) -> None:
        """Statements every section and task has: its place in the document's outline."""
        for type_ in with_superclasses(kind):
            self.add(node, T_RDF.type, type_)
        self.add(node, T_PG.inDocument, self.node)
        self.add(node, T_PG.partOf, parents.get(tuple(path[:-1]), self.node))
        self.add(node, T_PG.order, integer(order))
        self.add(node, T_PG.path, string(" ".join(path)))
        if path:
            self.add(node, T_PG.number, string(path[-1]))

    def _task(self, task: Task, order: int,
              parents: dict[tuple[str, ...], NamedNode]) -> NamedNode:
        node = self._mint(self.iris.task, task.path)
        kind = T_PG.SafeguardTask if task.kind == "safeguard" else T_PG.Task
        self._part(node, kind, task.path, order, parents)
        self.add(node, T_PG.heading, text(task.heading))
        self.add(node, T_PG.text, string(task.text))
        for name in task.agencies:
            unit = self.entities.unit(name, self.region)
            self.add(node, T_PG.responsibleUnit, unit)
            self.add(node, T_PG.leadAgency if name in task.lead else T_PG.supportingAgency, unit)
        for mention in find_mentions(task.text):
            self.add(node, T_PG.mentions, self.entities.mention(mention.name, mention.kind))
        self._source(node, task.span)
        return node

    def _target(self, target: Target, number: int,
                holders: dict[tuple[str, ...], NamedNode]) -> None:
        node = NamedNode(self.iris.target(self.document, number))
        self.add(holders.get(tuple(target.path), self.node), T_PG.hasTarget, node)
        self.add(node, T_RDF.type, T_PG.Target)
        self.add(node, T_PG.inDocument, self.node)
        self.add(node, T_PG.order, integer(number))
        self.add(node, T_PG.path, string(" ".join(target.path)))
        self.add(node, T_PG.value, decimal(target.value))
        if target.value_max is not None:
            self.add(node, T_PG.upperValue, decimal(target.value_max))
        self.add(node, T_PG.unit, string(target.unit))
        concept = indicator_concept(target.indicator, target.unit) if target.indicator else None
        if concept is not None:
            self.add(node, T_PG.indicatorConcept, NamedNode(concept.iri))
        dimension = concept.dimension if concept is not None else None
        if (measure := normalized(target.value, target.unit, dimension)) is not None:
            self.add(node, T_PG.normalizedValue, decimal(measure.value))
            self.add(node, T_PG.normalizedUnit, string(measure.unit))
            if target.value_max is not None and (upper := normalized(target.value_max,
                                                                      target.unit, dimension)):
                self.add(node, T_PG.normalizedUpperValue, decimal(upper.value))
        self.add(node, T_PG.comparator, string(target.comparator))
        if target.year is not None:
            self.add(node, T_PG.dueYear, year(target.year))
        if target.indicator:
            self.add(node, T_PG.indicator, self.entities.indicator(target.indicator))
        self._source(node, target.span)

    def _source(self, node: NamedNode, span: Span | None) -> None:
        """Where `node` was read: a specific resource of the document with a position selector
        (offsets into the text as read) and a quote selector (the exact text and context)."""
        if span is None:
            return
        start, end = span
        content = self.record.text
        source, position, quote = (NamedNode(f"{node.value}#{part}")
                                   for part in ("source", "position", "quote"))
        self.add(node, T_PG.sourceSpan, source)
        self.add(source, T_RDF.type, T_OA.SpecificResource)
        self.add(source, T_OA.hasSource, self.node)
        self.add(source, T_OA.hasSelector, position)
        self.add(source, T_OA.hasSelector, quote)
        self.add(position, T_RDF.type, T_OA.TextPositionSelector)
        self.add(position, T_OA.start, integer(start))
        self.add(position, T_OA.end, integer(end))
        self.add(quote, T_RDF.type, T_OA.TextQuoteSelector)
        self.add(quote, T_OA.exact, string(content[start:end]))
        self.add(quote, T_OA.prefix, string(content[max(0, start - _CONTEXT):start]))
        self.add(quote, T_OA.suffix, string(content[end:end + _CONTEXT]))
