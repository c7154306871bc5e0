"""Units a plan names in its sentences rather than in a clause: hosts and helpers after 由, a
bracket of units closing each sentence, a sentence the page cut after its units, departments
named by their fields, bodies a sentence asks something of."""

from __future__ import annotations

from policygraph.parse import Record


def units(record: Record) -> list[tuple[list[str], list[str], list[str]]]:
    return [(task.path, task.agencies, task.lead) for task in record.tasks]


def test_a_sentence_after_the_item_names_who_hosts_it_and_who_helps(read):
    """`此项活动由A、B主办,C协助…`: the hosts lead, the helpers support, and a list the page's
    end cut after `由…负责组织,` is no glued units' cell."""
    record = read("""
        某市2007年春节期间活动安排
        一、团拜活动
        (一)2月15日9时,在会议中心举办春节团拜会。
        此项活动由省委办公厅、省政府办公厅主办,市委办公厅、市政府办公厅协助做好有关工作。
        (二)2月15日10时,召开迎新春团拜会。
        此项活动由市委办公厅、市政府办公厅、市委统战部负责组织,市委老干
    """)
    assert units(record) == [
        (["一", "(一)"], ["省委办公厅", "省政府办公厅", "市委办公厅", "市政府办公厅"],
         ["省委办公厅", "省政府办公厅"]),
        (["一", "(二)"], ["市委办公厅", "市政府办公厅", "市委统战部"],
         ["市委办公厅", "市政府办公厅", "市委统战部"]),
    ]


def test_sentences_closing_with_units_that_no_role_word_tells_apart(read):
    """`…(A、B)。…(C)。`: every sentence's units, the first leading, as in one clause that
    names no roles; an aside closing a sentence (`工业企业(场所)。`) names no unit."""
    record = read("""
        某市2008年民生工程目标
        一、扶贫解困工程。启动建设57个扶贫新村(市扶贫开发办、市以工代赈办)。完成库区新村帮扶7个(剑阁县政府)。救助特困群众350户(市惠民帮扶中心)。
        二、环境整治工程。排查整治工业企业(场所)。基本完成全市整治任务(市环保局)。
    """)
    assert units(record) == [
        (["一"], ["市扶贫开发办", "市以工代赈办", "剑阁县政府", "市惠民帮扶中心"],
         ["市扶贫开发办"]),
        (["二"], ["市环保局"], ["市环保局"]),
    ]


def test_a_bracket_left_open_inside_a_title_closes_with_it(read):
    """`《X印发的〈关于…的通知》`: the page's unclosed inner bracket ends with the title's, so
    that the clause after it is still read."""
    record = read("""
        某市2018年度大气污染防治实施计划
        根据《盟领导小组办公室印发的〈关于报送实施计划的通知》精神,制定本计划。
        一、淘汰燃煤锅炉。完成10蒸吨以下燃煤锅炉淘汰。(责任单位:市环保局)
    """)
    assert units(record) == [(["一"], ["市环保局"], ["市环保局"])]


def test_a_sentence_the_pages_end_cut_after_the_names_of_its_units(read):
    """`各市、` (or `办实事工作部门为市实事办、`) ending the page: the units the cut sentence
    opens with, whatever it went on to ask of them."""
    record = read("""
        某省重大项目开工工作方案
        三、工作要求
        (一)加强组织领导。各市、区直各有关部门务必认真做好组织实施工作。
        (二)落实工作分工。办实事工作部门为市实事办、
    """)
    assert units(record) == [
        (["三", "(一)"], ["各市", "区直各有关部门"], ["各市"]),
        (["三", "(二)"], ["市实事办"], ["市实事办"]),
    ]


def test_a_heading_ending_like_a_body_and_departments_named_by_their_fields(read):
    """`统筹规划布局` ends like a bureau and is none; a list that `等有关部门` closes names
    departments by their fields, verbs among them (`建设`); a cited notice's issuers after
    `认真贯彻落实` are no units."""
    record = read("""
        某县2006年新农村建设工作意见
        一、加强规划
        1、统筹规划布局。县农委、规划、建设、交通等有关部门都要做好全县新农村建设专项规划。
        2、保障农资供应。认真贯彻落实省农业农村厅、省交通运输厅、省公安厅
    """)
    assert units(record) == [
        (["一", "1"], ["县农委", "规划", "建设", "交通"], ["县农委"]),
        (["一", "2"], [], []),
    ]


