"""HTML pages of linked data: an entity's description as a readable page, and the ontology
as its documentation.

Pages are rendered from the same description the RDF representations serialise (plus, for an
entity, what links to it, a document's outline and a task's source text), with Jinja2
templates that escape everything they are given; the only markup comes from the templates.
Property and class names come from the ontology's labels (English, with the Chinese beside
it); entities are named by their Chinese labels, headings or source quotes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import jinja2
import pyoxigraph as ox

from ..parse.numerals import ordinal
from ..vocab import DCTERMS, OA, OWL, PG, PREFIXES, RDF, RDFS, SKOS, XSD, prefixed
from . import i18n

# One solution of SPARQL JSON results: variable → {"type", "value", "xml:lang", "datatype"}.
Binding = dict[str, dict[str, str]]
Object = ox.NamedNode | ox.BlankNode | ox.Literal

POLICY_DOCUMENT = str(PG.PolicyDocument)
_TYPE = str(RDF.type)
_LABELS = (str(RDFS.label), str(SKOS.prefLabel), str(DCTERMS.title))
_HEADING, _PATH, _TEXT, _CONTENT = str(PG.heading), str(PG.path), str(PG.text), str(PG.content)
_ONTOLOGY = str(PG).rstrip("#")
_PLAIN = {str(XSD.string), "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"}
# Language preferences: entities are Chinese; the ontology's terms are named in English.
_ZH_FIRST = ("zh", "", "en")
_EN_FIRST = ("en", "", "zh")
# Code points of a quote in a title, of context around a name, and of the document text shown
# around a span (the whole of most plans, in a box scrolled to the span).
_TITLE_CHARS = 40
_SNIPPET_CHARS = 30
_WINDOW_CHARS = 20_000


@dataclass(frozen=True)
class Format:
    """A representation of the page's resource: its `format=` name, media type and URL."""

    name: str
    media_type: str
    href: str


@dataclass(frozen=True)
class Term:
    """An IRI or literal as shown: text, link, language and a tooltip."""

    text: str
    href: str | None = None
    lang: str | None = None
    alt: str | None = None  # the label in the other language
    alt_lang: str | None = None
    hint: str | None = None  # the full IRI, or a literal's datatype


@dataclass(frozen=True)
class Row:
    """A property of a resource and its values."""

    property: Term
    values: list[Term]


@dataclass(frozen=True)
class Block:
    """A resource's table: the entity itself, or one of its hash IRIs (`#source`)."""

    anchor: str | None
    title: str
    iri: str
    types: list[Term]
    rows: list[Row]


@dataclass(frozen=True)
class Span:
    """Where a task or target was read: its document and code-point offsets, and the quote."""

    document: str
    start: int
    end: int
    exact: str
    prefix: str
    suffix: str


@dataclass(frozen=True)
class Excerpt:
    """Text with one stretch of it marked."""

    before: str
    marked: str
    after: str
    document: str | None = None  # the IRI of the document it is from

    @classmethod
    def of_span(cls, span: Span, content: str | None) -> Excerpt:
        """The span in its document's text with a window of context, cut at line breaks;
        the quote selector's own context when the text is missing or does not match."""
        if content is None or content[span.start:span.end] != span.exact:
            return cls(span.prefix, span.exact, span.suffix, span.document)
        low = max(0, span.start - _WINDOW_CHARS)
        high = min(len(content), span.end + _WINDOW_CHARS)
        before, after = content[low:span.start], content[span.end:high]
        if low > 0:  # start at a line in the window's first half, else mid-line
            cut = before.find("\n")
            before = "…\n" + before[cut + 1:] if 0 <= cut < len(before) // 2 else "…" + before
        if high < len(content):  # end at a line in the window's second half, else mid-line
            cut = after.rfind("\n")
            after = after[:cut] + "\n…" if cut >= len(after) // 2 else after + "…"
        return cls(before, span.exact, after, span.document)

    @classmethod
    def around(cls, text: str, names: Iterable[str]) -> Excerpt:
        """A short context of the first of `names` in `text`, or the start of `text`."""
        found = sorted((text.find(name), -len(name), name) for name in names
                       if name and name in text)
        if not found:
            clipped = text[:2 * _SNIPPET_CHARS]
            return cls(clipped + ("…" if len(text) > len(clipped) else ""), "", "")
        at, _, name = found[0]
        low, high = max(0, at - _SNIPPET_CHARS), at + len(name) + _SNIPPET_CHARS
        return cls(("…" if low else "") + text[low:at], name,
                   text[at + len(name):high] + ("…" if high < len(text) else ""))


