"""Broken input to `policygraph build`: every bad file is named with what is wrong with it, the
good ones are built, a failed build leaves the served graph as it was, and a build killed with
`kill -9` at any moment never leaves the live store unreadable or half-switched."""

from __future__ import annotations

import contextlib
import os
import random
import shutil
import signal
import subprocess
import time
from pathlib import Path

import httpx
import pytest

from policygraph.build import DEFAULT_BASE
from policygraph.pipeline import BuildError, run_build
from policygraph.query import run_query
from policygraph.store import GraphStore

from .conftest import CORPUS
from .live import cli, run_cli, start

COUNT_DOCUMENTS = "SELECT (COUNT(*) AS ?n) WHERE { ?d a pg:PolicyDocument }"


def build(*arguments: str | Path) -> subprocess.CompletedProcess[str]:
    return run_cli("build", "--quiet", *arguments)


def documents_in(store: Path) -> int:
    rows = list(run_query(GraphStore(store).open(), COUNT_DOCUMENTS))  # type: ignore[arg-type]
    return int(rows[0]["n"].value)


def seeds() -> list[Path]:
    return sorted(CORPUS.glob("*.txt"))


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    shutil.copytree(CORPUS, folder)
    return folder


def test_each_broken_file_is_named_and_the_others_are_built(corpus: Path,
                                                            tmp_path: Path) -> None:
    plan = seeds()[1].read_text("utf-8")
    broken = {
        "empty.txt": b"",
        "binary.txt": bytes(range(256)) * 64,
        "huge.txt": plan.encode() * (50 * 2**20 // len(plan.encode()) + 1),
        "ebcdic.txt": plan.encode("cp500", errors="replace"),
        "copy.txt": seeds()[0].read_bytes(),
    }
    for name, data in broken.items():
        (corpus / name).write_bytes(data)
    # Readable documents that are odd are kept, each with a warning naming it: a notice
    # without numbered items, and a page naming neither its title nor its jurisdiction.
    (corpus / "no-tasks.txt").write_text(
        "关于印发工作要点的通知\n各单位：现印发给你们，请认真贯彻执行。\n", "utf-8")
    (corpus / "excerpt.txt").write_text(
        "(三)优化营商环境。深化放管服改革。(责任单位:市政务服务中心)\n"
        "(四)扩大开放。办好招商活动。(责任单位:市商务局)\n", "utf-8")
    clause = plan.index("责任单位")
    (corpus / "truncated.txt").write_text(plan[: clause + 7], "utf-8")
    (corpus / "utf16-without-bom.txt").write_bytes(plan.encode("utf-16-be"))
    store = tmp_path / "store"
    result = build(corpus, "--store", store)
    assert result.returncode == 1, result.stderr
    lines = result.stderr.strip().splitlines()
    errors = [line for line in lines if "warning" not in line]
    reasons = {name: next((line for line in errors if name in line), "") for name in broken}
    assert "empty" in reasons["empty.txt"]
    assert "binary" in reasons["binary.txt"]
    assert "larger than" in reasons["huge.txt"]
    assert "same content as" in reasons["copy.txt"]
    assert "not text in" in reasons["ebcdic.txt"]
    assert len(errors) == len(broken)  # one line each, no traceback
    warnings = "\n".join(line for line in lines if "warning" in line)
    assert "no-tasks.txt: no numbered work items" in warnings
    assert "excerpt.txt: no title was found" in warnings
    assert "excerpt.txt: the page names no jurisdiction" in warnings
    # The truncated plan is read as far as it goes, UTF-16 without a byte-order mark too, and
    # the odd documents are published with what they state.
    assert documents_in(store) == len(seeds()) + 4


def test_links_that_loop_or_lead_nowhere_are_named_and_the_build_fails(corpus: Path,
                                                                          tmp_path: Path) -> None:
    (corpus / "loop.txt").symlink_to("loop.txt")
    (corpus / "lost.txt").symlink_to(tmp_path / "gone.txt")
    result = build(corpus, "--store", tmp_path / "store")
    assert result.returncode == 1
    assert f"{corpus / 'loop.txt'}: cannot be read: Too many levels of symbolic links" \
        in result.stderr
    assert f"{corpus / 'lost.txt'}: cannot be read: No such file or directory" in result.stderr
    assert "Traceback" not in result.stderr
    assert documents_in(tmp_path / "store") == len(seeds())


def test_a_folder_that_cannot_be_listed_is_named_and_the_others_are_built(
        corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    shutil.copy(seeds()[0], locked / "plan.txt")
    listing = Path.iterdir

    def iterdir(folder: Path):  # what a folder without read permission does, even for root
        if folder == locked:
            raise PermissionError(13, "Permission denied", str(folder))
        return listing(folder)

    monkeypatch.setattr(Path, "iterdir", iterdir)
    store = GraphStore(tmp_path / "store")
    result = run_build([corpus, locked], store, DEFAULT_BASE, progress=False, jobs=1)
    assert result.failed == (f"{locked}: cannot list the folder: Permission denied",)
    assert result.documents == len(seeds()) and documents_in(store.directory) == len(seeds())
    with pytest.raises(BuildError, match=f"{locked}: cannot list the folder"):
        run_build([locked], GraphStore(tmp_path / "other"), DEFAULT_BASE, progress=False, jobs=1)


def test_duplicate_task_numbers_are_kept_apart(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "plan.txt").write_text(
        "德清县2021年服务业工作要点\n一、主要任务\n（一）推进物流发展。责任单位：县发改局\n"
        "（一）加快商贸流通。责任单位：县商务局\n（二）发展旅游。责任单位：县文旅局\n", "utf-8")
    store = tmp_path / "store"
    result = build(folder, "--store", store)
    assert result.returncode == 0, result.stderr
    assert "plan.txt: (一) 加快商贸流通" in result.stderr and "item 一 (一)bis" in result.stderr
    rows = run_query(GraphStore(store).open(),
                     "SELECT ?path ?lead WHERE { ?task pg:path ?path ; pg:leadAgency ?lead }")
    leads = {row["path"].value: row["lead"].value.rsplit("/", 1)[1]  # type: ignore[index]
             for row in rows}  # type: ignore[union-attr]
    assert leads == {"一 (一)": "development-reform", "一 (一)bis": "commerce",
                     "一 (二)": "culture-tourism"}


def test_a_failed_build_leaves_the_served_graph_untouched(corpus: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    assert build(corpus, "--store", store).returncode == 0
    live = GraphStore(store).current
    server = start(store, "--warm-timeout", "0", log=tmp_path / "server.log")
    try:
        before = httpx.get(f"{server.url}/sparql", params={"query": COUNT_DOCUMENTS}).text
        unreadable = tmp_path / "unreadable"
        unreadable.mkdir()
        (unreadable / "a.txt").write_bytes(b"\x00\x01\x02")
        (unreadable / "b.txt").write_bytes(b"")
        clash = tmp_path / "clash"  # a/plan.txt and b/plan.txt would be one document
        for folder in ("a", "b"):
            shutil.copytree(corpus, clash / folder)
        plans = sorted(clash.glob("*/*.txt"))
        results = [build(unreadable, "--store", store), build(*plans, "--store", store)]
        after = httpx.get(f"{server.url}/sparql", params={"query": COUNT_DOCUMENTS}).text
    finally:
        server.stop()
    assert [result.returncode for result in results] == [1, 1]
    assert all("previous graph stays live" in result.stderr for result in results)
    assert "would be one document" in results[1].stderr
    assert (GraphStore(store).current, after) == (live, before)


def test_a_build_killed_at_any_moment_leaves_a_whole_live_graph(tmp_path: Path,
                                                                long_run: bool) -> None:
    first = tmp_path / "first"
    shutil.copytree(CORPUS, first)
    second = tmp_path / "second"
    second.mkdir()
    for copy in range(6):  # a corpus that takes the build a few seconds
        for plan in seeds():
            text = plan.read_text("utf-8") + f"\n（此件公开发布 {copy}）\n"
            (second / f"{copy:02d}-{plan.name}").write_text(text, "utf-8")
    expected = {}
    durations = {}
    for corpus in (first, second):
        started = time.monotonic()
        assert build(corpus, "--store", tmp_path / "reference" / corpus.name).returncode == 0
        durations[corpus.name] = time.monotonic() - started
        expected[corpus.name] = documents_in(tmp_path / "reference" / corpus.name)
    store = tmp_path / "store"
    assert build(first, "--store", store).returncode == 0
    moments = random.Random(7).sample(range(1, 100), 10 if long_run else 4)
    for moment in moments:
        process = subprocess.Popen(cli("build", "--quiet", "--force", second, "--store", store),
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                   start_new_session=True)
        time.sleep(durations[second.name] * moment / 100)
        process.send_signal(signal.SIGKILL)
        process.wait()
        with contextlib.suppress(ProcessLookupError):  # its build workers, left orphaned
            os.killpg(process.pid, signal.SIGKILL)
        graph = GraphStore(store)
        inputs = set((graph.manifest() or {})["inputs"])
        corpus = second if str(second / f"00-{seeds()[0].name}") in inputs else first
        assert documents_in(store) == expected[corpus.name], f"killed at {moment}%"
    assert build(second, "--store", store, "--force").returncode == 0
    assert documents_in(store) == expected[second.name]
    builds = list((store / "builds").iterdir())
    assert all((path / "manifest.json").exists() for path in builds)
    assert not list(store.glob(".build-*"))
