"""A plan's metadata from its own header in every frame pages put it in, never from a plan its
preamble cites."""

from __future__ import annotations

import os
import subprocess

import pytest

from .live import cli

ITEMS = """
一、重点任务
1.推进项目建设。(责任单位:县发改局)
"""


def test_portal_key_value_rows_with_pipes(read):
    record = read("""
        文号 | 平政办〔2013〕11号 | 索引号 | 005452065/2013-00024 |
        主题分类 | 政府办文件 | 发文日期 | 2013-03-05 |
        各县(市、区)人民政府,市人民政府各部门:
        现将2013年重点工作任务分解如下:
        一、加快产业转型
        1.调整优化存量。
    """)
    assert record.doc_number == "平政办〔2013〕11号"
    assert record.issued == "2013-03-05"
    assert record.level == "city"  # 市人民政府 in the addressees, no city named
    assert record.region is None
    assert record.period == [2013, 2013]


def test_the_units_prefixes_give_the_level_where_no_division_is_named(read):
    record = read("""
        2022年重点工作任务清单
        1.推进项目建设。(省发展改革委牵头,省财政厅、各市人民政府配合)
        2.扩大消费。(省商务厅负责)
    """)
    assert (record.region, record.level) == (None, "province")


def test_bracketed_fields_and_posting_date_when_nothing_else(read):
    record = read("""
        【发布单位】某省
        【发布文号】晋政发[2008]8号
        【发布日期】2008-02-03
        山西省人民政府关于印发2008年省人民政府工作目标责任分解的通知
        各市、县人民政府:
        现将2008年省人民政府工作目标责任分解安排如下:
    """ + ITEMS)
    assert record.doc_number == "晋政发[2008]8号"
    assert record.issued == "2008-02-03"
    assert (record.title, record.issuer) == ("2008年省人民政府工作目标责任分解", "山西省人民政府")
    assert (record.region, record.level) == ("山西省", "province")


def test_square_bracketed_fields_and_the_wrappers_division(read):
    record = read("""
        [ 索引号 ]115001105/2026-00076 [ 发文字号 ]某开办发〔2026〕1号 [ 成文日期 ]2026-01-29
        重庆市万盛经开区管委会办公室关于印发万盛经开区2026年重点民生实事工作目标任务的通知
        各镇人民政府,各街道办事处:
        现将《万盛经开区2026年重点民生实事工作目标任务》印发给你们,请认真贯彻执行。
        万盛经开区管委会办公室
        2026年1月29日
        万盛经开区2026年重点民生实事工作目标任务
    """ + ITEMS)
    assert record.doc_number == "某开办发〔2026〕1号"
    assert record.issued == "2026-01-29"
    assert record.issuer == "万盛经开区管委会办公室"
    assert (record.region, record.level) == ("重庆市", "province")


@pytest.mark.parametrize(("signature", "issued"), [
    ("二○一一年二月十五日", "2011-02-15"),
    ("(二OO八年二月二十六日)", "2008-02-26"),
    ("二〇二一年四月七日", "2021-04-07"),
    ("(二00九年八月一日 东政字〔2009〕86号)", "2009-08-01"),
    ("2021年4月", "2021-04"),
])
def test_dates_in_chinese_numerals_or_without_a_day(read, signature, issued):
    record = read(f"""
        某县人民政府办公室关于印发2021年某县工作要点的通知
        各乡镇人民政府:
        现将《2021年某县工作要点》印发给你们,请认真贯彻执行。
        {signature}
        2021年某县工作要点
    """ + ITEMS)
    assert record.issued == issued
    assert record.title == "2021年某县工作要点"


@pytest.mark.parametrize(("preamble", "period"), [
    ("根据市委、市政府确定的2009年全市主要目标和工作任务,制定本方案。", [2009, 2009]),
    ("经研究决定,自2004年元月份开始,免费发送政府公报。", None),
    ("2010年6月9日", None),
    ("根据《社会信用体系建设规划纲要(2014-2020年)》,制定本方案。", None),
])
def test_the_year_a_preamble_names_for_the_work_and_not_a_date_or_a_cited_plan(
        read, preamble, period):
    record = read("某县加强政务公开的实施意见\n" + preamble + "\n" + ITEMS)
    assert record.period == period


