"""The full-text index built with the graph: `search-tasks` answered from it, over HTTP, row for
row as the engine answers the query's SPARQL, whatever the phrase (one character, Latin letters
in any case, punctuation alone, quotes, nothing found)."""

from __future__ import annotations

import json
import shutil
import time

import httpx
import pyoxigraph as ox
import pytest

from policygraph.query import canned_queries, page_queries
from policygraph.query.text import bind_values
from policygraph.store import GraphStore
from policygraph.store.result_terms import json_term
from policygraph.store.task_rows import indexed_task_rows
from policygraph.store.text_index import TEXT_INDEX, grams
from policygraph.store.text_search import IndexTimeout, TextIndex
from policygraph.vocab import PREFIXES

from .live import LiveServer, path_of, start

PHRASES = ["物流", "服务业", "的", "、", "（", "5G", "g", "A", '"', "发展改革委", "不存在的词语",
           "现代服务业发展", " ", "（一）", "、加快", "\n", "业 ", "Ｇ", "é", "服务业发展"]


def engine_answer(server: LiveServer, phrase: str) -> dict:
    """search-tasks.rq with the phrase bound, run by the SPARQL endpoint (never the index)."""
    query = canned_queries()["search-tasks"]
    sparql = bind_values(query.sparql, query.bind({"q": phrase}))
    response = httpx.post(f"{server.url}/sparql", data={"query": sparql}, timeout=30,
                          headers={"Accept": "application/sparql-results+json"})
    assert response.status_code == 200, response.text
    return response.json()


def rest_items(server: LiveServer, phrase: str, limit: int = 500, offset: int = 0) -> dict:
    response = httpx.get(f"{server.url}/api/queries/search-tasks", timeout=30,
                         params={"q": phrase, "limit": limit, "offset": offset})
    assert response.status_code == 200, response.text
    return response.json()


def plain(binding: dict) -> object:
    return None if binding is None else binding["value"]


@pytest.mark.parametrize("phrase", PHRASES)
def test_search_tasks_from_the_index_answers_as_the_engine_does(server, corpus_store, phrase):
    assert (GraphStore(corpus_store).current / TEXT_INDEX).is_file()
    engine = engine_answer(server, phrase)["results"]["bindings"]
    page = rest_items(server, phrase)
    assert page["total"] == len(engine)
    columns = ["task", "document", "title", "path", "heading", "text", "inHeading",
               "occurrences"]
    expected = [[plain(row.get(column)) for column in columns] for row in engine]
    got = [[item[column] for column in columns] for item in page["items"]]
    as_engine = [[str(value).lower() if isinstance(value, bool) else
                  None if value is None else str(value) for value in row] for row in got]
    assert as_engine == expected


NAME_PHRASES = ["发改", "嘉兴", "330400", "33", "发改委", "发展改革", "局", "市", "商务", "A", "、",
                " ", "不存在的名字", "嘉兴市商务局", "人民政府", "嘉兴\0"]


@pytest.mark.parametrize("phrase", NAME_PHRASES)
def test_names_from_the_index_answer_as_the_engine_does(corpus_store, phrase):
    """The agencies and regions the search page and its suggestions show for a phrase, with
    their counts and in their order, as names.rq finds them in the graph."""
    build = GraphStore(corpus_store).current
    query = page_queries()["names"]
    engine = ox.Store.read_only(str(build / "oxigraph"))
    solutions = engine.query(bind_values(query.sparql, query.bind({"q": phrase})),
                             use_default_graph_as_union=True)
    expected = [{name: json_term(row[name]) for name in ("kind", "item", "label", "count")}
                for row in solutions]
    found = TextIndex.of_build(build).names_containing(phrase, time.monotonic() + 10)
    assert (found.total, [json.loads(terms) for terms in found.terms]) \
        == (len(expected), expected)
    paged = TextIndex.of_build(build).names_containing(phrase, time.monotonic() + 10, 2, 3)
    assert [json.loads(terms) for terms in paged.terms] == expected[2:5]


