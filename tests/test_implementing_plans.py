"""A province's plan built with the city plans that carry it out: each links to it, whichever
document is read first, and a document that breaks a shape is left out, never the others."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from policygraph.build import DEFAULT_BASE, Iris
from policygraph.cli import main
from policygraph.parse import extract
from policygraph.pipeline import run_build
from policygraph.pipeline.work import keep_record, rdf_chunk, write_titles
from policygraph.store import GraphStore
from policygraph.vocab import PREFIXES

PROVINCE = Path(__file__).parent.parent / "data" / "raw" / "002_c640dd409828200c.txt"
PROVINCE_TITLE = "2020年浙江省服务业发展工作要点"
CITY = """{city}人民政府办公室关于印发2020年{city}服务业发展工作要点的通知
各区县人民政府,市政府各部门:
为贯彻落实《{implements}》,现将《2020年{city}服务业发展工作要点》印发给你们,请认真贯彻执行。
{city}人民政府办公室
2020年4月10日
2020年{city}服务业发展工作要点
一、重点任务
(一)推进现代物流业发展。新增物流企业5家以上。(责任单位:市商务局、市交通运输局)
"""
IMPLEMENTS = f"PREFIX pg: <{PREFIXES['pg']}> SELECT ?plan ?implemented WHERE {{ " \
             "?plan pg:implements ?implemented }"


def _corpus(directory: Path, names: list[str]) -> Path:
    """The province's plan and city plans, named so that `names` gives the reading order."""
    directory.mkdir()
    shutil.copy(PROVINCE, directory / f"{names[0]}.txt")
    plans = [("湖州市", PROVINCE_TITLE), ("衢州市", PROVINCE_TITLE),
             ("嘉兴市", "2020年江苏省服务业发展工作要点")]
    for name, (city, implemented) in zip(names[1:], plans, strict=True):
        (directory / f"{name}.txt").write_text(CITY.format(city=city, implements=implemented),
                                               "utf-8")
    return directory


@pytest.mark.parametrize("names", [["a", "b", "c", "d"], ["z", "b", "c", "d"]],
                         ids=["province-first", "province-last"])
def test_plans_that_carry_out_a_plan_of_the_build_link_to_it(tmp_path, names, capsys):
    corpus = _corpus(tmp_path / "corpus", names)
    store = GraphStore(tmp_path / "store")
    result = run_build([corpus], store, DEFAULT_BASE, progress=False, jobs=1)
    assert (result.documents, result.failed) == (4, ())
    assert main(["validate", "--store", str(tmp_path / "store")]) == 0
    assert capsys.readouterr().out.startswith("conforms")
    dataset = store.open()
    iris = Iris(DEFAULT_BASE)
    links = {(row["plan"].value, row["implemented"].value)
             for row in dataset.query(IMPLEMENTS, use_default_graph_as_union=True)}
    province = iris.document(str(corpus / f"{names[0]}.txt"))
    assert (iris.document(str(corpus / "b.txt")), province) in links
    assert (iris.document(str(corpus / "c.txt")), province) in links
    outside = next(implemented for plan, implemented in links
                   if plan == iris.document(str(corpus / "d.txt")))
    assert outside != province and "/cited/" in outside


def test_a_document_that_breaks_a_shape_is_left_out_and_named(tmp_path):
    """Two documents validated in one chunk: the one whose record breaks a shape (a target's
    comparator no shape allows) is left out with the report's message, and the other is
    written."""
    spool = tmp_path / "spool"
    spool.mkdir()
    good, odd = extract(PROVINCE), extract(PROVINCE)
    odd.source = "odd.txt"
    odd.targets[0].comparator = "≈"
    for record in (good, odd):
        keep_record(spool, record.source, record)
    write_titles(spool, {})
    chunk = rdf_chunk([good.source, odd.source], spool, DEFAULT_BASE)
    assert len(chunk.failed) == 1
    assert chunk.failed[0].startswith("odd.txt: breaks the shapes")
    assert "pg:comparator" in chunk.failed[0]
    written = chunk.part.read_text("utf-8")
    assert "/doc/002_c640dd409828200c>" in written and "/doc/odd>" not in written