def test_five_year_plan_in_the_title_gives_the_period(read):
    record = read("""
        衢州市“十四五”服务业发展实施方案
    """ + ITEMS)
    assert record.period == [2021, 2025]
    assert (record.region, record.level) == ("衢州市", "city")


def test_a_notice_that_is_the_plan_keeps_its_issuer_in_its_title(read):
    record = read("""
        芜湖市人民政府
        关于2025年重点工作及责任分解的通知
        芜政〔2025〕3号
        各县市区人民政府:
    """ + ITEMS)
    assert record.title == "芜湖市人民政府关于2025年重点工作及责任分解的通知"
    assert record.issuer == "芜湖市人民政府"
    assert record.doc_number == "芜政〔2025〕3号"
    assert record.period == [2025, 2025]


def test_the_title_line_below_the_notice_wins_over_the_wrapper(read):
    record = read("""
        关于印发区政府2021年第一季度工作要点的通知
        区政府各委、办、局:
        经区政府同意,现将《上海市杨浦区人民政府2021年第一季度工作要点》印发给你们。
        上海市杨浦区人民政府办公室
        2021年2月22日
        上海市杨浦区人民政府
        2021年第一季度工作要点
    """ + ITEMS)
    assert record.title == "上海市杨浦区人民政府2021年第一季度工作要点"
    assert (record.issuer, record.issued) == ("上海市杨浦区人民政府办公室", "2021-02-22")
    assert (record.region, record.level) == ("杨浦区", "county")
    assert [task.path for task in record.tasks] == [["一", "1"]]  # the notice is no task


def test_a_cited_plan_names_neither_title_nor_region(read):
    record = read("""
        2022年重点工作任务清单
        为贯彻落实《浙江省人民政府关于印发浙江省服务业发展实施方案的通知》精神,制定本清单。
    """ + ITEMS)
    assert record.title == "2022年重点工作任务清单"
    assert record.region is None
    assert record.implements == ["浙江省人民政府关于印发浙江省服务业发展实施方案的通知"]


@pytest.mark.parametrize(("issuer", "region", "level"), [
    ("新乡高新区管委会", "新乡市", "city"),
    ("合肥新站高新区管委会", "合肥市", "city"),
    ("湘西自治州人民政府", "湘西自治州", "city"),
    ("浙江省商务厅", "浙江省", "province"),
])
def test_development_zones_departments_and_autonomous_divisions_as_issuers(
        read, issuer, region, level):
    record = read(f"""
        {issuer}关于印发2014年工作要点的通知
        各单位:
        现将《2014年工作要点》印发给你们。
        {issuer}
        2014年1月24日
        2014年工作要点
    """ + ITEMS)
    assert (record.issuer, record.region, record.level) == (issuer, region, level)
    assert record.issued == "2014-01-24"


def test_a_letterhead_names_the_issuer(read):
    record = read("""
        许昌市人民政府文件
        许政 [2020] 20号
        各县(市、区)人民政府:
        现将《政府工作报告》提出的2020年重点工作任务予以分解。
    """ + ITEMS)
    assert (record.issuer, record.region) == ("许昌市人民政府", "许昌市")
    assert record.doc_number == "许政[2020]20号"
    assert record.period == [2020, 2020]


def test_the_attachment_the_page_shows_is_the_plan(read):
    record = read("""
        区政府各部门:
        现将目标任务进行分解。
        附件:1. 2019年《政府工作报告》目标任务分解表
        2. 2019年民生实事项目目标任务分解表
        某区人民政府办公室
        2019年2月15日
        附件1 |
        序号 | 任务名称 | 指标要求 | 牵头部门 | 配合部门 |
        1 | 地区生产总值 | 增长5.5% | 区发改局 | 区统计局 |
    """)
    assert record.title == "2019年《政府工作报告》目标任务分解表"
    assert [task.path for task in record.tasks] == [["1"]]
    assert [(t.path, t.value) for t in record.targets] == [(["1"], 5.5)]


def test_a_plan_the_notice_says_was_agreed_and_a_title_broken_over_lines(read):
    record = read("""
        鲁政办字〔2023〕5号
        各市人民政府:
        《山东省建设绿色低碳高质量发展先行区2023年重点工作任务》已经省政府同意,现印发给你们。
        山东省人民政府办公厅
        2023年1月19日
        山东省建设绿色低碳高质量发展先行区
        2023年重点工作任务
    """ + ITEMS)
    assert record.title == "山东省建设绿色低碳高质量发展先行区2023年重点工作任务"
    assert (record.issuer, record.issued) == ("山东省人民政府办公厅", "2023-01-19")
    assert record.doc_number == "鲁政办字〔2023〕5号"


