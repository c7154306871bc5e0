"""The web interface in Chinese and English: the catalogue has every message the pages
write, a reader gets the language their browser asks for, and the switch on every page
keeps the one they choose."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from policygraph.query import canned_queries
from policygraph.serve.i18n import choose

from .live import LiveServer

ROOT = Path(__file__).parent.parent
CATALOGUE = ROOT / "src" / "policygraph" / "serve" / "locale" / "zh" / "LC_MESSAGES" / "messages.po"
PAGES = ["/", "/search?q=物流", "/query", "/query?example=tasks", "/network", "/targets",
         "/ontology"]


def source_messages() -> set[str | tuple[str, ...]]:
    """Every message the templates and the serving code mark, as `babel.cfg` says."""
    serving = ROOT / "src" / "policygraph" / "serve"
    methods = [("templates/**.html", "jinja2"), ("**.py", "python")]
    options = {"templates/**.html": {"extensions": "jinja2.ext.i18n", "trim_blocks": "True",
                                     "lstrip_blocks": "True"}}
    keywords = {"_": None, "gettext": None, "ngettext": (1, 2), "gettext_": None}
    return {message for _, _, message, _, _ in extract_from_dir(
        serving, methods, options, keywords=keywords)}


def test_the_catalogue_translates_every_message_and_no_other():
    with CATALOGUE.open("rb") as handle:
        catalogue = read_po(handle)
    translated = {message.id if isinstance(message.id, str) else tuple(message.id): message
                  for message in catalogue if message.id}
    wanted = source_messages()
    assert set(translated) == wanted
    for message in translated.values():
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(strings) and not message.fuzzy, message.id


@pytest.mark.parametrize(("query", "cookie", "accept", "language"), [
    (None, None, "zh-CN,zh;q=0.9,en;q=0.8", "zh"),
    (None, None, "zh-TW", "zh"),
    (None, None, "en-US,en;q=0.9,zh;q=0.5", "en"),
    (None, None, "fr-FR", "en"),
    (None, None, None, "en"),
    (None, "zh", "en-US", "zh"),
    ("en", "zh", "zh-CN", "en"),
    ("xx", None, "zh-CN", "zh"),
])
def test_the_language_asked_for_in_the_url_then_kept_then_the_browsers(query, cookie, accept,
                                                                      language):
    assert choose(query, cookie, accept) == language


def get(server: LiveServer, path: str, **headers: str) -> httpx.Response:
    return httpx.get(server.url + path, headers=headers, timeout=60)


@pytest.mark.parametrize("path", PAGES)
def test_a_chinese_browser_gets_every_page_in_chinese_with_a_switch_to_english(server, path):
    page = get(server, path, **{"Accept-Language": "zh-CN,zh;q=0.9"}).text
    assert '<html lang="zh">' in page
    assert '<a href="/query">查询</a>' in page and ">Query</a>" not in page
    assert 'hreflang="en">English</a>' in page
    english = get(server, path).text
    assert '<html lang="en">' in english and '<a href="/query">Query</a>' in english


def test_the_switch_keeps_the_readers_choice(server):
    """`?lang=en` on a Chinese browser: the page in English and a cookie that keeps it, so
    the next page is English too; the switch links to the same page and filters."""
    chinese = {"Accept-Language": "zh-CN"}
    chosen = get(server, "/targets?unit=%25&lang=en", **chinese)
    assert '<html lang="en">' in chosen.text
    assert chosen.cookies.get("lang") == "en"
    assert 'href="/targets?unit=%25&amp;lang=zh"' in chosen.text
    assert "Accept-Language" in chosen.headers["vary"]
    kept = get(server, "/network", Cookie="lang=en", **chinese)
    assert '<html lang="en">' in kept.text
    assert "set-cookie" not in kept.headers


def test_every_canned_query_is_described_in_chinese_too():
    """A canned query's summary, description and parameters, as the Chinese pages show them."""
    for query in canned_queries().values():
        summary, description = query.about("zh")
        assert summary != query.summary and description != query.description, query.name
        for parameter in query.parameters:
            assert parameter.described("zh") != parameter.description or not \
                parameter.description, (query.name, parameter.name)


def test_a_chinese_form_and_gallery_describe_the_canned_queries_in_chinese(server):
    form = get(server, "/forms/targets", **{"Accept-Language": "zh-CN"}).text
    assert "<h1>数量目标：按指标、单位、目标年份和地区</h1>" in form
    assert "<small>目标年份</small>" in form
    gallery = get(server, "/query", **{"Accept-Language": "zh-CN"}).text
    assert ">任务全文检索</a>" in gallery
    assert ">Full-text search over tasks</a>" in get(server, "/query").text
