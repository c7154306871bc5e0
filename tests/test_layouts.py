"""The layouts of the genre, each on a short document: responsibility blocks on lines of their
own, leads inherited or named in prose, and outlines that start mid-document."""

from __future__ import annotations

import pytest

from policygraph.parse import Record

HEAD = "某市2022年重点工作任务分工方案\n一、稳定经济增长\n"


def units(record: Record) -> list[tuple[list[str], list[str], list[str]]]:
    return [(task.path, task.agencies, task.lead) for task in record.tasks]


@pytest.mark.parametrize("block", [
    "牵头单位:市商务局\n配合单位:市财政局、市统计局",
    "牵头单位：市商务局\n配合单位：市财政局、市统计局。",
    "责任领导:张三副市长;牵头单位:市商务局;配合单位:市财政局、市统计局",
    "【牵头单位】市商务局\n【配合单位】市财政局、市统计局",
    "[牵头单位]市商务局\n[配合单位]市财政局、市统计局",
    "〔牵头单位〕市商务局 〔配合单位〕市财政局、市统计局",
    "(牵头单位)市商务局\n(配合单位)市财政局及市统计局",
    "牵头单位:市商务局\n责任领导:张三\n配合单位:市财政局、市统计局等部门",
    "牵头单位:市商务局。\n配合单位:市财政局、市统计局。\n实施时间:2012 年1-12 月。\n"
    "完成时间:2012年12月。",
    "牵头单位:市商务局\n\n配合单位:市财政局、市统\n计局\n— — — 3 —",
    "牵头单位:市商务局\n\n配合单位:市财政局、市统计局\n\n监督方式:0557-6031710",
])
def test_responsibility_blocks_on_lines_of_their_own(read, block):
    record = read(HEAD + "1.社会消费品零售总额增长8%。\n" + block + "\n2.推进招商引资。\n")
    assert units(record)[0] == (["一", "1"], ["市商务局", "市财政局", "市统计局"], ["市商务局"])
    assert record.tasks[0].text == "社会消费品零售总额增长8%。"
    assert units(record)[1] == (["一", "2"], [], [])  # the block is not a banner


def test_a_block_of_label_lines_between_a_projects_name_and_its_text(read):
    record = read("某县2024年民生实事项目任务分解\n"
                  "一、老旧小区改造项目\n牵头领导:张三\n牵头单位:县住建局\n"
                  "责任单位:县城投集团、属地乡镇\n任务目标:完成10个小区改造。\n"
                  "二、公共充电桩建设项目\n牵头单位:县发改局\n主要内容:新建充电桩。\n")
    assert units(record) == [
        (["一"], ["县住建局", "县城投集团", "属地乡镇"], ["县住建局"]),
        (["二"], ["县发改局"], ["县发改局"]),
    ]
    assert record.tasks[0].text == "任务目标:完成10个小区改造。"
    assert record.tasks[0].heading == "老旧小区改造项目"


def test_a_unit_whose_name_ends_in_a_bracket_is_not_a_clause(read):
    record = read(HEAD + "1.建设物流园区。责任单位:市交通运输局、某经济技术开发区(管委会)\n"
                         "2.推进招商。(市投资促进局、高新区(管委会)负责)\n")
    assert units(record)[0][1] == ["市交通运输局", "某经济技术开发区(管委会)"]
    assert units(record)[1][1] == ["市投资促进局", "高新区(管委会)"]


def test_notes_people_and_cut_names_are_not_units(read):
    record = read(HEAD + "1.扩大投资。(市发改委牵头,市财政局、市统计局按职责分工负责,下同)\n"
                         "2.稳定就业。责任单位:市人社局、各县(市)、区政府(列第一位的为牵头单位)\n"
                         "3.发展物流。责任单位:市交通局、市商")
    assert units(record) == [
        (["一", "1"], ["市发改委", "市财政局", "市统计局"], ["市发改委"]),
        (["一", "2"], ["市人社局", "各县(市)、区政府"], ["市人社局"]),
        (["一", "3"], ["市交通局"], ["市交通局"]),
    ]


