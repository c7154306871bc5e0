"""The web interface over HTTP, checked against the graph through /sparql: what the home,
search, query, network and targets pages and the entity panels show is what the graph holds,
nothing is loaded from another site, and bad input is a 4xx page that says why."""

from __future__ import annotations

import csv
import html
import io
import json
import re
from collections.abc import Iterator
from urllib.parse import urlencode

import httpx
import pytest

from policygraph.cli import main
from policygraph.query import canned_queries

from .live import LiveServer, fetch, path_of, sparql, start

PAGES = ["/", "/search?q=物流", "/query", "/query?example=tasks", "/network", "/targets",
         "/docs"]


def get(server: LiveServer, path: str, **params: str) -> httpx.Response:
    return httpx.get(server.url + path, params=params or None, timeout=60)


def embedded(page: str, element: str) -> object:
    """The JSON a page embeds for its script."""
    found = re.search(rf'<script type="application/json" id="{element}">(.*?)</script>', page,
                      re.S)
    assert found, element
    return json.loads(found[1])


def section(page: str, heading: str) -> str:
    """The part of a page from an <h2> to the next."""
    return re.split(rf"<h2[^>]*>{re.escape(heading)}</h2>", page)[1].split("<h2")[0]


def count(server: LiveServer, pattern: str) -> int:
    return int(sparql(server, f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ {pattern} }}")[0]["n"])


@pytest.mark.parametrize("path", PAGES)
def test_no_page_loads_anything_from_another_site(server, path):
    response = get(server, path)
    assert response.status_code == 200, response.text
    sources = re.findall(r'(?:src|href)="([^"]+)"', response.text)
    assert sources and not [s for s in sources if re.match(r"(https?:)?//", s)], sources
    for source in sources:
        if source.startswith("/static/"):
            assert get(server, source).status_code == 200, source


def test_pages_forbid_scripts_from_elsewhere(server):
    policy = get(server, "/").headers["content-security-policy"]
    assert "default-src 'self'" in policy and "script-src" not in policy


def test_the_home_page_counts_what_the_graph_holds(server):
    page = get(server, "/").text
    counts = dict((name, int(number)) for number, name in re.findall(
        r"<li><strong>(\d+)</strong><a [^>]+>(\w+)</a></li>", page))
    assert counts == {
        "documents": count(server, "?x a pg:PolicyDocument"),
        "tasks": count(server, "VALUES ?c { pg:Task pg:SafeguardTask } ?x a ?c"),
        "targets": count(server, "?x a pg:Target"),
        "agencies": count(server, "?t pg:responsibleUnit ?x"),
        "regions": count(server, "?x a pg:Region"),
    }
    for row in sparql(server, "SELECT ?d WHERE { ?d a pg:PolicyDocument }"):
        assert f'href="{path_of(row["d"])}"' in section(page, "Plans")


def test_search_finds_regions_agencies_and_tasks_by_what_they_contain(server):
    page = get(server, "/search", q="嘉兴").text
    regions = sparql(server, 'SELECT ?x WHERE { ?x a pg:Region ; skos:prefLabel ?l '
                             'FILTER(CONTAINS(?l, "嘉兴")) }')
    assert regions and all(path_of(r["x"]) in section(page, "Regions") for r in regions)
    tasks = sparql(server, 'SELECT ?x WHERE { ?x pg:text ?t FILTER(CONTAINS(?t, "嘉兴")) }')
    listed = section(page, "Tasks")
    assert len(re.findall(r"<li", listed)) == len(tasks)
    assert all(f'href="{path_of(t["x"])}"' in listed for t in tasks)
    assert listed.count("<mark>嘉兴</mark>") == len(tasks)
    agencies = section(page, "Agencies")
    assert all("嘉兴" in html.unescape(name) or "嘉兴" in html.unescape(page)
               for name in re.findall(r'lang="zh"><a [^>]+>([^<]+)</a>', agencies))


