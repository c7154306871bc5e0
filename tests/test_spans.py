"""Where tasks and targets were read: offsets into the document's text as read."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from policygraph.parse import extract, extract_text
from policygraph.parse.decode import read_document
from policygraph.parse.normalize import normalize
from policygraph.parse.spans import SpanFinder

CORPUS = sorted((Path(__file__).parent.parent / "data" / "raw").glob("*.txt"))


def _key(text: str) -> str:
    return re.sub(r"\s", "", normalize(text))


@pytest.mark.parametrize("path", CORPUS, ids=lambda path: path.name)
def test_every_span_holds_what_was_read(path):
    record = extract(path)
    original = read_document(path)
    assert record.text == original
    for item in [*record.tasks, *record.targets]:
        assert item.span is not None, item.text
        start, end = item.span
        found = _key(original[start:end])
        assert found.startswith(_key(item.text)[:12]) and found.endswith(_key(item.text)[-12:])


def test_an_item_that_is_only_a_clause_is_found_by_its_first_unit():
    """`(二)协办单位:县财政局、县公安局` has no text of its own: its span is its units'."""
    text = ("某县治理方案\n一、治理畜牧业产品污染\n(一)承办单位。县经贸局。\n"
            "(二)协办单位:县农业局、县卫生局。\n(三)治理目标。实行定点屠宰。\n")
    record = extract_text(text, "doc.txt")
    assert [task.path for task in record.tasks] == [["一", "(一)"], ["一", "(二)"], ["一", "(三)"]]
    for task in record.tasks:
        assert task.span is not None, task.path
    start, end = record.tasks[1].span or (0, 0)
    assert text[start:end] == "县农业局"


def test_spans_survive_full_width_digits_traditional_script_and_glosses():
    text = ("2021年某縣服務業工作要點\n一、重點工作\n(一)發(fā)展物流。培育物流企業１０家以上。"
            "(責任單位:縣商務局)\n")
    record = extract_text(text, "doc.txt")
    (task,) = record.tasks
    assert task.span is not None
    assert text[task.span[0]:task.span[1]] == "培育物流企業１０家以上。"
    (target,) = record.targets
    assert target.span is not None and "１０家" in text[target.span[0]:target.span[1]]


def test_the_same_sentence_twice_is_found_in_reading_order():
    text = "某县工作要点\n一、任务\n(一)甲。建设园区。\n(二)乙。建设园区。\n"
    spans = [task.span for task in extract_text(text, "doc.txt").tasks]
    assert spans[0] is not None and spans[1] is not None and spans[0][0] < spans[1][0]


def test_a_task_of_several_lines_with_a_clause_between_them_is_spanned():
    original = ("(3)借助市委中心组学习的平台,举办红船论坛,邀请专家作专题辅导。 "
                "责任部门:市发展改革委 作者: 信息来源: |\n附件：无\n")
    needle = "(3)借助市委中心组学习的平台,举办红船论坛,邀请专家作专题辅导。\n附件：无"
    start, end = SpanFinder(original).find(needle)  # type: ignore[misc]
    assert original[start:end].startswith("(3)借助") and original[start:end].endswith("附件：无")
