"""Numeric targets: comparators, ranges, Chinese numerals, magnitudes, lists, and non-targets."""

from __future__ import annotations

import pytest

from policygraph.parse.targets import find_targets


def read(text: str) -> list[tuple[float, float | None, str, str]]:
    return [(t.value, t.value_max, t.unit, t.comparator) for t in find_targets(text, ["1"], 2025)]


@pytest.mark.parametrize(("text", "expected"), [
    ("服务业增加值增长9%以上。", [(9, None, "%", ">=")]),
    ("全市服务业增加值突破1200亿元。", [(1200, None, "亿元", ">")]),
    ("拉动消费超50亿元。", [(50, None, "亿元", ">")]),
    ("全市市场商品交易额超过1200亿元。", [(1200, None, "亿元", ">")]),
    ("全年组织开展活动不少于20场次。", [(20, None, "场次", ">=")]),
    ("床位数不低于5%。", [(5, None, "%", ">=")]),
    ("比重比上年提高1.2个百分点左右。", [(1.2, None, "个百分点", "~")]),
    ("能耗增幅控制在3%以内。", [(3, None, "%", "<=")]),
    ("技术合同成交总额达800亿元。", [(800, None, "亿元", "=")]),
    ("小额贷款公司注册资本总额达到50亿元。", [(50, None, "亿元", "=")]),
    ("服务业投资增长15%。", [(15, None, "%", "=")]),
    ("培育规上企业200余家。", [(200, None, "家", ">")]),
    ("力争培育1—2家省级创新发展区。", [(1, 2, "家", "=")]),
    ("布局首批实验室2-3家。", [(2, 3, "家", "=")]),
    ("再创3—5个国家级、10—15个省级示范县。", [(3, 5, "个", "="), (10, 15, "个", "=")]),
    ("打造十个能级突出的重点平台。", [(10, None, "个", "=")]),
    ("培育百家骨干企业。", [(100, None, "家", "=")]),
    ("培育千名紧缺人才。", [(1000, None, "名", "=")]),
    ("年内力争有一家高品质酒店落户。", [(1, None, "家", "=")]),
    ("形成主营业务收入在3万亿左右的产业。", [(3, None, "万亿", "~")]),
    ("港口吞吐量1500万吨,接待游客4530万人次。",
     [(1500, None, "万吨", "="), (4530, None, "万人次", "=")]),
    ("网络零售额、跨境网络零售额分别增长10%、30%以上。",
     [(10, None, "%", ">="), (30, None, "%", ">=")]),
    ("集装箱海铁、海河联运量分别达1.7万、1.6万标箱。",
     [(1.7, None, "万标箱", "="), (1.6, None, "万标箱", "=")]),
    ("新增上市公司3家、挂牌8家。", [(3, None, "家", "="), (8, None, "家", "=")]),
    ("培育青年企业家50名、骨干企业家200名和新锐企业家1000名。",
     [(50, None, "名", "="), (200, None, "名", "="), (1000, None, "名", "=")]),
    ("新建旅游厕所6 座,天然林保有量1.57 万公顷。",
     [(6, None, "座", "="), (1.57, None, "万公顷", "=")]),
    ("全年上稿8篇,开展专项整治行动4次以上。", [(8, None, "篇", "="), (4, None, "次", ">=")]),
    ("互联网出省总带宽达到3600Gbps。", [(3600, None, "Gbps", "=")]),
    ("PM2.5年均浓度控制在33μg/m3,供热温度提升至20℃,破获不少于400起案件,开工建设200部电梯,"
     "出让产业用地5宗以上,全省排名上升6位。",
     [(33, None, "μg/m3", "<="), (20, None, "℃", "="), (400, None, "起", ">="),
      (200, None, "部", "="), (5, None, "宗", ">="), (6, None, "位", "=")]),
    ("在全市建成10个村级服务站,在全区范围内选择2个部门和乡镇开展试点。",
     [(10, None, "个", "="), (2, None, "个", "=")]),
    ("年内完成37个老旧小区改造任务,实现地区生产总值500亿元目标。",
     [(37, None, "个", "="), (500, None, "亿元", "=")]),
    ("力争全市80%以上的乡镇达到考核要求,不低于35%的行政村农村生活污水得到有效治理。",
     [(80, None, "%", ">="), (35, None, "%", ">=")]),
    ("确保完成省政府下达的“空气质量优良率达到82%以上,PM2.5年均浓度下降10%”的目标任务。",
     [(82, None, "%", ">="), (10, None, "%", "=")]),
])
def test_targets(text, expected):
    assert read(text) == expected


@pytest.mark.parametrize("text", [
    "2021年是“十四五”规划的开局之年,到2025年底前完成。",
    "每月10日前报送,6月底前完成。",
    "办好第三届网货交易会和第五期培训班。",
    "着力打造“342”现代服务业产业体系,实施“三大行动”。",
    "加强全省服务业“五个一百工程”100个重点品牌的培育。",
    "完成《传承发展优秀传统文化行动计划》107个项目的规划。",
    "做好五项基础工作,谋划打造大运河国家文化公园和四条诗路文化带。",
    "培育一批百亿级龙头企业,引进世界500强企业和5G应用。",
    "深入贯彻落实《关于推进服务业发展的意见》(鄂发〔2020〕23号)。",
    "纪念撤地建市30周年,总结30年来的成就。",
    "对成功创建模范区县的一次性给予 500 亩新增建设用地指标。",
    "资金来源:中央资金50%、自治区资金40%,下达我市资金总7220万元。",
    "按季度推进:第三季度完成2家,第四季度完成工作进度40%。",
    "各县处理率超过平均值5个点以内扣1分,5个点以外扣2分。",
    "在全市8个县(市、区)全面开展免费婚前医学检查,对全县10个镇全年实行禁烧。",
    "领导小组下设7个工作小组,涉及6个镇。",
    "对营业收入增长20%以上的企业给予奖励。",
    "对照测评细则的36项测评指标,具体分为27项约束性考核指标。以上8项责任目标均已分解。",
])
def test_not_targets(text):
    assert read(text) == []


