"""The built-in corpus built into a real store: the canned question, provenance, stable IRIs,
exports that round-trip, fast unchanged rebuilds and builds that fail without harm."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph

from policygraph.cli import main
from policygraph.parse.decode import read_document
from policygraph.store import GraphStore
from policygraph.vocab import PG

DATA = Path(__file__).parent.parent / "data"
CORPUS = DATA / "raw"
DEVELOPMENT_REFORM = re.compile("发改|发展改革|发展和改革")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture(scope="module")
def store_dir(corpus_store: Path) -> Path:
    """The session's store of the corpus (built by `policygraph build` in conftest.py)."""
    return corpus_store


def gold_tasks_led_by_development_reform() -> int:
    return sum(1 for path in (DATA / "gold").glob("*.json")
               for task in json.loads(path.read_text("utf-8"))["tasks"]
               if any(DEVELOPMENT_REFORM.search(unit) for unit in task["lead"]))


def test_led_by_count_matches_the_gold(capsys, store_dir):
    expected = gold_tasks_led_by_development_reform()
    for name in ("发改委", "发展改革委", "县发改局", "发展和改革"):
        status, out, _ = run(capsys, "tasks", "--led-by", name, "--store", str(store_dir))
        assert status == 0
        assert f"({expected} tasks; function" in out, out[-300:]


def test_tasks_any_role_include_supporting(capsys, store_dir):
    _, led, _ = run(capsys, "tasks", "--led-by", "商务局", "--store", str(store_dir))
    _, any_role, _ = run(capsys, "tasks", "--agency", "商务局", "--store", str(store_dir))
    count = re.compile(r"\((\d+) tasks")
    assert int(count.findall(any_role)[-1]) > int(count.findall(led)[-1]) > 0


def test_store_conforms_to_the_shapes(capsys, store_dir):
    status, out, _ = run(capsys, "validate", "--store", str(store_dir))
    assert status == 0, out
    assert out.startswith("conforms")


@pytest.mark.parametrize(("narrower", "broader"), [
    ("pg:SafeguardTask", "pg:Task"), ("pg:UnresolvedAgency", "pg:Agency"),
    ("pg:Agency", "pg:ResponsibleUnit"), ("pg:CollectiveUnit", "pg:ResponsibleUnit")])
def test_instances_of_a_subclass_carry_its_superclass(capsys, store_dir, narrower, broader):
    """A query needs no reasoner: `?t a pg:Task` finds the safeguard tasks too."""
    question = (f"SELECT (COUNT(?x) AS ?n) WHERE {{ ?x a {narrower} . "
                f"FILTER NOT EXISTS {{ ?x a {broader} }} }}")
    status, out, _ = run(capsys, "query", question, "--format", "csv",
                         "--store", str(store_dir))
    assert status == 0 and out.split() == ["n", "0"]
    status, out, _ = run(capsys, "query", f"SELECT (COUNT(?x) AS ?n) WHERE {{ ?x a {narrower} }}",
                         "--format", "csv", "--store", str(store_dir))
    assert int(out.split()[1]) > 0


def test_one_named_graph_per_document_the_entities_the_ontology_and_the_alignments(store_dir):
    store = GraphStore(store_dir).open()
    graphs = {graph.value.rsplit("/", 1)[-1] for graph in store.named_graphs()}
    assert {path.stem for path in CORPUS.glob("*.txt")} \
        | {"entities", "ontology", "alignments"} == graphs


