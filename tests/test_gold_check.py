"""`policygraph evaluate --check`: slips in hand-made gold records found from the text alone."""

from __future__ import annotations

import json
from pathlib import Path

from policygraph.cli import main
from policygraph.gold_check import check_record

TEXT = """某县人民政府办公室关于印发某县工作要点的通知
一、加快物流发展
(一)建设物流园区。力争新增物流企业5家以上。(责任单位:县商务局、县交通局)
"""
GOOD = {
    "source": "a.txt", "title": "某县工作要点", "issuer": "某县人民政府办公室", "region": None,
    "level": "county", "issued": "2021-04", "doc_number": None, "period": None,
    "implements": [],
    "tasks": [{"path": ["一", "(一)"], "heading": "建设物流园区", "kind": "task",
               "agencies": ["县商务局", "縣交通局"], "lead": ["县商务局"],
               "text": "力争新增物流企业5家以上。"}],
    "targets": [{"path": ["一", "(一)"], "indicator": "新增物流企业", "value": 5,
                 "value_max": None, "unit": "家", "comparator": ">=", "year": None,
                 "text": "新增物流企业5家以上"}],
}


def _problems(record) -> list[str]:
    return list(check_record(record, TEXT))


def test_a_faithful_record_has_no_problems():
    assert _problems(GOOD) == []


def test_a_figure_written_without_a_unit_has_an_empty_unit():
    record = json.loads(json.dumps(GOOD))
    record["targets"][0]["unit"] = ""
    assert _problems(record) == []
    record["targets"][0]["unit"] = None
    assert "unit None does not occur" in "\n".join(_problems(record))


def test_slips_are_named():
    bad = json.loads(json.dumps(GOOD))
    task, target = bad["tasks"][0], bad["targets"][0]
    task["agencies"][1] = "县交通运输局"        # not the name the plan writes
    task["lead"] = ["县财政局"]                 # not among the units
    task["path"] = ["一", "（一）", "a"]        # not a numbering label
    task["text"] = "力争新增物流企业6家以上。"   # not the plan's sentence
    target["comparator"] = "≥"
    target["unit"] = "个"
    bad["issued"] = "2021年4月"
    del bad["implements"]
    problems = "\n".join(_problems(bad))
    for expected in ("unit '县交通运输局' does not occur", "is not among its agencies",
                     "path label 'a'", "text '力争新增物流企业6家以上'", "comparator '≥'",
                     "unit '个' does not occur", "issued '2021年4月'", "missing implements"):
        assert expected in problems
    assert "label '（一）'" not in problems  # full-width brackets fold to the ASCII label


def test_an_articles_label_is_a_numbering_label():
    record = json.loads(json.dumps(GOOD))
    record["tasks"][0]["path"] = ["第二章", "第十二条"]
    assert not any("path label" in problem for problem in _problems(record))


def test_cli_check_names_the_file_and_fails(tmp_path: Path, capsys):
    raw, gold = tmp_path / "raw", tmp_path / "gold"
    raw.mkdir()
    gold.mkdir()
    (raw / "a.txt").write_text(TEXT, "utf-8")
    (gold / "a.json").write_text(json.dumps(GOOD, ensure_ascii=False), "utf-8")
    assert main(["evaluate", "--check", str(gold), str(raw)]) == 0
    bad = dict(GOOD, level="town")
    (gold / "a.json").write_text(json.dumps(bad, ensure_ascii=False), "utf-8")
    assert main(["evaluate", "--check", str(gold), str(raw)]) == 1
    assert f"{gold / 'a.json'}: level 'town'" in capsys.readouterr().out
    assert main(["evaluate", "--check", str(gold), str(raw), str(raw)]) == 2