def test_the_search_box_suggests_agencies_by_any_alias_and_function_name(server):
    """`/search/suggest` finds an agency by a name the plans write for it that is not its
    label, and by a name of its function its own names do not hold (`发改委`)."""
    page = get(server, "/search").text
    assert 'list="name-suggestions"' in page and '<datalist id="name-suggestions">' in page
    assert '<script type="module" src="/static/js/suggest.js">' in page
    assert get(server, "/static/js/suggest.js").status_code == 200
    written = sparql(server, "SELECT ?x ?alias WHERE { ?x pg:function ?f ; skos:altLabel ?alias ;"
                             " skos:prefLabel ?label FILTER(?alias != ?label) }")
    assert written, "no agency whose plans write it otherwise than its label"
    for row in written[:3]:
        found = get(server, "/search/suggest", q=row["alias"]).json()
        assert row["x"] in [name["iri"] for name in found], row
    by_function = sparql(server, 'SELECT DISTINCT ?x WHERE { ?x pg:function/skos:altLabel ?n ;'
                                 ' skos:prefLabel ?l FILTER(CONTAINS(?n, "发改委") '
                                 '&& !CONTAINS(?l, "发改委")) }')
    found = get(server, "/search/suggest", q="发改委").json()
    assert {row["x"] for row in by_function} & {name["iri"] for name in found}
    assert len(found) <= 10 and all(name["kind"] in ("agency", "region") for name in found)
    assert get(server, "/search/suggest", q=" ").json() == []
    assert get(server, "/search/suggest", q="x" * 201).status_code == 422


def test_an_empty_search_shows_the_form_only(server):
    page = get(server, "/search", q="  ").text
    assert '<input type="search" name="q"' in page and "<h2>" not in page


@pytest.mark.parametrize("name", sorted(canned_queries()))
def test_every_example_runs_and_its_table_matches_the_endpoint(server, name):
    page = get(server, "/query", example=name).text
    assert "query-error" not in page, page[page.find("query-error"):][:500]
    sparql_text = html.unescape(re.search(r"<textarea[^>]*>(.*?)</textarea>", page, re.S)[1])
    # (readable: the example values in place, no parameter variable, guard or VALUES binding)
    assert "#+" not in sparql_text and "?_" not in sparql_text
    assert "COALESCE(sameTerm" not in sparql_text and "VALUES (?_" not in sparql_text
    answer = httpx.get(server.url + "/sparql", params={"query": sparql_text, "format": "csv"},
                       timeout=60)
    assert answer.status_code == 200, answer.text
    expected = list(csv.reader(io.StringIO(answer.text)))
    table = page.split('<tbody>')[1].split("</tbody>")[0] if "<tbody>" in page else ""
    shown = len(re.findall(r"<tr>", table))
    assert shown == min(len(expected) - 1, 1000), name
    assert re.search(r'id="timing"[^>]*>\d+\+? rows? in \d+\.\d ms', page)


def test_results_with_names_and_numbers_or_years_come_with_a_chart_and_a_timeline(server):
    """A column of names beside a column of numbers gives a bar chart of the first rows; a
    column of years or dates, a timeline of the rows by year; a table of names alone, none."""
    page = get(server, "/query", example="agency-workload").text
    views = embedded(page, "result-views-data")
    bar = views["bar"]
    assert (bar["label"], bar["value"]) == ("agency", "led") or bar["label"] == "label"
    assert 0 < len(bar["points"]) <= 40 and all(isinstance(p["value"], float)
                                                for p in bar["points"])
    plans = get(server, "/query", query="SELECT ?plan ?start WHERE { ?plan pg:periodStart "
                                        "?start }").text
    timeline = embedded(plans, "result-views-data")["timeline"]
    starts = sparql(server, "SELECT ?s (COUNT(*) AS ?n) WHERE { ?p pg:periodStart ?s } "
                            "GROUP BY ?s")
    assert {point["year"]: point["count"] for point in timeline["points"]} == {
        int(row["s"]): int(row["n"]) for row in starts}
    names = get(server, "/query", query="SELECT ?t WHERE { ?d dcterms:title ?t }").text
    assert 'id="result-views-data"' not in names


