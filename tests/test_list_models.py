"""The listing queries answered from the build's read models (`store/list_models.py`): for
every filter alone and in combination, with values that match and values that match nothing,
the same rows in the same order and the same total as the engine's answer to the query, on the
built-in corpus and on plans of many regions and levels; over HTTP too."""

from __future__ import annotations

import itertools
import json
import shutil
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest

from policygraph.cli import main
from policygraph.query import CannedQuery, canned_queries, page_queries
from policygraph.query.text import bind_values
from policygraph.store import GraphStore
from policygraph.store.result_terms import json_term
from policygraph.store.text_index import TEXT_INDEX
from policygraph.store.text_search import TextIndex

from .live import LiveServer, start

ROOT = Path(__file__).parent.parent
REGIONS = ["浙江省", "330000", "嘉兴市", "德清县", "330521", "四川省", "北京市"]
# Values of each query's parameters: those of the built-in corpus and of the alignment corpus's
# plans, and values that match nothing (a document's are added from the graph).
VALUES = {
    "tasks": {
        "function": ["pgf:development-reform", "pgf:commerce", "pgf:no-such-function"],
        "unit": ["发改", "管委会", "局", "人民政府", "不存在的单位"],
        "role": ["lead", "support"],
        "region": REGIONS,
        "level": ["province", "city", "county"],
        "year": ["2020", "2021", "2023", "1999"],
    },
    "documents": {
        "region": REGIONS,
        "level": ["province", "city", "county"],
        "year": ["2020", "2021", "2023", "2025", "1999"],
    },
    "targets": {
        "indicator": ["增加值", "增长", "服务业", "不存在的指标"],
        "concept": ["pgi:services-value-added-growth", "pgi:gdp-growth", "pgi:retail-sales",
                    "pgi:no-such-concept"],
        "unit": ["%", "亿元", "家", "万元"],
        "year": ["2021", "2022", "2025", "1999"],
        "region": REGIONS,
    },
    "agency-workload": {
        "function": ["pgf:development-reform", "pgf:commerce", "pgf:no-such-function"],
        "region": REGIONS,
        "kind": ["agency", "unresolved", "collective"],
    },
    "co-responsibility": {
        "function": ["pgf:development-reform", "pgf:commerce", "pgf:no-such-function"],
        "region": REGIONS,
        "minimum": ["2", "3", "1000"],
        "units": ["agencies", "all"],
    },
    "platforms-and-projects": {
        "kind": ["platform", "project"],
        "name": ["物流", "园", "中心", "不存在的平台"],
    },
    "plan-uptake": {},
    "implementing-plans": {
        "title": ["服务业", "浙江省", "实施方案", "不存在的计划"],
    },
    "tasks-by-function": {
        "function": ["pgf:development-reform", "pgf:commerce", "pgf:no-such-function"],
    },
    "tasks-by-unit-name": {
        "name": ["管委会", "发改", "人民政府", "不存在的单位"],
    },
    "tasks-led-by-function": {
        "function": ["pgf:development-reform", "pgf:commerce", "pgf:no-such-function"],
    },
    "unresolved-agencies": {},
    **{name: {} for name in ("overview", "recent-plans", "regions", "indicator-concepts",
                             "concept-names", "plan-titles", "function-names")},
}


