"""The REST API of a live server: canned queries, paging, CSV, errors and the OpenAPI document."""

from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import httpx
import pytest

from policygraph.parse.decode import read_document
from policygraph.query import canned_queries

from .live import sparql, start

ROOT = Path(__file__).parent.parent
DEVELOPMENT_REFORM = re.compile("发改|发展改革|发展和改革")


def get(server, route: str, **params: str | int) -> httpx.Response:
    return httpx.get(f"{server.url}{route}", params=params, timeout=30)


def items(server, route: str, **params: str | int) -> list[dict]:
    response = get(server, route, **params)
    assert response.status_code == 200, response.text
    return response.json()["items"]


def sparql_count(server, pattern: str) -> int:
    response = httpx.get(f"{server.url}/sparql", timeout=30, params={
        "query": f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ {pattern} }}"})
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


def gold_tasks_led_by_development_reform() -> int:
    return sum(1 for path in sorted((ROOT / "data" / "gold").glob("*.json"))
               for task in json.loads(path.read_text("utf-8"))["tasks"]
               if any(DEVELOPMENT_REFORM.search(lead) for lead in task["lead"]))


@pytest.mark.parametrize("name", sorted(canned_queries()))
def test_every_canned_query_answers_with_its_example_values(server, name):
    query = canned_queries()[name]
    examples = {p.name: p.example for p in query.parameters if p.example is not None}
    assert {p.name for p in query.parameters if p.required} <= set(examples), name
    response = get(server, f"/api/queries/{name}", **examples)
    assert response.status_code == 200, response.text
    page = response.json()
    assert page["items"], f"{name} found nothing for its own examples {examples}"
    assert page["total"] >= len(page["items"]) and page["offset"] == 0
    assert page["limit"] == (query.pagination or 100)
    for item in page["items"]:
        assert not any(key.startswith("_") for key in item), item
        assert any(value not in (None, "") for value in item.values())


def test_led_by_finds_every_task_a_development_and_reform_agency_leads(server):
    expected = gold_tasks_led_by_development_reform()
    assert expected == 58
    page = get(server, "/api/tasks", led_by="发改委").json()
    assert page["total"] == expected
    assert page["matched"] == {"function": "https://w3id.org/policygraph/function/development-reform"}
    assert all(DEVELOPMENT_REFORM.search(item["leads"]) for item in page["items"])
    for alias in ("市发改委", "发展改革委", "省发改委"):
        assert get(server, "/api/tasks", led_by=alias).json()["total"] == expected, alias


def test_agency_in_any_role_and_written_names(server):
    led = get(server, "/api/tasks", led_by="商务局").json()["total"]
    any_role = get(server, "/api/tasks", agency="商务局").json()["total"]
    assert 0 < led < any_role
    unit = get(server, "/api/tasks", agency="管委会").json()
    assert unit["matched"] == {"unit": "管委会"}
    assert unit["total"] == sparql_count(
        server, "?x pg:responsibleUnit/skos:altLabel ?written . "
                "FILTER(CONTAINS(STR(?written), '管委会'))")


def gold_tasks_led_by_with(lead: re.Pattern[str], partner: str) -> int:
    return sum(1 for path in sorted((ROOT / "data" / "gold").glob("*.json"))
               for task in json.loads(path.read_text("utf-8"))["tasks"]
               if any(lead.search(unit) for unit in task["lead"])
               and any(partner in unit for unit in task["agencies"]))


def test_led_by_with_agency_finds_the_tasks_one_leads_and_the_other_takes_part_in(server):
    expected = gold_tasks_led_by_with(DEVELOPMENT_REFORM, "财政")
    assert 0 < expected < gold_tasks_led_by_development_reform()
    page = get(server, "/api/tasks", led_by="发改委", agency="财政局", limit=1000).json()
    assert page["total"] == expected
    assert page["partner"] == {"function": "https://w3id.org/policygraph/function/finance"}
    assert all(DEVELOPMENT_REFORM.search(item["leads"]) for item in page["items"])
    written = get(server, "/api/tasks", led_by="发改委", agency="管委会").json()
    assert written["partner"] == {"unit": "管委会"}
    assert written["total"] == gold_tasks_led_by_with(DEVELOPMENT_REFORM, "管委会")