def test_provenance_quotes_the_source_at_its_offsets(store_dir):
    store = GraphStore(store_dir).open()
    rows = store.query("""
        SELECT ?file ?sha ?start ?end ?exact WHERE {
          ?item pg:sourceSpan ?span ; pg:inDocument ?doc .
          ?doc pg:sourceFile ?file ; pg:sha256 ?sha .
          ?span oa:hasSelector ?position , ?quote .
          ?position oa:start ?start ; oa:end ?end .
          ?quote oa:exact ?exact .
        }""", use_default_graph_as_union=True, prefixes={
        "pg": "https://w3id.org/policygraph/ontology#", "oa": "http://www.w3.org/ns/oa#"})
    assert isinstance(rows, ox.QuerySolutions)
    texts: dict[str, str] = {}
    count = 0
    for row in rows:
        file = row["file"].value
        if file not in texts:
            path = CORPUS / file
            assert hashlib.sha256(path.read_bytes()).hexdigest() == row["sha"].value
            texts[file] = read_document(path)
        start, end = int(row["start"].value), int(row["end"].value)
        assert texts[file][start:end] == row["exact"].value
        count += 1
    tasks = sum(1 for _ in store.quads_for_pattern(
        None, ox.NamedNode("https://w3id.org/policygraph/ontology#inDocument"), None))
    assert count > 0 and len(texts) == 5 and tasks >= count


@pytest.mark.parametrize(("fmt", "rdflib_format", "quads"), [
    ("nq", "nquads", True), ("trig", "trig", True), ("jsonld", "json-ld", True),
    ("ttl", "turtle", False), ("nt", "nt", False),
])
def test_export_round_trip(tmp_path, store_dir, fmt, rdflib_format, quads):
    out = tmp_path / f"graph.{fmt}"
    assert main(["export", "--format", fmt, "-o", str(out), "--store", str(store_dir)]) == 0
    store = GraphStore(store_dir).open()
    if quads:
        parsed = Dataset()
        parsed.parse(out, format=rdflib_format)
        assert len(parsed) == len(store)
    else:
        parsed_graph = Graph().parse(out, format=rdflib_format)
        distinct = {(q.subject, q.predicate, q.object) for q in store}
        assert len(parsed_graph) == len(distinct)


def test_rebuild_gives_identical_iris_and_triples(tmp_path, store_dir):
    again = tmp_path / "again"
    assert main(["build", str(CORPUS), "--store", str(again), "--quiet"]) == 0
    first = {str(quad) for quad in GraphStore(store_dir).open()}
    second = {str(quad) for quad in GraphStore(again).open()}
    assert first == second
    assert not any(quad.startswith("<_:") or " _:" in quad for quad in first)


def test_unchanged_inputs_are_not_rebuilt(capsys, store_dir):
    status, out, _ = run(capsys, "build", str(CORPUS), "--store", str(store_dir), "--quiet")
    assert status == 0 and out.startswith("up to date")


def test_failed_build_leaves_the_previous_graph_answering(capsys, tmp_path):
    directory = tmp_path / "store"
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for path in sorted(CORPUS.glob("*.txt"))[:2]:
        (corpus / path.name).write_bytes(path.read_bytes())
    assert run(capsys, "build", str(corpus), "--store", str(directory), "--quiet")[0] == 0
    question = ("query", "SELECT (COUNT(?t) AS ?n) WHERE { ?t a pg:Task }", "--format", "csv",
                "--store", str(directory))
    _, before, _ = run(capsys, *question)
    live = GraphStore(directory).current
    clash = tmp_path / "elsewhere"  # a second plan.txt would be the same document
    clash.mkdir()
    first = sorted(corpus.glob("*.txt"))[0]
    (clash / first.name).write_bytes(first.read_bytes())
    status, _, err = run(capsys, "build", str(corpus), str(clash / first.name),
                         "--store", str(directory), "--quiet")
    assert status == 1
    assert "would be one document" in err and "previous graph stays live" in err
    assert GraphStore(directory).current == live
    _, after, _ = run(capsys, *question)
    assert after == before and before.strip().endswith(tuple("0123456789"))