def test_results_by_region_come_with_a_map_of_the_provinces(server):
    """Tasks per jurisdiction: each province's value sums its own and its cities' and
    counties' (浙江 holds 浙江省, 嘉兴市, 衢州市 and 德清县)."""
    page = get(server, "/query", query="SELECT ?region (COUNT(?task) AS ?tasks) WHERE { ?task "
                                       "a pg:Task ; pg:inDocument/pg:jurisdiction ?region } "
                                       "GROUP BY ?region").text
    views = embedded(page, "result-views-data")["map"]
    assert (views["column"], views["value"]) == ("region", "tasks")
    assert_tasks_by_division(server, views["points"], ("33", "42"))
    assert '<figure id="map-view">' in page


def assert_tasks_by_division(server, points: list[dict], codes: tuple[str, ...]) -> None:
    """Each division's value on a map is the number of tasks of plans within it."""
    by_code = {point["id"]: point["value"] for point in points}
    for code in codes:
        expected = count(server, f"?x a pg:Task ; pg:inDocument/pg:jurisdiction/"
                                 f"pg:divisionCode ?c FILTER(STRSTARTS(?c, '{code}'))")
        assert by_code[code] == expected > 0


def test_results_all_in_one_province_come_with_a_map_of_its_cities(server):
    """浙江's tasks by jurisdiction: 嘉兴市's value is its own and 德清县's goes to 湖州市."""
    page = get(server, "/query", query="SELECT ?region (COUNT(?task) AS ?tasks) WHERE { ?task "
                                       "a pg:Task ; pg:inDocument/pg:jurisdiction ?region . "
                                       "?region pg:divisionCode ?c FILTER(STRSTARTS(?c, '33')) "
                                       "} GROUP BY ?region").text
    cities = embedded(page, "result-views-data")["map"]["cities"]
    assert cities["province"] == "33"
    assert_tasks_by_division(server, cities["points"], ("3304", "3305"))
    assert '<figure id="city-map-view">' in page


def test_result_iris_link_to_pages_that_resolve_and_downloads_give_the_rows(server):
    page = get(server, "/query", example="search-tasks").text
    links = re.findall(r'<td[^>]*><a href="(/id/[^"]+)"', page)
    assert links
    for link in sorted(set(links))[:5]:
        assert get(server, html.unescape(link)).status_code == 200, link
    downloads = dict(re.findall(r'<a href="(/sparql\?[^"]+)" download="results\.(\w+)"', page))
    assert set(downloads.values()) == {"csv", "json", "tsv"}
    by_format = {name: html.unescape(href) for href, name in downloads.items()}
    rows = list(csv.DictReader(io.StringIO(get(server, by_format["csv"]).text)))
    assert len(rows) == len(re.findall(r"<tr>", page.split("<tbody>")[1]))
    assert len(get(server, by_format["json"]).json()["results"]["bindings"]) == len(rows)


@pytest.mark.parametrize(("query", "status", "words"), [
    ("SELECT * WHERE { ?s ?p }", 400, "error"),
    ("INSERT DATA { <a:b> <a:c> <a:d> }", 403, "read-only"),
    ("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", 403, "SERVICE"),
])
def test_a_refused_query_is_shown_with_the_reason_and_kept_in_the_editor(server, query,
                                                                         status, words):
    response = get(server, "/query", query=query)
    assert response.status_code == status
    message = re.search(r'id="query-error">(.*?)</div>', response.text, re.S)
    assert message and words.lower() in html.unescape(message[1]).lower()
    assert html.escape(query, quote=False) in response.text


def test_ask_and_construct_answers_are_shown(server):
    ask = get(server, "/query", query="ASK { ?x a pg:Task }").text
    assert re.search(r'id="answer">The answer is <strong>yes</strong>', ask)
    construct = get(server, "/query",
                    query="CONSTRUCT { ?x a pg:Region } WHERE { ?x a pg:Region }").text
    assert len(re.findall(r"<tr>", construct.split("<tbody>")[1])) == count(
        server, "?x a pg:Region")
    assert "download=\"results.ttl\"" in construct


def test_an_unknown_example_is_a_400_naming_the_known_ones(server):
    response = get(server, "/query", example="nope")
    assert response.status_code == 400 and "tasks-led-by-function" in response.text


