"""Outlines at any depth and in any mix of numbering styles, and unnumbered banners."""

from __future__ import annotations

import pytest

from policygraph.parse import Record
from policygraph.parse.numerals import ordinal


def paths(record: Record) -> list[list[str]]:
    return [task.path for task in record.tasks]


def test_four_levels_in_the_common_order(read):
    record = read("""
        某县服务业工作要点
        一、重点任务
        (一)发展现代物流
        1.建设物流园区
        (1)推进甲园区。推进甲园区建设。(责任单位:县发改局)
        (2)推进乙园区。推进乙园区建设。(责任单位:县商务局)
        2.培育物流企业。培育一批物流企业。(责任单位:县交通运输局)
        (二)发展商贸。完善商贸网点。(责任单位:县商务局)
        二、保障措施
        (一)加强组织领导。建立协调机制。
    """)
    assert paths(record) == [["一", "(一)", "1", "(1)"], ["一", "(一)", "1", "(2)"],
                             ["一", "(一)", "2"], ["一", "(二)"], ["二", "(一)"]]
    assert [task.kind for task in record.tasks] == ["task"] * 4 + ["safeguard"]


def test_full_width_and_enclosed_markers_read_as_ascii_labels(read):
    record = read("""
        某市服务业工作要点
        一、主要任务
        （一）发展金融业。扩大融资规模。
        ㈡发展物流业。建设物流园区。
        ㈢发展旅游业：
        ①打造景区。建设一批景区。
        ②培育品牌。培育一批品牌。
    """)
    assert paths(record) == [["一", "(一)"], ["一", "(二)"], ["一", "(三)", "①"],
                             ["一", "(三)", "②"]]


def test_arabic_styles_with_comma_and_full_width_parentheses(read):
    record = read("""
        某区工作方案
        1、完善体系
        （1）建立制度。建立联席会议制度。
        （2）完善机制。完善考核机制。
        2、强化服务
        ⑴优化审批。压缩审批时限。
        ⑵加强培训。开展政策培训。
    """)
    assert paths(record) == [["1", "(1)"], ["1", "(2)"], ["2", "(1)"], ["2", "(2)"]]


def test_numbering_continued_across_sections(read):
    record = read("""
        某省工作要点
        一、聚焦产业
        (一)发展金融。做强金融。(责任单位:省金融局)
        (二)发展物流。做强物流。(责任单位:省交通运输厅)
        二、聚焦平台
        (三)建设园区。建设园区。(责任单位:省发展改革委)
    """)
    assert paths(record) == [["一", "(一)"], ["一", "(二)"], ["二", "(三)"]]


def test_a_number_out_of_sequence_is_text_not_an_item(read):
    record = read("""
        某县工作要点
        一、重点任务
        1.推进项目建设。
        2.做好统计工作,按月报送以下
        5.类数据。
        3.加强人才培养。
    """)
    assert paths(record) == [["一", "1"], ["一", "2"], ["一", "3"]]
    assert "5.类数据" in record.tasks[1].text


def test_unnumbered_banners_add_no_label_and_name_the_section(read):
    record = read("""
        2020年某省服务业发展工作要点

        着力谋规划
        促改革

        1.编制规划

        编制服务业发展规划。

        2.推进改革

        深化综合改革试点。

        着力强保障

        3.加强组织保障

        建立工作专班。

        保障措施

        1.强化考核

        完善考核办法。
    """)
    # (numbering that starts again under a later banner: an item of its own, 1bis)
    assert paths(record) == [["1"], ["2"], ["3"], ["1bis"]]
    assert record.tasks[0].heading == "编制规划"
    assert record.tasks[0].text == "编制服务业发展规划。"
    assert [task.kind for task in record.tasks] == ["task", "task", "task", "safeguard"]