def test_filters_narrow_and_unset_filters_keep_everything(server):
    everything = get(server, "/api/queries/tasks").json()["total"]
    assert everything == sparql_count(server, "?x pg:text ?text ; pg:inDocument ?d")
    zhejiang = items(server, "/api/tasks", region="浙江省", limit=1000)
    assert 0 < len(zhejiang) < everything
    assert {item["region"] for item in zhejiang} == {"嘉兴市", "德清县", "衢州市", "浙江省"}
    assert {item["region"] for item in items(server, "/api/tasks", region="330400")} == {"嘉兴市"}
    assert {item["level"] for item in items(server, "/api/tasks", level="county")} == {"county"}
    in_2025 = items(server, "/api/tasks", year=2025, limit=1000)
    assert {item["title"] for item in in_2025} == {
        "衢州市服务业高质量发展“十百千”工程实施方案(2023—2027年)"}
    both = get(server, "/api/tasks", led_by="发改委", region="嘉兴市").json()["total"]
    assert 0 < both < gold_tasks_led_by_development_reform()


def test_query_contents(server):
    outline = items(server, "/api/queries/document-outline",
                    document="http://127.0.0.1:8000/id/doc/001_9d293a04fdf91622", limit=1000)
    assert [item["order"] for item in outline] == sorted(item["order"] for item in outline)
    assert {"section", "task"} <= {item["kind"] for item in outline} <= {
        "section", "task", "safeguard"}
    assert len({item["item"] for item in outline}) == len(outline)  # one row, one kind each
    assert outline[0]["depth"] == 1 and max(item["depth"] for item in outline) == 4
    percent = items(server, "/api/queries/targets", unit="%", year=2021, limit=1000)
    assert percent and all(t["unit"] == "%" and t["year"] == 2021 for t in percent)
    assert all(isinstance(t["value"], int | float) for t in percent)
    hits = items(server, "/api/queries/search-tasks", q="物流", limit=1000)
    assert all("物流" in hit["text"] or "物流" in (hit["heading"] or "") for hit in hits)
    ranks = [(not hit["inHeading"], -hit["occurrences"]) for hit in hits]
    assert ranks == sorted(ranks) and hits[0]["inHeading"]
    pairs = items(server, "/api/queries/co-responsibility", minimum=3, limit=1000)
    assert pairs and all(p["tasks"] >= 3 and p["agency"] < p["partner"] for p in pairs)
    workload = items(server, "/api/queries/agency-workload", limit=1000)
    assert [w["tasks"] for w in workload] == sorted((w["tasks"] for w in workload), reverse=True)
    assert sum(w["led"] for w in workload) == sparql_count(server, "?x pg:leadAgency ?a")
    projects = items(server, "/api/queries/platforms-and-projects", kind="project")
    assert projects and {p["kind"] for p in projects} == {"project"}
    (plan,) = items(server, "/api/queries/implementing-plans", title="百千万")
    assert plan["title"].startswith("衢州市") and plan["direct"] and not plan["planInGraph"]
    assert len(items(server, "/api/queries/unresolved-agencies")) == sparql_count(
        server, "?x a pg:UnresolvedAgency")


def test_every_target_is_listed_with_its_quote_and_the_task_that_sets_it(server):
    listed = items(server, "/api/queries/targets", limit=1000)
    assert len(listed) == sparql_count(server, "?x a pg:Target")
    set_by_task = {row["target"]: row["task"] for row in sparql(
        server, "SELECT ?target ?task WHERE { ?task pg:hasTarget ?target ; pg:text ?text }")}
    assert {t["target"]: t.get("task") for t in listed} == {
        t["target"]: set_by_task.get(t["target"]) for t in listed}
    assert set_by_task.keys() < {t["target"] for t in listed}  # some set by a section
    assert all(t["quote"] for t in listed)