def test_the_search_page_and_its_suggestions_list_the_names_the_index_finds(server):
    suggested = httpx.get(f"{server.url}/search/suggest", params={"q": "发改"}, timeout=30)
    assert suggested.status_code == 200 and suggested.json()
    page = httpx.get(f"{server.url}/search", params={"q": "发改"}, timeout=30).text
    assert all(f'href="{path_of(name["iri"])}"' in page for name in suggested.json())


def test_pages_of_a_search_join_up_to_the_whole_answer(server):
    whole = rest_items(server, "服务")
    pages = [rest_items(server, "服务", limit=7, offset=offset) for offset in range(0, 35, 7)]
    assert {page["total"] for page in pages} == {whole["total"]} and whole["total"] > 35
    assert [item for page in pages for item in page["items"]] == whole["items"][:35]
    assert pages[0]["next"] and "offset=7" in pages[0]["next"]


def test_the_search_page_lists_the_tasks_the_index_finds(server):
    page = httpx.get(f"{server.url}/search", params={"q": "物流"}, timeout=30).text
    found = rest_items(server, "物流")["items"]
    assert found and all(f'href="{path_of(item["task"])}"' in page for item in found)


def test_a_build_without_an_index_is_answered_by_the_engine(corpus_store, tmp_path):
    """A build of a version before the index still answers, from the engine."""
    copy = tmp_path / "store"
    shutil.copytree(corpus_store, copy, symlinks=True)
    build = GraphStore(copy).current
    (build / TEXT_INDEX).unlink()
    assert TextIndex.of_build(build) is None
    live = start(copy, log=tmp_path / "server.log")
    try:
        items = rest_items(live, "物流")
        assert items["total"] == len(engine_answer(live, "物流")["results"]["bindings"]) > 0
    finally:
        live.stop()


def test_a_search_past_its_deadline_is_stopped(corpus_store):
    index = TextIndex.of_build(GraphStore(corpus_store).current)
    assert index is not None
    with pytest.raises(IndexTimeout, match="time limit"):
        index.tasks_containing("、", time.monotonic() - 1)
    with pytest.raises(IndexTimeout, match="time limit"):  # (stopped inside SQLite)
        index.tasks_containing("、", time.monotonic() + 0.0001)


PG, DCTERMS = "https://w3id.org/policygraph/ontology#", "http://purl.org/dc/terms/"
INTEGER = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
# Texts that fold, gap and repeat where a tokenizer would go wrong.
TRICKY = ["物、流园区", "物流物流物流物流物流物流", "Abc 5g ABC abc", "café CAFE",
          "服务\n业发展", "服务 业", "（一）加快 物流", "aaaaaa", "Ｇ全角ｇ", "两岸\u3000物流",
          "＂引号＂和\"quotes\"", "ONLY UPPER"]
TRICKY_PHRASES = ["物流", "物、", "、流", "物", "a", "A", "abc", "ABC", "5G", "5g", "é", "e",
                  "café", "CAFE", "服务业", "务\n", "\n", " ", "务 业", "aa", "aaa", "aaaa",
                  "Ｇ", "ｇ", "\u3000", "\"", "＂", "流物", "（一）", "加快 物流", "不在", "only",
                  "Upper", "a\0", "物流\0"]