def test_a_lead_named_in_a_banner_or_a_parent_item_is_inherited(read):
    record = read("""
        某县2021年重点工作任务清单
        一、扩大有效投资(牵头单位:县发改局)
        (一)加快项目建设。推进重大项目开工。
        (二)强化要素保障。做好用地保障。协同单位:县自然资源局
        二、提升消费活力
        牵头单位:县商务局;配合单位:县财政局
        1.举办消费节活动。
        工业经济(牵头单位:县经信局)
        1.推动企业技术改造。
        三、县示范区管委会牵头工作(2项)
        1.建设标准化厂房。
        四、县科学技术局
        1.培育科技型企业。
    """)
    assert units(record) == [
        (["一", "(一)"], ["县发改局"], ["县发改局"]),
        (["一", "(二)"], ["县发改局", "县自然资源局"], ["县发改局"]),
        (["二", "1"], ["县商务局", "县财政局"], ["县商务局"]),
        (["1"], ["县经信局"], ["县经信局"]),
        (["三", "1"], ["县示范区管委会"], ["县示范区管委会"]),
        (["四", "1"], ["县科学技术局"], ["县科学技术局"]),
    ]


def test_a_task_division_line_under_a_sections_requirements(read):
    record = read("""
        某省十大工程推进工作方案
        一、粮食产能工程
        工作要求:坚持突出重点、分期实施。
        任务分工:张三副省长负责,省农委总牵头。
        1.水利化工程:推进灌区建设。
        2.农机化工程:建设农机合作社。
    """)
    assert units(record) == [(["一", "1"], ["省农委"], ["省农委"]),
                             (["一", "2"], ["省农委"], ["省农委"])]


def test_a_line_of_units_after_by_without_its_verb(read):
    record = read("""
        某市2012年重点工作任务分解
        一、加快交通建设
        1.加快高速公路建设进度。
        由市交通运输局、市公路局,西华县、淮阳县人民政府,市经济开发区管委会
        2.推进物流园区建设。
        由市商务局、市发展改革委、市财
    """)
    assert units(record) == [
        (["一", "1"],
         ["市交通运输局", "市公路局", "西华县", "淮阳县人民政府", "市经济开发区管委会"],
         ["市交通运输局"]),
        (["一", "2"], ["市商务局", "市发展改革委"], ["市商务局"]),
    ]


def test_label_lines_by_any_name_of_their_role_in_a_goals_section(read):
    record = read("""
        某市2020年重点工作及责任分解
        一、确保完成全年主要预期目标
        1.地区生产总值增长8%以上。
        牵头负责领导:张三。
        牵头责任单位:市发展改革委。
        协同责任单位:市经信局、市商务局。
        2.财政收入增长8%左右。
        牵头责任单位:市财政局。
        协作推进部门:市税务局。
        二、推进产业升级
        1.建设产业园区。
        牵头责任单位:市经信局。
        协同责任单位:市商务局。
        2.培育龙头企业。
    """)
    assert units(record) == [(["二", "1"], ["市经信局", "市商务局"], ["市经信局"]),
                             (["二", "2"], [], [])]
    assert [(t.path, t.value) for t in record.targets] == [(["一", "1"], 8), (["一", "2"], 8)]


def test_an_item_headed_by_a_bodys_name_and_a_name_broken_over_lines(read):
    record = read("""
        某省2009年新农村建设任务分解
        三、省委政法委
        深入开展“平安乡村”创建活动。
        四、省直机关工委
        做好帮建工作的考评。
        五、保障用地
        落实用地计划。(市规划自然资源局,各区县政府、市
            住房城乡建委)
    """)
    assert units(record) == [(["三"], ["省委政法委"], ["省委政法委"]),
                             (["四"], ["省直机关工委"], ["省直机关工委"]),
                             (["五"], ["市规划自然资源局", "各区县政府", "市住房城乡建委"],
                              ["市规划自然资源局"])]


def test_a_section_headed_by_a_bodys_names_leads_its_items(read):
    """`(一)综合办公室(督查室、财务室)`: a body and the other names of its office."""
    record = read("""
        某园区2019年各部室工作任务
        (一)综合办公室(党群工作部、督查室、财务室)
        (1)年度主要任务与要求:
        ①完成上稿8篇;②新增入统企业5家以上。
        (二)招商合作局(行政审批局)
        (1)年度主要任务与要求:
        ①引进工业项目6个。
    """)
    assert units(record) == [(["(一)", "(1)", "①"], ["综合办公室"], ["综合办公室"]),
                             (["(一)", "(1)", "②"], ["综合办公室"], ["综合办公室"]),
                             (["(二)", "(1)", "①"], ["招商合作局"], ["招商合作局"])]


