"""The web interface in a real browser: Debian's Chromium, headless, driven by Playwright.

A reader's path through the site: the home page, an example query run from the gallery, a
result followed to a task whose source is marked in its document, the network view, the
targets chart, and the editor's completion. Every request the pages make goes to the server
under test (nothing from another site), no page logs a script error, and a screenshot of
each step is saved in `test-artifacts/browser/` (or `$POLICYGRAPH_ARTIFACTS/browser/`).
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from .live import LiveServer, path_of, sparql

ARTIFACTS = Path(os.environ.get("POLICYGRAPH_ARTIFACTS",
                                Path(__file__).parent.parent / "test-artifacts")) / "browser"
TIMEOUT_MS = 30_000
expect.set_options(timeout=TIMEOUT_MS)


def chromium() -> str:
    """Debian's Chromium (`apt-get install chromium`), or the one $POLICYGRAPH_CHROMIUM names."""
    path = os.environ.get("POLICYGRAPH_CHROMIUM") or shutil.which("chromium")
    assert path, "no Chromium: install Debian's (apt-get install chromium fonts-noto-cjk) or " \
                 "set POLICYGRAPH_CHROMIUM to a Chromium binary"
    return path


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium(), args=["--no-sandbox"])
        yield launched
        launched.close()


class Visit:
    """A page of the browser that records every request it makes and every script error."""

    def __init__(self, browser: Browser, server: LiveServer) -> None:
        self.server = server
        self.page: Page = browser.new_page(viewport={"width": 1280, "height": 900},
                                           locale="zh-CN")
        self.page.set_default_timeout(TIMEOUT_MS)
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("console", lambda message: self.errors.append(message.text)
                     if message.type == "error" else None)

    def open(self, path: str) -> Page:
        self.page.goto(self.server.url + path)
        return self.page

    def shot(self, name: str, full_page: bool = False) -> None:
        self.page.screenshot(path=ARTIFACTS / name, full_page=full_page)

    def check(self) -> None:
        """Nothing was asked of another site and no script failed."""
        elsewhere = [url for url in self.requests if not url.startswith(self.server.url)]
        assert not elsewhere, elsewhere
        assert not self.errors, self.errors


@pytest.fixture
def visit(browser: Browser, server: LiveServer) -> Iterator[Visit]:
    opened = Visit(browser, server)
    yield opened
    opened.check()
    opened.page.close()


def test_a_reader_runs_an_example_follows_a_task_and_opens_the_network(visit, server):
    page = visit.open("/")
    documents = sparql(server, "SELECT (COUNT(*) AS ?n) WHERE { ?d a pg:PolicyDocument }")
    expect(page.locator(".counts li").first).to_contain_text(documents[0]["n"])
    expect(page.locator("h2#plans")).to_be_visible()
    visit.shot("01-home.png")

    page.get_by_role("link", name="查询", exact=True).click()  # a zh-CN browser reads 中文
    expect(page.locator(".cm-editor")).to_be_visible()
    page.locator('#gallery a[data-example="search-tasks"]').click()
    table = page.locator("table#results")
    expect(table).to_be_visible()
    expect(page.locator("#timing")).to_contain_text("毫秒")
    rows = table.locator("tbody tr")
    assert rows.count() > 1
    header = table.locator("thead th", has_text="occurrences")
    header.click()
    expect(header).to_have_attribute("aria-sort", "ascending")
    counts = [int(text) for text in table.locator("tbody tr td.number:nth-child(8)")
              .all_inner_texts()]
    assert counts == sorted(counts) and len(counts) == rows.count()
    header.click()
    expect(header).to_have_attribute("aria-sort", "descending")
    visit.shot("02-query-results.png")

    first_task = table.locator("tbody tr td:first-child").first
    quote = sparql(server, f"""SELECT ?q WHERE {{ <{first_task.get_attribute("title")}>
        pg:sourceSpan/oa:hasSelector/oa:exact ?q }}""")[0]["q"]
    first_task.locator("a").click()
    mark = page.locator("#document-text mark#span")
    expect(mark).to_have_text(quote)
    expect(mark).to_be_in_viewport()
    box, marked = page.locator("#document-text").bounding_box(), mark.bounding_box()
    assert box and marked and box["y"] <= marked["y"] <= box["y"] + box["height"]
    visit.shot("03-task-source.png")

    page.get_by_role("link", name="网络", exact=True).click()
    circles = page.locator("svg#network circle")
    expect(circles.first).to_be_visible()
    nodes = page.evaluate("JSON.parse(document.getElementById('network-data').textContent)")
    assert circles.count() == len(nodes["nodes"]) > 10
    assert page.locator("svg#network line").count() == len(nodes["links"])
    expect(page.locator("svg#network")).to_have_attribute("data-settled", "true")
    visit.shot("04-network.png")