def test_one_task_with_agencies_targets_mentions_and_source(server):
    iri = "http://127.0.0.1:8000/id/doc/001_9d293a04fdf91622/task/3-1-1-1"
    task = get(server, "/api/task", iri=iri).json()
    assert task["task"] == iri and task["path"] == "三 (一) 1 (1)"
    assert [(a["label"], a["role"]) for a in task["agencies"]] == [
        ("嘉兴市发展改革委", "lead"), ("嘉兴市交通运输局", "support")]  # bodies as written
    assert [(t["value"], t["unit"], t["comparator"]) for t in task["targets"]] == [(5, "家", ">=")]
    assert "嘉兴现代物流园" in {m["label"] for m in task["mentions"]}
    text = read_document(ROOT / "data" / "raw" / "001_9d293a04fdf91622.txt")
    source = task["source"]
    assert text[source["start"]:source["end"]] == source["quote"] == task["text"]
    assert get(server, "/api/task", iri="http://example.org/no-task").status_code == 404


def test_pages_follow_next_links_without_overlap(server):
    first = get(server, "/api/tasks", led_by="发改委", limit=7).json()
    seen, page, pages = [], first, 0
    while True:
        assert page["total"] == first["total"] and len(page["items"]) <= 7
        seen += [item["task"] for item in page["items"]]
        pages += 1
        if page["next"] is None:
            break
        page = httpx.get(page["next"], timeout=30).json()
    assert pages == -(-first["total"] // 7)
    assert len(seen) == len(set(seen)) == first["total"]
    beyond = get(server, "/api/tasks", led_by="发改委", offset=first["total"]).json()
    assert beyond["items"] == [] and beyond["total"] == first["total"]


def test_csv_is_the_same_page(server):
    params = {"led_by": "发改委", "limit": 5, "offset": 5}
    page = get(server, "/api/tasks", **params).json()
    response = get(server, "/api/tasks", **params, format="csv")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert response.headers["x-total-count"] == str(page["total"])
    assert 'rel="next"' in response.headers["link"]
    lines = response.text.splitlines()
    assert lines[0].split(",") == list(page["items"][0])
    assert [line.split(",")[0] for line in lines[1:]] == [item["task"] for item in page["items"]]
    listed = get(server, "/api/queries", format="csv")
    assert listed.status_code == 200 and "tasks-led-by-function" in listed.text


@pytest.mark.parametrize(("route", "params", "status", "named"), [
    ("/api/tasks", {"led_by": "发改委", "colour": "red"}, 400, "colour"),
    ("/api/tasks", {"year": "2021.5"}, 422, "year"),
    ("/api/tasks", {"level": "town"}, 422, "level"),
    ("/api/tasks", {"limit": "0"}, 422, "limit"),
    ("/api/tasks", {"limit": "1001"}, 422, "limit"),
    ("/api/tasks", {"offset": "-1"}, 422, "offset"),
    ("/api/tasks", {"format": "xml"}, 422, "format"),
    ("/api/queries/tasks-led-by-function", {}, 422, "function"),
    ("/api/queries/tasks-led-by-function", {"function": "发改委"}, 422, "function"),
    ("/api/queries/co-responsibility", {"minimum": "many"}, 422, "minimum"),
    ("/api/queries/search-tasks", {"q": ""}, 422, "q"),
    ("/api/task", {}, 422, "iri"),
    ("/api/task", {"iri": "http://x/1", "limit": "5"}, 400, "limit"),
])
def test_bad_parameters_are_refused_with_their_name(server, route, params, status, named):
    response = get(server, route, **params)
    assert response.status_code == status, response.text
    assert named in response.json()["detail"]


def test_repeated_parameter_is_refused(server):
    response = httpx.get(f"{server.url}/api/tasks?year=2021&year=2023", timeout=30)
    assert response.status_code == 400 and "year" in response.json()["detail"]


def test_listing_describes_every_canned_query(server):
    listed = {item["name"]: item for item in items(server, "/api/queries")}
    assert set(listed) == set(canned_queries())
    tasks = listed["tasks"]
    assert tasks["route"] == "/api/queries/tasks" and tasks["pagination"] == 100
    year = next(p for p in tasks["parameters"] if p["name"] == "year")
    assert (year["type"], year["required"], year["example"]) == ("integer", False, "2023")
    level = next(p for p in tasks["parameters"] if p["name"] == "level")
    assert level["choices"] == ["province", "city", "county"]


def test_openapi_lists_every_operation_with_typed_parameters(server):
    paths = get(server, "/openapi.json").json()["paths"]
    for name, query in canned_queries().items():
        operation = paths[f"/api/queries/{name}"]["get"]
        assert operation["operationId"] == name and operation["summary"] == query.summary
        described = {p["name"]: p for p in operation["parameters"]}
        assert {"limit", "offset", "format"} <= set(described)
        for parameter in query.parameters:
            entry = described[parameter.name]
            assert entry["in"] == "query" and entry["required"] == parameter.required
            assert entry["schema"]["type"] == {"iri": "string", "string": "string",
                                               "integer": "integer"}[parameter.type]
            assert "example" in entry
    friendly = {p["name"] for p in paths["/api/tasks"]["get"]["parameters"]}
    assert {"led_by", "agency", "document", "region", "level", "year"} <= friendly
    assert [p["name"] for p in paths["/api/task"]["get"]["parameters"]] == ["iri"]


def test_canned_queries_leave_paging_to_the_api_and_never_test_bound_parameters():
    for query in canned_queries().values():
        body = "\n".join(line for line in query.sparql.splitlines()
                         if not line.lstrip().startswith("#"))
        assert not re.search(r"\b(LIMIT|OFFSET)\b", body, re.IGNORECASE), query.name
        # Oxigraph keeps BOUND() false for a substituted variable: a filter that asks
        # whether an optional parameter was given this way would never apply.
        assert not re.search(r"BOUND\s*\(\s*\?_", body, re.IGNORECASE), query.name


def test_a_query_past_the_time_limit_is_a_503_with_the_reason(corpus_store, tmp_path):
    store = tmp_path / "store"  # without the answers other servers kept in the shared store
    shutil.copytree(corpus_store, store, symlinks=True,
                    ignore=shutil.ignore_patterns("answers"))
    slow = start(store, "--timeout", "0.000001", "--warm-timeout", "0",
                 log=tmp_path / "server.log")
    try:
        response = get(slow, "/api/tasks", led_by="发改委")
    finally:
        slow.stop()
    assert response.status_code == 503 and "time limit" in response.json()["detail"]
    assert response.headers["retry-after"]


def readme_curl_examples() -> list[str]:
    readme = (Path(__file__).parent.parent / "README.md").read_text("utf-8")
    return [line.strip() for line in readme.splitlines() if line.startswith("    curl ")]


def test_the_readmes_curl_examples_run_as_written(server):
    """Each `curl` line of the README, pointed at the server under test, gets its answer
    (curl's --fail turns an HTTP error into a failing exit status)."""
    examples = readme_curl_examples()
    assert len(examples) >= 3
    for example in examples:
        command = shlex.split(example.replace("http://127.0.0.1:8000", server.url))
        done = subprocess.run([command[0], "--fail", "--silent", "--show-error", *command[1:]],
                              capture_output=True, timeout=60, check=False)
        assert done.returncode == 0, (example, done.stderr)
        assert done.stdout.strip(), example
    counted = subprocess.run(
        shlex.split(examples[-1].replace("http://127.0.0.1:8000", server.url)),
        capture_output=True, text=True, timeout=60, check=True).stdout.split()
    assert int(counted[-1]) == int(sparql(server, "SELECT (COUNT(*) AS ?n) WHERE "
                                                  "{ ?t a pg:Task }")[0]["n"])
