"""Properties of extraction over generated input: no text crashes it, no bytes crash reading,
and the page furniture of government sites around a plan does not change what is read."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from policygraph.parse import DocumentError, extract_text
from policygraph.parse.decode import document_text

from .conftest import CORPUS

MORE = settings(max_examples=settings().max_examples * 10,
                suppress_health_check=[HealthCheck.too_slow])

# Pieces of the genre, so that generated text reaches the outline, clause and target readers.
FRAGMENTS = ["一、", "二、", "（一）", "(二)", "㈠", "1.", "2、", "（1）", "⑵", "①", "\n", "\n\n",
             "责任单位：", "牵头单位:", "配合单位：", "责任部门：", "市发改委", "县商务局、",
             "各镇（街道）",
             "增长9%以上", "突破1200亿元", "1—2家", "不低于", "左右", "到2025年", "2021年",
             "。", "；", "，", "：", "（", "）", "工作要点", "实施方案", "关于印发", "的通知",
             "嘉兴市人民政府办公室", "浙政办发〔2021〕12号", "抄送：", "|", "<p>", "</p>", " "]
genre_text = st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=12), max_size=80) \
    .map("".join)

HEADER = ["当前位置：首页 > 政务公开 > 通知公告", "您现在的位置：首页 » 信息公开", "浏览次数：{n}",
          "字体：【大 中 小】", "【打印本页】 【关闭窗口】", "分享到：", "加入收藏 | 设为首页",
          "今天是{n}年", "简体中文 | 繁體", "扫一扫在手机打开当前页"]
FOOTER = ["版权所有：人民政府办公室 ICP备{n}号", "网站标识码：33040000{n}", "网站地图 | 联系我们",
          "浙公网安备 {n}号", "技术支持：某某科技", "上一篇：无", "下一篇：无"]


def _lines(templates: list[str]) -> st.SearchStrategy[list[str]]:
    return st.lists(st.tuples(st.sampled_from(templates), st.integers(0, 99999))
                    .map(lambda pair: pair[0].format(n=pair[1])), max_size=6)


@MORE
@given(st.text())
@example("一、\n（一）\n1.\n(1)\n责任单位：")
@example("\n".join(["一、总体要求"] * 3 + ["（一）" * 200]))
def test_any_text_is_read_without_crashing(text: str) -> None:
    extract_text(text, source="generated.txt")


@MORE
@given(genre_text)
def test_any_text_of_the_genre_is_read_without_crashing(text: str) -> None:
    record = extract_text(text, source="generated.txt")
    for found in [*record.tasks, *record.targets]:
        start, end = found.span or (0, 0)
        assert 0 <= start <= end <= len(text)


@MORE
@given(st.binary(max_size=2000), st.sampled_from(["plan.txt", "page.html"]))
def test_any_bytes_are_text_or_a_clear_error(data: bytes, name: str) -> None:
    try:
        document_text(Path(name), data)
    except DocumentError as error:
        assert str(error).startswith(name)


PLANS = {path.name: path.read_text("utf-8") for path in sorted(CORPUS.glob("*.txt"))}


@cache
def _as_read(name: str) -> dict[str, Any]:
    return extract_text(PLANS[name], source=name).to_dict()


@given(st.sampled_from(sorted(PLANS)), _lines(HEADER), _lines(FOOTER))
def test_page_furniture_around_a_plan_changes_nothing_read(name: str, header: list[str],
                                                           footer: list[str]) -> None:
    noisy = "\n".join([*header, PLANS[name], *footer])
    assert extract_text(noisy, source=name).to_dict() == _as_read(name)