@dataclass(frozen=True)
class Incoming:
    """An entity that links to the page's, with a short context from its text."""

    subject: Term
    snippet: Excerpt | None


@dataclass(frozen=True)
class Group:
    """The entities that link to the page's by one property."""

    property: Term
    items: list[Incoming]


@dataclass(frozen=True)
class Part:
    """A line of a document's outline."""

    depth: int
    term: Term
    kind: str


@dataclass(frozen=True)
class Panel:
    """A section of an entity's page beyond its description (a document's outline tree, an
    agency's tasks, a region's plans): its template, what it shows, and the properties of
    the links to the entity that it lists already."""

    template: str
    context: dict[str, Any]
    hides: tuple[str, ...] = ()


@dataclass(frozen=True)
class Documented:
    """A term of the ontology as documented: its table, its labels and its comments."""

    block: Block
    labels: list[tuple[str, str]]
    comments: list[str]


class Description:
    """The triples of a description, indexed by subject and predicate."""

    def __init__(self, triples: Iterable[ox.Triple | ox.Quad]) -> None:
        self.triples = [ox.Triple(t.subject, t.predicate, t.object) for t in triples]
        self.index: dict[str, dict[str, list[Object]]] = {}
        for triple in self.triples:
            subject = triple.subject
            if isinstance(subject, ox.NamedNode) and not isinstance(triple.object, ox.Triple):
                (self.index.setdefault(subject.value, {})
                 .setdefault(triple.predicate.value, []).append(triple.object))

    @classmethod
    def parse(cls, ntriples: bytes) -> Description:
        return cls(ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES))

    def add(self, iri: str, predicate: str, node: Object) -> None:
        """One more statement to show (a label learnt from another query)."""
        self.index.setdefault(iri, {}).setdefault(predicate, []).append(node)

    def about(self, iri: str) -> bool:
        return iri in self.index

    def objects(self, iri: str, predicate: str) -> list[Object]:
        return self.index.get(iri, {}).get(predicate, [])

    def value(self, iri: str, predicate: str) -> str | None:
        found = self.objects(iri, predicate)
        return found[0].value if found else None

    def hashes(self, iri: str) -> list[str]:
        """The hash IRIs of `iri` that have statements, in the order links reach them
        ({task}#source, then its selectors), then any others by name."""
        found: list[str] = []
        queue = [iri]
        while queue:
            for nodes in self.index.get(queue.pop(0), {}).values():
                for node in nodes:
                    if (isinstance(node, ox.NamedNode) and node.value.startswith(iri + "#")
                            and node.value in self.index and node.value not in found):
                        found.append(node.value)
                        queue.append(node.value)
        return found + sorted(subject for subject in self.index
                              if subject.startswith(iri + "#") and subject not in found)

    def has_type(self, iri: str, kind: str) -> bool:
        return any(kind == node.value for node in self.objects(iri, _TYPE))

    def span(self, iri: str) -> Span | None:
        """The source span of a task or target, from its hash IRIs."""
        source = self.value(iri, str(PG.sourceSpan))
        document = source and self.value(source, str(OA.hasSource))
        if not source or not document:
            return None
        found: dict[str, str] = {}
        for selector in self.objects(source, str(OA.hasSelector)):
            for name in ("start", "end", "exact", "prefix", "suffix"):
                value = self.value(selector.value, str(OA[name]))
                if value is not None:
                    found[name] = value
        if not {"start", "end", "exact"} <= found.keys():
            return None
        return Span(document, int(found["start"]), int(found["end"]), found["exact"],
                    found.get("prefix", ""), found.get("suffix", ""))

    def serialize(self, iri: str, rdf_format: ox.RdfFormat) -> bytes:
        """The triples in `rdf_format`, grouped by subject: the entity's own, those of its
        hash IRIs, then the labels of what they link to."""
        rank = {subject: order for order, subject in enumerate([iri, *self.hashes(iri)])}
        ordered = sorted(self.triples, key=lambda t: (
            rank.get(t.subject.value, len(rank)) if isinstance(t.subject, ox.NamedNode)
            else len(rank), str(t.subject), str(t.predicate), str(t.object)))
        return ox.serialize(ordered, format=rdf_format, prefixes=PREFIXES) or b""