def test_the_editor_completes_the_ontology_terms(server):
    completions = embedded(get(server, "/query").text, "completions")
    assert completions["prefixes"]["pg"] == "https://w3id.org/policygraph/ontology#"
    assert {"pg:Task", "pg:leadAgency", "pgf:development-reform"} <= set(completions["terms"])


def test_the_network_draws_the_ties_of_the_graph_sized_by_workload(server):
    graph = embedded(get(server, "/network").text, "network-data")
    ties = sparql(server, """SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?a ?b WHERE {
        ?t pg:responsibleUnit ?a , ?b FILTER(STR(?a) < STR(?b)) } }""")
    assert len(graph["links"]) == min(100, int(ties[0]["n"]))
    nodes = {node["id"]: node for node in graph["nodes"]}
    assert {link["source"] for link in graph["links"]} | {
        link["target"] for link in graph["links"]} == set(nodes)
    busiest = max(nodes.values(), key=lambda node: node["tasks"])
    assert busiest["tasks"] == count(server, f"?x pg:responsibleUnit <{busiest['id']}>")


def test_the_network_of_one_document_has_its_units_only(server):
    document = sparql(server, "SELECT ?d WHERE { ?d a pg:PolicyDocument } LIMIT 1")[0]["d"]
    graph = embedded(get(server, "/network", document=document).text, "network-data")
    units = {row["u"] for row in sparql(server, f"""SELECT DISTINCT ?u WHERE {{
        ?t pg:inDocument <{document}> ; pg:responsibleUnit ?u , ?v FILTER(?u != ?v) }}""")}
    assert {node["id"] for node in graph["nodes"]} == units
    for node in graph["nodes"]:
        assert node["tasks"] == count(server, f"?x pg:inDocument <{document}> ; "
                                              f"pg:responsibleUnit <{node['id']}>")


def test_the_network_hides_collective_units_and_filters_by_function_when_asked(server):
    collective = re.compile(r"/collective/")
    every = embedded(get(server, "/network").text, "network-data")["nodes"]
    assert any(collective.search(node["id"]) for node in every)
    page = get(server, "/network", collectives="hide").text
    agencies = embedded(page, "network-data")["nodes"]
    assert agencies and not any(collective.search(node["id"]) for node in agencies)
    assert 'name="collectives" value="hide" checked' in page
    assert '<option value="pgf:development-reform"' in page or \
        'value="https://w3id.org/policygraph/function/development-reform"' in page
    one = embedded(get(server, "/network", function="pgf:development-reform").text,
                   "network-data")
    functions = {node["id"]: node["function"] for node in one["nodes"]}
    assert one["links"] and all("发展和改革" in (functions[link["source"]],
                                                functions[link["target"]])
                                for link in one["links"])


def test_a_bad_filter_is_a_422_page_naming_the_parameter(server):
    response = get(server, "/network", minimum="many")
    assert response.status_code == 422
    assert "text/html" in response.headers["content-type"] and "minimum" in response.text


def test_the_targets_chart_has_every_target_of_an_indicator(server):
    page = get(server, "/targets", indicator="增长").text
    points = embedded(page, "targets-data")
    expected = count(server, '?x pg:indicator/skos:prefLabel ?l FILTER(CONTAINS(?l, "增长"))')
    assert len(points) == expected > 0 and all("增长" in p["indicator"] for p in points)
    units = {p["unit"] for p in points if p["year"] is not None}
    assert set(re.findall(r'<figure class="chart" data-unit="([^"]+)"', page)) == {
        html.escape(unit) for unit in units}