@pytest.mark.parametrize("section", ["指导思想和总体目标", "2010年全市促进就业目标责任制主要指标",
                                     "目标要求", "经济社会发展指标(工作目标)",
                                     "林业保护发展“十四五”规划目标",
                                     "全区经济社会发展的主要预期目标及载体", "综合目标分解",
                                     "建设指标"])
def test_goal_sections_by_more_of_their_names(read, section):
    record = read(f"""
        某市2010年工作方案
        一、{section}
        1.城镇新增就业4万人。(责任单位:市人社局)
        二、重点任务
        1.加强经济运行分析,确保完成主要指标。(牵头单位:市发改委)
    """)
    assert [task.path for task in record.tasks] == [["二", "1"]]
    assert [(t.path, t.value) for t in record.targets] == [(["一", "1"], 4)]


def test_a_context_section_named_with_its_year(read):
    record = read("""
        某市2009年政府工作要点
        一、2009年政府工作的总体要求
        以科学发展观为统领,全面贯彻市委全会精神。
        二、扎实做好八项工作
        (一)扩大投资。(责任单位:市发改委)
    """)
    assert [task.path for task in record.tasks] == [["二", "(一)"]]


def test_a_block_after_a_run_of_items_an_excerpt_shows_before_the_next_section(read):
    record = read("""
        1、人均家庭经营收入增长11%。培育种养大户。
        2、人均工资性收入增长5%。开拓劳务市场。
        责任单位:各县区政府、管委,市直相关部门等。
        八、建立健全服务体系
        1、抓好农技推广体系建设。
        责任单位:市农委、人事局
    """)
    assert units(record) == [
        (["1"], ["各县区政府", "管委", "市直相关部门"], ["各县区政府"]),
        (["2"], ["各县区政府", "管委", "市直相关部门"], ["各县区政府"]),
        (["八", "1"], ["市农委", "人事局"], ["市农委"]),
    ]


def test_a_guiding_section_whose_name_runs_into_its_text(read):
    record = read("""
        县林业局2017年工作计划
        一、指导思想以生态文明思想为指导,准确把握新时代林业发展要求。
        二、重点工作
        (一)造林绿化。完成营造林11.2万亩。(责任单位:县林业局)
    """)
    assert [task.path for task in record.tasks] == [["二", "(一)"]]


def test_leads_named_in_prose(read):
    record = read("""
        某区优化营商环境实施方案
        一、深化改革
        由区政务服务中心负责,区市场监管局牵头,区司法局配合。
        1.深化“一件事”改革。
        2.推进证照分离改革。区市场监管局负责落实。
        3.加强信用体系建设,区发改局、区人民银行等部门要建立守信激励机制。
        4.优化审批流程。区行政审批局牵头落实。
    """)
    assert units(record) == [
        (["一", "1"], ["区政务服务中心", "区市场监管局", "区司法局"],
         ["区政务服务中心", "区市场监管局"]),
        (["一", "2"], ["区市场监管局"], ["区市场监管局"]),
        (["一", "3"], ["区发改局", "区人民银行"], ["区发改局"]),
        (["一", "4"], ["区行政审批局"], ["区行政审批局"]),
    ]


def test_a_clause_after_the_last_sub_item_names_the_units_of_them_all(read):
    record = read("""
        某市应急体系建设任务分解
        一、完善应急体系
        1.完善应急预案体系
        (1)加强应急预案管理。
        (2)推进应急预案精编化。
        (责任单位:市应急管理局、各县(市、区)人民政府)
        2.健全应急管理体制
        (1)推进应急机构建设。(责任单位:市应急管理局)
        (2)完善应急联动机制。(责任单位:市公安局)
    """)
    assert [task.agencies for task in record.tasks] == [
        ["市应急管理局", "各县(市、区)人民政府"], ["市应急管理局", "各县(市、区)人民政府"],
        ["市应急管理局"], ["市公安局"]]


def test_an_excerpt_may_start_mid_outline(read):
    record = read("""
        (三)优化营商环境。深化放管服改革。(责任单位:县政务服务中心)
        4.推进一网通办。(责任单位:县大数据局)
        (四)扩大开放。推进招商引资。
        5.办好招商活动。(责任单位:县商务局)
    """)
    assert [task.path for task in record.tasks] == [["(三)", "4"], ["(四)", "5"]]