def test_a_plan_of_a_county_no_table_knows_is_published_with_a_warning(capsys, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "unknown-county.txt").write_text(
        "某某县2021年服务业工作要点\n一、主要任务\n（一）推进物流发展。责任单位：县发改局\n",
        "utf-8")
    status, _, err = run(capsys, "build", str(corpus), "--store", str(tmp_path / "store"),
                         "--quiet")
    assert status == 0, err
    assert "unknown-county.txt: the page names no jurisdiction" in err
    _, out, _ = run(capsys, "query", "SELECT ?level WHERE { ?d pg:level ?level }", "--format",
                    "csv", "--store", str(tmp_path / "store"))
    assert out.split()[1:] == [f"{PG}county"]


def test_unresolved_agencies_are_listed(capsys, store_dir):
    status, out, _ = run(capsys, "agencies", "--unresolved", "--store", str(store_dir))
    assert status == 0
    assert "管委会" in out


def test_bad_sparql_names_the_problem(capsys, store_dir):
    status, _, err = run(capsys, "query", "SELECT WHERE {", "--store", str(store_dir))
    assert status == 2 and "syntax error" in err.lower()


def test_commands_need_a_built_store(capsys, tmp_path):
    status, _, err = run(capsys, "tasks", "--led-by", "发改委", "--store", str(tmp_path))
    assert status == 2 and "policygraph build" in err


def readme_queries() -> list[str]:
    readme = (Path(__file__).parent.parent / "README.md").read_text("utf-8")
    return re.findall(r"```sparql\n(.*?)```", readme, re.S)


def test_readme_has_three_example_queries():
    assert len(readme_queries()) >= 3


@pytest.mark.parametrize("number", range(3))
def test_readme_example_query_runs_as_shown(capsys, store_dir, number):
    status, out, err = run(capsys, "query", readme_queries()[number], "--format", "csv",
                           "--store", str(store_dir))
    assert status == 0, err
    assert len(out.strip().splitlines()) > 1, out


def test_an_agencys_label_is_its_bodys_name_as_the_plans_write_it(capsys, store_dir):
    """`嘉兴市发展改革委` (the plans' `市发展改革委` with its division in full), never the
    function's stem `嘉兴市发展和改革`; a name that names its place itself stays as written."""
    question = ("PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
                "SELECT ?label WHERE { ?agency a pg:Agency ; skos:prefLabel ?label }")
    status, out, _ = run(capsys, "query", question, "--format", "csv", "--store", str(store_dir))
    labels = set(out.split()[1:])
    assert status == 0 and "嘉兴市发展改革委" in labels and "德清县发改局" in labels
    assert "人行嘉兴市中心支行" in labels
    assert not labels & {"嘉兴市发展和改革", "德清县发展和改革"}


def test_by_default_a_graph_holds_the_built_in_development_and_alignment_plans(capsys, tmp_path,
                                                                         monkeypatch):
    """`policygraph build` with no documents, in a clone: the built-in plans, the real plans
    of both splits of the development corpus and of the alignment gold, whichever of these
    folders it holds."""
    plans = {"data/raw": sorted(CORPUS.glob("*.txt"))[:2],
             "data/dev/develop/raw": sorted((DATA / "dev" / "develop" / "raw").glob("*.txt"))[:2],
             "data/dev/fresh/raw": sorted((DATA / "dev" / "fresh" / "raw").glob("*.txt"))[:1],
             "data/alignment/raw": sorted((DATA / "alignment" / "raw").glob("*.txt"))[:1]}
    for folder, paths in plans.items():
        (tmp_path / folder).mkdir(parents=True)
        for path in paths:
            (tmp_path / folder / path.name).write_bytes(path.read_bytes())
    monkeypatch.chdir(tmp_path)
    status, out, err = run(capsys, "build", "--store", "store", "--quiet")
    assert status == 0, err
    assert out.startswith("built 6 documents")
    shutil.rmtree(tmp_path / "data" / "dev")
    shutil.rmtree(tmp_path / "data" / "alignment")
    status, out, err = run(capsys, "build", "--store", "store", "--quiet")
    assert status == 0 and out.startswith("built 2 documents"), out + err