def test_a_quantity_that_qualifies_a_noun_is_not_the_target():
    assert read("其中3亿元以上项目8个以上。") == [(8, None, "个", ">=")]
    assert read("力争每年引进投资超10亿元服务业项目10个以上。") == [(10, None, "个", ">=")]


def test_indicator_text_year_and_path():
    (target,) = find_targets("到2027年,全市服务业增加值突破1600亿元。", ["二", "(一)"], 2030)
    assert target.indicator == "全市服务业增加值"
    assert target.year == 2027
    assert target.path == ["二", "(一)"]
    assert target.text == "全市服务业增加值突破1600亿元"
    (default,) = find_targets("新增上市公司3家。", ["1"], 2030)
    assert default.year == 2030


def test_figures_paired_respectively_each_measure_their_own_item():
    """`实现A、B分别增长10%、30%以上`: A增长 10 and B增长 30, each quoting the phrase that
    pairs them; the verb of aiming and the other figure are no part of an indicator."""
    targets = find_targets("推进电子商务平台发展,实现网络零售额、跨境网络零售额分别增长10%、"
                           "30%以上。", ["17"], 2020)
    assert [(target.indicator, target.value, target.text) for target in targets] == [
        ("网络零售额增长", 10, "实现网络零售额、跨境网络零售额分别增长10%、30%以上"),
        ("跨境网络零售额增长", 30, "实现网络零售额、跨境网络零售额分别增长10%、30%以上")]


def test_a_page_titled_as_a_list_of_goals_sets_goals_in_every_sentence(read):
    record = read("""
        2008年新区管委会全年工作目标
        2008年,全年工作要围绕四个突破。一是经济指标实现新突破。全年国内生产总值突破5.5亿元,
        同比增长12%;财政收入达到3062万元。
    """)
    assert [(t.path, t.value, t.unit) for t in record.targets] == [
        ([], 5.5, "亿元"), ([], 12, "%"), ([], 3062, "万元")]


def test_goals_broken_down_a_place_a_row(read):
    record = read("""
        某市"十二五"各县(市、区)节能目标分解表
        附件
        面积:万亩
        县(市、区) | 可种植面积 | 2023年小麦任务面积 | 节能目标(%) | 责任部门 |
        甲县 | 8.44 | 0.91 | 17 | 甲县人民政府 |
        乙 区 | 32.01 | 3.89 | ≥16 | 乙区人民政府 |
        合计 | 40.45 | 4.80 | | |
    """)
    assert [(t.indicator, t.value, t.unit, t.comparator) for t in record.targets] == [
        ("甲县2023年小麦任务面积", 0.91, "万亩", "="), ("甲县节能目标", 17, "%", "="),
        ("乙区2023年小麦任务面积", 3.89, "万亩", "="), ("乙区节能目标", 16, "%", ">=")]


def test_goals_broken_down_a_place_a_column_one_cell_a_line(read):
    """An assessment's table: a category cell over its first row only, a score and the
    assessing bodies after a row's figures, and a row whose last places' cells are empty."""
    record = read("""
        2014年度全市综合目标任务框架体系
        (一)县区综合目标任务框架体系
        目标类别
        考核项目及内容
        全市
        甲区
        乙县
        分值
        考核实施单位
        主要经济指标
        地区生产总值(亿元)
        466
        112
        45
        15
        市发改委、市统计局
        地方公共财政预算收入(亿元)
        32.55
        6.23
        市财政局
        (二)市级部门目标任务
    """)
    assert [(t.indicator, t.value, t.unit) for t in record.targets] == [
        ("全市地区生产总值", 466, "亿元"), ("甲区地区生产总值", 112, "亿元"),
        ("乙县地区生产总值", 45, "亿元"), ("全市地方公共财政预算收入", 32.55, "亿元"),
        ("甲区地方公共财政预算收入", 6.23, "亿元")]


def test_a_count_and_the_length_of_what_it_counts_are_two_targets():
    found = find_targets("今春共计划清淤支沟2条长3.2公里,斗沟12条全长13.2公里。", ["1"], 2025)
    assert [(t.indicator, t.value, t.unit) for t in found] == [
        ("今春共计划清淤支沟", 2, "条"), ("今春共计划清淤支沟长度", 3.2, "公里"),
        ("斗沟", 12, "条"), ("斗沟长度", 13.2, "公里")]


def test_a_quota_shared_out_to_places_separated_by_spaces():
    """`分配如下: 南夏墅村1人 凤墅村2人 …`: each place's share, not a count qualifying the
    next place's."""
    found = find_targets("将完成任务数分配如下: 南夏墅村1人 凤墅村2人 杨司村1人", ["二"], 2004)
    assert [(t.value, t.unit) for t in found] == [(1, "人"), (2, "人"), (1, "人")]