class Namer:
    """Names IRIs and literals for a page, from the labels in a description."""

    def __init__(self, description: Description, link: Callable[[str], str | None],
                 base: str, page: str) -> None:
        self.description = description
        self.link = link
        self.base = base
        self.page = page

    def short(self, iri: str) -> str:
        """An unlabelled IRI, shortened: a fragment of the page's IRI, relative to the base,
        or a prefixed name."""
        if iri.startswith(self.page + "#"):
            return iri[len(self.page):]
        if iri.startswith(self.base):
            return iri[len(self.base):]
        return prefixed(iri) or iri

    def labels(self, iri: str) -> list[tuple[str, str]]:
        return [(node.value, node.language or "") for predicate in _LABELS
                for node in self.description.objects(iri, predicate)
                if isinstance(node, ox.Literal)]

    def node(self, iri: str) -> Term:
        """An IRI as a link, named by its label (or heading) in the preferred language."""
        prefer = _preference(iri)
        labels = self.labels(iri)
        heading = self.description.value(iri, _HEADING)
        if not labels and heading:
            labels = [(heading, "")]
        text, lang = _choose(labels, prefer) or (self.short(iri), "")
        other = _choose([label for label in labels if label[1] != lang], prefer)
        return Term(text, self.link(iri), lang or None, other[0] if other else None,
                    (other[1] or None) if other else None, iri)

    def value(self, node: Object) -> Term:
        if isinstance(node, ox.NamedNode):
            return self.node(node.value)
        if isinstance(node, ox.BlankNode):
            return Term(f"_:{node.value}")
        hint = None if node.datatype.value in _PLAIN else self.short(node.datatype.value)
        return Term(node.value, lang=node.language or None, hint=hint)

    def title(self, iri: str) -> tuple[str, str | None]:
        """What a page about `iri` is called, and the title's language."""
        description = self.description
        span = description.span(iri)
        chosen = _choose(self.labels(iri), _preference(iri))
        text = entity_title(
            label=chosen[0] if chosen else None, heading=description.value(iri, _HEADING),
            path=description.value(iri, _PATH),
            quote=span.exact if span else description.value(iri, _TEXT)) or self.short(iri)
        return text, (chosen[1] or None) if chosen else None

    def block(self, iri: str, skip: Sequence[str] = ()) -> Block:
        """A resource's types and a table of its other properties, sorted by their names."""
        properties = self.description.index.get(iri, {})
        rows = [Row(self.node(predicate), [self.value(node) for node in nodes])
                for predicate, nodes in properties.items()
                if predicate != _TYPE and predicate not in skip]
        rows.sort(key=lambda row: row.property.text.lower())
        types = [self.value(node) for node in self.description.objects(iri, _TYPE)]
        anchor = iri.partition("#")[2] or None
        return Block(anchor, self.title(iri)[0], iri, types, rows)


def _preference(iri: str) -> Sequence[str]:
    """Languages in order of preference for naming `iri`: the ontology and its terms in the
    page's language, entities in Chinese (their names are Chinese; most have no other)."""
    if iri.split("#")[0] == _ONTOLOGY and i18n.current() != "zh":
        return _EN_FIRST
    return _ZH_FIRST