def test_a_line_announcing_goals_heads_the_items_after_it_wherever_it_stands(read):
    """`2011年主要目标:` after a byline, not after a sentence: its items are goals."""
    record = read("""
        开发委主任张三
        2011年主要目标:
        1.经济指标。规模以上工业总产值同比增长30%以上。
        2.浦口二期建设。年底完成主干道建设。
    """)
    assert record.tasks == []
    assert [(target.path, target.value) for target in record.targets] == [(["1"], 30)]


def test_goal_and_guiding_sections_hold_no_tasks(read):
    record = read("""
        某市实施方案
        一、总体要求
        (一)指导思想。坚持稳中求进。
        (二)主要目标。到2025年,服务业增加值达到1000亿元。
        二、重点任务
        (一)做强产业。做强服务业。
    """)
    assert paths(record) == [["二", "(一)"]]
    assert [(t.path, t.value) for t in record.targets] == [(["一", "(二)"], 1000)]


def test_headings_short_phrase_colon_and_own_line(read):
    record = read("""
        某县工作要点
        一、重点工作
        1.商贸业(批发零售业):限上销售额增长20%以上。(责任单位:县商务局)
        2.加快重大项目建设,持续扩大有效投资。重点推进重大项目。
        3.积极推进金融创新,扩大社会融资总量,鼓励民间资本进入金融服务领域。
    """)
    assert [task.heading for task in record.tasks] == [
        "商贸业(批发零售业)", "加快重大项目建设,持续扩大有效投资", None]
    assert record.tasks[0].text == "限上销售额增长20%以上。"


def test_an_item_numbered_like_the_one_before_it_is_an_item_of_its_own(read):
    record = read("""
        某县服务业工作要点
        一、主要任务
        (一)发展物流。建设物流园区。(责任单位:县发改局)
        (一)发展商贸。完善商贸网点。(责任单位:县商务局)
        (一)发展旅游。打造景区。(责任单位:县文旅局)
        (二)发展金融。扩大融资。(责任单位:县金融办)
        1.设立专项资金。(责任单位:县财政局)
    """)
    assert paths(record) == [["一", "(一)"], ["一", "(一)bis"], ["一", "(一)ter"],
                             ["一", "(二)", "1"]]
    assert [task.lead for task in record.tasks][:3] == [["县发改局"], ["县商务局"], ["县文旅局"]]
    repeats = [warning for warning in record.warnings if "repeats the number" in warning]
    assert len(repeats) == 2 and "read as item 一 (一)bis" in repeats[0]


def test_a_number_that_skips_ahead_is_text_where_the_list_goes_on_before_it(read):
    record = read("""
        某县服务业工作要点
        一、主要任务
        (一)发展物流。建设物流园区。
        (三)年内完成。
        (二)发展商贸。
    """)
    assert paths(record) == [["一", "(一)"], ["一", "(二)"]]
    assert not [warning for warning in record.warnings if "repeats the number" in warning]


@pytest.mark.parametrize(("label", "place"), [
    ("3", 3), ("12", 12), ("三", 3), ("十二", 12), ("(三)", 3), ("（12）", 12), ("③", 3),
    ("⑫", 12), ("㈢", 3), ("⑶", 3), ("Ⅲ", 3), ("ⅻ", 12), ("甲", 1), ("丁", 4), ("3、", 3),
    ("第三部分", 3), ("第十二章", 12), ("2.3", 3), ("1.12", 12),
    ("1bis", None), ("总体要求", None), ("½", None), ("", None),
])
def test_a_label_in_any_numerals_gives_its_place(label, place):
    assert ordinal(label) == place


def test_small_form_full_stops_number_items(read):
    record = read("某区2023年重点工作分解落实方案\n一、推动经济发展\n"
                  "1﹒推进项目建设。(区发改委主办,各街道协办)\n2﹒做好财税工作。(区财政局主办)\n")
    assert [(task.path, task.lead) for task in record.tasks] == [
        (["一", "1"], ["区发改委"]), (["一", "2"], ["区财政局"])]


