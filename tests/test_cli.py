"""The `policygraph extract` command: output shapes, and bad input reported file by file."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from policygraph.cli import main

CORPUS = Path(__file__).parent.parent / "data" / "raw"
PLAN = """2021年德清县服务业工作要点
一、重点工作
(一)做强物流。建设物流园区,引进物流企业5家以上。(责任单位:县交通运输局、县商务局)
(二)做强商贸。培育商贸企业。
"""


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    path = tmp_path / "plan.txt"
    path.write_text(PLAN, encoding="utf-8")
    return path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def test_json_for_one_file_is_one_record(capsys, plan):
    status, out, err = run(capsys, "extract", str(plan), "--json")
    record = json.loads(out)
    assert status == 0 and err == ""
    assert record["source"] == "plan.txt"
    assert list(record) == ["source", "title", "issuer", "region", "level", "issued",
                            "doc_number", "period", "implements", "tasks", "targets"]
    assert record["tasks"][0]["agencies"] == ["县交通运输局", "县商务局"]


def test_json_for_several_files_is_an_array(capsys, plan, tmp_path):
    other = tmp_path / "other.txt"
    shutil.copy(plan, other)
    status, out, _ = run(capsys, "extract", str(plan), str(other), "--json")
    assert status == 0
    assert [record["source"] for record in json.loads(out)] == ["plan.txt", "other.txt"]


def test_summary_lists_metadata_tasks_and_targets(capsys, plan):
    status, out, _ = run(capsys, "extract", str(plan))
    assert status == 0
    assert "title:      2021年德清县服务业工作要点" in out
    assert "一 (一) 做强物流 | lead: 县交通运输局 | with: 县商务局" in out
    assert "一 (一) | 引进物流企业 >= 5家 (2021)" in out


def test_gbk_and_gb18030_files_are_read(capsys, tmp_path):
    for encoding in ("gbk", "gb18030"):
        path = tmp_path / f"{encoding}.txt"
        path.write_bytes(PLAN.encode(encoding))
        status, out, err = run(capsys, "extract", str(path), "--json")
        assert status == 0, err
        assert json.loads(out)["tasks"][0]["agencies"] == ["县交通运输局", "县商务局"]


def test_html_page_is_stripped_and_read(capsys, tmp_path):
    body = "".join(f"<p>{line}</p>" for line in PLAN.splitlines())
    page = (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>x</title>'
            f"<script>var a = '一、不是任务';</script></head><body><div class=nav>首页</div>"
            f"{body}</body></html>")
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    status, out, err = run(capsys, "extract", str(path), "--json")
    assert status == 0, err
    record = json.loads(out)
    assert [task["path"] for task in record["tasks"]] == [["一", "(一)"], ["一", "(二)"]]


@pytest.mark.parametrize(("name", "content", "message"), [
    ("empty.txt", b"", "empty"),
    ("blank.txt", b"  \n\n ", "empty"),
    ("binary.bin", bytes(range(256)) * 8, "binary"),
])
def test_bad_input_names_the_file_and_does_not_stop_the_others(capsys, plan, tmp_path, name,
                                                               content, message):
    bad = tmp_path / name
    bad.write_bytes(content)
    status, out, err = run(capsys, "extract", str(bad), str(plan), "--json")
    assert status == 1
    assert str(bad) in err and message in err
    assert [record["source"] for record in json.loads(out)] == ["plan.txt"]


def test_a_document_without_numbered_items_is_kept_with_a_warning(capsys, tmp_path):
    notice = tmp_path / "notice.txt"
    notice.write_text("2021年某县工作要点\n到2021年底,全县服务业增加值力争增长8%以上。\n",
                      encoding="utf-8")
    status, out, err = run(capsys, "extract", str(notice), "--json")
    assert status == 0
    record = json.loads(out)
    assert (record["title"], record["tasks"]) == ("2021年某县工作要点", [])
    assert [(t["path"], t["value"]) for t in record["targets"]] == [([], 8)]
    assert f"{notice}: no numbered work items were found" in err


def test_missing_file_is_reported(capsys, plan, tmp_path):
    status, _, err = run(capsys, "extract", str(tmp_path / "nope.txt"), str(plan))
    assert status == 1
    assert "nope.txt" in err


def test_console_script_runs(plan):
    script = Path(sys.executable).parent / "policygraph"
    command = [str(script)] if script.exists() else [sys.executable, "-m", "policygraph.cli"]
    done = subprocess.run([*command, "extract", str(plan), "--json"], capture_output=True,
                          text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["title"] == "2021年德清县服务业工作要点"


def test_output_to_a_pipe_the_reader_closed_ends_quietly(corpus_store):
    """`policygraph query … | head -1`: once the reader has gone, the command stops without a
    traceback (the answer is longer than a pipe's buffer, so the write does fail)."""
    process = subprocess.Popen(
        [sys.executable, "-m", "policygraph.cli", "query", "SELECT ?s ?p ?o WHERE { ?s ?p ?o }",
         "--format", "csv", "--store", str(corpus_store)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    assert process.stdout.readline()
    process.stdout.close()
    errors = process.stderr.read().decode()
    assert process.wait(timeout=60) == 0
    assert "Traceback" not in errors and "BrokenPipe" not in errors, errors
