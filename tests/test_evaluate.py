"""The scorer: figures worked out by hand for small gold and predicted records."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from policygraph.cli import main
from policygraph.evaluate import (
    TOTAL,
    EvaluationError,
    below_floors,
    format_table,
    load_gold,
    norm,
    score,
)

GOLD = {
    "source": "a.txt", "title": "《某县工作要点》", "issuer": "某县人民政府", "region": "某县",
    "level": "county", "issued": "2021-04-07", "doc_number": None, "period": [2021, 2021],
    "implements": [],
    "tasks": [
        {"path": ["一", "(一)"], "text": "建设物流园区。", "agencies": ["县商务局", "县交通局"],
         "lead": ["县商务局"], "kind": "task"},
        {"path": ["一", "(二)"], "text": "培育企业。", "agencies": ["县发改局"],
         "lead": ["县发改局"], "kind": "task"},
        {"path": ["二", "(一)"], "text": "加强领导。", "agencies": [], "lead": [],
         "kind": "safeguard"},
    ],
    "targets": [
        {"path": ["一", "(一)"], "indicator": "物流企业", "comparator": ">=", "value": 5,
         "value_max": None, "unit": "家", "year": 2021},
        {"path": ["一", "(二)"], "indicator": "增加值增长", "comparator": ">=", "value": 9,
         "value_max": None, "unit": "%", "year": 2021},
    ],
}


def test_norm_ignores_spacing_brackets_and_title_marks():
    assert norm(" 《某县 工作要点》 ") == "某县工作要点"
    assert norm("开发区(国际商务区)、县商务局") == norm("开发区(国际商务区),县商务局")
    assert norm([2021, "a b"]) == (2021.0, "ab")
    assert norm(None) is None


def test_perfect_prediction_scores_one():
    row = score({"a.txt": GOLD}, [GOLD])["a.txt"]
    assert all(value == pytest.approx(1.0) for value in row.values())


def test_missing_document_scores_zero_recall():
    rows = score({"a.txt": GOLD}, [])
    assert rows[TOTAL]["task_f1"] == 0.0
    assert rows[TOTAL]["agency_r"] == 0.0
    assert rows[TOTAL]["meta_acc"] == 0.0


def test_partial_prediction_by_hand():
    pred = json.loads(json.dumps(GOLD))
    pred["title"] = "某县工作要点"            # same after normalisation
    pred["issued"] = "2021-04-08"             # wrong: 6 of 7 metadata fields
    pred["tasks"][0]["agencies"] = ["县商务局"]  # one of the pair missed
    pred["tasks"][0]["lead"] = []            # wrong lead on a task that has units
    del pred["tasks"][1]                      # a task missed
    pred["tasks"].append({"path": ["三"], "text": "x", "agencies": ["县财政局"], "lead": [],
                          "kind": "task"})   # an extra task
    pred["targets"][1]["comparator"] = "=="
    pred["targets"].append({"path": ["三"], "indicator": "", "comparator": "==", "value": 1,
                            "value_max": None, "unit": "个", "year": None})
    row = score({"a.txt": GOLD}, [pred])["a.txt"]
    assert row["meta_acc"] == pytest.approx(6 / 7)
    assert row["task_f1"] == pytest.approx(2 / 3)               # tp 2, pred 3, gold 3
    assert row["agency_p"] == pytest.approx(1 / 2)              # tp 1 of 2 predicted pairs
    assert row["agency_r"] == pytest.approx(1 / 3)              # tp 1 of 3 gold pairs
    assert row["agency_f1"] == pytest.approx(2 * (1 / 2) * (1 / 3) / (1 / 2 + 1 / 3))
    assert row["lead_acc"] == pytest.approx(0 / 2)              # both tasks with units fail
    assert row["target_p"] == pytest.approx(2 / 3)
    assert row["target_r"] == pytest.approx(1.0)
    assert row["comparator_acc"] == pytest.approx(1 / 2)


def test_totals_sum_counts_before_dividing():
    other = dict(GOLD, source="b.txt", tasks=GOLD["tasks"][:1], targets=[])
    rows = score({"a.txt": GOLD, "b.txt": other}, [GOLD])
    assert rows["b.txt"]["task_f1"] == 0.0
    assert rows[TOTAL]["task_f1"] == pytest.approx(2 * 1 * 0.75 / 1.75)  # 3 of 4 gold tasks


def test_targets_match_one_to_one_on_quantity():
    pred = dict(GOLD, targets=[GOLD["targets"][0], GOLD["targets"][0]])
    row = score({"a.txt": GOLD}, [pred])["a.txt"]
    assert row["target_p"] == pytest.approx(1 / 2) and row["target_r"] == pytest.approx(1 / 2)


def test_floors_and_table():
    rows = score({"a.txt": GOLD}, [dict(GOLD, tasks=[])])
    assert below_floors(rows, {"task_f1": 0.5, "meta_acc": 0.9}) == ["task_f1=0.000 < 0.5"]
    table = format_table(rows).splitlines()
    assert table[0].startswith("document") and "indicator_sim" in table[0]
    assert table[-1].startswith(TOTAL)


def test_load_gold_names_the_bad_file(tmp_path: Path):
    (tmp_path / "good.json").write_text(json.dumps(GOLD), "utf-8")
    assert list(load_gold(tmp_path)) == ["a.txt"]
    (tmp_path / "bad.json").write_text("{not json", "utf-8")
    with pytest.raises(EvaluationError, match=r"bad\.json"):
        load_gold(tmp_path)
    with pytest.raises(EvaluationError, match="not a folder"):
        load_gold(tmp_path / "missing")


def test_cli_evaluate_reports_floors(capsys, tmp_path: Path):
    data = Path(__file__).parent.parent / "data"
    gold = tmp_path / "gold"
    gold.mkdir()
    source = sorted((data / "gold").glob("*.json"))[0]
    (gold / source.name).write_bytes(source.read_bytes())
    document = data / "raw" / json.loads(source.read_text("utf-8"))["source"]
    assert main(["evaluate", str(gold), str(document), "--min", "task_f1=0.9"]) == 0
    assert main(["evaluate", str(gold), str(document), "--min", "task_f1=1.1"]) == 1
    assert "below floor: task_f1=" in capsys.readouterr().out
    assert main(["evaluate", str(gold), str(document), "--min", "speed=1"]) == 2
    assert "unknown figure" in capsys.readouterr().err


def test_traditional_characters_and_full_width_punctuation_compare_equal():
    assert norm("縣發展改革局") == norm("县发展改革局")
    assert norm("各县（市、区）：县商务局；县财政局") == norm("各县(市,区):县商务局;县财政局")


def test_figures_agree_with_the_reference_scorer(tmp_path: Path, reference_scorer):
    """A prediction in the other script, with full-width punctuation and some mistakes, gets
    the same figures from `policygraph evaluate` as from the reference scorer."""
    reference = reference_scorer
    pred = json.loads(json.dumps(GOLD))
    pred["region"] = "某縣"
    pred["tasks"][0]["agencies"] = ["縣商務局", "县交通局（港航）"]
    pred["tasks"][1]["lead"] = ["县財政局"]
    pred["targets"][0]["unit"] = "個"
    pred["targets"].append(dict(GOLD["targets"][1], value=10))
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    (gold_dir / "a.json").write_text(json.dumps(GOLD, ensure_ascii=False), "utf-8")
    predictions = tmp_path / "pred.json"
    predictions.write_text(json.dumps([pred], ensure_ascii=False), "utf-8")
    expected = {source: {key: reference.summarise(reference.score_doc(GOLD, pred))[key]
                         for key in row}
                for source, row in score({"a.txt": GOLD}, [pred]).items() if source != TOTAL}
    ours = score(load_gold(gold_dir), [pred])
    for source, row in expected.items():
        assert ours[source] == pytest.approx(row)
    assert ours["a.txt"]["meta_acc"] == pytest.approx(1.0)
    assert ours["a.txt"]["agency_r"] == pytest.approx(2 / 3)
