"""The Python API: the same calls and rows from the local store and from a live endpoint."""

from __future__ import annotations

import inspect
import json
import re
import subprocess
import sys
from collections import Counter
from datetime import date
from decimal import Decimal
from pathlib import Path

import pandas
import pyoxigraph as ox
import pytest
import rdflib

import policygraph
from policygraph.client import CannedMethod, LocalClient, RemoteClient
from policygraph.query import QueryError, canned_queries
from policygraph.query.text import bind_values
from policygraph.store import StoreError
from policygraph.vocab import PG

from .examples import example_calls
from .live import start

DEVELOPMENT_REFORM = "https://w3id.org/policygraph/function/development-reform"
HOSTILE = '"} } ; DROP ALL # \'\n<x> ?_name_string \\'


@pytest.fixture(scope="module")
def local(corpus_store):
    return policygraph.open(corpus_store)


@pytest.fixture(scope="module")
def remote(server):
    return policygraph.open(server.url + "/sparql")


@pytest.fixture(params=["local", "remote"])
def client(request):
    return request.getfixturevalue(request.param)


def multiset(rows):
    return Counter(tuple(sorted(row.items())) for row in rows)


def test_open_picks_the_client_by_target(local, remote, corpus_store, tmp_path):
    assert isinstance(local, LocalClient) and local.directory == corpus_store
    assert isinstance(remote, RemoteClient) and remote.endpoint.endswith("/sparql")
    with pytest.raises(StoreError, match="no graph has been built"):
        policygraph.open(tmp_path)


