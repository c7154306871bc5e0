"""One extraction record as RDF: the document, its sections, tasks, targets and their sources.

The document's own statements go into its named graph; the entities it refers to (regions,
agencies, platforms, indicators), which other documents share, are described by `Entities`
into the entities graph, once however many documents name them.
"""

from __future__ import annotations

from decimal import Decimal

from rdflib import Graph, Literal, URIRef

from ..parse import Record, Target, Task
from ..parse.record import Span
from ..parse.regions import Region, lookup
from ..vocab import DCTERMS, OA, PG, RDF, XSD
from .entities import Entities
from .iris import Iris
from .mentions import find_mentions

# Characters of context kept on each side of a quote, as Web Annotation's prefix and suffix.
_CONTEXT = 16


class DocumentGraph:
    """Writes one record's triples into `graph`, naming shared entities through `entities`."""

    def __init__(self, record: Record, iris: Iris, entities: Entities, graph: Graph) -> None:
        self.record = record
        self.iris = iris
        self.entities = entities
        self.graph = graph
        self.document = iris.document(record.source)
        self.region: Region | None = lookup(record.region_code) if record.region_code else None

    def add(self, s: URIRef, p: URIRef, o: URIRef | Literal | None) -> None:
        if o is not None:
            self.graph.add((s, p, o))

    def write(self) -> None:
        """All of the record's statements."""
        self._metadata()
        parents = self._sections()
        # What can set a target, by path: sections, and the tasks that take their place.
        holders = dict(parents)
        for order, task in enumerate(self.record.tasks, start=1):
            holders[tuple(task.path)] = self._task(task, order, parents)
        for number, target in enumerate(self.record.targets, start=1):
            self._target(target, number, holders)

    def _metadata(self) -> None:
        record, doc = self.record, self.document
        self.add(doc, RDF.type, PG.PolicyDocument)
        self.add(doc, DCTERMS.title, _text(record.title))
        self.add(doc, PG.sourceFile, Literal(record.source))
        self.add(doc, PG.content, _text(record.text))
        if record.sha256:
            self.add(doc, PG.sha256, Literal(record.sha256, datatype=XSD.hexBinary))
        if record.issuer:
            self.add(doc, PG.issuer, self.entities.unit(record.issuer, self.region))
        if self.region is not None:
            self.add(doc, PG.jurisdiction, self.entities.region(self.region))
            self.add(doc, PG.level, PG[self.region.level])
        if record.issued:
            self.add(doc, PG.issued, Literal(record.issued, datatype=XSD.date))
        self.add(doc, PG.documentNumber, _text(record.doc_number))
        if record.period:
            self.add(doc, PG.periodStart, _year(record.period[0]))
            self.add(doc, PG.periodEnd, _year(record.period[-1]))
        for title in record.implements:
            self.add(doc, PG.implements, self.entities.cited(title))

    def _sections(self) -> dict[tuple[str, ...], URIRef]:
        """The sections' IRIs by path; every proper prefix of a task's path is one."""
        headings = {tuple(section.path): section.heading for section in self.record.sections}
        paths = dict.fromkeys([*headings, *(tuple(task.path[:depth]) for task in self.record.tasks
                                            for depth in range(1, len(task.path)))])
        parents: dict[tuple[str, ...], URIRef] = {(): self.document}
        for order, path in enumerate(paths, start=1):
            section = parents[path] = self.iris.section(self.document, list(path))
            self._part(section, PG.Section, list(path), order, parents)
            self.add(section, PG.heading, _text(headings.get(path)))
        return parents

    def _part(self, node: URIRef, kind: URIRef, path: list[str], order: int,
              parents: dict[tuple[str, ...], URIRef]) -> None:
        """Statements every section and task has: its place in the document's outline."""
        self.add(node, RDF.type, kind)
        self.add(node, PG.inDocument, self.document)
        self.add(node, PG.partOf, parents.get(tuple(path[:-1]), self.document))
        self.add(node, PG.order, Literal(order))
        self.add(node, PG.path, Literal(" ".join(path)))
        if path:
            self.add(node, PG.number, Literal(path[-1]))

    def _task(self, task: Task, order: int, parents: dict[tuple[str, ...], URIRef]) -> URIRef:
        node = self.iris.task(self.document, task.path)
        kind = PG.SafeguardTask if task.kind == "safeguard" else PG.Task
        self._part(node, kind, task.path, order, parents)
        self.add(node, PG.heading, _text(task.heading))
        self.add(node, PG.text, Literal(task.text))
        for name in task.agencies:
            unit = self.entities.unit(name, self.region)
            self.add(node, PG.responsibleUnit, unit)
            self.add(node, PG.leadAgency if name in task.lead else PG.supportingAgency, unit)
        for mention in find_mentions(task.text):
            self.add(node, PG.mentions, self.entities.mention(mention.name, mention.kind))
        self._source(node, task.span)
        return node

    def _target(self, target: Target, number: int,
                holders: dict[tuple[str, ...], URIRef]) -> None:
        node = self.iris.target(self.document, number)
        self.add(holders.get(tuple(target.path), self.document), PG.hasTarget, node)
        self.add(node, RDF.type, PG.Target)
        self.add(node, PG.inDocument, self.document)
        self.add(node, PG.order, Literal(number))
        self.add(node, PG.path, Literal(" ".join(target.path)))
        self.add(node, PG.value, Literal(Decimal(str(target.value)), datatype=XSD.decimal))
        if target.value_max is not None:
            self.add(node, PG.upperValue,
                     Literal(Decimal(str(target.value_max)), datatype=XSD.decimal))
        self.add(node, PG.unit, Literal(target.unit))
        self.add(node, PG.comparator, Literal(target.comparator))
        if target.year is not None:
            self.add(node, PG.dueYear, _year(target.year))
        if target.indicator:
            self.add(node, PG.indicator, self.entities.indicator(target.indicator))
        self._source(node, target.span)

    def _source(self, node: URIRef, span: Span | None) -> None:
        """Where `node` was read: a specific resource of the document with a position selector
        (offsets into the text as read) and a quote selector (the exact text and context)."""
        if span is None:
            return
        start, end = span
        text = self.record.text
        source, position, quote = (URIRef(f"{node}#{part}")
                                   for part in ("source", "position", "quote"))
        self.add(node, PG.sourceSpan, source)
        self.add(source, RDF.type, OA.SpecificResource)
        self.add(source, OA.hasSource, self.document)
        self.add(source, OA.hasSelector, position)
        self.add(source, OA.hasSelector, quote)
        self.add(position, RDF.type, OA.TextPositionSelector)
        self.add(position, OA.start, Literal(start, datatype=XSD.integer))
        self.add(position, OA.end, Literal(end, datatype=XSD.integer))
        self.add(quote, RDF.type, OA.TextQuoteSelector)
        self.add(quote, OA.exact, Literal(text[start:end]))
        self.add(quote, OA.prefix, Literal(text[max(0, start - _CONTEXT):start]))
        self.add(quote, OA.suffix, Literal(text[end:end + _CONTEXT]))


def _text(value: str | None) -> Literal | None:
    return Literal(value) if value else None


def _year(year: int) -> Literal:
    return Literal(f"{year:04d}", datatype=XSD.gYear)