def test_bodies_a_sentence_asks_something_of_are_no_glued_units_cell(read):
    """`A、B等重点产业园区应进一步…`: prose naming who does the work, read as such, not as a
    table's units' cell glued after the row's sentence."""
    record = read("""
        某省生态环境保护实施方案
        一、促进产业绿色发展
        1.优化园区布局。各类产业园区应完善基础设施。洋浦经济开发区、东方工业园区等重点产业园区应进一步优化规划布局,按需完成集中供
    """)
    assert units(record) == [
        (["一", "1"], ["各类产业园区", "洋浦经济开发区", "东方工业园区"], ["各类产业园区"])]


def test_a_preamble_naming_who_takes_on_the_list_below_it(read):
    """`2022年,区政府要…,主要承担以下工作:` before the numbered items: the body takes on each."""
    record = read("""
        某市2022年度食品安全工作责任清单
        2022年,区政府要全面实施食品安全法,完成年度重点工作安排的主要任务,主要承担以下工作:
        1.落实食品安全党政同责要求和属地管理责任。
        2.落实食品安全部门监管责任。(责任单位:区市场监管局)
    """)
    assert units(record) == [(["1"], ["区政府"], ["区政府"]),
                             (["2"], ["区市场监管局"], ["区市场监管局"])]


def test_a_sentence_of_units_after_by_names_them_all_as_leading(read):
    """`由A和B负责。` closing an item, a sentence of its units alone: every unit leads, and a
    name that closes with the body's other name (`人事处(宣教办)`) is one unit of the list;
    a sentence the page cut before its verb leaves the first leading."""
    record = read("""
        某省局安全生产月活动任务分工方案
        一、播放安全生产公益广告
        6月份每天黄金时段,在卫视播放公益广告。由宣教办和教育中心负责。
        二、打造精品节目
        继续办好三个平台和栏目。由人事处(宣教办)和教育中心负责。
        三、组织暗访
        对责任体系落实情况进行采访报道。由暗访办、教育中心负责。
        四、组织演练
        按照计划组织实施应急演练。由应急救援指挥中心、培训中心
    """)
    assert units(record) == [
        (["一"], ["宣教办", "教育中心"], ["宣教办", "教育中心"]),
        (["二"], ["人事处(宣教办)", "教育中心"], ["人事处(宣教办)", "教育中心"]),
        (["三"], ["暗访办", "教育中心"], ["暗访办", "教育中心"]),
        (["四"], ["应急救援指挥中心", "培训中心"], ["应急救援指挥中心"]),
    ]


def test_units_after_by_named_by_what_they_do(read):
    """`由A提出…`, `由A、B投资…`: no word of a role, the first verb after the units; the words
    before a later verb are a sentence, not a list of units (`由A会同B等部门研究提出`)."""
    record = read("""
        某县2015年秸秆还田工作方案
        一、主要措施
        (一)降低成本。由县农机部门提出农机收割指导价,降低农机收割成本。
        (二)配套设施。根据需要,由市、区政府投资,规划建设综合服务设施。
        (三)粮食安全。由发展改革委会同农业部等部门研究提出意见。
    """)
    assert units(record) == [(["一", "(一)"], ["县农机部门"], ["县农机部门"]),
                             (["一", "(二)"], ["市、区政府"], ["市、区政府"]),
                             (["一", "(三)"], ["发展改革委", "农业部"], ["发展改革委"])]


def test_a_body_working_with_others_named_before_their_shared_verb(read):
    """`A协同B做好…`, `A会同B、C开展…`: A leads, the bodies it works with take part."""
    record = read("""
        某校迎检工作方案
        一、分工
        1、团支部协同政教处做好宣传工作。
        2、县卫健局会同县教育局、县公安局开展联合检查。
    """)
    assert units(record) == [(["一", "1"], ["团支部", "政教处"], ["团支部"]),
                             (["一", "2"], ["县卫健局", "县教育局", "县公安局"], ["县卫健局"])]


def test_a_list_closed_by_a_word_for_units_opening_with_what_is_done_names_none(read):
    """`及时协调涉市、区相关部门和物业等单位加强…`: what the task does, not who does it."""
    record = read("""
        某区城市管理方案
        一、整治任务
        1.社区保洁。及时协调涉市、区相关部门和物业等单位加强环境卫生管理。
    """)
    assert units(record) == [(["一", "1"], [], [])]