def test_an_excerpt_starting_at_an_arabic_item_and_numbering_that_runs_on(read):
    record = read("""
        5.推进项目建设。(责任单位:市发改委)
        6.加快园区建设。(责任单位:市商务局)
        三、保障民生
        (一)稳定就业
        7.开发公益岗位。(责任单位:市人社局)
    """)
    assert [task.path for task in record.tasks] == [["5"], ["6"], ["三", "(一)", "7"]]


def test_items_run_together_on_one_line(read):
    record = read(HEAD + "(一)开展规划编制。(二)推进项目建设,加快进度。(三)强化要素保障。\n")
    assert [task.path for task in record.tasks] == [["一", "(一)"], ["一", "(二)"],
                                                    ["一", "(三)"]]


def test_markers_spaced_out_by_the_page(read):
    record = read("某市2021年重点任务\n一 、 承担的重点任务\n1 . 严格管控地方政府债务。\n"
                  "责任单位:市 财政局\n2 . 推进城镇化建设。\n责任单位: 市发展改革委、住建局\n")
    assert units(record) == [(["一", "1"], ["市财政局"], ["市财政局"]),
                             (["一", "2"], ["市发展改革委", "住建局"], ["市发展改革委"])]


def test_items_numbered_with_a_full_stop(read):
    record = read("某市2021年民生实事\n一、交通出行\n"
                  "1。打通中心城区“断头路”20条。(牵头单位:市住建局)\n"
                  "2。新改建农村公路200公里。(牵头单位:市交通运输局)\n")
    assert units(record) == [(["一", "1"], ["市住建局"], ["市住建局"]),
                             (["一", "2"], ["市交通运输局"], ["市交通运输局"])]


def test_roles_shared_by_duty_and_notes_in_a_clause(read):
    record = read(HEAD + """
        1.严格环评准入。〔市生态环境局、发展改革委等按职责分工负责。责任单位:各县(市、区)人民政府。以下均需各县(市、区)人民政府落实,不再列出。〕
        2.优化区域布局。(牵头单位:市发改局、市委政研室;各相关部门、镇街(园区)按职责分工负责)
        3.推进重大项目。(省发展改革委、财政厅牵头,国土资源厅,各州、市人民政府配合)
        4.推动天府新区建设。(省编办、四川天府新区管委会和成都市、眉山市人民政府负责,省直相关部门配合)
    """)
    assert units(record) == [
        (["一", "1"], ["市生态环境局", "发展改革委", "各县(市、区)人民政府"], ["市生态环境局"]),
        (["一", "2"], ["市发改局", "市委政研室", "各相关部门", "镇街(园区)"],
         ["市发改局", "市委政研室"]),
        (["一", "3"], ["省发展改革委", "财政厅", "国土资源厅", "各州、市人民政府"],
         ["省发展改革委", "财政厅"]),
        (["一", "4"], ["省编办", "四川天府新区管委会", "成都市", "眉山市人民政府", "省直相关部门"],
         ["省编办", "四川天府新区管委会", "成都市", "眉山市人民政府"]),
    ]


def test_a_generic_unit_joined_on_by_a_conjunction_is_no_unit(read):
    record = read(HEAD + """
        1.提高审批效率。(区政务服务局牵头,区发改局、区住建局、区级相关部门配合)
        2.优化营商环境。(责任单位:州司法局、州委编办及州直相关单位,各县市人民政府)
        3.加强协同。协同单位:省直有关部门和各市人民政府
        4.强化保障。(省有关部门和单位负责)
    """)
    assert [task.agencies for task in record.tasks] == [
        ["区政务服务局", "区发改局", "区住建局", "区级相关部门"],
        ["州司法局", "州委编办", "各县市人民政府"],
        ["省直有关部门", "各市人民政府"],
        ["省有关部门和单位"],
    ]


def test_a_clause_the_page_cut_before_its_bracket_closed(read):
    record = read(HEAD + "1.深化审批改革。推进建立统一的政务服务中心。"
                         "(省发展改革委、省政务服务管理办、四川天府")
    assert units(record) == [(["一", "1"], ["省发展改革委", "省政务服务管理办"], ["省发展改革委"])]
    assert record.tasks[0].text == "推进建立统一的政务服务中心。"


