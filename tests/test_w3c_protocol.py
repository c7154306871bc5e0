"""The W3C SPARQL 1.1 Protocol tests of the query operation, replayed against a live server.

`w3c-protocol/` holds the suite's manifest and data files (see its README). Each test is a list
of HTTP requests, each with the response it expects: a status class and, where given, a result
format and an ASK answer. The requests go out as written (method, headers, body in its declared
encoding) with the `/sparql/` path prefix pointed at the server, which serves a small store
holding `data1.nt`–`data3.nt` as the named graphs whose IRIs the manifest gives as their labels.

The endpoint is read-only, so the tests of the update operation are out of scope; which tests
are which is read from the manifest, and `QUERY_TESTS` pins the selection so that a test cannot
drop out of the run unnoticed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import httpx
import pytest
from rdflib import RDF, RDFS, Graph, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.query import Result
from rdflib.term import Node

from policygraph.cli import main
from policygraph.query.text import declares_dataset

from .live import LiveServer, start

SUITE = Path(__file__).parent / "w3c-protocol"
MANIFEST = SUITE / "manifest.ttl"
CORPUS_FILE = Path(__file__).parent.parent / "data" / "raw" / "000_1d1cab59e1534a27.txt"
PREFIX = "/sparql/"

MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = Namespace("http://www.w3.org/2011/http#")
HTS = Namespace("http://www.w3.org/2011/http-statusCodes#")
CNT = Namespace("http://www.w3.org/2011/content#")
UT = Namespace("http://www.w3.org/2009/sparql/tests/test-update#")

# The manifest's result formats (mf:expectedFormat) → the media types that satisfy them and the
# rdflib parser for each: the SPARQL results formats for "boolean" and "tabular", the RDF
# syntaxes the suite names for "RDF".
RESULT_PARSERS = {"application/sparql-results+json": "json",
                  "application/sparql-results+xml": "xml",
                  "text/csv": "csv", "text/tab-separated-values": "tsv"}
RDF_PARSERS = {"application/rdf+xml": "xml", "text/turtle": "turtle",
               "application/n-triples": "nt", "text/html": "rdfa",
               "application/xhtml+xml": "rdfa"}
FORMATS = {"boolean": ("application/sparql-results+json", "application/sparql-results+xml"),
           "tabular": tuple(RESULT_PARSERS), "RDF": tuple(RDF_PARSERS)}

# Request parameters and media type that invoke the update operation.
UPDATE_PARAMETERS = {"update", "using-graph-uri", "using-named-graph-uri"}
UPDATE_MEDIA_TYPE = "application/sparql-update"

QUERY_TESTS = (
    "query_post_form", "query_dataset_default_graphs_get", "query_dataset_default_graphs_post",
    "query_dataset_named_graphs_post", "query_dataset_named_graphs_get", "query_dataset_full",
    "query_multiple_dataset", "query_get", "query_content_type_select",
    "query_content_type_ask", "query_content_type_describe", "query_content_type_construct",
    "query_post_direct", "bad_query_method", "bad_multiple_queries",
    "bad_query_wrong_media_type", "bad_query_missing_form_type",
    "bad_query_missing_direct_type", "bad_query_non_utf8", "bad_query_syntax",
)
UPDATE_TESTS = (
    "update_dataset_default_graph", "update_dataset_default_graphs",
    "update_dataset_named_graphs", "update_dataset_full", "update_post_form",
    "update_post_direct", "update_base_uri", "bad_update_get", "bad_multiple_updates",
    "bad_update_wrong_media_type", "bad_update_missing_form_type", "bad_update_non_utf8",
    "bad_update_syntax", "bad_update_dataset_conflict",
)


@dataclass(frozen=True)
class Exchange:
    """One request of a test and what its response must be."""

    method: str
    target: str  # the request target after the `/sparql/` prefix: "?query=…" or ""
    headers: tuple[tuple[str, str], ...]
    body: bytes | None
    status_classes: frozenset[int]  # 2 for 2xx …
    result_format: str | None  # "boolean", "tabular" or "RDF"
    boolean: bool | None

    @property
    def media_type(self) -> str:
        return next((value.split(";")[0].strip().lower() for name, value in self.headers
                     if name.lower() == "content-type"), "")

    def parameters(self) -> set[str]:
        """Names of the protocol parameters in the URL and, for a form (or a body without a
        media type), in the body."""
        names = {name for name, _ in parse_qsl(urlsplit(self.target).query)}
        if self.body is not None and self.media_type in {"", "application/x-www-form-urlencoded"}:
            names |= {name for name, _ in parse_qsl(self.body.decode("utf-8", "replace"))}
        return names


@dataclass(frozen=True)
class Case:
    """A test of the manifest: its requests in order and the graphs it expects loaded."""

    name: str
    title: str
    exchanges: tuple[Exchange, ...]
    graphs: tuple[tuple[str, Path], ...]  # (graph IRI, data file)

    @property
    def is_update(self) -> bool:
        """Whether the test exercises the update operation: by its name, or by a request that
        carries an update parameter or an update body."""
        return bool(re.search(r"\bupdate\b", self.title, re.IGNORECASE)) or any(
            exchange.media_type == UPDATE_MEDIA_TYPE or exchange.parameters() & UPDATE_PARAMETERS
            for exchange in self.exchanges)


@dataclass(frozen=True)
class Manifest:
    """Reads the manifest graph: single values, texts and RDF lists of a node."""

    graph: Graph

    def value(self, node: Node, predicate: URIRef) -> Node:
        found = self.graph.value(node, predicate)
        assert found is not None, f"{node} has no {predicate}"
        return found

    def text(self, node: Node, predicate: URIRef, default: str | None = None) -> str | None:
        found = self.graph.value(node, predicate)
        return default if found is None else str(found)

    def items(self, node: Node, predicate: URIRef) -> list[Node]:
        return list(Collection(self.graph, self.graph.value(node, predicate) or RDF.nil))

    def exchange(self, request: Node) -> Exchange:
        path = str(self.value(request, HT.absolutePath))
        assert path.startswith(PREFIX), path
        body = None
        if (content := self.graph.value(request, HT.body)) is not None:
            encoding = self.text(content, CNT.characterEncoding, "UTF-8")
            body = str(self.value(content, CNT.chars)).encode(str(encoding))
        response = self.value(request, HT.resp)
        boolean = self.graph.value(response, MF.expectedBoolean)
        return Exchange(
            method=str(self.value(request, HT.methodName)), target=path.removeprefix(PREFIX),
            headers=tuple((str(self.value(header, HT.fieldName)),
                           str(self.value(header, HT.fieldValue)))
                          for header in self.items(request, HT.headers)),
            body=body,
            status_classes=frozenset(int(str(code).removeprefix(str(HTS.StatusCode))[0])
                                     for code in self.graph.objects(response, MF.expectedStatus)),
            result_format=self.text(response, MF.expectedFormat),
            boolean=None if boolean is None else str(boolean) == "true")

    def case(self, test: Node) -> Case:
        return Case(
            name=str(test).rpartition("#")[2], title=str(self.value(test, MF.name)),
            exchanges=tuple(self.exchange(request)
                            for request in self.items(self.value(test, MF.action), HT.requests)),
            graphs=tuple(sorted((str(self.value(data, RDFS.label)),
                                 Path(urlsplit(str(self.value(data, UT.graph))).path))
                                for data in self.graph.objects(test, UT.graphData))))


def load_manifest() -> list[Case]:
    """The manifest's tests, in its order."""
    manifest = Manifest(Graph().parse(MANIFEST, publicID=MANIFEST.as_uri()))
    root = next(manifest.graph.subjects(RDF.type, MF.Manifest))
    return [manifest.case(test) for test in manifest.items(root, MF.entries)]


