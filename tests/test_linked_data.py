"""Dereferenceable IRIs on a live server: every kind of entity in HTML and four RDF syntaxes,
negotiated by Accept or format=, unknown IRIs 404, and a base IRI mapped by its path."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from urllib.parse import urlsplit

import httpx
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from policygraph.cli import main
from policygraph.serve.site import Site

from .conftest import CORPUS
from .live import VOCABULARY, LiveServer, fetch, path_of, sparql, start

PG = VOCABULARY + "ontology#"
RDF_SYNTAXES = {"text/turtle": "turtle", "application/ld+json": "json-ld",
                "application/n-triples": "nt", "application/rdf+xml": "xml"}

# Each kind of entity, as a graph pattern that finds one (?x) worth looking at.
KINDS = {
    "document": "?x a pg:PolicyDocument ; pg:content ?c",
    "section": "?x a pg:Section ; pg:heading ?h",
    "task": "?x a pg:Task ; pg:leadAgency ?a ; pg:heading ?h ; pg:sourceSpan ?s",
    "target": "?x a pg:Target ; pg:sourceSpan ?s",
    "agency": "?x a pg:Agency . ?t pg:leadAgency ?x",
    "agency function": "?a pg:function ?x",
    "region": "?x a pg:Region",
    "platform": "?x a pg:Platform . ?t pg:mentions ?x",
    "project": "?x a pg:Project",
    # one whose IRI has a percent-encoded character, when there is one
    "indicator": "?x a pg:Indicator BIND(CONTAINS(STR(?x), '%') AS ?escaped)",
    "collective unit": "?x a pg:CollectiveUnit",
    "cited document": "?x a pg:CitedDocument",
}


def construct(server: LiveServer, query: str) -> Graph:
    response = httpx.get(f"{server.url}/sparql", params={"query": query},
                         headers={"Accept": "application/n-triples"}, timeout=30)
    assert response.status_code == 200, response.text
    return Graph().parse(data=response.text, format="nt")


def h1(page: str) -> str:
    found = re.search(r"<h1[^>]*>(.*?)</h1>", page, re.S)
    assert found, page[:500]
    return html.unescape(found[1])


@pytest.fixture(scope="module")
def examples(server: LiveServer) -> dict[str, str]:
    found = {}
    for kind, pattern in KINDS.items():
        order = "DESC(?escaped) ?x" if "?escaped" in pattern else "?x"
        rows = sparql(server, f"SELECT ?x WHERE {{ {pattern} }} ORDER BY {order} LIMIT 1")
        assert rows, f"the corpus has no {kind}"
        found[kind] = rows[0]["x"]
    return found


def description(server: LiveServer, iri: str) -> Graph:
    """What the description of `iri` must hold: its triples, its hash IRIs' triples, and the
    labels of what they link to."""
    return construct(server, f"""CONSTRUCT {{ ?s ?p ?o . ?o rdfs:label ?l }} WHERE {{
        ?s ?p ?o . FILTER(?s = <{iri}> || STRSTARTS(STR(?s), "{iri}#"))
        OPTIONAL {{ ?o rdfs:label ?l }} }}""")


@pytest.mark.parametrize("media", RDF_SYNTAXES)
@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_of_entity_in_each_rdf_syntax(server, examples, kind, media):
    iri = examples[kind]
    response = fetch(server, iri, accept=media)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith(media)
    got = Graph().parse(data=response.content, format=RDF_SYNTAXES[media])
    expected = description(server, iri)
    assert (URIRef(iri), None, None) in expected
    missing = [triple for triple in expected if triple not in got]
    assert missing == []


@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_of_entity_as_a_page_titled_by_its_label(server, examples, kind):
    iri = examples[kind]
    response = fetch(server, iri)
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    names = [row["l"] for row in sparql(server, f"""SELECT ?l WHERE {{
        <{iri}> rdfs:label|skos:prefLabel|dcterms:title|pg:heading ?l
        FILTER(LANG(?l) != "en") }}""")]
    if kind == "target":  # no label: named by what it quotes
        names = [row["q"][:20] for row in sparql(
            server, f"SELECT ?q WHERE {{ <{iri}> pg:sourceSpan/oa:hasSelector/oa:exact ?q }}")]
    assert names and any(name in h1(response.text) for name in names), h1(response.text)
    assert f"<code>{html.escape(iri, quote=False)}</code>" in response.text


@pytest.mark.parametrize("kind", ["task", "target"])
def test_the_source_span_is_marked_in_its_document(server, examples, kind):
    iri = examples[kind]
    exact = sparql(server, f"SELECT ?q WHERE {{ <{iri}> pg:sourceSpan/oa:hasSelector/oa:exact"
                           " ?q }")[0]["q"]
    page = fetch(server, iri).text
    marked = re.findall(r'<mark id="span">(.*?)</mark>', page, re.S)
    assert [html.unescape(text) for text in marked] == [exact]
    box = page[page.index('id="document-text">') + len('id="document-text">'):]
    shown = html.unescape(re.sub(r"<[^>]+>", "", box[:box.index("</div>")]))
    content = sparql(server, f"SELECT ?c WHERE {{ <{iri}> pg:inDocument/pg:content ?c }}")
    assert shown == content[0]["c"]  # the whole text of the document, the span marked in it


def test_a_task_page_links_to_pages_that_resolve(server, examples):
    page = fetch(server, examples["task"]).text
    links = {href.split("#")[0] for href in re.findall(r'href="([^"]+)"', page)
             if href.startswith(("/id/", "/function/", "/ontology"))}
    assert len(links) >= 4
    for link in links:
        assert httpx.get(server.url + html.unescape(link), timeout=30).status_code == 200, link


def test_an_agency_page_lists_the_tasks_it_leads(server, examples):
    agency = examples["agency"]
    led = sparql(server, f"SELECT ?t WHERE {{ ?t pg:leadAgency <{agency}> }}")
    page = fetch(server, agency).text
    tasks = page.split("<h2>Tasks</h2>")[1].split("<h2>")[0]
    assert led and all(f'<span class="role lead">lead</span><a href="{path_of(row["t"])}"'
                       in tasks for row in led)
    assert 'href="/ontology#leadAgency"' not in page  # listed as tasks, not again as links


def test_a_platform_page_quotes_the_tasks_that_name_it(server, examples):
    platform = examples["platform"]
    name = sparql(server, f"SELECT ?n WHERE {{ <{platform}> skos:prefLabel ?n }}")[0]["n"]
    page = html.unescape(fetch(server, platform).text)
    assert f"<mark>{name}</mark>" in page.split("Linked from")[1]


def test_a_document_page_shows_its_outline_not_its_text(server, examples):
    document = examples["document"]
    row = sparql(server, f"""SELECT ?task ?content WHERE {{
        ?task a pg:Task ; pg:inDocument <{document}> . <{document}> pg:content ?content }}
        LIMIT 1""")[0]
    page = html.unescape(fetch(server, document).text)
    assert f'href="{path_of(row["task"])}"' in page.split("<h2>Outline</h2>")[1]
    middle = len(row["content"]) // 2
    assert row["content"][middle:middle + 80] not in page


def test_the_ontology_is_served_as_rdf_and_as_documentation(server):
    got = Graph().parse(data=fetch(server, "/ontology", accept="text/turtle").text,
                        format="turtle")
    assert (URIRef(PG + "Task"), RDF.type, OWL.Class) in got
    assert (URIRef(PG + "content"), RDFS.label, Literal("content", lang="en")) in got
    assert (URIRef(PG + "SafeguardTask"), RDFS.subClassOf, URIRef(PG + "Task")) in got
    page = fetch(server, "/ontology").text
    assert h1(page) == "policygraph ontology"
    task = page[page.index('id="SafeguardTask"'):]
    task = task[:task.index("</section>")]
    assert "保障措施" in task and 'href="/ontology#Task"' in task
    for term in got.subjects(RDF.type, OWL.DatatypeProperty):
        assert f'id="{term.removeprefix(PG)}"' in page


def test_the_function_scheme_lists_its_functions(server, examples):
    page = fetch(server, "/function/").text
    assert f'href="{path_of(examples["agency function"])}"' in page


@pytest.mark.parametrize("path", ["/id/doc/no-such-document", "/id/doc/no-such/task/1-1",
                                  "/function/no-such-function", "/id/region/000000"])
def test_unknown_iris_are_404(server, path):
    page = fetch(server, path)
    assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")
    text = fetch(server, path, accept="text/turtle")
    assert text.status_code == 404 and text.headers["content-type"].startswith("text/plain")


def test_paths_outside_the_base_are_not_claimed(server):
    response = fetch(server, "/not-linked-data")
    assert response.status_code == 404 and response.json() == {"detail": "Not Found"}


@pytest.mark.parametrize(("accept", "media"), [
    ("text/html;q=0.5, text/turtle", "text/turtle"),
    ("text/turtle;q=0.2, application/ld+json;q=0.9", "application/ld+json"),
    ("application/rdf+xml;q=0.3, application/n-triples;q=0.4, text/html;q=0.1",
     "application/n-triples"),
    ("application/rdf+xml, text/html;q=0.99", "application/rdf+xml"),
    ("*/*", "text/html"),
])
def test_accept_q_values_are_honoured(server, examples, accept, media):
    response = fetch(server, examples["task"], accept=accept)
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == media
    varies = {name.strip() for name in response.headers["vary"].split(",")}
    # (a page also varies by the reader's language, as the browser asks for it or chose it)
    assert varies == ({"Accept", "Accept-Language", "Cookie"} if media == "text/html"
                      else {"Accept"})


def test_format_parameter_and_content_location(server, examples):
    response = fetch(server, examples["section"], accept="application/ld+json", format="ttl")
    assert response.headers["content-type"].startswith("text/turtle")
    location = response.headers["content-location"]
    assert location == path_of(examples["section"]) + "?format=ttl"
    again = httpx.get(server.url + location, headers={"Accept": "text/html"}, timeout=30)
    assert again.headers["content-type"].startswith("text/turtle")
    assert again.text == response.text
    assert fetch(server, examples["section"], format="yaml").status_code == 400
    assert fetch(server, examples["section"], accept="image/png").status_code == 406


def test_a_site_maps_request_paths_by_the_base_path():
    site = Site("https://example.org/pg/id/")
    base = "https://example.org/pg/id/"
    assert site.iri(b"/pg/id/doc/x/task/3-1") == base + "doc/x/task/3-1"
    assert site.iri("/pg/id/platform/华庭街".encode()) == base + "platform/华庭街"
    assert site.iri(b"/pg/id/platform/%E5%8D%8E%E5%BA%AD%E8%A1%97") == base + "platform/华庭街"
    assert site.iri(b"/pg/id/indicator/10%25") == base + "indicator/10%25"
    assert site.iri(b"/pg/id/cited/a%2fb") == base + "cited/a%2Fb"
    assert site.iri(b"/pg/id/cited/%20a") is None  # minting strips white space
    assert site.iri(b"/pg/id/x/%FF") is None
    assert site.iri(b"/id/doc/x") is None
    assert site.iri(b"/ontology") == VOCABULARY + "ontology"
    assert site.iri(b"/function/commerce") == VOCABULARY + "function/commerce"
    assert site.href(base + "platform/华庭街") == "/pg/id/platform/%E5%8D%8E%E5%BA%AD%E8%A1%97"
    assert site.href(base + "doc/x/task/1#source") == "/pg/id/doc/x/task/1#source"
    assert site.href(PG + "Task") == "/ontology#Task"
    assert site.href("http://elsewhere.example/x") is None


@pytest.fixture(scope="module")
def deployed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """A server over a build whose base IRI names another host and path."""
    store = tmp_path_factory.mktemp("deployed-store")
    assert main(["build", str(CORPUS), "--store", str(store), "--quiet",
                 "--base", "https://example.org/pg/id/"]) == 0
    live = start(store, log=tmp_path_factory.mktemp("deployed") / "server.log")
    yield live
    live.stop()


def test_a_deployment_serves_its_base_path_on_any_host(deployed: LiveServer):
    task = sparql(deployed, "SELECT ?t WHERE { ?t a pg:Task } ORDER BY ?t LIMIT 1")[0]["t"]
    assert task.startswith("https://example.org/pg/id/doc/")
    response = fetch(deployed, urlsplit(task).path, accept="text/turtle")
    assert response.status_code == 200
    got = Graph().parse(data=response.text, format="turtle")
    assert (URIRef(task), RDF.type, None) in got
    assert fetch(deployed, "/id/" + task.removeprefix("https://example.org/pg/id/")
                 ).status_code == 404
    assert fetch(deployed, "/ontology").status_code == 200


def test_the_document_text_is_what_source_offsets_count_into(server):
    row = sparql(server, """SELECT (COUNT(*) AS ?spans) (SUM(IF(?read = ?exact, 1, 0)) AS ?same)
        WHERE { ?src oa:hasSource ?d ; oa:hasSelector ?p, ?q . ?d pg:content ?content .
                ?p oa:start ?s ; oa:end ?e . ?q oa:exact ?exact .
                BIND(SUBSTR(?content, ?s + 1, ?e - ?s) AS ?read) }""")[0]
    assert int(row["spans"]) > 100 and row["same"] == row["spans"]
    assert sparql(server, "SELECT (COUNT(?d) AS ?n) WHERE { ?d a pg:PolicyDocument "
                          "FILTER NOT EXISTS { ?d pg:content ?c } }")[0]["n"] == "0"