def test_a_cut_clause_whose_role_words_the_end_cut(read):
    record = read(HEAD + "1.压实企业主体责任。建立食品追溯平台。"
                         "(省市场监管厅、省商务厅、吉林银保监局等单位按职责分")
    assert units(record) == [(["一", "1"], ["省市场监管厅", "省商务厅", "吉林银保监局"],
                              ["省市场监管厅"])]


def test_a_cut_clause_whose_last_name_closes_its_own_bracket(read):
    record = read(HEAD + "1.扩大有效投资。加快推进重大项目(一期)建设。"
                         "〔省发展改革委、省科技厅、省数据局(省营商局)")
    assert units(record) == [(["一", "1"], ["省发展改革委", "省科技厅", "省数据局(省营商局)"],
                              ["省发展改革委"])]


def test_people_by_any_leaders_label_and_units_by_a_line_of_their_own(read):
    record = read(HEAD + """
        1.完善高质量发展机制。(牵头负责领导:徐斌、汪洋;牵头责任单位:区经贸局;协同单位:区投促局)
        2.全面完成铁路复线电气化改造。
        由漯阜铁路公司、市发展改革委,川汇区、商水县人民政府,市经济开发区管委会负责落实
        3.大力发展商贸业。县经贸、统计、工商、税务等部门要培育限上企业。
        4.加快第三产业发展。(县经贸、统计、工商)
        5.优化营商环境。责任单位:市财政局等有关部门,各区、县(市)政府及开发区管委会
    """)
    assert units(record) == [
        (["一", "1"], ["区经贸局", "区投促局"], ["区经贸局"]),
        (["一", "2"], ["漯阜铁路公司", "市发展改革委", "川汇区", "商水县人民政府",
                       "市经济开发区管委会"], ["漯阜铁路公司", "市发展改革委", "川汇区",
                                               "商水县人民政府", "市经济开发区管委会"]),
        (["一", "3"], ["县经贸", "统计", "工商", "税务"], ["县经贸"]),
        (["一", "4"], ["县经贸", "统计", "工商"], ["县经贸"]),
        (["一", "5"], ["市财政局", "各区、县(市)政府", "开发区管委会"], ["市财政局"]),
    ]


def test_a_number_whose_dot_the_page_lost(read):
    record = read("""
        某区2016年工作要点
        一、构建产业新体系
        1完善产业发展规划。围绕推动产业集聚。
        2加快园区建设。建成标准厂房。
        3个项目竣工投产。
        3大力发展现代物流。培育10大物流企业。
        4大项目带动。
    """)
    assert [task.path for task in record.tasks] == [["一", "1"], ["一", "2"], ["一", "3"]]
    assert "3个项目竣工投产" in record.tasks[1].text
    assert "4大项目带动" in record.tasks[2].text


@pytest.mark.parametrize("clause", [
    "(责任单位:市发改委(牵头)、市财政局、市统计局)",
    "责任单位:市发改委(牵头),市财政局(配合)、市统计局(配合)",
    "(市发改委〔牵头〕,市财政局、市统计局)",
])
def test_a_role_in_brackets_after_a_unit_is_its_own(read, clause):
    record = read(HEAD + "1.推进重大项目建设。" + clause + "\n")
    assert units(record) == [(["一", "1"], ["市发改委", "市财政局", "市统计局"], ["市发改委"])]


def test_an_item_whose_sentences_each_carry_a_clause_has_all_their_units(read):
    record = read("""
        某省工作分工
        一、重点任务
        1.推进节能减排
        单位地区生产总值能源消耗降低20%左右。(省经贸委牵头)
        完成耕地保有量指标。(省国土资源厅牵头)
        完成减排指标。(省环保厅、发展改革委按职责分工负责)
        2.深化国企改革。分类监管国有资产(分管副省长负责,省国资委牵头。明确牵头部门的,有关部门配合,不逐一列出,下同)。支持民营经济发展(省经信委牵头,省工商局配合)。
    """)
    assert units(record) == [
        (["一", "1"], ["省经贸委", "省国土资源厅", "省环保厅", "发展改革委"],
         ["省经贸委", "省国土资源厅", "省环保厅"]),
        (["一", "2"], ["省国资委", "省经信委", "省工商局"], ["省国资委", "省经信委"]),
    ]