def test_bracketed_sub_items_run_on_after_a_sentences_end(read):
    record = read("某市优化营商环境实施意见\n一、持续减少审批事项\n"
                  "1.深化商事制度改革。(1)全面落实“多证合一、一照一码”改革,按照能整合的尽量整合、"
                  "能简化的尽量简化、该减掉的坚决减掉的原则,全面实行“多证合一、一照一码”,已被整合的"
                  "证照一律不允许再发放或备案。(2)统一规范企业登记业务操作系统,统一企业登记文书规范和"
                  "技术标准,推行网上申请、网上受理、网上审核、网上发照。(责任单位:市工商质监局)"
                  "(3)全面开放企业名称库,制定名称禁限用规则和相同相近规则,建设完善企业名称查询比对"
                  "系统。\n")
    assert [task.path for task in record.tasks] == [
        ["一", "1", "(1)"], ["一", "1", "(2)"], ["一", "1", "(3)"]]
    assert record.tasks[1].agencies == ["市工商质监局"]


def test_a_list_a_heading_opens_with_a_colon(read):
    record = read("某市2016年扶贫攻坚工作方案\n3.农村危房改造:(1)8月底全部开工。\n"
                  "(2)11月底全部竣工。\n牵头单位:住建局\n责任单位:各乡镇(街道)\n")
    assert [(task.path, task.lead) for task in record.tasks] == [
        (["3", "(1)"], ["住建局"]), (["3", "(2)"], ["住建局"])]


def test_parts_numbered_above_the_sections(read):
    record = read("某省十一五纲要报告工作目标责任分解\n第一部分:主要工作任务的责任分解\n"
                  "一、省长负责的工作\n(一)省监察委员会牵头的工作\n强化行政监察。\n协同部门:省政府办公厅、省发展改革委。\n"
                  "第二部分:年度工作任务\n一、扩大投资\n(一)推进项目建设。(省发展改革委牵头)\n")
    assert [(task.path, task.lead) for task in record.tasks] == [
        (["第一部分", "一", "(一)"], ["省监察委员会"]),
        (["第二部分", "一", "(一)"], ["省发展改革委"])]


def test_sub_items_numbered_under_their_parents_number(read):
    record = read("""
        某区2019年工作要点
        一、落实重大任务
        1.承接制度创新
        1.1复制推广创新制度。
        1.2 推动综合保税区转型,新增企业1.5万家。
        2.激发科技创新活力
        2.1开展政策宣传。
        2.5亿元以上项目加快建设。
    """)
    assert paths(record) == [["一", "1", "1.1"], ["一", "1", "1.2"], ["一", "2", "2.1"]]
    assert "2.5亿元以上项目" in record.tasks[-1].text


def test_an_extract_of_a_longer_list_keeps_its_numbers(read):
    """A department's share of a city's list: `28.`, `34.`, `35.`, `38.`."""
    record = read("""
        2020年市政府工作报告责任分工-市交通运输局
        28.加快农村公路提档升级。
        牵头单位:市交通运输局
        34.开工建设机场航站楼改扩建工程。
        牵头单位:市交通运输局
        35.规划建设高铁网。
        牵头单位:市交通运输局
        38.打造中心城区至县城的主干网络。
        牵头单位:市交通运输局
        8件实事政策性强。
    """)
    assert paths(record) == [["28"], ["34"], ["35"], ["38"]]


def test_a_sections_line_run_on_into_its_first_sub_item(read):
    record = read("""
        某市关于加快学前教育发展的若干意见
        一、明确目标任务,促进学前教育快速发展1、普及学前三年教育。
        2007年,全市学前三年幼儿入园率达到96%以上。
        2、推进学前教育低龄化发展。
        二、加强队伍建设,完成教师培训3次。
    """)
    assert paths(record) == [["一", "1"], ["一", "2"], ["二"]]
    assert record.tasks[0].text.startswith("2007年")