def test_portal_fields_whose_values_sit_in_the_next_cell(read):
    record = read("""
        索 引 号: | 000014349/2023-91150 | 信息分类: | |
        发布机构: | 生成日期: | 2022-12-02 08:54:33 | |
        文 号: | 六盘水府办发〔2022〕10号 | 是否有效: | |
        2022年重点工作任务清单
    """ + ITEMS)
    assert (record.doc_number, record.issued) == ("六盘水府办发〔2022〕10号", "2022-12-02")


def test_a_news_preface_names_the_issuer(read):
    record = read("""
        近日,渝中区人民政府办公室发布《2023年区政府工作报告重点工作目标任务分解》方案。
        2023年区政府工作报告重点工作目标任务分解
    """ + ITEMS)
    assert (record.issuer, record.region) == ("渝中区人民政府办公室", "渝中区")


TIED = """都市圈建设2019年工作计划
一、基础设施互联互通
(一)道路畅通工程。加快建设快速通道。(银川市人民政府、石嘴山市人民政府负责)
(二)城际公交工程。开通城际公交。(石嘴山市人民政府、银川市人民政府负责)
"""


def test_divisions_named_as_often_give_the_first_named_whatever_the_hash_seed(tmp_path):
    """Python salts string hashes per process, so an order taken from a set would change
    from one run to the next: run the extraction under several seeds."""
    plan = tmp_path / "tied.txt"
    plan.write_text(TIED, "utf-8")
    runs = [subprocess.Popen(cli("extract", plan, "--json"), stdout=subprocess.PIPE, text=True,
                             env={**os.environ, "PYTHONHASHSEED": str(seed)})
            for seed in range(8)]  # side by side: each spends its time starting Python
    outputs = [run.communicate()[0] for run in runs]
    assert [run.returncode for run in runs] == [0] * 8
    assert {output.count('"region": "银川市"') for output in outputs} == {1}


def test_a_title_line_broken_after_the_plan_it_carries_out(read):
    record = read("""
        达州市人民政府办公室
        2021年12月6日
        市五届人大一次会议审定的《政府工作报告》
        重点目标任务责任分工方案
        一、主要任务
        1.推进项目建设。(责任单位:市发展改革委)
    """)
    assert record.title == "市五届人大一次会议审定的《政府工作报告》重点目标任务责任分工方案"


def test_a_notice_title_tagged_with_the_portals_column(read):
    record = read("""
        【市政府重点工作及责任分解】滁州市人民政府关于2020年市政府重点工作及责任分解的通知
        发布时间:2020-02-03 17:29
        各县、市、区人民政府,市政府各部门:
    """ + ITEMS)
    assert record.title == "滁州市人民政府关于2020年市政府重点工作及责任分解的通知"
    assert (record.issuer, record.region) == ("滁州市人民政府", "滁州市")


@pytest.mark.parametrize(("head", "number"), [
    ("某市人民政府办公室关于印发《实施意见》的通知(岳办发〔2017〕2号)\n"
     "根据《关于全面推进政务公开工作的通知》(中办发〔2016〕8号)要求:", "岳办发〔2017〕2号"),
    ("某县人民政府办公室关于下达2016年农业重点工作任务的通知麟政办发〔2016〕21号各镇人民政府:",
     "麟政办发〔2016〕21号"),
    ("阳政办〔2019〕1号—区人民政府办公室关于印发2019年工作要点的通知", "阳政办〔2019〕1号"),
    ("金政发〔2021〕1号关于印发2021年重要工作事项责任分工的通知", "金政发〔2021〕1号"),
    ("[巴委督〔2014〕1号]关于印发《2014年度全市综合目标任务框架体系》的通知", "巴委督〔2014〕1号"),
    ("杭州市人民政府关于加快学前教育发展的若干意见(试行)(杭政函〔2005〕39号)各区人民政府:",
     "杭政函〔2005〕39号"),
])
def test_the_number_after_the_notices_title_not_a_cited_notices(read, head, number):
    assert read(head + "\n" + ITEMS).doc_number == number


