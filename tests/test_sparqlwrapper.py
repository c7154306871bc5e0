"""SPARQLWrapper, a common Python SPARQL client, against the live server: every result format
it asks for, by its own conventions (Accept plus `format`/`output`/`results` parameters), and
queries with Chinese literals by each of the protocol's three ways to send a query."""

from __future__ import annotations

import csv
import io
from typing import Any
from xml.dom.minidom import Document, Element, Text

import pytest
from rdflib import Graph, Literal, URIRef
from SPARQLWrapper import (
    CSV,
    GET,
    JSON,
    JSONLD,
    POST,
    POSTDIRECTLY,
    TSV,
    TURTLE,
    URLENCODED,
    XML,
    SPARQLWrapper,
)

from .live import LiveServer

DCTERMS_TITLE = URIRef("http://purl.org/dc/terms/title")
# The plans of the corpus (data/raw), by the ids their file names give them.
DOCUMENTS = {"000_1d1cab59e1534a27": "2021年德清县服务业强县建设工作要点",
             "001_9d293a04fdf91622": "2013年度嘉兴市服务业工作要点及责任分解",
             "002_c640dd409828200c": "2020年浙江省服务业发展工作要点",
             "003_4ada1da2c6650862": "衢州市服务业高质量发展“十百千”工程实施方案(2023—2027年)",
             "004_c7ba4c26b0968650": "2021年推进全省服务业发展工作要点"}
TITLES = """SELECT ?doc ?title WHERE { ?doc a pg:PolicyDocument ; dcterms:title ?title }
            ORDER BY ?doc"""
TITLE_GRAPH = """CONSTRUCT { ?doc dcterms:title ?title }
                 WHERE { ?doc a pg:PolicyDocument ; dcterms:title ?title }"""
LOGISTICS = """SELECT ?task ?text WHERE { ?task a pg:Task ; pg:text ?text .
                                           FILTER(CONTAINS(?text, "物流")) } ORDER BY ?task"""


def ask(server: LiveServer, query: str, fmt: str, method: str = GET,
        request_method: str = URLENCODED) -> Any:
    """The converted answer of SPARQLWrapper, as a user of it would get it."""
    client = SPARQLWrapper(f"{server.url}/sparql")
    client.setTimeout(30)
    client.setQuery(query)
    client.setReturnFormat(fmt)
    client.setMethod(method)
    client.setRequestMethod(request_method)
    return client.queryAndConvert()


def document_id(iri: str) -> str:
    return iri.rsplit("/", 1)[1]


def assert_titles(rows: list[tuple[str, str]]) -> None:
    """(document IRI, title) rows are the corpus's plans and their titles, in IRI order."""
    assert [(document_id(doc), title) for doc, title in rows] == sorted(DOCUMENTS.items())


def test_select_json(server: LiveServer) -> None:
    answer = ask(server, TITLES, JSON)
    assert answer["head"]["vars"] == ["doc", "title"]
    assert_titles([(row["doc"]["value"], row["title"]["value"])
                   for row in answer["results"]["bindings"]])
    assert {row["doc"]["type"] for row in answer["results"]["bindings"]} == {"uri"}


def test_select_xml(server: LiveServer) -> None:
    answer = ask(server, TITLES, XML)
    assert isinstance(answer, Document)
    rows = []
    for result in answer.getElementsByTagName("result"):
        values = {binding.getAttribute("name"): text_of(binding)
                  for binding in result.getElementsByTagName("binding")}
        rows.append((values["doc"], values["title"]))
    assert_titles(rows)


def text_of(binding: Element) -> str:
    """The text of the term (`uri`, `literal` …) a results-XML binding holds."""
    (term,) = (node for node in binding.childNodes if isinstance(node, Element))
    return "".join(node.data for node in term.childNodes if isinstance(node, Text))


def test_select_csv(server: LiveServer) -> None:
    answer = ask(server, TITLES, CSV)
    assert isinstance(answer, bytes)
    header, *rows = csv.reader(io.StringIO(answer.decode("utf-8")))
    assert header == ["doc", "title"]
    assert_titles([(doc, title) for doc, title in rows])


def test_select_tsv(server: LiveServer) -> None:
    """SPARQL TSV: a header of ?variables, then terms in Turtle syntax."""
    answer = ask(server, TITLES, TSV)
    assert isinstance(answer, bytes)
    header, *rows = (line.split("\t") for line in answer.decode("utf-8").splitlines())
    assert header == ["?doc", "?title"]
    assert all(doc[0] + doc[-1] == "<>" and title[0] + title[-1] == '""' for doc, title in rows)
    assert_titles([(doc[1:-1], title[1:-1]) for doc, title in rows])


@pytest.mark.parametrize(("query", "answer"), [
    ('ASK { ?doc dcterms:title "2020年浙江省服务业发展工作要点" }', True),
    ('ASK { ?doc dcterms:title "2020年火星服务业发展工作要点" }', False),
])
def test_ask_json_and_xml(server: LiveServer, query: str, answer: bool) -> None:
    assert ask(server, query, JSON)["boolean"] is answer
    document = ask(server, query, XML)
    assert isinstance(document, Document)
    (boolean,) = document.getElementsByTagName("boolean")
    assert boolean.firstChild is not None and boolean.firstChild.nodeValue == str(answer).lower()


def titles_of(graph: Graph) -> dict[str, str]:
    return {document_id(str(doc)): str(title)
            for doc, title in graph.subject_objects(DCTERMS_TITLE)}


def test_construct_turtle(server: LiveServer) -> None:
    answer = ask(server, TITLE_GRAPH, TURTLE)
    assert isinstance(answer, bytes)
    assert titles_of(Graph().parse(data=answer, format="turtle")) == DOCUMENTS


def test_construct_json_ld(server: LiveServer) -> None:
    answer = ask(server, TITLE_GRAPH, JSONLD)
    assert isinstance(answer, Graph)
    assert titles_of(answer) == DOCUMENTS


def test_describe_turtle(server: LiveServer) -> None:
    title = DOCUMENTS["002_c640dd409828200c"]
    answer = ask(server, f'DESCRIBE ?doc WHERE {{ ?doc dcterms:title "{title}" }}', TURTLE)
    assert isinstance(answer, bytes)
    graph = Graph().parse(data=answer, format="turtle")
    (plan,) = set(graph.subjects())
    assert document_id(str(plan)) == "002_c640dd409828200c"
    assert (plan, DCTERMS_TITLE, Literal(title)) in graph
    assert len(graph) > 5


@pytest.mark.parametrize(("method", "request_method"), [
    (GET, URLENCODED), (POST, URLENCODED), (POST, POSTDIRECTLY),
], ids=["GET", "URL-encoded POST", "direct POST"])
def test_chinese_literals(server: LiveServer, method: str, request_method: str) -> None:
    rows = ask(server, LOGISTICS, JSON, method, request_method)["results"]["bindings"]
    texts = [row["text"]["value"] for row in rows]
    assert len(texts) >= 10 and all("物流" in text for text in texts)
    assert len({document_id(row["task"]["value"].split("/task/")[0]) for row in rows}) >= 3
    assert any("嘉兴现代物流园" in text for text in texts)