CASES = load_manifest()


def test_the_query_operation_tests_are_selected_from_the_manifest() -> None:
    selected = [case.name for case in CASES if not case.is_update]
    assert selected, "the manifest has tests of the query operation"
    assert selected == list(QUERY_TESTS)
    assert [case.name for case in CASES if case.is_update] == list(UPDATE_TESTS)


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """A server over one plan of the corpus plus the graphs the query tests expect."""
    store = tmp_path_factory.mktemp("w3c-store")
    assert main(["build", str(CORPUS_FILE), "--store", str(store), "--quiet"]) == 0
    graphs = {graph for case in CASES if not case.is_update for graph in case.graphs}
    assert graphs, "the dataset tests name their graphs"
    for iri, data in sorted(graphs):
        assert main(["load", str(data), "--graph", iri, "--store", str(store)]) == 0
    live = start(store, log=tmp_path_factory.mktemp("w3c-server") / "server.log")
    yield live
    live.stop()


def check(response: httpx.Response, exchange: Exchange) -> None:
    """The response meets the exchange's expectations: status class, format, ASK answer."""
    assert response.status_code // 100 in exchange.status_classes, response.text
    if exchange.result_format is None:
        return
    media_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
    assert media_type in FORMATS[exchange.result_format], media_type
    if exchange.result_format == "RDF":
        Graph().parse(data=response.content, format=RDF_PARSERS[media_type])
        return
    result = Result.parse(BytesIO(response.content), format=RESULT_PARSERS[media_type])
    if exchange.result_format == "boolean":
        assert result.type == "ASK"
        if exchange.boolean is not None:
            assert result.askAnswer is exchange.boolean
    else:
        assert result.type == "SELECT" and result.vars