def test_a_notice_issued_jointly_is_titled_by_its_whole_line(read):
    record = read("""
        中共海南省委 海南省人民政府关于进一步加快发展服务业的若干意见
        发文机关:科学技术部
        一、提高思想认识
        (一)推进项目建设。
    """)
    assert record.title == "中共海南省委 海南省人民政府关于进一步加快发展服务业的若干意见"
    assert record.issuer == "中共海南省委 海南省人民政府"
    assert (record.region, record.level) == ("海南省", "province")


@pytest.mark.parametrize("title", ["2025年区政府工作报告目标任务上半年推进情况汇总表",
                                   "2008年新区管委会全年工作目标"])
def test_titles_of_progress_tables_and_goal_lists(read, title):
    record = read(f"发布日期:2025-07-16\n{title}\n" + ITEMS)
    assert record.title == title


def test_the_level_most_of_the_texts_words_speak_for(read):
    record = read("""
        各市、县人民政府:
        为改善全省大气环境质量,立足全省经济社会发展实际,制定本方案。
        一、主要任务
        1.全省城市环境空气质量明显好转。
    """)
    assert record.level == "province"


def test_a_division_the_text_names_at_its_level_when_nothing_else_does(read):
    """No header, no division in the units' names: the city its text names most often (a
    zone's name beginning with it counts)."""
    record = read("""
        为确保全年实事顺利实施,按照市委、市政府要求,明确各项任务和责任单位。
        一、推进漯河市食品产业提质。(责任单位:市发改委)
        二、支持漯河高新区、许昌市产业园发展。(责任单位:市商务局)
        三、落实《郑州市物流业发展条例》《郑州市节能条例》。(责任单位:市交通局)
    """)
    assert (record.region, record.level) == ("漯河市", "city")


def test_a_division_named_once_or_only_in_cited_titles_is_not_the_plans(read):
    record = read("""
        为确保全年实事顺利实施,按照市委、市政府要求,明确各项任务和责任单位。
        一、支持许昌市产业园发展。(责任单位:市商务局)
        二、落实《郑州市物流业发展条例》《郑州市节能条例》。(责任单位:市交通局)
    """)
    assert (record.region, record.level) == (None, "city")


@pytest.mark.parametrize(("notice", "line"), [
    ("关于印发2007年政府工作报告要求重点做好的工作事项的通知\n"
     "现将《2007年〈政府工作报告〉要求重点做好的工作事项》印发给你们。",
     "2007年《政府工作报告》要求重点做好的工作事项"),
    ("关于印发促进中部地区崛起规划安徽省实施方案的通知\n"
     "《〈促进中部地区崛起规划〉安徽省实施方案》已经省政府同意,现印发给你们。",
     "《促进中部地区崛起规划》安徽省实施方案"),
])
def test_the_plans_title_line_as_written_whatever_marks_the_notice_gives(read, notice, line):
    record = read(f"{notice}\n某省人民政府\n2011年3月1日\n{line}\n" + ITEMS)
    assert record.title == line
    assert record.tasks


def test_bodies_signing_jointly_a_line_each(read):
    record = read("""
        关于印发《某区2017年度民生工程目标任务分解表》的通知
        各乡镇人民政府,区级各有关部门:
        现将分解表印发你们,请认真组织实施。
        中共某区委办公室
        某区人民政府办公室
        2017年4月26日
        某区2017年度民生工程目标任务分解表
    """ + ITEMS)
    assert record.issuer == "中共某区委办公室 某区人民政府办公室"
    assert record.issued == "2017-04-26"


def test_an_issuer_heading_its_notice_on_a_line_of_its_own(read):
    """The body on the line above `关于印发…的` / `通 知`, a notice broken over lines."""
    record = read("""
        洛阳市人民政府
        关于印发洛阳平台城市建设2022年细化措施的
        通 知
        洛政〔2022〕17号
        各县区人民政府:
        现将《洛阳平台城市建设2022年细化措施》印发给你们,请认真贯彻执行。
    """ + ITEMS)
    assert (record.issuer, record.title) == ("洛阳市人民政府", "洛阳平台城市建设2022年细化措施")
    assert record.doc_number == "洛政〔2022〕17号"


