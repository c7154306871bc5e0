"""Targets are commitments: figures a plan pays, qualifies with, lists or adds in an aside are
not; goals in an unnumbered preamble and in a task's heading are."""

from __future__ import annotations

import pytest

from policygraph.parse.targets import find_targets


def read(text: str) -> list[tuple[float, str, str]]:
    return [(t.value, t.unit, t.comparator) for t in find_targets(text, ["1"], 2025)]


@pytest.mark.parametrize("text", [
    "对新认定的企业一次性奖励50万元。",
    "区级财政安排重大项目前期费4000万元。",
    "农村基本公共卫生服务年人均补助资金不低于15元。",
    "支持营业收入1000万元以上的企业上市。",
    "形成一批超100亿元的优势产业集群。",
    "重点抓好平煤神马25万吨己二酸、海星化工10万吨针状焦等项目建设。",
    "基本建成凤凰山、体育中心、红桥等3个城市综合体。",
    "年内启动尚贤、冠山等6个乡镇供水管网设施建设。",
    "抓好兴凯湖、江萝、临江、勤得利等灌区4个渠首续建工程。",
    "落实好提振市场信心90条措施。",
    "辖区范围内6亩以下(不含6亩)的土地转让手续由区政府审查。",
    "将农村低保补差水平提高到每人每月300元。",
    "孤儿养育标准提高到2200元。",
    "特困供养标准不低于当地最低生活保障标准的1.6倍。",
    "按3%的比例提取风险准备金。",
    "重点推进国家授权的30项先行先试举措。",
    "抓好9张清单的实施。",
    "把办好8件民生实事作为重要任务。",
    "市政府将2018年政府工作分解为11项工作目标和138项具体任务。",
    "全市城镇土地使用税税额标准下调至1—8元/平方米。",
    "分别给予缴纳城镇土地使用税100%、75%、50%的奖励。",
    "土地出让底价可按所在地工业用地最低价格标准的 70%执行。",
])
def test_figures_that_are_not_commitments(text):
    assert read(text) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("积极培育地理信息产业园、物流园区、旅游度假区等1家平台载体。", [(1, "家", "=")]),
    ("引进机数科技等8家独立法人研发机构。", [(8, "家", "=")]),
    ("环评报告书14个工作日内完成审批。", [(14, "个工作日", "<=")]),
    ("疏浚县乡河道土方2亿立方米。", [(2, "亿立方米", "=")]),
    ("城区道路路网密度达到5.1公里/平方公里。", [(5.1, "公里/平方公里", "=")]),
    ("经济增长7.5%—8%。", [(7.5, "%", "=")]),
    ("2015年完成75%以上的确权登记。", [(75, "%", ">=")]),
    ("细颗粒物年均浓度控制在29微克每立方米以下。", [(29, "微克每立方米", "<=")]),
    ("PM2.5浓度为42微克/立方米。", [(42, "微克/立方米", "=")]),
    ("全市优良天数达到315天。", [(315, "天", "=")]),
    ("食品检验量达5批次/千人以上。", [(5, "批次/千人", ">=")]),
    ("研发经费投入占GDP比重达到2.5%左右。", [(2.5, "%", "~")]),
    ("化学需氧量排放下降4.8%、3. 3%。", [(4.8, "%", "="), (3.3, "%", "=")]),
    ("培育一批试点载体(5个试点县市区、10个试点园区)。", [(5, "个", "="), (10, "个", "=")]),
])
def test_commitments_among_lists_and_asides(text, expected):
    assert read(text) == expected


def test_goals_of_an_unnumbered_preamble_and_of_a_tasks_heading(read_record):
    record = read_record("""
        某县2023年工作要点
        2022年,全县地区生产总值达到300亿元。2023年,力争全县地区生产总值增长6%以上。
        一、重点任务
        1.建设3个劳动密集型产业园。推动电子产业园投产。
        2.培育百家骨干企业。培育一批骨干企业。
    """)
    assert [(t.path, t.value, t.unit) for t in record.targets] == [
        ([], 6, "%"), (["一", "1"], 3, "个")]


@pytest.mark.parametrize("text", [
    "企业设立登记时间已压缩至0.5个工作日以内。",
    "2022年实有市场主体15.5万户。",
    "去年开工的22个高速公路项目要加快建设进度。",
    "深入实施15项重大工程。",
    "建成连云港墟沟港区5万吨级航道扩建工程。",
    "民族乡街道硬化项目共投资220万元。",
    "截至2019年12月底,全市完成减少农村扶贫对象7.497万人,其中:西秀区完成6962人。",
    "此项工作已完成。截至2019年底,全市建设安置点6个(西秀区1个、普定县1个)。",
    "目前进度:今年共争取建\n设项目16个,资金1275.25万元,建设面积5590平方米。",
])
def test_progress_made_programmes_and_size_classes_are_not_targets(text):
    assert read(text) == []


def test_a_goal_labelled_beside_the_progress_labelled_after_it():
    assert read("目标任务:对8所中小学校进行校舍改造。目前进度:已改造3所。") == [(8, "所", "=")]


def test_compound_and_counted_units_of_the_genre():
    assert read("街道硬化达5397米,开展胃肠癌联合筛查1万例以上,粮食产量500亿斤左右。") == [
        (5397, "米", "="), (1, "万例", ">="), (500, "亿斤", "~")]


def test_a_preamble_paragraph_that_announces_its_goals_before_stating_them(read_record):
    record = read_record("""
        某区2023年政府工作报告重点任务分解
        2023年经济社会发展的主要预期目标是:2023年是承上启下之年。全年地区生产总值增长5%左右;城镇登记失业率控制在4%以内。
        2022年,全区地区生产总值达到300亿元。
        一、重点任务
        1.推进产业园建设。
    """)
    assert [(t.path, t.value, t.unit, t.comparator) for t in record.targets] == [
        ([], 5, "%", "~"), ([], 4, "%", "<=")]


def test_a_preamble_sentence_that_opens_with_what_is_to_be_achieved(read_record):
    record = read_record("""
        某开发区2024年目标任务
        实现地区生产总值增长6.2%以上;规上工业增加值增长9%左右。2023年实现了营业收入增长5%。
        我区单位GDP二氧化碳排放需下降18%。
        一、重点任务
        1.推进产业园建设。
    """)
    assert [(t.path, t.value, t.unit, t.comparator) for t in record.targets] == [
        ([], 6.2, "%", ">="), ([], 9, "%", "~"), ([], 18, "%", "=")]
