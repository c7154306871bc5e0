"""Canned queries as forms: typed fields, choices as menus, entities offered by any of their
names, the answer below, and the same answer from the REST API and as SPARQL."""

from __future__ import annotations

import csv
import html
import io
import re
from urllib.parse import unquote

import httpx

from .live import LiveServer


def get(server: LiveServer, path: str, **params: str) -> httpx.Response:
    return httpx.get(server.url + path, params=params or None, timeout=60)


def links(page: str) -> dict[str, str]:
    same = page.split('id="same-answer"')[1].split("</p>")[0]
    found = re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', same)
    return {text: html.unescape(href) for href, text in found}


def test_a_canned_query_as_a_form_answers_as_the_api_does(server):
    page = get(server, "/forms/targets", unit="%", year="2021", run="1").text
    assert re.search(r'<input id="field-year" name="year" type="number"[^>]*value="2021"', page)
    assert re.search(r'<input id="field-unit" name="unit" type="text"[^>]*value="%"', page)
    api = get(server, "/api/queries/targets", unit="%", year="2021").json()
    assert f"({api['total']} rows)" in page
    shown = len(re.findall(r"<tr>", page.split("<tbody>")[1].split("</tbody>")[0]))
    assert shown == len(api["items"]) > 0
    same = links(page)
    assert get(server, same["JSON"]).json() == api
    table = list(csv.reader(io.StringIO(get(server, same["CSV"]).text)))
    assert len(table) - 1 == len(api["items"])
    sparql = unquote(same["as SPARQL"].split("query=", 1)[1].replace("+", " "))
    assert "?__" not in sparql and '"%"' in sparql and "2021" in sparql
    query_page = get(server, same["as SPARQL"]).text
    assert 'id="query-error"' not in query_page
    assert f"{len(api['items'])} rows in" in query_page


def test_fields_offer_choices_as_menus_and_entities_by_any_of_their_names(server):
    page = get(server, "/forms/agency-workload").text
    kinds = page.split('<select id="field-kind"')[1].split("</select>")[0]
    assert re.findall(r'<option value="(\w*)"', kinds) == ["", "agency", "unresolved",
                                                           "collective"]
    functions = page.split('<datalist id="options-function">')[1].split("</datalist>")[0]
    # (a function is found by its aliases too: 发改委 names 发展和改革)
    assert re.search(r'<option value="pgf:development-reform" label="[^"]*发改委', functions)
    regions = page.split('<datalist id="options-region">')[1].split("</datalist>")[0]
    assert 'value="浙江省"' in regions
    assert "<h2>Answer" in page  # no parameter is required: it answers at once


def test_a_required_field_left_empty_shows_the_form_only_and_a_bad_value_is_named(server):
    page = get(server, "/forms/document-outline").text
    assert 'name="document"' in page and " required" in page and "<h2>Answer" not in page
    bad = get(server, "/forms/targets", year="soon", run="1")
    assert bad.status_code == 422 and "year" in bad.text
    assert get(server, "/forms/no-such-query").status_code == 404


def test_a_browser_asking_the_api_for_a_page_gets_the_form(server):
    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    response = httpx.get(server.url + "/api/queries/targets", params={"unit": "%"},
                         headers={"Accept": browser}, timeout=60, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/forms/targets?unit=%25"
    assert get(server, "/api/queries/targets", unit="%").headers["content-type"].startswith(
        "application/json")


def test_the_gallery_links_each_example_to_its_form(server):
    page = get(server, "/query").text
    assert len(re.findall(r'<a class="as-form" href="/forms/[\w-]+">', page)) \
        == page.count('data-example="')