def _choose(labels: Sequence[tuple[str, str]],
            prefer: Sequence[str]) -> tuple[str, str] | None:
    """The label in the first preferred language (then any), as (text, language)."""
    return min(labels, key=lambda label: (_rank(label, prefer), label[0]), default=None)


def _rank(label: tuple[str, str], prefer: Sequence[str]) -> int:
    language = label[1].split("-")[0].lower()
    return prefer.index(language) if language in prefer else len(prefer)


def entity_title(label: str | None, heading: str | None, path: str | None,
                 quote: str | None) -> str | None:
    """A label; else a numbered heading (三 (一) 加强物流平台建设); else the numbering and the
    start of the text as read."""
    if label:
        return label
    if heading:
        return f"{path or ''} {heading}".strip()
    if quote:
        clipped = quote[:_TITLE_CHARS] + ("…" if len(quote) > _TITLE_CHARS else "")
        return f"{path or ''} {clipped}".strip()
    return None


def _first(rows: Iterable[Binding], name: str) -> str | None:
    return next((row[name]["value"] for row in rows if name in row), None)


def incoming_groups(iri: str, namer: Namer, rows: Sequence[Binding], limit: int,
                    skip: Sequence[str] = ()) -> tuple[list[Group], bool]:
    """The first `limit` links to `iri` (and whether there are more), grouped by property,
    each with a context that shows where its text names the entity."""
    _learn_labels(namer.description, rows)
    by_link: dict[tuple[str, str], list[Binding]] = {}
    more = False
    for row in rows:
        link = (row["p"]["value"], row["s"]["value"])
        if link[0] in skip:
            continue
        if link in by_link or len(by_link) < limit:
            by_link.setdefault(link, []).append(row)
        else:
            more = True
    names = [label for label, _ in namer.labels(iri)] + [
        node.value for node in namer.description.objects(iri, str(SKOS.altLabel))]
    groups: dict[str, list[Incoming]] = {}
    for (predicate, subject), found in by_link.items():
        labels = [(row["label"]["value"], row["label"].get("xml:lang", ""))
                  for row in found if "label" in row]
        chosen = _choose(labels, _ZH_FIRST)
        quote = _first(found, "exact") or _first(found, "text")
        title = entity_title(chosen[0] if chosen else None, _first(found, "heading"),
                             _first(found, "path"), quote) or namer.short(subject)
        term = Term(title, namer.link(subject), (chosen[1] or None) if chosen else None,
                    hint=subject)
        groups.setdefault(predicate, []).append(
            Incoming(term, Excerpt.around(quote, names) if quote else None))
    return [Group(namer.node(predicate), sorted(items, key=lambda i: _natural(i.subject.hint)))
            for predicate, items in sorted(groups.items(),
                                           key=lambda item: namer.node(item[0]).text)], more


def _learn_labels(description: Description, rows: Iterable[Binding]) -> None:
    """The labels of the linking properties (`?plabel`), which the description lacks."""
    for row in rows:
        if "plabel" in row:
            predicate, label = row["p"]["value"], row["plabel"]
            node = ox.Literal(label["value"], language=label.get("xml:lang") or None)
            if node not in description.objects(predicate, str(RDFS.label)):
                description.add(predicate, str(RDFS.label), node)


def _natural(text: str | None) -> list[tuple[int, int | str]]:
    """A sort key that puts task/2 before task/10 (and 1bis between 1 and 2)."""
    return [(0, int(part)) if part.isdecimal() else (1, part)
            for part in re.split(r"(\d+)", text or "") if part]


def _numbering(label: str) -> list[tuple[int, int | str]]:
    """A sort key of a numbering label in any numerals a plan uses (三, ③, ㈢, Ⅲ, 丙)."""
    place = ordinal(label)
    return [(0, place)] if place is not None else _natural(label)


