"""Platforms and projects named in task texts: sentences in the styles of the genre, and the
built-in corpus."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from policygraph.build.mentions import Mention, find_mentions, mention_key
from policygraph.parse import extract

RAW = Path(__file__).parent.parent / "data" / "raw"


def found(text: str) -> list[tuple[str, str]]:
    mentions = find_mentions(text)
    for mention in mentions:
        assert text[mention.start : mention.end] == mention.name
    return [(mention.name, mention.kind) for mention in mentions]


@pytest.mark.parametrize(("text", "expected"), [
    # a list closed by 等项目建设: every item is a project, whatever its ending
    ("加快万象城商业综合体、云栖数字经济园等项目建设。",
     [("万象城商业综合体", "project"), ("云栖数字经济园", "project")]),
    ("积极推进青山湖物流基地、东港冷链物流中心和滨江科技园区等重点项目建设,打造区域枢纽。",
     [("青山湖物流基地", "project"), ("东港冷链物流中心", "project"),
      ("滨江科技园区", "project")]),
    ("着力推进临港物流园、东站商务区等一批服务业重大项目。",
     [("临港物流园", "project"), ("东站商务区", "project")]),
    # a list whose category names platforms; an item without a telling ending is left out
    ("加快推进柯桥区、滨海新城等省级现代服务业创新发展区建设。", [("滨海新城", "platform")]),
    ("打造湖滨步行街、鼓楼美食街等特色商业街区。",
     [("湖滨步行街", "platform"), ("鼓楼美食街", "platform")]),
    # sector words alone make a category, unless a list's category vouches for the item
    ("加快推进数字新城、东港区等省级服务业创新发展区建设。", [("数字新城", "platform")]),
    ("建设数字新城和智慧物流园,深化南湖区金融创新示范区建设。",
     [("南湖区金融创新示范区", "platform")]),
    # a platform right after verbs and adverbs
    ("依托临平新城国际会展集聚区,大力发展会展经济。", [("临平新城国际会展集聚区", "platform")]),
    ("加快推进嘉禾现代物流园建设,提升物流园区综合服务能级。",
     [("嘉禾现代物流园", "platform")]),
    ("支持余杭经济技术开发区创建国家级服务业集聚示范区。",
     [("余杭经济技术开发区", "platform")]),
    ("发挥千岛湖旅游度假区品牌效应,做强乡村旅游。", [("千岛湖旅游度假区", "platform")]),
    # a place's short name with an ending is a name; a division's full name with a category is
    # the category there
    ("支持湖州市开发区和德清高新区建设。", [("德清高新区", "platform")]),
    ("深入推进“云谷小镇”建设。", [("云谷小镇", "platform")]),
    # brackets inside a name, and a phase in brackets after it
    ("加快推进中国(温州)跨境电商综合试验区建设。",
     [("中国(温州)跨境电商综合试验区", "platform")]),
    ("督查嘉禾经济技术开发区(国际商务区)、嘉禾港区。",
     [("嘉禾经济技术开发区", "platform"), ("国际商务区", "platform"),
      ("嘉禾港区", "platform")]),
    ("培育试点载体(东湖物流园、西湖产业园)。",
     [("东湖物流园", "platform"), ("西湖产业园", "platform")]),
    ("推进东湖物流园(含冷链中心等项目)建设。", [("东湖物流园", "platform")]),
    ("重点项目:(1)东湖物流园扩建项目。", [("东湖物流园扩建项目", "project")]),
    ("力争市妇幼保健院迁建工程(二期)开工建设。", [("市妇幼保健院迁建工程(二期)", "project")]),
    # a platform's name followed by 项目 is a project
    ("推进杭钢再生资源物流基地项目建设。", [("杭钢再生资源物流基地项目", "project")]),
    # two names in one clause, in text order
    ("依托东湖高新区建设光谷软件园。",
     [("东湖高新区", "platform"), ("光谷软件园", "platform")]),
])
def test_names_are_found(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize("text", [
    # categories, however they are qualified
    "提升物流园区综合服务能级,培育一批特色小镇和省级现代服务业创新发展区。",
    "以各类服务业集聚区为载体,推动发展要素向服务业示范园区聚集。",
    "打造全国领先的影视拍摄基地,探索建设国家文化金融合作试验区。",
    "完善综合体运行机制,建设嘉兴市物流园区和我市创新发展区。",
    # a jurisdiction whose name happens to end like a platform
    "支持下花园区建设文旅项目。",
    # document titles name plans, not places
    "贯彻落实《关于加快嘉禾物流园建设的若干意见》,完善政策体系。",
    "制定《绍兴滨海新区综合保税区发展规划》。",
    # counts
    "新建3个物流园区、5家产业园和2个商业综合体。",
    "创建1—2条国家级步行街、10条左右省级高品质步行街。",
    # endings that count in lists only, outside a list or not ending an item
    "建成奥体中心和城市服务中心,启用人才公寓。",
    "做好市人民医院托管合作等项目。",
    # bare endings and spelled-out categories, even as items of a list of platforms
    "推进高新区、经开区等平台建设。",
    "推进特色小镇、产业园区等平台建设。",
    "改造新园、老街等特色街区。",
    # the category after 等 is not a name, nor are places without a telling ending
    "推进杭州、宁波、横店等国家级文化和科技融合示范基地建设。",
])
def test_categories_jurisdictions_titles_and_counts_are_not_names(text):
    assert found(text) == []


def test_mentions_are_unique_and_in_text_order():
    text = "推进嘉禾物流园、嘉禾物流园等项目建设,依托嘉禾物流园发展物流。"
    mentions = find_mentions(text)
    assert [mention.start for mention in mentions] == sorted({m.start for m in mentions})
    assert len(mentions) == 3
    assert mentions[0] == Mention("嘉禾物流园", "project", 2, 7)


@pytest.mark.parametrize(("one", "other"), [
    ("安博(嘉兴)仓储有限公司二期", "安博（嘉兴）仓储有限公司二期"),
    ("德清临杭物流园区", "德清临杭物流园"),
    ("“金山湾”物流园", "金山湾 物流园"),
])
def test_one_entity_under_two_spellings(one, other):
    assert mention_key(one) == mention_key(other)


def test_different_names_stay_apart():
    assert mention_key("嘉兴综合物流园") != mention_key("嘉兴现代物流园")


def test_the_same_name_in_two_tasks_gives_the_same_key():
    first = find_mentions("加快推进德清临杭物流园区建设。")
    second = find_mentions("继续深化德清临杭物流园省级物流创新发展试点建设。")
    assert len(first) == len(second) == 1
    assert mention_key(first[0].name) == mention_key(second[0].name)


KNOWN = ["嘉兴现代物流园", "莫干山国际旅游度假区", "凤栖湖商业综合体", "衢州综合保税区",
         "浙江川山甲物资供应链嘉兴基地", "平湖独山港区物流园", "湖北自贸试验区", "基金小镇"]
GENERIC = re.compile(
    r"^(物流园区?|产业园区?|园区|综合体|特色小镇|小镇|示范区|集聚区|开发区|高新区|基地)$"
    r"|^(一批|各类|各级|省级|市级|国家级|全省|全市)"
    r"|^\d+[个家条所]|^(现代)?服务业|的")


@pytest.fixture(scope="module")
def corpus() -> list[tuple[str, list[Mention]]]:
    return [(task.text, find_mentions(task.text))
            for path in sorted(RAW.glob("*.txt")) for task in extract(path).tasks]


@pytest.mark.parametrize("name", KNOWN)
def test_corpus_names_are_found_where_written(corpus, name):
    tasks = [(text, mentions) for text, mentions in corpus if name in text]
    assert tasks, f"{name} is not in the corpus"
    for _text, mentions in tasks:
        assert name in [mention.name for mention in mentions]


def test_corpus_mentions_are_not_generic(corpus):
    names = {mention.name for _text, mentions in corpus for mention in mentions}
    assert len(names) > 40
    assert not [name for name in names if GENERIC.search(name)]
    for text, mentions in corpus:
        assert all(text[m.start : m.end] == m.name for m in mentions)
