"""Adding, replacing and removing plans over HTTP, against a real server: each change is
published as an update, a bad one is refused with its reason and changes nothing, writers take
turns and lose nothing, readers are answered throughout, and without the key nothing is
written."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from policygraph.build import DEFAULT_BASE
from policygraph.pipeline import run_build
from policygraph.store import GraphStore

from .live import LiveServer, sparql, start

RAW = Path(__file__).parent.parent / "data" / "raw"
KEY = "s3cret-key"
AUTH = {"Authorization": f"Bearer {KEY}"}
PLAN = """{city}人民政府办公室关于印发2021年{city}服务业发展工作要点的通知
{city}人民政府办公室
2021年3月1日
2021年{city}服务业发展工作要点
一、重点任务
(一)推进现代物流业发展。新增物流企业{count}家以上。(责任单位:市商务局)
"""
DOCUMENTS = "PREFIX pg: <https://w3id.org/policygraph/ontology#> " \
            "SELECT ?document WHERE { GRAPH ?g { ?document a pg:PolicyDocument } }"


def _plan(city: str, count: int = 5) -> bytes:
    return PLAN.format(city=city, count=count).encode()


def _documents(server: LiveServer) -> set[str]:
    return {row["document"].rsplit("/", 1)[-1] for row in sparql(server, DOCUMENTS)}


@pytest.fixture(scope="module")
def writable(tmp_path_factory) -> Iterator[LiveServer]:
    """A server of two built-in plans, with an API key (each test writes plans of its own)."""
    tmp_path = tmp_path_factory.mktemp("writable")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("000_1d1cab59e1534a27.txt", "004_c7ba4c26b0968650.txt"):
        shutil.copy(RAW / name, corpus)
    store = tmp_path / "store"
    run_build([corpus], GraphStore(store), DEFAULT_BASE, progress=False, jobs=1)
    key_file = tmp_path / "key"
    key_file.write_text(KEY + "\n", "utf-8")
    server = start(store, "--warm-timeout", "0", "--api-key-file", key_file,
                   log=tmp_path / "server.log")
    yield server
    server.stop()


def test_a_plan_is_added_replaced_and_removed(writable):
    url = f"{writable.url}/api/documents"
    added = httpx.post(url, params={"name": "huzhou.txt"}, content=_plan("湖州市"),
                       headers=AUTH, timeout=120)
    assert added.status_code == 201, added.text
    assert added.json()["document"] == f"{DEFAULT_BASE}doc/huzhou"
    assert "huzhou" in _documents(writable)
    listed = httpx.get(url, params={"limit": 1000}, timeout=30).json()["items"]
    assert {"name": "huzhou.txt", "document": f"{DEFAULT_BASE}doc/huzhou"} in listed
    assert httpx.get(f"{url}/huzhou.txt", timeout=30).json()["name"] == "huzhou.txt"

    again = httpx.post(url, params={"name": "huzhou.txt"}, content=_plan("湖州市", 9),
                       headers=AUTH, timeout=120)
    assert again.status_code == 409 and "PUT" in again.json()["detail"]

    replaced = httpx.put(f"{url}/huzhou.txt", content=_plan("湖州市", 9), headers=AUTH,
                         timeout=120)
    assert replaced.status_code == 200, replaced.text
    targets = sparql(writable, "PREFIX pg: <https://w3id.org/policygraph/ontology#> "
                               "SELECT ?value WHERE { GRAPH ?g { ?t pg:value ?value } "
                               "FILTER(CONTAINS(STR(?g), 'huzhou')) }")
    assert [row["value"] for row in targets] == ["9"]

    removed = httpx.delete(f"{url}/huzhou.txt", headers=AUTH, timeout=120)
    assert removed.status_code == 200, removed.text
    assert "huzhou" not in _documents(writable)
    assert httpx.delete(f"{url}/huzhou.txt", headers=AUTH, timeout=120).status_code == 404
    assert httpx.get(f"{url}/huzhou.txt", timeout=30).status_code == 404


def test_a_form_upload_is_read_like_a_body(writable):
    response = httpx.post(f"{writable.url}/api/documents", headers=AUTH, timeout=120,
                          files={"file": ("quzhou.txt", _plan("衢州市"), "text/plain")})
    assert response.status_code == 201, response.text
    assert "quzhou" in _documents(writable)


@pytest.mark.parametrize(("params", "body", "status", "message"), [
    ({"name": "bad.txt"}, b"\x00\x01\x02 not a plan", 422, "bad.txt"),
    ({"name": "../escape.txt"}, b"x", 422, "parameter 'name'"),
    ({"name": "plan.pdf"}, b"x", 422, "parameter 'name'"),
    ({}, b"x", 422, "parameter 'name' is required"),
    ({"name": "copy.txt"}, (RAW / "000_1d1cab59e1534a27.txt").read_bytes(), 409,
     "the same content as"),
], ids=["unreadable", "a-folder", "a-suffix", "no-name", "a-copy"])
def test_a_bad_document_is_refused_with_its_reason_and_nothing_changes(writable, params, body,
                                                                        status, message):
    before = _documents(writable)
    response = httpx.post(f"{writable.url}/api/documents", params=params, content=body,
                          headers=AUTH, timeout=120)
    assert response.status_code == status, response.text
    assert message in response.json()["detail"]
    assert "/store/" not in response.json()["detail"]  # uploads named by their names
    assert _documents(writable) == before


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong"},
                                     {"X-API-Key": "wrong"}], ids=["none", "bearer", "header"])
def test_without_the_key_nothing_is_written(writable, headers):
    response = httpx.post(f"{writable.url}/api/documents", params={"name": "a.txt"},
                          content=_plan("湖州市"), headers=headers, timeout=30)
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == "Bearer"
    assert "a" not in _documents(writable)


def test_two_writers_at_once_take_turns_and_readers_are_answered_throughout(writable):
    answers: list[int] = []
    writing = threading.Event()

    def read() -> None:
        while not writing.is_set():
            answers.append(httpx.get(f"{writable.url}/api/queries/documents",
                                     timeout=60).status_code)

    def write(name: str, city: str, results: dict[str, int]) -> None:
        results[name] = httpx.post(f"{writable.url}/api/documents", params={"name": name},
                                   content=_plan(city), headers={"X-API-Key": KEY},
                                   timeout=300).status_code

    results: dict[str, int] = {}
    reader = threading.Thread(target=read)
    writers = [threading.Thread(target=write, args=(name, city, results))
               for name, city in (("jiaxing.txt", "嘉兴市"), ("shaoxing.txt", "绍兴市"))]
    reader.start()
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join()
    writing.set()
    reader.join()
    assert results == {"jiaxing.txt": 201, "shaoxing.txt": 201}
    assert {"jiaxing", "shaoxing"} <= _documents(writable)
    assert answers and set(answers) == {200}


def test_two_writers_of_one_name_at_once_add_it_once(writable):
    statuses: list[int] = []

    def write(count: int) -> None:
        statuses.append(httpx.post(f"{writable.url}/api/documents", params={"name": "one.txt"},
                                   content=_plan("温州市", count), headers=AUTH,
                                   timeout=300).status_code)

    writers = [threading.Thread(target=write, args=(count,)) for count in (3, 4)]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join()
    assert sorted(statuses) == [201, 409]


def test_a_server_without_a_key_does_not_write(server):
    response = httpx.post(f"{server.url}/api/documents", params={"name": "a.txt"},
                          content=_plan("湖州市"), headers=AUTH, timeout=30)
    assert response.status_code == 403 and "API key" in response.json()["detail"]