QUERY_CASES = [case for case in CASES if not case.is_update]
UPDATE_CASES = [case for case in CASES if case.is_update]


@pytest.mark.parametrize("case", QUERY_CASES, ids=[case.name for case in QUERY_CASES])
def test_protocol(case: Case, endpoint: LiveServer) -> None:
    with httpx.Client(timeout=30, follow_redirects=True) as client:
        for exchange in case.exchanges:
            response = client.request(exchange.method, f"{endpoint.url}/sparql{exchange.target}",
                                      headers=dict(exchange.headers), content=exchange.body)
            check(response, exchange)


@pytest.mark.parametrize("case", UPDATE_CASES, ids=[case.name for case in UPDATE_CASES])
def test_update_requests_meet_the_read_only_policy(case: Case, endpoint: LiveServer) -> None:
    """The endpoint is read-only: each well-formed update is refused with 403 naming the policy,
    each malformed one as the manifest expects, and the data stays as it was."""
    exchange = case.exchanges[0]
    count = {"query": "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"}
    with httpx.Client(timeout=30) as client:
        before = client.get(f"{endpoint.url}/sparql", params=count).text
        response = client.request(exchange.method, f"{endpoint.url}/sparql{exchange.target}",
                                  headers=dict(exchange.headers), content=exchange.body)
        after = client.get(f"{endpoint.url}/sparql", params=count).text
    if 4 in exchange.status_classes:  # a malformed request: refused as the manifest expects
        check(response, exchange)
    else:
        assert response.status_code == 403, (response.status_code, response.text)
        assert "read-only" in response.text
    assert after == before


# Beyond the manifest: the content its format-only tests leave unchecked, and the dataset rules
# of §2.1.4 that its dataset tests cannot tell apart from the server's union default graph.


def post_query(endpoint: LiveServer, query: str,
               dataset: dict[str, list[str]] | None = None) -> httpx.Response:
    response = httpx.post(f"{endpoint.url}/sparql", params=dataset, content=query.encode(),
                          headers={"Content-Type": "application/sparql-query",
                                   "Accept": "application/sparql-results+json, text/turtle"},
                          timeout=30)
    assert response.status_code == 200, response.text
    return response