def test_a_block_after_a_sections_last_item_names_the_units_of_all_its_items(read):
    record = read("""
        某省沿海开发工作要点
        五、基础设施建设
        (一)水利。全年计划投资5亿元。
        (二)公路。全年计划投资72亿元左右。
        主办单位:省水利厅、省交通厅
        协办单位:沿海三市政府
        六、科技兴海
        (一)建设示范基地。
    """)
    assert units(record)[:2] == [
        (["五", "(一)"], ["省水利厅", "省交通厅", "沿海三市政府"], ["省水利厅", "省交通厅"]),
        (["五", "(二)"], ["省水利厅", "省交通厅", "沿海三市政府"], ["省水利厅", "省交通厅"]),
    ]


def test_units_after_by_may_be_named_short(read):
    record = read(HEAD + "1.村屯水电项目。修水渠6490米。由县民族局、水利、电力部门共同组织实施。\n")
    assert units(record) == [(["一", "1"], ["县民族局", "水利", "电力部门"], ["县民族局"])]


def test_a_circled_list_opened_after_an_items_first_sentence(read):
    record = read(HEAD + "1.完善科技创新体制机制。①建立技术攻关机制。组织实施20项攻关项目。"
                         "②完善成果转化机制。\n")
    assert [task.path for task in record.tasks] == [["一", "1", "①"], ["一", "1", "②"]]
    assert record.tasks[0].heading == "建立技术攻关机制"


def test_goal_sections_by_any_of_their_names_hold_no_tasks(read):
    record = read("""
        某省规划纲要任务分工
        一、分工原则
        (一)明确政府职责。充分体现政府职能。
        二、落实主要目标和任务分工
        (一)约束性指标。
        1.九年义务教育巩固率达到97%。
        责任单位:省教育厅
        (二)重点任务
        1.推进产业升级。(省发展改革委牵头)
        三、总体要求(略)
        四、约束性指标分工安排
        1.化学需氧量排放总量五年累计减少6%。(省环保厅牵头)
        五、关于战略目标
        (一)近十年目标
        1.专利拥有量大幅提高。(市知识产权局、工商局)
        (二)阶段性目标
        1.卫生县城达到30个。
    """)
    assert [task.path for task in record.tasks] == [["二", "(二)", "1"]]
    assert [(t.path, t.value) for t in record.targets] == [(["二", "(一)", "1"], 97),
                                                           (["四", "1"], 6),
                                                           (["五", "(二)", "1"], 30)]


def test_an_indent_a_broken_encoding_left_as_question_marks(read):
    record = read("""
        某区营商环境建设行动方案
        ??一、让企业办事更省心
        ??(一)提升线上服务友好度。具体措施:
        ??1.推广远程身份核验应用。(责任单位:区府办、区行政服务中心)
        ??2.推出10项高频事项。(责任单位:区府办)
    """)
    assert units(record) == [(["一", "(一)", "1"], ["区府办", "区行政服务中心"], ["区府办"]),
                             (["一", "(一)", "2"], ["区府办"], ["区府办"])]


def test_a_list_of_tasks_inside_a_goals_section_holds_tasks(read):
    record = read("""
        某市服务业议案办理工作方案
        二、工作目标
        (一)总体目标。服务业增加值比重每年提高1个百分点。
        (二)2010年的主要工作任务
        1.组织编制十大产业发展规划;
        2.建设2~3个生产性服务业示范项目。
    """)
    assert [task.path for task in record.tasks] == [["二", "(二)", "1"], ["二", "(二)", "2"]]
    assert [(t.path, t.value) for t in record.targets] == [
        (["二", "(一)"], 1), (["二", "(二)", "2"], 2)]


def test_no_heading_ends_before_a_number_set_off_by_spaces(read):
    record = read("""
        某省新型城镇化工作要点
        一、推进县城建设
        1 . 以兰考、新郑 5 个示范县为引领,强化县城综合承载能力。
    """)
    assert [(task.heading, task.text[:8]) for task in record.tasks] == [(None, "以兰考、新郑 5")]


def test_a_label_the_pages_end_cut_off_names_no_unit(read):
    record = read(HEAD + "1.推进项目建设。\n牵头单位:市发改局\n责任单位")
    assert units(record) == [(["一", "1"], ["市发改局"], ["市发改局"])]