def test_the_network_of_one_document_and_a_click_on_an_agency(visit, server):
    page = visit.open("/network")
    document = page.locator("select[name=document] option").nth(1)
    title = document.inner_text()
    page.select_option("select[name=document]", index=1)
    page.get_by_role("button", name="显示").click()
    expect(page.locator("select[name=document] option:checked")).to_have_text(title)
    expect(page.locator("svg#network")).to_have_attribute("data-settled", "true")
    drawn = page.locator("svg#network a.agency")
    assert 0 < drawn.count() < 60
    visit.shot("05-network-one-document.png")
    biggest = page.evaluate("""() => {
        const nodes = JSON.parse(document.getElementById('network-data').textContent).nodes;
        return nodes.reduce((a, b) => (b.tasks > a.tasks ? b : a)).href; }""")
    page.locator(f'svg#network a.agency[href="{biggest}"] circle').click()
    expect(page).to_have_url(server.url + biggest)
    expect(page.locator("h2", has_text="任务")).to_be_visible()
    visit.shot("06-agency.png")


def test_the_targets_chart_draws_a_point_per_target(visit):
    page = visit.open("/targets?indicator=增长")
    points = page.evaluate("JSON.parse(document.getElementById('targets-data').textContent)")
    dated = [point for point in points if point["year"] is not None]
    dots = page.locator("figure.chart svg circle")
    expect(dots.first).to_be_visible()
    assert dots.count() == len(dated) > 0
    visit.shot("07-targets-chart.png")


def test_the_search_box_suggests_an_agency_by_its_functions_name(visit, server):
    page = visit.open("/search")
    page.locator("input[list=name-suggestions]").fill("发改委")
    options = page.locator("datalist#name-suggestions option")
    expect(options.first).to_be_attached()
    labels = [options.nth(index).get_attribute("value") for index in range(options.count())]
    agencies = sparql(server, 'SELECT ?l WHERE { ?x pg:function/skos:altLabel "发改委"@zh ;'
                              ' skos:prefLabel ?l }')
    assert {row["l"] for row in agencies} & set(labels), labels


def typed_in_the_editor(visit: Visit, text: str) -> Page:
    """The query page with `text` typed into its emptied editor, as a reader types."""
    page = visit.open("/query")
    page.locator(".cm-content").click()
    page.keyboard.press("Control+a")
    page.keyboard.press("Delete")
    page.keyboard.type(text)
    return page


def test_the_editor_completes_prefixes_and_terms(visit):
    page = typed_in_the_editor(visit, "SELECT * WHERE { ?task a pg:Saf")
    option = page.locator(".cm-tooltip-autocomplete li", has_text="pg:SafeguardTask")
    expect(option).to_be_visible()
    visit.shot("08-editor-completion.png")
    # Clicked, not taken with Enter: for 75 ms after the list appears or changes, the editor
    # reads Enter as a new line (CodeMirror's interactionDelay), and a script's keys are quicker.
    option.click()
    page.keyboard.type(" }")
    expect(page.locator(".cm-line").first).to_have_text(
        "SELECT * WHERE { ?task a pg:SafeguardTask }")
    assert page.locator(".cm-line span").count() >= 3  # highlighted keywords, variable, name
    page.keyboard.press("Control+Enter")
    expect(page.locator("table#results tbody tr").first).to_be_visible()
    assert page.locator("table#results tbody tr").count() > 0