@pytest.fixture(scope="module", params=["built-in", "alignment"])
def build(request: pytest.FixtureRequest, corpus_store: Path,
          tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The live build of the built-in corpus, or of it with the alignment corpus's plans of
    provinces and their cities and counties."""
    if request.param == "built-in":
        store = corpus_store
    else:
        store = tmp_path_factory.mktemp("aligned")
        assert main(["build", str(ROOT / "data" / "raw"), str(ROOT / "data" / "alignment" / "raw"),
                     "--store", str(store), "--quiet"]) == 0
    live = GraphStore(store).current
    assert live is not None
    return live


def parameter_sets(values: dict[str, list[str]]) -> Iterator[dict[str, str]]:
    """No parameter, every parameter alone with each of its values, every pair and triple of
    parameters with their first values, and each pair with their other values."""
    yield {}
    for name, choices in values.items():
        for value in choices:
            yield {name: value}
    for size in (2, 3):
        for names in itertools.combinations(values, size):
            yield {name: values[name][0] for name in names}
    for first, second in itertools.combinations(values, 2):
        for one, other in zip(values[first][1:], values[second][1:], strict=False):
            yield {first: one, second: other}


def engine_rows(store: ox.Store, query: CannedQuery, given: dict[str, str]) -> list[dict]:
    solutions = store.query(bind_values(query.sparql, query.bind(given)),
                            use_default_graph_as_union=True)
    assert isinstance(solutions, ox.QuerySolutions)
    return [comparable({variable.value: json_term(row[variable])
                        for variable in solutions.variables if row[variable] is not None})
            for row in solutions]


def comparable(row: dict) -> dict:
    """A row with its leads, where it has them, as the list of labels they join in code point
    order (the engine's GROUP_CONCAT joins them in an order of its own)."""
    if "leads" not in row:
        return row
    leads = row["leads"]["value"]
    return {**row, "leads": sorted(leads.split("、")) if leads else []}


def index_rows(index: TextIndex, query: CannedQuery, given: dict[str, str], offset: int = 0,
               limit: int | None = None) -> tuple[int, list[dict]]:
    substitutions = query.bind(given)
    filters = {variable.value: int(term.value) if variable.value.endswith("_integer")
               else term.value for variable, term in substitutions.items()}
    found = index.listed(query.name, filters, time.monotonic() + 30, offset, limit)
    echoed = {variable.value: json_term(term) for variable, term in substitutions.items()}
    return found.total, [comparable({**json.loads(terms), **echoed}) for terms in found.terms]


@pytest.mark.parametrize("name", list(VALUES))
def test_the_read_model_lists_what_the_engine_lists_for_every_filter(build, name):
    query = page_queries()[name]
    engine = ox.Store.read_only(str(build / "oxigraph"))
    index = TextIndex.of_build(build)
    assert index is not None
    values = dict(VALUES[name])
    for parameter, listing in (("document", "documents"), ("plan", "implementing-plans")):
        if parameter in {parameter.name for parameter in query.parameters}:
            found = [row[parameter]["value"]
                     for row in engine_rows(engine, canned_queries()[listing], {})]
            values[parameter] = [*sorted(set(found), key=found.index)[:2],
                                 "http://example.org/nothing"]
    required = {parameter.name for parameter in query.parameters if parameter.required}
    found_some = 0
    sets = [given for given in parameter_sets(values) if required <= set(given)]
    for given in sets:
        expected = engine_rows(engine, query, given)
        assert index_rows(index, query, given) == (len(expected), expected), given
        assert index_rows(index, query, given, 1, 3)[1] == expected[1:4], given
        found_some += bool(expected)
    assert found_some >= max(1, len(sets) // 3)  # the values chosen find rows


def test_the_rest_api_lists_tasks_from_the_read_model_as_the_engine_does(server: LiveServer):
    """Pages of /api/queries/tasks join up to the SPARQL endpoint's answer, with its total."""
    query = canned_queries()["tasks"]
    for given in ({}, {"region": "浙江省", "role": "lead"}, {"unit": "发改", "year": "2021"},
                  {"level": "county", "function": "pgf:commerce"}):
        response = httpx.post(f"{server.url}/sparql", timeout=30,
                              data={"query": bind_values(query.sparql, query.bind(given))},
                              headers={"Accept": "application/sparql-results+json"})
        assert response.status_code == 200, response.text
        expected = [[row.get(name, {}).get("value") for name in ("task", "path", "text")]
                    for row in response.json()["results"]["bindings"]]
        got: list[list[str | None]] = []
        for offset in range(0, len(expected) + 1, 40):
            page = httpx.get(f"{server.url}/api/queries/tasks", timeout=30,
                             params={**given, "limit": 40, "offset": offset}).json()
            assert page["total"] == len(expected), given
            got += [[item["task"], item["path"], item["text"]] for item in page["items"]]
        assert got == expected, given


def test_an_index_without_the_list_of_tasks_leaves_it_to_the_engine(corpus_store, tmp_path):
    """A build whose index predates the list of tasks still lists them, from the engine."""
    copy = tmp_path / "store"
    shutil.copytree(corpus_store, copy, symlinks=True)
    build = GraphStore(copy).current
    assert build is not None
    with sqlite3.connect(build / TEXT_INDEX) as connection:
        connection.execute("DROP TABLE list_tasks")
    index = TextIndex.of_build(build)
    assert index is not None and not index.holds("list_tasks") and index.holds("rows")
    live = start(copy, log=tmp_path / "server.log")
    try:
        page = httpx.get(f"{live.url}/api/queries/tasks", params={"region": "浙江省"},
                         timeout=30)
        assert page.status_code == 200 and page.json()["total"] > 0
    finally:
        live.stop()


@pytest.mark.parametrize("name", ["agency-workload", "co-responsibility"])
def test_the_workloads_and_pairs_of_one_document_count_as_the_engine_counts(server: LiveServer,
                                                                             name: str):
    """The workloads and pairs of one document count its tasks only: over HTTP, the same
    rows, counts and order as the SPARQL endpoint's answer."""
    query = canned_queries()[name]
    documents = httpx.get(f"{server.url}/api/queries/documents", timeout=30).json()["items"]
    for given in ({"document": documents[0]["document"]},
                  {"document": documents[-1]["document"], "function": "pgf:commerce"}):
        response = httpx.post(f"{server.url}/sparql", timeout=30,
                              data={"query": bind_values(query.sparql, query.bind(given))},
                              headers={"Accept": "application/sparql-results+json"})
        expected = [{key: term["value"] for key, term in row.items() if not key.startswith("_")}
                    for row in response.json()["results"]["bindings"]]
        page = httpx.get(f"{server.url}/api/queries/{name}", timeout=30,
                         params={**given, "limit": 1000}).json()
        assert page["total"] == len(expected) > 0, given
        assert [{key: str(value) for key, value in item.items() if value is not None}
                for item in page["items"]] == expected, given