def test_open_defaults_to_the_store_of_the_environment_and_imports_lazily(corpus_store):
    script = ("import sys, json, policygraph\n"
              "loaded = [m for m in ('rdflib', 'pyoxigraph') if m in sys.modules]\n"
              "client = policygraph.open()\n"
              "n = client.sparql('SELECT (COUNT(*) AS ?n) WHERE { ?t a pg:Task }')[0]['n']\n"
              "print(json.dumps([loaded, str(client.directory), n]))\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          env={"POLICYGRAPH_STORE": str(corpus_store), "PATH": ""}, check=True)
    loaded, directory, tasks = json.loads(done.stdout)
    assert loaded == [] and directory == str(corpus_store) and tasks > 100


def test_select_rows_are_plain_python_values(client):
    rows = client.sparql("""
        SELECT ?document ?title (COUNT(?task) AS ?tasks) WHERE {
          ?document dcterms:title ?title . ?task pg:inDocument ?document
        } GROUP BY ?document ?title ORDER BY ?title""")
    assert len(rows) == 5
    for row in rows:
        assert set(row) == {"document", "title", "tasks"}
        assert isinstance(row["document"], str) and row["document"].startswith("http")
        assert isinstance(row["title"], str) and row["title"]
        assert type(row["tasks"]) is int and row["tasks"] > 0


def test_literals_become_their_python_types(client):
    row = client.sparql("""
        SELECT ?issued ?year ?value ?flag ?label ?missing WHERE {
          { SELECT (SAMPLE(?i) AS ?issued) WHERE { ?d pg:issued ?i } }
          { SELECT (SAMPLE(?y) AS ?year) WHERE { ?t pg:dueYear ?y } }
          { SELECT (SAMPLE(?v) AS ?value) WHERE { ?x pg:value ?v } }
          BIND(true AS ?flag)
          BIND("发改委"@zh AS ?label)
          OPTIONAL { ?nothing pg:noSuchProperty ?missing }
        }""")[0]
    assert isinstance(row["issued"], date)
    assert type(row["year"]) is int and 2000 < row["year"] < 2100
    assert isinstance(row["value"], Decimal)
    assert row["flag"] is True and row["label"] == "发改委"
    assert "missing" in row and row["missing"] is None


def test_ask(client):
    assert client.ask("ASK { ?t a pg:Task }") is True
    assert client.ask("ASK { ?t a pg:NoSuchClass }") is False


def test_construct_returns_a_graph(client):
    graph = client.construct("CONSTRUCT { ?t a pg:Task } WHERE { ?t a pg:Task }")
    assert isinstance(graph, rdflib.Graph) and len(graph) > 100
    assert all(o == PG.Task for o in graph.objects(None, rdflib.RDF.type))
    assert "pg:Task" in graph.serialize(format="turtle")


@pytest.mark.parametrize(("method", "query", "runner"), [
    ("sparql", "ASK { ?s ?p ?o }", "ask()"),
    ("ask", "SELECT * WHERE { ?s ?p ?o } LIMIT 1", "sparql()"),
    ("construct", "SELECT * WHERE { ?s ?p ?o } LIMIT 1", "sparql()"),
])
def test_a_query_of_another_form_names_the_method_that_runs_it(client, method, query, runner):
    with pytest.raises(QueryError, match=re.escape(runner)):
        getattr(client, method)(query)


def test_syntax_errors_are_query_errors(client):
    with pytest.raises(QueryError, match=r"(?i)syntax"):
        client.sparql("SELECT ?x WHERE { ?x")


def test_every_canned_query_is_a_documented_method(local):
    for name, query in canned_queries().items():
        method = getattr(local, name.replace("-", "_"))
        assert isinstance(method, CannedMethod)
        assert name.replace("-", "_") in dir(local)
        assert query.summary in method.__doc__
        parameters = inspect.signature(method).parameters
        assert set(parameters) == {parameter.name for parameter in query.parameters}
        for parameter in query.parameters:
            required = parameters[parameter.name].default is inspect.Parameter.empty
            assert required == parameter.required
    with pytest.raises(AttributeError, match="no_such_query"):
        local.no_such_query  # noqa: B018


def test_canned_queries_answer_the_same_locally_and_remotely(local, remote):
    functions = local.function_by_name(name="发改委")
    assert [row["function"] for row in functions] == [DEVELOPMENT_REFORM]
    assert remote.function_by_name(name="发改委") == functions
    tasks = local.tasks_led_by_function(function=functions[0]["function"])
    assert len({row["task"] for row in tasks}) == 58
    assert multiset(remote.tasks_led_by_function(function="pgf:development-reform")) \
        == multiset(tasks)


@pytest.mark.parametrize("name", sorted(canned_queries()))
def test_every_canned_query_with_its_examples_answers_the_same_remotely(local, remote, name):
    """Each query goes to the endpoint as a query, whatever words its description holds
    (SPARQLWrapper reads `add` in a comment line it fails to skip as an update)."""
    query = canned_queries()[name]
    values = {p.name: p.example for p in query.parameters if p.example is not None}
    method = name.replace("-", "_")
    assert multiset(getattr(remote, method)(**values)) \
        == multiset(getattr(local, method)(**values))


@pytest.mark.parametrize(("name", "values"), list(example_calls()))
def test_every_canned_query_binds_its_examples_as_valid_sparql(name, values):
    query = canned_queries()[name]
    bound = bind_values(query.sparql, query.bind(values))
    assert list(ox.Store().query(bound)) == []
    for parameter in query.parameters:
        in_values = re.search(rf"VALUES \([^)]*\?{parameter.variable}\b", bound) is not None
        assert in_values == (parameter.name in values)


def test_a_parameter_inside_a_subquery_is_bound_remotely(local, remote):
    rows = local.tasks_by_unit_name(name="领导小组")
    assert rows
    for agency in {row["agency"] for row in rows}:
        assert local.ask(f'ASK {{ <{agency}> skos:altLabel ?written '
                         f'FILTER(CONTAINS(STR(?written), "领导小组")) }}')
    assert multiset(remote.tasks_by_unit_name(name="领导小组")) == multiset(rows)


def test_a_hostile_value_finds_nothing_and_breaks_nothing(client):
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    before = client.sparql(count)
    assert client.function_by_name(name=HOSTILE) == []
    assert client.tasks_by_unit_name(name=HOSTILE) == []
    with pytest.raises(QueryError, match="not a valid iri"):
        client.tasks_led_by_function(function="pgf:x> } <y")
    assert client.sparql(count) == before


def test_a_missing_or_unknown_parameter_is_named(client):
    with pytest.raises(TypeError, match=r"tasks_led_by_function.*'function'"):
        client.tasks_led_by_function()
    with pytest.raises(TypeError, match="'agency'"):
        client.tasks_led_by_function(function="pgf:commerce", agency="x")
    with pytest.raises(QueryError, match=r"missing required parameter.*function"):
        client.canned("tasks-led-by-function")


def test_canned_rows_hold_the_querys_own_columns_only(client):
    """A canned query projects its parameter variables (`?__region_string`) only to have them
    bound; rows hold the columns it answers with, whether a parameter was given or not."""
    for values in ({}, {"region": "浙江省"}):
        rows = client.documents(**values)
        assert rows
        assert list(rows[0]) == ["document", "title", "jurisdiction", "region", "regionCode",
                                 "level", "issuer", "issued", "number", "periodStart",
                                 "periodEnd", "tasks", "targets"]


def test_to_dataframe_types_columns_for_analysis(local):
    """Numbers are numeric columns (decimals float64, integers Int64 keeping unbound values),
    dates datetime64, and a query's parameter variables are no columns."""
    frame = local.to_dataframe(local.function_by_name(name="发改委"))
    assert list(frame.columns) == ["function", "label"]
    assert frame["function"].tolist() == [DEVELOPMENT_REFORM]
    targets = local.to_dataframe(local.targets())
    assert targets["value"].dtype == "float64"
    assert targets["value"].sum() > 0
    assert str(targets["year"].dtype) == "Int64"
    documents = local.to_dataframe(local.documents())
    assert pandas.api.types.is_datetime64_any_dtype(documents["issued"])
    assert str(documents["tasks"].dtype) == "Int64"
    assert len(local.to_dataframe("SELECT ?t WHERE { ?t a pg:Task }")) > 100


def test_to_dataframe_without_pandas_says_how_to_install_it(corpus_store):
    script = ("import sys, policygraph\n"
              "sys.modules['pandas'] = None\n"
              f"graph = policygraph.open({str(corpus_store)!r})\n"
              "try:\n"
              "    graph.to_dataframe(graph.function_by_name(name='发改委'))\n"
              "except ImportError as error:\n"
              "    print(error)\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          check=True)
    assert "pip install pandas" in done.stdout


def test_a_cut_result_warns(corpus_store, tmp_path_factory):
    capped = start(corpus_store, "--max-rows", "3", log=tmp_path_factory.mktemp("capped") / "log")
    try:
        client = policygraph.open(capped.url + "/sparql")
        with pytest.warns(UserWarning, match="cut the result at 3 rows"):
            assert len(client.sparql("SELECT ?t WHERE { ?t a pg:Task }")) == 3
        with pytest.warns(UserWarning, match="cut the result at 3 rows"):
            assert len(client.construct("CONSTRUCT { ?t a pg:Task } WHERE { ?t a pg:Task }")) == 3
    finally:
        capped.stop()


SHAPES = {
    "outer": "SELECT ?s ?_v WHERE { ?s <urn:p> ?_v }",
    "subquery projecting it": "SELECT ?s ?_v WHERE { { SELECT ?s ?_v WHERE { ?s <urn:p> ?o "
                              "FILTER(?o = ?_v) } } }",
    "subquery not projecting it": "SELECT ?s ?_v WHERE { { SELECT ?s WHERE { ?s <urn:p> ?o "
                                  "FILTER(?o = ?_v) } } }",
    "subquery as the pattern": "SELECT ?s ?_v WHERE { SELECT * WHERE { ?s <urn:p> ?_v } }",
    "minus": "SELECT ?s ?_v WHERE { ?s <urn:p> ?o MINUS { ?s <urn:p> ?_v } }",
    "optional and exists": "SELECT ?s ?_v ?q WHERE { ?s <urn:p> ?o OPTIONAL { ?s <urn:q> ?q "
                           "FILTER(?q != ?_v) } FILTER EXISTS { ?s <urn:p> ?_v } }",
    "not exists": "SELECT ?s ?_v WHERE { ?s <urn:p> ?_v FILTER NOT EXISTS { ?s <urn:q> ?_v } }",
    "union and graph": "SELECT ?s ?_v WHERE { { ?s <urn:p> ?_v } UNION { GRAPH ?g "
                       "{ ?s <urn:q> ?_v } } }",
    "braces in strings, IRIs and comments": "SELECT ?s ?_v # { VALUES\n WHERE { ?s <urn:p> ?o "
                                            "FILTER(?o = ?_v || ?o = \"{ } WHERE {\") } ",
    "filter after a subquery projecting it": "SELECT ?s ?_v WHERE { { SELECT ?s ?_v WHERE "
                                             "{ ?s <urn:p> ?_v } } ?s <urn:q> ?o "
                                             "FILTER(?o = ?_v) }",
    "subquery in a union": "SELECT ?s ?_v WHERE { { SELECT ?s ?_v WHERE { ?s <urn:p> ?_v } } "
                           "UNION { ?s <urn:q> ?o } }",
    "subquery in an exists": "SELECT ?s ?_v WHERE { ?s <urn:q> ?o FILTER EXISTS { SELECT ?s ?_v "
                             "WHERE { ?s <urn:p> ?_v } } }",
    "values and no WHERE": "SELECT ?s ?_v { ?s ?p ?_v VALUES ?p { <urn:p> <urn:q> } } "
                           "VALUES ?s { <urn:a> <urn:b> }",
}


@pytest.mark.parametrize("query", SHAPES.values(), ids=SHAPES.keys())
def test_values_bind_as_oxigraph_substitutes(query):
    store = ox.Store()
    for subject, predicate, value in [("a", "p", "1"), ("b", "p", "2"), ("b", "q", "2"),
                                      ("c", "p", "3"), ("a", "q", "2")]:
        store.add(ox.Quad(ox.NamedNode(f"urn:{subject}"), ox.NamedNode(f"urn:{predicate}"),
                          ox.Literal(value), ox.NamedNode("urn:g")))
    substitutions = {ox.Variable("_v"): ox.Literal("2")}

    def answers(results):
        return sorted(tuple(str(term) for term in solution) for solution in results)

    expected = answers(store.query(query, substitutions=substitutions,
                                   use_default_graph_as_union=True))
    bound = bind_values(query, substitutions)
    assert answers(store.query(bound, use_default_graph_as_union=True)) == expected


def test_a_subquery_that_carries_a_parameter_binds_it_alone():
    """Virtuoso stalls on a query whose subqueries are joined under a VALUES block of their
    own parameters, so the block is left to the subquery that projects them."""
    substitutions = {ox.Variable("_v"): ox.Literal("2")}
    assert bind_values(SHAPES["subquery projecting it"], substitutions).count("VALUES") == 1
    assert bind_values(SHAPES["subquery in a union"], substitutions).count("VALUES") == 3


def test_a_filter_exists_sees_the_binding_outside_it():
    """EXISTS and NOT EXISTS are evaluated on the solution they filter, which carries the
    value already: a block of their own would only make the filter's expression longer."""
    substitutions = {ox.Variable("_v"): ox.Literal("2")}
    assert bind_values(SHAPES["optional and exists"], substitutions).count("VALUES") == 1
    assert bind_values(SHAPES["not exists"], substitutions).count("VALUES") == 1


def readme_python() -> str:
    """The README's Python examples, its ```python blocks in order, as one script."""
    readme = (Path(__file__).parent.parent / "README.md").read_text("utf-8")
    return "\n".join(re.findall(r"```python\n(.*?)```", readme, re.S))


@pytest.mark.parametrize("target", ["store", "endpoint"])
def test_the_readmes_python_examples_run_as_written(target, corpus_store, server, monkeypatch):
    """The examples over HTTP run against a live server, and the notebook examples against
    the store of the environment, then, with the README's commented endpoint line in place of
    `open()`, against the server."""
    script = readme_python().replace("http://127.0.0.1:8000", server.url)
    monkeypatch.setenv("POLICYGRAPH_STORE", str(corpus_store))
    if target == "endpoint":
        local_line = re.compile(r"^graph = policygraph\.open\(\).*$", re.M)
        remote_line = re.compile(r'^# (graph = policygraph\.open\(")', re.M)
        assert local_line.search(script) and remote_line.search(script)
        script = remote_line.sub(r"\g<1>", local_line.sub("", script))
    namespace: dict[str, object] = {}
    exec(compile(script, "README.md", "exec"), namespace)
    page = namespace["page"]
    assert isinstance(page, dict) and page["total"] == 58
    graph = namespace["graph"]
    assert isinstance(graph, RemoteClient if target == "endpoint" else LocalClient)
    rows, targets, plans = namespace["rows"], namespace["targets"], namespace["plans"]
    assert isinstance(rows, list) and rows
    assert isinstance(targets, pandas.DataFrame) and targets["value"].dtype == "float64"
    assert isinstance(plans, pandas.DataFrame)
    assert pandas.api.types.is_datetime64_any_dtype(plans["issued"])
