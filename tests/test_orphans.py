"""Workers end with the process that started them: a build or a server killed with `kill -9`
(which runs no clean-up) leaves no worker behind, even one busy in the engine."""

from __future__ import annotations

import contextlib
import subprocess
import threading
import time
from pathlib import Path

import httpx
import psutil

from .conftest import CORPUS
from .live import cli, start

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def children_once_started(pid: int, count: int, seconds: float = 60) -> list[psutil.Process]:
    """The children of `pid` once there are `count` of them."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = psutil.Process(pid).children()
        if len(found) >= count:
            return found
        time.sleep(0.1)
    raise AssertionError(f"process {pid} did not start {count} workers in {seconds:g} s")


def survivors(processes: list[psutil.Process], seconds: float = 10) -> list[psutil.Process]:
    """Those of `processes` still running after `seconds` (a zombie has ended)."""
    deadline = time.monotonic() + seconds
    while True:
        alive = [process for process in processes if _running(process)]
        if not alive or time.monotonic() > deadline:
            return alive
        time.sleep(0.1)


def _running(process: psutil.Process) -> bool:
    try:
        return process.status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def test_a_build_killed_takes_its_workers_with_it(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    plans = sorted(CORPUS.glob("*.txt"))
    for copy in range(120):  # distinct contents, or the copies would be left out as repeats
        plan = plans[copy % len(plans)]
        (corpus / f"{copy:03d}-{plan.name}").write_text(
            plan.read_text("utf-8") + f"\n附件{copy}\n", "utf-8")
    build = subprocess.Popen(cli("build", corpus, "--store", tmp_path / "store", "--jobs", 2,
                                 "--quiet"), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        workers = children_once_started(build.pid, 2)
    finally:
        build.kill()
        build.wait()
    assert survivors(workers) == []


def test_a_server_killed_mid_query_takes_its_workers_with_it(corpus_store: Path,
                                                              tmp_path: Path) -> None:
    server = start(corpus_store, "--timeout", "120", "--warm-timeout", "0",
                   log=tmp_path / "server.log")
    try:
        workers = children_once_started(server.process.pid, 2)
        asking = threading.Thread(target=_ask, args=(server.url,), daemon=True)
        asking.start()
        deadline = time.monotonic() + 30
        while not any(worker.cpu_percent(0.2) > 20 for worker in workers):
            assert time.monotonic() < deadline, "no worker took up the query"
    finally:
        server.process.kill()
        server.process.wait()
    assert survivors(workers) == []


def _ask(url: str) -> None:
    """Send the runaway query; the server is killed before it can answer."""
    with contextlib.suppress(httpx.HTTPError):
        httpx.post(f"{url}/sparql", data={"query": RUNAWAY}, timeout=120)