def test_a_labelled_bracket_after_a_name_and_an_item_headed_by_a_verb_like_a_body(read):
    record = read("""
        某区2022年度工作任务
        一、重点工作
        (一)加快建设现代服务业示范区(牵头单位:区商务局)
        1.促进商贸服务业提质增效。加快项目建设。
        (二)深化商事制度改革(指标牵头单位:区审批局)
        1.进一步便利企业开办。持续推进一网通办。
    """)
    assert units(record) == [(["一", "(一)", "1"], ["区商务局"], ["区商务局"]),
                             (["一", "(二)", "1"], ["区审批局"], ["区审批局"])]


def test_numbers_that_lost_their_dot_but_kept_a_space(read):
    record = read("""
        2022年市政府十大民生实事
        1 实施10条城市“断头路”畅通工程;
        2 发展数据服务产业,创造5000个就业岗位;
        完成 5 个项目建设。
        3 建设20所普惠性幼儿园。
    """)
    counted = read("市教育局2022年工作要点\n24 页\n一、重点工作\n1.推进建设。")
    assert [task.path for task in counted.tasks] == [["一", "1"]]  # a page count, no item
    assert [task.path for task in record.tasks] == [["1"], ["2"], ["3"]]
    assert "完成 5 个项目建设" in record.tasks[1].text


def test_a_list_of_numerals_opening_a_line_is_no_section(read):
    """`一、二、三组单位的…` lists groups by number; the section `三、` after it is the
    outline's."""
    record = read("""
        某县2010年招商引资工作意见
        一、目标任务
        1.一组单位合同资金1800万元。
        一、二、三组单位的实际进资中,工业项目分别为700万元、500万元。
        二、突出工作重点
        1、突出资源特色招商。(责任单位:各乡镇)
    """)
    assert units(record) == [(["二", "1"], ["各乡镇"], ["各乡镇"])]


def test_a_section_line_run_on_into_its_first_bracketed_sub_item(read):
    record = read("""
        某县2020年项目实施方案
        一、实施内容(一)建设规模。2020年,建立2个基地。
        (二)建设内容。基地要有标识牌。
        二、实施程序(一)项目申报。各乡镇按照实施内容,组织申报。
        (二)项目审核。县农业农村局成立专家组进行评审。
    """)
    assert [task.path for task in record.tasks] == [
        ["一", "(一)"], ["一", "(二)"], ["二", "(一)"], ["二", "(二)"]]


def test_articles_under_chapters(read):
    record = read("""
        某县2019年全民健身实施办法
        第一章 总  则
        第一条 为提升全民健身水平,制定本办法。
        第二章 工作任务
        第二条 建设全民健身中心。(牵头责任单位:县文体局)
        第三条 推进体育设施开放。(牵头责任单位:县教育局)
    """)
    assert units(record) == [(["第二章", "第二条"], ["县文体局"], ["县文体局"]),
                             (["第二章", "第三条"], ["县教育局"], ["县教育局"])]


def test_a_section_headed_by_a_list_of_bodies_leads_its_items(read):
    record = read("""
        某区2020年群众体育工作方案
        四、职责分工
        (一)区体育局
        1.负责组织实施群众体育工作方案。
        (二)南庄镇、各街道办事处
        1.做好组织发动工作。
        2.配合做好全民健身站(点)建设工作。
    """)
    assert units(record) == [
        (["四", "(一)", "1"], ["区体育局"], ["区体育局"]),
        (["四", "(二)", "1"], ["南庄镇", "各街道办事处"], ["南庄镇"]),
        (["四", "(二)", "2"], ["南庄镇", "各街道办事处"], ["南庄镇"]),
    ]


def test_groups_of_a_task_force_head_their_duties(read):
    """`1、综合协调组。` over its members and duties: the group leads; a heading ending in
    `重组` (restructuring) names no group."""
    record = read("""
        某县2022年冬季清洁取暖工作方案
        一、工作专班
        1、综合协调组。
        职责:负责资料收集,协调各小组日常事务。
        2、业务一组。
        职责:负责项目前期对接工作。
        二、重点任务
        1、深化国有企业改革重组。推进混合所有制改革。
    """)
    assert units(record) == [(["一", "1"], ["综合协调组"], ["综合协调组"]),
                             (["一", "2"], ["业务一组"], ["业务一组"]),
                             (["二", "1"], [], [])]


