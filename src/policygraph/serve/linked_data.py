"""Dereferenceable IRIs: every entity of the graph and every term of its vocabularies has a
page on this server, in HTML for people and in RDF for programs.

Which request path names which IRI is `site.Site`'s business: data under the base IRI's
path, the vocabularies (`/ontology`, `/function/{slug}`) at the server root.

A description is the IRI's own triples, the triples of its hash IRIs (`{task}#source`,
`#position`, `#quote`; the terms of `/ontology`), and the labels of what they link to. It is
answered 200 in the representation chosen by `Accept` (q-values honoured) or `format=`, with
`Content-Location` naming that representation's own URL and `Vary: Accept`, rather than a 303
to a separate document: one round trip, and a client that dereferences `{task}#source` gets
the task's description, which is where the fragment's triples are, since fragments never
reach the server. IRIs with no triples are 404.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox
from fastapi import APIRouter, Request
from fastapi.responses import Response
from fastapi.routing import APIRoute
from starlette.routing import Match
from starlette.types import Scope

from ..build import Iris
from . import pages
from .deps import PagePoolDep, SettingsDep
from .executor import Job, QueryFailed, QueryPool, QueryTimeout
from .i18n import gettext_
from .negotiation import FORMAT_NAMES, pick
from .results import GRAPH_TYPES
from .settings import Settings
from .site import ONTOLOGY, VOCABULARY_ROOT, Site, current_site
from .web.entities import entity_panel

HTML = "text/html"
# What a description is offered as, the first when any type will do (a browser, `*/*`).
OFFERED = (HTML, *GRAPH_TYPES)
# `format=` names: the RDF ones the SPARQL endpoint knows, and html.
FORMATS = {"html": HTML, **{name: graph for name, (_, graph) in FORMAT_NAMES.items() if graph}}
_SHORT_NAMES = {"text/html": "html", "text/turtle": "ttl", "application/n-triples": "nt",
                "application/ld+json": "jsonld", "application/rdf+xml": "rdfxml"}
# Incoming links listed on a page at most (one more is asked for, to know there are more).
INCOMING_LIMIT = 200


def _requested(scope: Scope, settings: Settings) -> tuple[Site, str] | None:
    site = current_site(settings)
    raw_path: bytes = scope.get("raw_path") or scope["path"].encode()
    iri = site.iri(raw_path) if site is not None else None
    return None if site is None or iri is None else (site, iri)


# The scope key under which a matched route leaves the site and IRI its path names.
_REQUESTED = "policygraph.requested"


class _ServedIris(APIRoute):
    """A catch-all route that claims only the paths of IRIs served here, so every other path
    keeps the framework's own 404 and trailing-slash redirect."""

    def matches(self, scope: Scope) -> tuple[Match, Scope]:
        match, child = super().matches(scope)
        if match is Match.NONE:
            return match, child
        requested = _requested(scope, scope["app"].state.settings)
        if requested is None:
            return Match.NONE, {}
        return match, {**child, _REQUESTED: requested}  # the handler reads it from the scope


router = APIRouter(tags=["linked data"], route_class=_ServedIris)


@router.api_route("/{path:path}", methods=["GET", "HEAD"], include_in_schema=False)
async def describe(request: Request, pool: PagePoolDep, settings: SettingsDep) -> Response:
    """The description of the IRI the path names, in the negotiated representation."""
    site, iri = request.scope[_REQUESTED]
    formats = request.query_params.getlist("format")
    if formats:
        media = FORMATS.get(formats[-1], formats[-1] if formats[-1] in OFFERED else None)
        if media is None:
            return _text(400, f"unknown format {formats[-1]!r}; known: "
                              + ", ".join(sorted(FORMATS)))
    else:
        media = pick(OFFERED, request.headers.get("accept", "*/*"))
        if media is None:
            return _text(406, "no acceptable representation; offered: " + ", ".join(OFFERED))
    runner = _Runner(pool, settings, site)
    try:
        description, truncated = await runner.description(iri)
        if not description.about(iri):
            if media == HTML:
                page = pages.render("not_found.html", title=gettext_("Not found"), iri=iri,
                                    formats=[])
                return Response(page, 404, media_type="text/html; charset=utf-8")
            return _text(404, f"nothing is known about <{iri}>")
        headers = _headers(site, iri, media, truncated)
        body: str | bytes = (await _page(runner, iri, description, truncated) if media == HTML
                             else description.serialize(iri, GRAPH_TYPES[media]))
    except QueryTimeout as late:
        return _text(503, str(late), {"Retry-After": "1"})
    except QueryFailed as failed:
        return _text(failed.status, failed.message)
    charset = "; charset=utf-8" if media.startswith("text/") else ""
    return Response(body, media_type=media + charset, headers=headers)