def test_the_index_finds_what_the_engine_finds_in_tricky_texts(tmp_path):
    """Every phrase (cased, accented, gaps, repeats, quotes) against texts and headings made
    to trip a tokenizer: the index answers the canned query's SPARQL row for row."""
    graph = ox.NamedNode("https://example.org/graph")
    quads = []
    for number, text in enumerate(TRICKY):
        task = ox.NamedNode(f"https://example.org/task/{number}")
        document = ox.NamedNode(f"https://example.org/doc/{number % 3}")
        quads += [ox.Quad(task, ox.NamedNode(PG + "text"), ox.Literal(text), graph),
                  ox.Quad(task, ox.NamedNode(PG + "inDocument"), document, graph),
                  ox.Quad(task, ox.NamedNode(PG + "path"), ox.Literal(f"一/{number}"), graph),
                  ox.Quad(task, ox.NamedNode(PG + "order"),
                          ox.Literal(str(number), datatype=INTEGER), graph),
                  ox.Quad(document, ox.NamedNode(DCTERMS + "title"),
                          ox.Literal(f"方案{number % 3}"), graph)]
        if number % 2:
            quads.append(ox.Quad(task, ox.NamedNode(PG + "heading"),
                                 ox.Literal(TRICKY[-1 - number]), graph))
    build = GraphStore(tmp_path / "store").publish(
        b"".join(f"{quad} .\n".encode() for quad in quads), {})
    engine = ox.Store.read_only(str(build / "oxigraph"))
    index = TextIndex.of_build(build)
    query = canned_queries()["search-tasks"]
    columns = ["task", "document", "title", "path", "heading", "text"]
    for phrase in TRICKY_PHRASES:
        solutions = engine.query(bind_values(query.sparql, query.bind({"q": phrase})),
                                 use_default_graph_as_union=True)
        expected = [({name: json_term(row[name]) for name in columns if row[name] is not None},
                     row["inHeading"].value == "true", int(row["occurrences"].value))
                    for row in solutions]
        found = index.tasks_containing(phrase, time.monotonic() + 10)
        got = [(json.loads(match.terms), match.in_heading, match.occurrences)
               for match in found.rows]
        assert (found.total, got) == (len(expected), expected), phrase


# The pattern of search-tasks.rq whose solutions the index holds.
INDEXED = f"""
PREFIX pg: <{PREFIXES["pg"]}>
PREFIX dcterms: <{PREFIXES["dcterms"]}>
SELECT ?task ?document ?title ?path ?heading ?text ?order WHERE {{
  ?task pg:text ?text ; pg:inDocument ?document ; pg:path ?path ; pg:order ?order .
  ?document dcterms:title ?title .
  OPTIONAL {{ ?task pg:heading ?heading }}
}}
"""


def test_the_indexed_rows_are_the_engines_solutions_of_the_pattern(corpus_store):
    store = GraphStore(corpus_store).open()
    names = ("task", "document", "title", "path", "heading", "text", "order")
    engine = sorted(tuple(str(solution[name]) for name in names) for solution in
                    store.query(INDEXED, use_default_graph_as_union=True))
    read = sorted(tuple(str(row[name]) for name in names) for row in indexed_task_rows(store))
    assert len(engine) > 100 and read == engine


def test_grams_are_characters_and_pairs_with_gaps_written_out():
    assert grams("物流 园") == "物 流 ␣ 园 物流 流␣ ␣园"
    assert grams("A") == "A" and grams(None) is None


def test_every_row_of_a_task_is_found_though_one_matches(tmp_path):
    """A task in a document with two titles has two rows; both are answered when the phrase
    is in its text, and the index reads the graph as the union of its named graphs."""
    pg, dcterms = "https://w3id.org/policygraph/ontology#", "http://purl.org/dc/terms/"
    store = GraphStore(tmp_path / "store")
    graph = ox.NamedNode("https://example.org/graph")
    task, document = ox.NamedNode("https://example.org/t"), ox.NamedNode("https://example.org/d")
    quads = [ox.Quad(task, ox.NamedNode(pg + "text"), ox.Literal("发展现代物流"), graph),
             ox.Quad(task, ox.NamedNode(pg + "inDocument"), document, graph),
             ox.Quad(task, ox.NamedNode(pg + "path"), ox.Literal("一/1"), graph),
             ox.Quad(task, ox.NamedNode(pg + "order"), ox.Literal("1", datatype=ox.NamedNode(
                 "http://www.w3.org/2001/XMLSchema#integer")), graph),
             ox.Quad(document, ox.NamedNode(dcterms + "title"), ox.Literal("甲方案"), graph),
             ox.Quad(document, ox.NamedNode(dcterms + "title"), ox.Literal("乙方案"), graph)]
    nquads = b"".join(f"{quad} .\n".encode() for quad in quads)
    build = store.publish(nquads, {})
    found = TextIndex.of_build(build).tasks_containing("物流", time.monotonic() + 10)
    assert [json.loads(match.terms)["title"]["value"] for match in found.rows] == [
        "乙方案", "甲方案"]
    assert [match.occurrences for match in found.rows] == [1, 1] and found.total == 2
    assert TextIndex.of_build(build).tasks_containing("甲方案", time.monotonic() + 10).total == 0