def test_the_issuer_of_a_notice_below_the_plans_title(read):
    record = read("""
        金乡县2021年国民经济和社会发展计划
        金乡县人民政府
        关于下达金乡县2021年国民经济和社会发展计划的通知
        各镇政府,各街道办事处:
    """ + ITEMS)
    assert record.issuer == "金乡县人民政府"


def test_an_opinion_that_is_the_plan_names_its_issuer_in_its_title(read):
    record = read("吉林省人民政府关于国务院支持东北振兴若干政策举措的落实意见\n"
                  "各市(州)人民政府:\n" + ITEMS)
    assert record.issuer == "吉林省人民政府"


@pytest.mark.parametrize("title", [
    "2020 年全市脱贫攻坚工作要点", "经济技术开发区 推进夜间经济发展实施方案",
    "2022年区政府民生实事项目进展情况表(截至9月底)", "2023年《政府工作报告》重点工作任务完成情况",
    "某省建设宜居宜业和美乡村五年行动方案 (2024—2028年)",
])
def test_title_lines_with_a_space_or_the_date_of_their_progress(read, title):
    record = read(f"首页 >> 政务公开 >> 文件\n{title}\n" + ITEMS)
    assert record.title == title


@pytest.mark.parametrize(("head", "title"), [
    ("某省人民政府办公厅关于\n贯彻落实国务院办公厅2016年政务公开\n工作要点的实施方案",
     "某省人民政府办公厅关于贯彻落实国务院办公厅2016年政务公开工作要点的实施方案"),
    ("某县打造“吉事即办”政务服务品牌\n争创政务服务示范县行动方案",
     "某县打造“吉事即办”政务服务品牌争创政务服务示范县行动方案"),
    ("某县人民政府办公室\n2020年政务公开工作要点", "2020年政务公开工作要点"),
    ("政府信息公开\n2019年第二季度重点工作任务落实情况表", "2019年第二季度重点工作任务落实情况表"),
    ("某市人民政府办公室\n发布\n某市提振消费专项行动若干措施", "某市提振消费专项行动若干措施"),
])
def test_a_title_the_page_broke_over_lines(read, head, title):
    """The lines above a title's last that go on with it, not a letterhead or a portal's
    column above it."""
    record = read("某府办发〔2016〕23号\n" + head + "\n各市人民政府:\n" + ITEMS)
    assert record.title == title


def test_a_spaced_title_the_preamble_runs_on_from(read):
    record = read("某省 2023 年数字政府建设工作要点 为深入贯彻党的二十大精神,制定本要点。\n"
                  + ITEMS)
    assert record.title == "某省 2023 年数字政府建设工作要点"


def test_the_file_a_sharing_site_names_gives_the_title(read):
    record = read("""
        《县教育局2024年工作要点.docx》由会员分享,可在线阅读,更多相关请在文库上搜索。
        1、县教育局2024年工作要点1.全面坚持党对教育工作的领导。加快推动党的组织全覆盖,积极发展党员,持续
        2、开展党员教育。(县教育局负责)2.推进学前教育普惠发展。(县教育局负责)
    """)
    assert record.title == "县教育局2024年工作要点"
    assert [task.path for task in record.tasks] == [["1"], ["2"]]


def test_a_portals_name_field_gives_the_title_of_a_page_without_a_title_line(read):
    record = read("""
        索 引 号: | CJZ024/2021-000007 | 信息分类: | |
        名 称: | 2021年某州全面实施河湖长制工作要点 |
        2021年,全州河湖长制工作将坚持生态优先。
    """ + ITEMS)
    assert record.title == "2021年某州全面实施河湖长制工作要点"


def test_a_division_named_in_full_once_and_short_after(read):
    record = read("""
        为确保全年实事顺利实施,按照漯河市委、市政府要求,明确各项任务和责任单位。
        一、推进食品产业提质,建设和谐漯河。(责任单位:市发改委)
    """)
    assert (record.region, record.level) == ("漯河市", "city")


def test_a_document_number_labelled_as_its_serial_number(read):
    record = read("• 发文序号:京兴政办发〔2023〕1 号\n2023年区政府工作报告重点工作分工方案\n"
                  + ITEMS)
    assert record.doc_number == "京兴政办发〔2023〕1号"