def test_the_targets_chart_compares_one_indicator_concept_in_its_base_unit(server):
    """Choosing a concept charts every target that measures it, however each plan words it,
    each figure in the concept's base unit, labelled with the concept's name."""
    concept, label = (lambda row: (row["c"], row["l"]))(sparql(server, """
        SELECT ?c ?l (COUNT(DISTINCT ?r) AS ?n) WHERE { ?t pg:indicatorConcept ?c ;
        pg:inDocument/pg:jurisdiction ?r . ?c skos:prefLabel ?l FILTER(LANG(?l) = "zh") }
        GROUP BY ?c ?l ORDER BY DESC(?n) ?c LIMIT 1""")[0])
    page = get(server, "/targets", concept=concept).text
    points = embedded(page, "targets-data")
    assert len(points) == count(server, f"?x pg:indicatorConcept <{concept}>") > 1
    assert {p["indicator"] for p in points} == {label}
    bases = sparql(server, f"SELECT DISTINCT ?u WHERE {{ ?x pg:indicatorConcept <{concept}> ; "
                           "pg:normalizedUnit ?u }")
    assert {p["unit"] for p in points} <= {row["u"] for row in bases} | {
        row["u"] for row in sparql(server, f"SELECT ?u WHERE {{ ?x pg:indicatorConcept "
                                           f"<{concept}> ; pg:unit ?u FILTER NOT EXISTS "
                                           "{ ?x pg:normalizedUnit ?b } }")}
    assert f'<option value="{concept}" selected' in page


def test_the_targets_page_reaches_every_target_a_page_at_a_time(server):
    """Unfiltered, the page shows how many targets there are and pages through them all."""
    expected = count(server, "?x a pg:Target")
    seen, path = [], "/targets"
    while path:
        page = get(server, path).text
        assert f"({expected})</h2>" in page
        seen += [point["href"] for point in embedded(page, "targets-data")]
        following = re.search(r'<a href="([^"]+)" rel="next">', page)
        path = html.unescape(following[1]) if following else ""
    assert len(seen) == len(set(seen)) == expected > 100


def test_a_document_page_has_its_outline_as_a_tree_with_units_and_targets(server):
    task = sparql(server, """SELECT ?t ?d WHERE { ?t a pg:Task ; pg:inDocument ?d ;
        pg:leadAgency ?l ; pg:supportingAgency ?s ; pg:hasTarget ?x } LIMIT 1""")[0]
    page = fetch(server, task["d"]).text
    item = page.split(f'<a href="{path_of(task["t"])}"')[1].split("</li>\n</ul>")[0]
    for role, prop in (("lead", "leadAgency"), ("support", "supportingAgency")):
        units = sparql(server, f"SELECT ?u WHERE {{ <{task['t']}> pg:{prop} ?u }}")
        part = item.split(f'<span class="role {role}">')[1].split('<span class="role')[0]
        assert all(path_of(u["u"]) in part for u in units), (role, part)
    targets = sparql(server, f"SELECT ?x WHERE {{ <{task['t']}> pg:hasTarget ?x }}")
    assert all(path_of(t["x"]) in item for t in targets)
    assert '<ul class="tree" id="outline">' in page and re.search(r"<li class=\"section\">",
                                                                  page)


def test_an_agency_page_names_the_other_agencies_of_its_function(server):
    agency = sparql(server, """SELECT ?a WHERE { ?a pg:function ?f . ?b pg:function ?f
        FILTER(?a != ?b) } LIMIT 1""")[0]["a"]
    peers = sparql(server, f"""SELECT ?b WHERE {{ <{agency}> pg:function ?f .
        ?b pg:function ?f FILTER(?b != <{agency}>) }}""")
    page = fetch(server, agency).text
    other = page.split("<h2>Other agencies of")[1]
    assert len(re.findall(r"<tr><td>", other)) == len(peers)
    assert all(path_of(peer["b"]) in other for peer in peers)


def test_a_region_page_lists_the_plans_within_it_and_their_targets(server):
    region = sparql(server, "SELECT ?r WHERE { ?r a pg:Region ; pg:divisionCode ?c } "
                            "ORDER BY ?c LIMIT 1")[0]["r"]
    plans = sparql(server, f"SELECT ?d WHERE {{ ?d pg:jurisdiction/pg:withinRegion* <{region}> }}")
    page = section(fetch(server, region).text, "Plans over the years")
    assert len(re.findall(r'<section class="plan">', page)) == len(plans) > 1
    targets = count(server, f"?x a pg:Target ; pg:inDocument/pg:jurisdiction/"
                            f"pg:withinRegion* <{region}>")
    assert len(re.findall(r'<td class="number figure">', page)) == targets
    years = [int(y) for y in re.findall(r"<h3>(\d{4})", page)]
    assert years == sorted(years)