def test_the_select_result_is_the_one_asked_for(endpoint: LiveServer) -> None:
    """`query_content_type_select` checks the format only; its one row holds 1."""
    response = post_query(endpoint, "SELECT (1 AS ?value) {}")
    assert response.json()["results"]["bindings"] == [
        {"value": {"type": "literal", "value": "1",
                   "datatype": "http://www.w3.org/2001/XMLSchema#integer"}}]


def test_relative_iris_resolve_against_the_endpoint(endpoint: LiveServer) -> None:
    """`query_content_type_construct` uses relative IRIs: the service defines the base IRI,
    here the endpoint itself."""
    response = post_query(endpoint, "CONSTRUCT { <s> <p> 1 } WHERE {}")
    graph = Graph().parse(data=response.content, format="turtle")
    assert [(str(s), str(p), str(o)) for s, p, o in graph] == [
        (f"{endpoint.url}/s", f"{endpoint.url}/p", "1")]


D1, D2, D3 = (f"http://kasei.us/2009/09/sparql/data/data{n}.rdf" for n in (1, 2, 3))
NUMBERS = {D1: 1, D2: 2, D3: 3}
# Where each data file's document is seen, as (document, graph) numbers; graph 0 is the default.
SEEN = ("SELECT ?doc ?g {clauses} WHERE {{ {{ ?doc a <http://xmlns.com/foaf/0.1/Document> }} "
        "UNION {{ GRAPH ?g {{ ?doc a <http://xmlns.com/foaf/0.1/Document> }} }} }}")


@pytest.mark.parametrize(("dataset", "clauses", "seen"), [
    pytest.param({}, "", {(1, 0), (2, 0), (3, 0), (1, 1), (2, 2), (3, 3)},
                 id="no dataset: the union default graph and all named graphs"),
    pytest.param({}, f"FROM <{D3}>", {(3, 0)}, id="FROM only: no named graphs"),
    pytest.param({}, f"FROM NAMED <{D1}>", {(1, 1)}, id="FROM NAMED only: empty default graph"),
    pytest.param({}, f"FROM <{D3}> FROM NAMED <{D1}>", {(3, 0), (1, 1)},
                 id="FROM and FROM NAMED"),
    pytest.param({"named-graph-uri": [D1]}, f"FROM <{D3}>", {(1, 1)},
                 id="named-graph-uri replaces FROM"),
    pytest.param({"default-graph-uri": [D1]}, f"FROM NAMED <{D3}>", {(1, 0)},
                 id="default-graph-uri replaces FROM NAMED"),
    pytest.param({"default-graph-uri": [D1, D2], "named-graph-uri": [D3]}, f"FROM <{D3}>",
                 {(1, 0), (2, 0), (3, 3)}, id="both parameters"),
])
def test_the_dataset_is_the_requests_else_the_querys_else_the_union(
        endpoint: LiveServer, dataset: dict[str, list[str]], clauses: str,
        seen: set[tuple[int, int]]) -> None:
    response = post_query(endpoint, SEEN.format(clauses=clauses), dataset)
    assert {(NUMBERS[row["doc"]["value"]], NUMBERS[row["g"]["value"]] if "g" in row else 0)
            for row in response.json()["results"]["bindings"]} == seen


@pytest.mark.parametrize(("query", "declares"), [
    ("SELECT * FROM <g> { ?s ?p ?o }", True),
    ("select * from named <g> where { ?s ?p ?o }", True),
    ("SELECT * # FROM <g>\n FROM <h> {}", True),
    ("SELECT ?from { ?from ex:from 'FROM' ; ex:p \"a FROM b\", \"\"\"\nFROM\"\"\" }", False),
    ("SELECT * { ?s <http://example.org/from#FROM> ?o } # FROM <g>", False),
    ("PREFIX from: <http://example.org/> SELECT * { ?s from:p \"x\"@from, ex:a.from }", False),
])
def test_a_from_keyword_is_told_from_the_word_in_names_strings_and_comments(
        query: str, declares: bool) -> None:
    assert declares_dataset(query) is declares