def test_a_document_shows_its_outline_tree_and_a_region_its_plans(visit, server):
    document = sparql(server, "SELECT ?d WHERE { ?d a pg:PolicyDocument ; pg:periodStart ?y } "
                              "ORDER BY ?y LIMIT 1")[0]["d"]
    page = visit.open(path_of(document))
    expect(page.locator("ul#outline li.task .role.lead").first).to_be_visible()
    page.locator("ul#outline li.section").nth(1).scroll_into_view_if_needed()
    visit.shot("09-document-outline.png")
    region = sparql(server, "SELECT ?r WHERE { ?r a pg:Region ; pg:divisionCode ?c } "
                            "ORDER BY ?c LIMIT 1")[0]["r"]
    page = visit.open(path_of(region))
    expect(page.locator("section.plan").first).to_be_visible()
    page.locator("h2", has_text="历年计划").scroll_into_view_if_needed()
    visit.shot("10-region-plans.png")


def test_a_reader_switches_to_english_and_the_next_pages_stay_english(visit):
    """A zh-CN browser gets 中文; the switch turns the page English, the next page it
    opens is English too, and the scripts' own words follow (the chart's axis)."""
    page = visit.open("/targets?indicator=增长")
    expect(page.locator("html")).to_have_attribute("lang", "zh")
    expect(page.locator("h1")).to_have_text("目标")
    page.get_by_role("link", name="English", exact=True).click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("h1")).to_have_text("Targets")
    expect(page.locator("figure.chart").first).to_contain_text("due year")
    page.get_by_role("link", name="Network", exact=True).click()
    expect(page.locator("h1")).to_have_text("Co-responsibility network")
    visit.shot("11-english.png")


def test_the_editor_completes_entities_by_their_chinese_names_and_keeps_the_readers_queries(
        visit, server):
    """Chinese typed in the editor completes the agencies (by any alias of their function) as
    their IRIs; a query run is listed among the recent ones, and one saved under a name among
    the saved ones, in this browser, each a link that opens it again."""
    page = typed_in_the_editor(visit, "SELECT ?task WHERE { ?task pg:leadAgency 发改委")
    agencies = sparql(server, 'SELECT ?a ?l WHERE { ?a pg:function/skos:altLabel "发改委"@zh ;'
                              ' skos:prefLabel ?l }')
    option = page.locator(".cm-tooltip-autocomplete li", has_text=agencies[0]["l"]).first
    expect(option).to_be_visible()
    visit.shot("12-editor-entity-completion.png")
    option.click()
    page.keyboard.type(" }")
    text = page.locator(".cm-content").inner_text()
    assert any(f"<{row['a']}>" in text for row in agencies), text
    page.keyboard.press("Control+Enter")
    expect(page.locator("table#results tbody tr").first).to_be_visible()
    recent = page.locator("#query-history li a")
    expect(recent.first).to_have_attribute("title", re.compile("pg:leadAgency <"))
    page.once("dialog", lambda dialog: dialog.accept("发改委牵头的任务"))
    page.get_by_role("button", name="保存此查询").click()
    page.reload()
    saved = page.locator("#saved-queries li a", has_text="发改委牵头的任务")
    expect(saved).to_be_visible()
    saved.click()
    expect(page.locator("table#results tbody tr").first).to_be_visible()
    visit.shot("13-saved-queries.png")


def test_the_networks_labels_never_overlap(visit):
    """Once the layout settles, the labels shown do not overlap one another (the largest
    nodes keep theirs), and hiding collective units leaves them out of the drawing."""
    page = visit.open("/network")
    expect(page.locator("svg#network")).to_have_attribute("data-settled", "true")
    boxes = page.evaluate("""() => [...document.querySelectorAll('svg#network text')]
        .filter((text) => text.style.visibility !== 'hidden')
        .map((text) => { const b = text.getBBox(); return [b.x, b.y, b.width, b.height]; })""")
    assert len(boxes) > 5
    for index, (x, y, width, height) in enumerate(boxes):
        for other_x, other_y, other_width, other_height in boxes[index + 1:]:
            assert (x + width < other_x or other_x + other_width < x
                    or y + height < other_y or other_y + other_height < y)
    visit.shot("14-network-decluttered.png")
    page.get_by_label(re.compile("集合单位")).check()
    page.get_by_role("button", name="显示").click()
    expect(page.locator("svg#network")).to_have_attribute("data-settled", "true")
    assert page.locator('svg#network a.agency[href*="/collective/"]').count() == 0