def outline(namer: Namer, rows: Sequence[Binding]) -> tuple[list[Part], list[Part]]:
    """A document's sections and tasks in numbering order, indented by depth; and its
    targets in reading order."""
    kinds = {str(PG.Section): "section", str(PG.Task): "task", str(PG.SafeguardTask): "task",
             str(PG.Target): "target"}
    parts: dict[str, tuple[str, str, str | None, str | None]] = {}
    for row in rows:
        kind = kinds.get(row["type"]["value"])
        iri = row["part"]["value"]
        if kind:
            parts[iri] = (kind, row["path"]["value"], _first([row], "heading"),
                          _first([row], "exact"))
    lines: list[tuple[list[tuple[int, int | str]], Part]] = []
    for iri, (kind, path, heading, exact) in parts.items():
        title = entity_title(None, heading, path, exact) or namer.short(iri)
        key = [item for label in path.split() for item in _numbering(label)]
        if kind == "target":
            key = _natural(iri)
        lines.append((key, Part(len(path.split()), Term(title, namer.link(iri), hint=iri),
                                kind)))
    lines.sort(key=lambda line: (line[1].kind == "target", line[0], line[1].kind))
    return ([part for _, part in lines if part.kind != "target"],
            [part for _, part in lines if part.kind == "target"])


@cache
def _environment() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("policygraph.serve", "templates"), autoescape=True,
        undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
        extensions=["jinja2.ext.i18n"])
    # (`_("…")` in a template is the message in the page's language, read when rendered)
    environment.install_gettext_callables(  # type: ignore[attr-defined]
        i18n.translate, i18n.ntranslate, newstyle=True)
    environment.globals.update(language=i18n.current, switch_links=i18n.switch_links)
    return environment


def render(template: str, **context: object) -> str:
    """A template rendered with everything it is given escaped."""
    return _environment().get_template(template).render(**context)


def entity_page(iri: str, namer: Namer, formats: Sequence[Format], *,
                incoming: Sequence[Binding], limit: int, panel: Panel | None,
                excerpt: Excerpt | None, truncated: bool) -> str:
    """The page of a data entity or an agency function."""
    description = namer.description
    title, lang = namer.title(iri)
    groups, more = incoming_groups(iri, namer, incoming, limit, panel.hides if panel else ())
    content = description.value(iri, _CONTENT)
    document = namer.node(excerpt.document) if excerpt and excerpt.document else None
    return render(
        "entity.html", title=title, lang=lang, iri=iri, formats=formats,
        main=namer.block(iri, skip=[_CONTENT]),
        hashes=[namer.block(subject) for subject in description.hashes(iri)],
        content_length=len(content) if content is not None else None,
        excerpt=excerpt, document=document, panel=panel,
        incoming=groups, more=more, limit=limit, truncated=truncated)


def ontology_page(iri: str, namer: Namer, formats: Sequence[Format]) -> str:
    """The ontology's documentation: every term, by kind, anchored by its local name."""
    description = namer.description
    kinds = [(str(OWL.Class), i18n.gettext_("Classes")),
             (str(OWL.ObjectProperty), i18n.gettext_("Object properties")),
             (str(OWL.DatatypeProperty), i18n.gettext_("Datatype properties"))]
    individuals = i18n.gettext_("Individuals")
    sections: dict[str, list[Documented]] = {name: [] for _, name in kinds}
    sections[individuals] = []
    for subject in description.hashes(iri):
        name = next((name for kind, name in kinds if description.has_type(subject, kind)),
                    individuals)
        sections[name].append(Documented(
            namer.block(subject, skip=[*_LABELS, str(RDFS.comment)]),
            sorted(namer.labels(subject), key=lambda label: _rank(label, _preference(iri))),
            [node.value for node in description.objects(subject, str(RDFS.comment))]))
    comments = [node.value for node in description.objects(iri, str(RDFS.comment))]
    return render("ontology.html", title=namer.title(iri)[0], lang=None, iri=iri,
                  formats=formats, main=namer.block(iri, skip=[str(RDFS.comment)]),
                  comments=comments, sections=sections)