def test_a_task_page_sets_the_tasks_of_other_levels_beside_it_marking_shared_words(server):
    """A provincial task's page lists every lower-level task that carries it out, and that
    task's page the provincial task, each beside it; the plan's page says how much of it
    was taken up below."""
    higher = sparql(server, "SELECT ?h (COUNT(?l) AS ?n) WHERE { ?l pg:carriesOut ?h } "
                            "GROUP BY ?h ORDER BY DESC(?n) ?h LIMIT 1")[0]["h"]
    lower = sparql(server, f"SELECT ?l WHERE {{ ?l pg:carriesOut <{higher}> }}")
    below = section(fetch(server, higher).text, "Carried out below, in lower-level plans")
    assert len(re.findall(r"<tr><td class=\"text\">", below)) == len(lower) > 1
    assert all(path_of(row["l"]) in below for row in lower) and "<mark>" in below
    above = section(fetch(server, lower[0]["l"]).text, "Carries out, in higher-level plans")
    assert path_of(higher) in above
    document = sparql(server, f"SELECT ?d WHERE {{ <{higher}> pg:inDocument ?d }}")[0]["d"]
    taken = count(server, f"?x pg:inDocument <{document}> . ?l pg:carriesOut ?x")
    assert f"Taken up below: {taken} of its" in fetch(server, document).text


def test_the_api_documentation_is_served_from_this_server(server):
    page = get(server, "/docs").text
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in page
    assert get(server, "/redoc").status_code == 404


def test_static_files_are_cached_by_validators(server):
    first = get(server, "/static/vendor/codemirror.js")
    again = httpx.get(server.url + "/static/vendor/codemirror.js", timeout=30,
                      headers={"If-None-Match": first.headers["etag"]})
    assert first.status_code == 200 and again.status_code == 304


def test_a_query_page_link_can_be_shared(server):
    query = "SELECT ?r WHERE { ?r a pg:Region }"
    page = httpx.get(server.url + "/query?" + urlencode({"query": query}), timeout=60).text
    assert len(re.findall(r"<tr>", page.split("<tbody>")[1])) == count(server, "?x a pg:Region")


CIRCLED = """杭州市2024年物流工作要点

一、重点任务
1.完善物流网络。
{items}
2.优化营商环境。(责任单位:市市场监管局)
"""


@pytest.fixture(scope="module")
def circled_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """A server over one plan whose items are numbered ① to ⑫ under 1."""
    folder = tmp_path_factory.mktemp("circled")
    items = "\n".join(f"{chr(0x2460 + n)}第{n + 1}项任务。(责任单位:市商务局)" for n in range(12))
    (folder / "raw").mkdir()
    (folder / "raw" / "circled.txt").write_text(CIRCLED.format(items=items), "utf-8")
    assert main(["build", str(folder / "raw"), "--store", str(folder / "store"), "--quiet"]) == 0
    live = start(folder / "store", log=folder / "server.log")
    yield live
    live.stop()


def test_a_document_numbered_in_circled_numerals_has_its_outline_in_order(circled_server):
    document = sparql(circled_server, "SELECT ?d WHERE { ?d a pg:PolicyDocument }")[0]["d"]
    with httpx.Client(base_url=circled_server.url, headers={"Accept": "text/html"},
                      timeout=30) as client:
        page = client.get(path_of(document))
        assert page.status_code == 200
        outline = page.text.split('id="outline"')[1]
        places = [int(n) for n in re.findall(r"第(\d+)项任务", outline)]
        assert places == list(range(1, 13))
        assert client.get(path_of(document)).status_code == 200  # the connection lives on


def test_search_finds_an_agency_by_any_name_of_its_function(server):
    """`发改委` is no part of 嘉兴's `市发展改革委` as the plans write it, but names its
    function."""
    agencies = section(get(server, "/search", q="发改委").text, "Agencies")
    assert "嘉兴市发展改革委" in html.unescape(agencies)