def _text(status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    return Response(message + "\n", status, headers=headers,
                    media_type="text/plain; charset=utf-8")


def _headers(site: Site, iri: str, media: str, truncated: bool) -> dict[str, str]:
    """`Content-Location` names the representation sent; `Link` the other ones."""
    formats = _formats(site, iri)
    alternates = ", ".join(f'<{other.href}>; rel="alternate"; type="{other.media_type}"'
                           for other in formats if other.media_type != media)
    sent = next(format.href for format in formats if format.media_type == media)
    return {"Content-Location": sent, "Vary": "Accept", "Link": alternates,
            "X-Policygraph-Truncated": "true" if truncated else "false"}


def _formats(site: Site, iri: str) -> list[pages.Format]:
    """Each representation of `iri`, with the URL that gives it whatever `Accept` says."""
    page = site.href(iri) or "/"
    return [pages.Format(_SHORT_NAMES[media], media, f"{page}?format={_SHORT_NAMES[media]}")
            for media in OFFERED]


async def _page(runner: _Runner, iri: str, description: pages.Description,
                truncated: bool) -> str:
    """The HTML page: the ontology's documentation, or an entity with what links to it, the
    panel of its kind (a document's outline, an agency's tasks, a region's plans) and its
    source text (a task or target)."""
    site = runner.site
    namer = pages.Namer(description, site.link, site.base, iri)
    formats = _formats(site, iri)
    if iri == ONTOLOGY:
        return pages.ontology_page(iri, namer, formats)
    term = str(ox.NamedNode(iri))
    incoming = await runner.rows(_INCOMING % {"iri": term, "limit": INCOMING_LIMIT + 1})
    outline = (await runner.rows(_OUTLINE % {"iri": term})
               if description.has_type(iri, pages.POLICY_DOCUMENT) else [])
    excerpt = None
    span = description.span(iri)
    if span is not None:
        content = await runner.rows(_CONTENT % {"iri": str(ox.NamedNode(span.document))})
        excerpt = pages.Excerpt.of_span(span, content[0]["content"]["value"] if content
                                        else None)
    panel = await entity_panel(runner.pool, runner.settings, namer, iri, outline)
    return pages.entity_page(iri, namer, formats, incoming=incoming, limit=INCOMING_LIMIT,
                             panel=panel, excerpt=excerpt, truncated=truncated)


@dataclass
class _Runner:
    """Runs a page's queries in the pool, under the server's limits."""

    pool: QueryPool
    settings: Settings
    site: Site

    async def description(self, iri: str) -> tuple[pages.Description, bool]:
        """The description of `iri` and whether the row cap cut it."""
        term = str(ox.NamedNode(iri))  # validates: a path that is no IRI is refused here
        if iri.startswith(VOCABULARY_ROOT):
            graph = str(ox.NamedNode(str(Iris(self.site.base).ontology_graph())))
            hashes = _DEFINED_HASHES % {"graph": graph, "iri": term}
        else:
            hashes = _LINKED_HASHES % {"iri": term}
        job = Job(sparql=_DESCRIBE % {"iri": term, "hashes": hashes}, result_type=None,
                  graph_type="application/n-triples", max_rows=self.settings.max_rows)
        outcome = await self.pool.run(job, self.settings.timeout)
        return pages.Description.parse(outcome.body), outcome.truncated

    async def rows(self, sparql: str) -> list[pages.Binding]:
        job = Job(sparql=sparql, result_type="application/sparql-results+json",
                  graph_type=None, max_rows=self.settings.max_rows)
        outcome = await self.pool.run(job, self.settings.timeout)
        results: dict[str, Any] = json.loads(outcome.body)
        rows: list[pages.Binding] = results["results"]["bindings"]
        return rows


# IRIs are put into these queries only as `str(pyoxigraph.NamedNode(iri))`, which refuses any
# text that is not an IRI, so no request can change a query's structure.
_HASH = 'CONCAT(STR(%(iri)s), "#")'

_DESCRIBE = """CONSTRUCT { ?s ?p ?o . ?o ?lp ?label . ?p ?pp ?plabel . } WHERE {
  { SELECT DISTINCT ?s WHERE { { BIND(%(iri)s AS ?s) } UNION %(hashes)s } }
  ?s ?p ?o .
  OPTIONAL { VALUES ?lp { rdfs:label skos:prefLabel dcterms:title pg:heading } ?o ?lp ?label }
  OPTIONAL { VALUES ?pp { rdfs:label skos:prefLabel } ?p ?pp ?plabel }
}"""

# Hash IRIs of data entities are linked from them: {task} pg:sourceSpan {task}#source, and
# {task}#source oa:hasSelector {task}#position.
_LINKED_HASHES = ("""{ %(iri)s ?p1 ?s . FILTER(isIRI(?s) && STRSTARTS(STR(?s), HASH)) }
  UNION { %(iri)s ?p1 ?h . ?h ?p2 ?s .
          FILTER(isIRI(?h) && STRSTARTS(STR(?h), HASH) && isIRI(?s)
                 && STRSTARTS(STR(?s), HASH)) }""").replace("HASH", _HASH)

# Hash IRIs of a vocabulary document (the ontology's terms) are the ones it defines.
_DEFINED_HASHES = ("""{ GRAPH %(graph)s { ?s a ?type }
          FILTER(STRSTARTS(STR(?s), HASH)) }""").replace("HASH", _HASH)

# What links to an entity, with what a page needs to name it and quote it. Left out: links
# from its own hash IRIs, and links that restate others (pg:responsibleUnit is lead ∪
# supporting, pg:inDocument is the outline, oa:hasSource comes with every source span).
_INCOMING = ("""SELECT ?s ?p ?plabel ?label ?heading ?path ?exact ?text WHERE {
  { SELECT DISTINCT ?s ?p WHERE {
      ?s ?p %(iri)s .
      FILTER(isIRI(?s) && !STRSTARTS(STR(?s), HASH)
             && ?p NOT IN (pg:inDocument, pg:responsibleUnit, oa:hasSource))
    } ORDER BY ?p ?s LIMIT %(limit)d }
  OPTIONAL { ?p rdfs:label ?plabel }
  OPTIONAL { ?s rdfs:label|skos:prefLabel|dcterms:title ?label }
  OPTIONAL { ?s pg:heading ?heading }
  OPTIONAL { ?s pg:path ?path }
  OPTIONAL { ?s pg:sourceSpan/oa:hasSelector/oa:exact ?exact }
  OPTIONAL { ?s pg:text ?text }
}""").replace("HASH", _HASH)

# A document's sections, tasks and targets.
_OUTLINE = """SELECT ?part ?type ?path ?heading ?exact WHERE {
  ?part pg:inDocument %(iri)s ; a ?type ; pg:path ?path .
  OPTIONAL { ?part pg:heading ?heading }
  OPTIONAL { ?part pg:sourceSpan/oa:hasSelector/oa:exact ?exact }
}"""

_CONTENT = "SELECT ?content WHERE { %(iri)s pg:content ?content }"