def test_a_label_lines_list_runs_on_over_the_next_line(read):
    """A units' list the page went on with on a line of its own, and a name it broke in two."""
    record = read("""
        某县2018年水污染防治工作方案
        1.开展黑臭水体整治。
        牵头单位:县住建局
        配合单位:县发改委、县农业局
        各乡镇(街道)、县建管办
        2.推进园区污水处理。
        责任单位:县园区党工
        委、县环保局
    """)
    assert units(record) == [
        (["1"], ["县住建局", "县发改委", "县农业局", "各乡镇(街道)", "县建管办"], ["县住建局"]),
        (["2"], ["县园区党工委", "县环保局"], ["县园区党工委"]),
    ]


def test_a_clause_written_after_its_sentences_full_stop(read):
    """`…成因排查。(A)落实…。(B)`: each sentence's units follow its full stop."""
    record = read("""
        某县2023年食品安全重点工作安排
        (一)强化产地环境治理。深入开展成因排查。(县生态环境局)落实耕地分类管理制度。(县农业农村局)
    """)
    assert units(record) == [(["(一)"], ["县生态环境局", "县农业农村局"], ["县生态环境局"])]
    assert record.tasks[0].text == "深入开展成因排查。落实耕地分类管理制度。"


def test_bodies_names_over_their_numbered_items(read):
    """`凤台县政府` `1.…` `2.…` `大通区政府` `1.…`: each body heads its items, and the numbering
    that starts again under the next is of items of their own."""
    record = read("""
        县区政府2006年主要工作考核目标
        凤台县政府
        1.地区生产总值75亿元,增长25%。
        2.财政收入10亿元,增长20%。
        大通区政府
        1.地区生产总值20.8亿元,增长15%。
    """)
    assert units(record) == [(["1"], ["凤台县政府"], ["凤台县政府"]),
                             (["2"], ["凤台县政府"], ["凤台县政府"]),
                             (["1bis"], ["大通区政府"], ["大通区政府"])]


def test_a_notices_one_addressee_on_a_line_of_its_own_heads_no_items(read):
    record = read("""
        某市人民政府办公室关于2008年为民办实事项目进展情况的通报
        市城管执法局
        1.城区绿化工程。
        2.道路改造工程。
    """)
    assert units(record) == [(["1"], [], []), (["2"], [], [])]


def test_the_governments_of_every_division_closing_a_clause_the_page_cut(read):
    """`(…负责,各市〔特区、区〕人民政府` at the page's end: a whole name, not one the end cut."""
    record = read("""
        某省2023年大气污染防治工作方案
        1.完成超低排放改造。(省工业和信息化厅、省生态环境厅按职责分工负责,各市〔特区、区〕人民政府
    """)
    assert units(record) == [
        (["1"], ["省工业和信息化厅", "省生态环境厅", "各市〔特区、区〕人民政府"],
         ["省工业和信息化厅"])]


def test_a_clause_the_page_cut_inside_its_role_word(read):
    record = read(HEAD + "1.完善惠企政策。〔省发展改革委、省数据局(省营商局)等牵")
    assert units(record) == [(["一", "1"], ["省发展改革委", "省数据局(省营商局)"],
                              ["省发展改革委", "省数据局(省营商局)"])]


def test_a_clause_whose_generic_tail_the_page_cut(read):
    record = read(HEAD + "1.畅通政务服务热线。(市发展改革委牵头,市住建局等政府各有关")
    assert units(record) == [(["一", "1"], ["市发展改革委", "市住建局"], ["市发展改革委"])]


def test_a_banner_after_an_items_clause_with_a_note_under_it(read):
    """`(责任秘书长:张三,责任单位:…)` then the banner `十大重点推进事项`, a bracketed note, and
    items numbered from 1 again: the banner starts a section of its own, the secretary is a
    person."""
    record = read("某市沿海开发工作要点\n三、保障措施\n1.建立推进工作体系。\n"
                  "(责任秘书长:李四,责任单位:市政府办公室)\n"
                  "十大重点推进事项\n(2010年2月,成立专门工作班子)\n"
                  "1.建设精品钢铁基地项目。\n(牵头领导:王五,责任秘书长:赵六,责任单位:市发改委)\n")
    assert units(record) == [(["三", "1"], ["市政府办公室"], ["市政府办公室"]),
                             (["1"], ["市发改委"], ["市发改委"])]