def test_results_are_drawn_as_a_bar_chart_and_a_timeline(visit):
    page = visit.open("/query?example=agency-workload")
    views = page.evaluate("JSON.parse(document.getElementById('result-views-data').textContent)")
    bars = page.locator("#bar-view svg rect")
    expect(bars.first).to_be_visible()
    assert bars.count() >= len(views["bar"]["points"]) > 0
    page.locator("#bar-view").scroll_into_view_if_needed()
    visit.shot("15-results-bar-chart.png")
    page = visit.open("/query?query=" + "SELECT ?plan ?start WHERE { ?plan pg:periodStart ?start }")
    expect(page.locator("#timeline-view svg rect").first).to_be_visible()
    page.locator("#timeline-view").scroll_into_view_if_needed()
    visit.shot("16-results-timeline.png")


def test_results_by_region_are_drawn_on_a_map_of_china(visit):
    """Every province's boundary is drawn from the bundled data, the provinces the results
    name are filled, and nothing is fetched from another site."""
    page = visit.open("/query?query=" + "SELECT ?region (COUNT(?task) AS ?tasks) WHERE { ?task "
                      "a pg:Task ; pg:inDocument/pg:jurisdiction ?region } GROUP BY ?region")
    views = page.evaluate("JSON.parse(document.getElementById('result-views-data').textContent)")
    filled = page.locator("#map-view svg g[aria-label=geo] path[fill]:not([fill='#eeeeee'])")
    expect(page.locator("#map-view svg path").first).to_be_visible()
    assert page.locator("#map-view svg path").count() >= 34 + len(views["map"]["points"])
    assert filled.count() >= len(views["map"]["points"]) > 0
    page.locator("#map-view").scroll_into_view_if_needed()
    visit.shot("17-results-map.png")


def test_results_in_one_province_are_drawn_on_a_map_of_its_cities(visit):
    """浙江's tasks by jurisdiction: its eleven cities drawn from the bundled boundaries, the
    ones the results name filled."""
    page = visit.open("/query?query=" + "SELECT ?region (COUNT(?task) AS ?tasks) WHERE { ?task "
                      "a pg:Task ; pg:inDocument/pg:jurisdiction ?region . ?region "
                      "pg:divisionCode ?c FILTER(STRSTARTS(?c, '33')) } GROUP BY ?region")
    views = page.evaluate("JSON.parse(document.getElementById('result-views-data').textContent)")
    cities = page.locator("#city-map-view svg g[aria-label=geo]").first.locator("path")
    filled = page.locator("#city-map-view svg g[aria-label=geo] path[fill]:not([fill='#eeeeee'])")
    expect(cities.first).to_be_visible()
    assert cities.count() == 11
    assert filled.count() == len(views["map"]["cities"]["points"]) > 0
    page.locator("#city-map-view").scroll_into_view_if_needed()
    visit.shot("21-results-city-map.png")


def test_a_canned_query_as_a_form_answers_with_its_charts(visit):
    """A form filled in and run: the answer as a table, a bar chart and a map (the workload
    of 浙江's agencies); the home page in either language, for the screenshots."""
    page = visit.open("/forms/agency-workload")
    page.locator("#field-region").fill("浙江省")
    page.select_option("#field-kind", "agency")
    page.get_by_role("button", name="运行").click()
    expect(page.locator("#field-region")).to_have_value("浙江省")
    expect(page.locator("#bar-view svg rect").first).to_be_visible()
    expect(page.locator("#map-view svg path").first).to_be_visible()
    rows = page.locator("table#results tbody tr").count()
    assert rows > 0
    visit.shot("18-form-with-chart.png", full_page=True)
    page = visit.open("/?lang=en")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    visit.shot("19-home-english.png")
    page = visit.open("/?lang=zh")
    expect(page.locator("html")).to_have_attribute("lang", "zh")
    visit.shot("20-home-chinese.png")