@pytest.mark.parametrize(("head", "number"), [
    ("岳政发[2009]2号岳阳市人民政府关于认真办理2009年度10件实事的通知", "岳政发[2009]2号"),
    ("贵州省人民政府办公厅关于印发某实施方案的通知黔府办发〔2017〕76号", "黔府办发〔2017〕76号"),
])
def test_a_document_number_glued_to_the_notices_title(read, head, number):
    record = read(head + "\n各市、县人民政府:\n" + ITEMS)
    assert record.doc_number == number


@pytest.mark.parametrize(("fields", "issuer"), [
    ("发布机构: | 宣城市文化和旅游局(宣城市广播电视新闻出版局) | 主题分类: | 商贸 |",
     "宣城市文化和旅游局(宣城市广播电视新闻出版局)"),
    ("索 引 号  1440153660/2020-0000137  发布机构  临沂市交通运输局", "临沂市交通运输局"),
])
def test_portal_fields_naming_the_issuer_however_the_row_sets_them_out(read, fields, issuer):
    record = read(fields + "\n2020年政府工作报告责任分工\n" + ITEMS)
    assert record.issuer == issuer


def test_a_title_line_above_a_date_is_no_signer(read):
    record = read("2020年临沂市政府工作报告责任分工-市交通运输局\n2020-07-08\n" + ITEMS)
    assert record.issuer != "2020年临沂市政府工作报告责任分工-市交通运输局"


def test_a_headline_in_title_marks_is_the_pages_title(read):
    record = read("""
        《某市人民政府办公厅关于建立政府工作落实情况报告制度的通知》
        浏览量: 时间:2018-11-13
        《某市人民政府办公厅关于建立政府工作落实情况报告制度的通知》
        各区(市)县政府,市政府各部门:
        一、报告内容。重要工作、重大项目的落实情况。
    """)
    assert (record.title, record.issuer) == (
        "某市人民政府办公厅关于建立政府工作落实情况报告制度的通知", "某市人民政府办公厅")


@pytest.mark.parametrize(("title", "issuer"), [
    ("县教育局2024年工作要点", "县教育局"),
    ("区安委会办公室关于开展2018年今冬明春火灾防控工作的实施方案", "区安委会办公室"),
    ("市政府2011年重点工作分解落实方案", None),
])
def test_a_departments_plan_names_its_issuer_in_its_title(read, title, issuer):
    """Where nothing else on the page names the issuer, the department a title opens with;
    a government planning its own year does not issue by its title."""
    record = read(f"{title}\n" + ITEMS)
    assert record.issuer == issuer


@pytest.mark.parametrize(("title", "level"), [
    ("县教育局2024年工作要点", "county"),
    ("某市某区文化和旅游局2021年工作计划", "county"),
    ("2024年自治区河湖长制工作要点", "province"),
])
def test_the_level_a_departments_name_or_an_autonomous_region_speaks_for(read, title, level):
    record = read(f"{title}\n" + ITEMS.replace("县发改局", "发改部门"))
    assert record.level == level


@pytest.mark.parametrize(("preamble", "region"), [
    ("根据省市文件精神,结合宁远实际,特制定本方案。", "宁远"),
    ("宁远县各乡镇:根据省市文件精神,结合宁远实际,特制定本方案。", "宁远县"),
])
def test_the_area_a_plan_says_it_was_made_for_named_short(read, preamble, region):
    """`结合宁远实际`: the one county or city so named, as the page writes it (in full where
    it also writes the full name)."""
    record = read("健康行动实施方案\n" + preamble + "\n" + ITEMS.replace("县发改局", "发改部门"))
    assert record.region == region
    assert record.level == "county"


def test_a_page_opening_with_an_item_takes_no_title_from_the_report_after_it(read):
    """An excerpt that opens at item 20, whose report line names a plan before its verb
    (`…试点方案已草拟,…`): the line is no title glued to a one-line page's text."""
    report = ("福清市乡镇机构改革试点方案已草拟,待省审批后开展试点工作。"
              + "全市落实免除学杂费政策。" * 16)
    record = read("20、深化乡镇机构改革。(牵头单位:市农办;主办单位:市编办)\n" + report + "\n"
                  "21、完善乡村文化设施。(牵头单位:市文化局;主办单位:市广电局)\n")
    assert record.title is None
    assert [task.path for task in record.tasks] == [["20"], ["21"]]