def test_sub_items_a_wrapped_line_runs_on_into_after_a_sentences_end(read):
    record = read("""
        某市2016年扶贫攻坚工作要点
        4.农村公路:(1)乡到行政村通硬化路,且危险路段有防
        护措施。(2)12月底,硬化通行政村公路300公里。(3)12月底,全面完成
        新农村建设项目。
        牵头单位:交通运输局、财政局
    """)
    assert paths(record) == [["4", "(1)"], ["4", "(2)"], ["4", "(3)"]]


def test_an_items_number_before_a_figure_the_dot_runs_into(read):
    record = read("""
        2022年区政府实事
        1.新增养老床位200张。
        2.50个小区新增电动自行车充电设施,增长 2.5%以上。
        3.460个居村提供不少于2300场文化活动。
        18.4
    """)
    assert paths(record) == [["1"], ["2"], ["3"]]
    assert record.tasks[1].text.startswith("50个小区")


def test_numbers_closed_by_a_bracket_alone(read):
    """`1)` and `2）`: one level with `(1)`, labelled as it is."""
    record = read("""
        某省2024年民生实事
        一、促进就业(3项)
        1)促进重点群体稳定就业,新增城镇就业68万人左右。(牵头单位:省人力资源社会保障厅)
        2）支持毕业生求职创业。(牵头单位:省人力资源社会保障厅)
        二、社会保障(2项)
        3)加强城乡低保人员生活保障。(牵头单位:省民政厅)
    """)
    assert paths(record) == [["一", "(1)"], ["一", "(2)"], ["二", "(3)"]]


def test_chinese_numbers_whose_comma_the_page_lost(read):
    """`一 打造…` with a space left for the 、: a list from 一 on."""
    record = read("""
        2024年目标任务
        一 打造营商服务环境新标杆
        深化动力变革。
        二 打造先进制造平台新标杆
        扩大集群规模。
        三 打造创新引领发展新标杆
        强化科创平台。
    """)
    assert paths(record) == [["一"], ["二"], ["三"]]
    assert record.tasks[1].heading == "打造先进制造平台新标杆"


def test_numbers_whose_dot_the_page_lost_before_a_date_a_count_or_a_verb_like_a_rank(read):
    """`1 2月26日召开…`, `3 6个…`, `2强力推进…`: items, though a figure or 强 follows."""
    record = read("""
        某市近期重点工作
        一、筹备好三个大会
        1 2月26日召开春季造林大会;
        2强力推进医院项目规划建设;
        3 6个现代农业引领区建设高潮;
        4召开统战工作会。
    """)
    assert paths(record) == [["一", "1"], ["一", "2"], ["一", "3"], ["一", "4"]]


def test_a_first_bracketed_sub_item_glued_to_an_arabic_items_heading(read):
    """A one-line page: `1.实行…管理(1)主次干道…。(2)社区…`."""
    record = read("某区城市管理年指导方案为提升环境卫生水平,制定本方案。一、指导思想以标准化"
                  "管理为主线。二、整治任务坚持净化先行原则。1.实行卫生保洁全覆盖管理(1)主次干道"
                  "卫生保洁要求责任到人。(牵头单位:区建设局)。(2)社区和街巷保洁实行属地管理。")
    assert paths(record) == [["二", "1", "(1)"], ["二", "1", "(2)"]]


def test_a_label_of_the_work_on_the_line_of_its_first_item(read):
    """`主要内容:(1)…。(2)…`: the label is cut from the first item; `资金来源:1.…` is what a task
    holds, not its list."""
    record = read("""
        某区2010年重点工作
        十一、确保城市运行安全
        总体要求:完善长效常态管理机制。
        主要内容:(1)加强城市安全体制机制建设。(2)加强源头预防。
        十二、建设实训大楼
        资金来源:1.自治区财政投资125万元;2.中央补助80万元。
    """)
    assert paths(record) == [["十一", "(1)"], ["十一", "(2)"], ["十二"]]
