"""Whole pages as scraped: noise, one-line pages, notices, signatures, scripts and glosses."""

from __future__ import annotations

import pytest

NOTICE_PAGE = """
    当前位置:首页>>政府信息公开>>政策文件
    索引号: 11330521MB0U9346XG/2021-00113 发文时间: 2021-04-09 00:00:00
    发布机构: 某县人民政府办公室
    发文字号: 安政办发〔2021〕11号
    字体:[大 中 小]  浏览次数:
    安吉县人民政府办公室关于印发2021年安吉县服务业发展工作要点的通知

    各乡镇人民政府、街道办事处,县政府各部门:

    《2021年安吉县服务业发展工作要点》已经县政府同意,现印发给你们,请认真贯彻执行。

    安吉县人民政府办公室

    202147

    2021年安吉县服务业发展工作要点

    为贯彻落实《湖州市服务业高质量发展行动方案》要求,制定本工作要点。

    一、主要目标

    1.服务业增加值增长8%以上;

    二、重点工作

    (一)做强现代物流。建设物流园区。(责任单位:县交通运输局)

    (二)做强商贸流通。培育商贸企业20家以上。(责任单位:县商务局、县市场监管局)

    抄送:县委各部门,县人大常委会办公室。

    安吉县人民政府办公室                      202147日印发

    分享到:
    网站标识码:3305230001 浙ICP备05000000号 联系电话:0572-0000000
"""


def test_notice_page_metadata(read):
    record = read(NOTICE_PAGE)
    assert record.title == "2021年安吉县服务业发展工作要点"
    assert record.issuer == "安吉县人民政府办公室"
    assert (record.region, record.level) == ("安吉县", "county")
    assert record.issued == "2021-04-07"
    assert record.doc_number == "安政办发〔2021〕11号"
    assert record.period == [2021, 2021]
    assert record.implements == ["湖州市服务业高质量发展行动方案"]


def test_notice_page_tasks_without_noise(read):
    record = read(NOTICE_PAGE)
    assert [task.path for task in record.tasks] == [["二", "(一)"], ["二", "(二)"]]
    assert record.tasks[1].agencies == ["县商务局", "县市场监管局"]
    assert "抄送" not in record.tasks[-1].text and "分享" not in record.tasks[-1].text
    assert [(t.path, t.value) for t in record.targets] == [(["一", "1"], 8), (["二", "(二)"], 20)]


def test_signature_date_beats_page_publish_date(read):
    record = read("""
        某市人民政府办公室关于印发2013年度某市服务业工作要点的通知 | |
        发布日期:2022-12-12 10:28
        各县(市、区)人民政府: 《2013年度某市服务业工作要点》已经市政府同意,现印发给你们。 \
舟山市人民政府办公室 2013年4月10日 2013年度某市服务业工作要点 为加快发展,制定本要点。 \
一、主要任务 (一)发展物流。 1.建设园区。 (1)加强平台建设。建设物流园区。 \
责任单位:市发展改革委、市交通运输局 (2)加快项目建设。推进重点项目。 \
责任单位:市交通运输局 作者: 信息来源: |
    """)
    assert record.issuer == "舟山市人民政府办公室"
    assert record.issued == "2013-04-10"
    assert (record.region, record.level) == ("舟山市", "city")
    assert [task.path for task in record.tasks] == [["一", "(一)", "1", "(1)"],
                                                    ["一", "(一)", "1", "(2)"]]
    assert record.tasks[0].agencies == ["市发展改革委", "市交通运输局"]
    assert record.tasks[1].agencies == ["市交通运输局"]
    assert record.tasks[1].text == "推进重点项目。"


def test_plan_without_notice_issuer_in_preface_and_period_in_title(read):
    record = read("""
        今天是:
        加入收藏 | 繁體中文 | 表格下载
        某市服务业高质量发展实施方案(2023—2027年)
        编辑: admin 时间: 4年前 访问次数: 0
        近日,省现代服务业发展工作领导小组办公室印发《某市服务业高质量发展实施方案(2023—2027年)》。
        一、重点任务
        (一)打造平台。到2027年,建成平台10个。
    """)
    assert record.title == "某市服务业高质量发展实施方案(2023—2027年)"
    assert record.issuer == "省现代服务业发展工作领导小组办公室"
    assert record.period == [2023, 2027]
    assert record.issued is None
    assert record.doc_number is None


def test_labelled_date_and_number_and_chinese_signature_date(read):
    record = read("""
        成文日期: 2023-04-29
        文件编号: 衢政办发〔2023〕21号
        某省人民政府办公厅关于印发某省加快发展现代服务业行动计划的通知
        《某省加快发展现代服务业行动计划》已经省政府同意。
        湖北省人民政府办公厅
        二〇二三年五月六日
        某省加快发展现代服务业行动计划
        一、重点任务
        (一)做强金融。到2025年,金融业增加值达到3000亿元。
    """)
    assert record.issued == "2023-04-29"
    assert record.doc_number == "衢政办发〔2023〕21号"
    assert record.issuer == "湖北省人民政府办公厅"
    assert (record.region, record.level) == ("湖北省", "province")
    assert record.period == [2023, 2025]


def test_signature_in_chinese_numerals(read):
    record = read("""
        湖北省人民政府办公厅关于印发某省服务业工作要点的通知
        湖北省人民政府办公厅
        二〇二一年三月一日
        某省服务业工作要点
        一、重点任务
        (一)做强金融。做强金融业。
    """)
    assert record.issued == "2021-03-01"


def test_traditional_characters_are_read_as_simplified(read):
    record = read("""
        2021年某縣服務業發展工作要點
        一、重點工作
        (一)加快發展現代物流。建設物流園區,培育物流企業10家以上。(責任單位:縣發展改革局、縣商務局)
    """)
    (task,) = record.tasks
    assert task.agencies == ["县发展改革局", "县商务局"]
    assert task.heading == "加快发展现代物流"
    assert [(t.value, t.unit, t.comparator) for t in record.targets] == [(10, "家", ">=")]


def test_pinyin_glosses_do_not_end_up_in_names(read):
    record = read("""
        某县服务业工作要点
        一、重点工作
        (一)加强管理(lǐ)。完善管理(lǐ)和(hé / huò)监督制度。
        (责任单位:县发(fā)改局、县市场监管(guǎn)局)
    """)
    (task,) = record.tasks
    assert task.agencies == ["县发改局", "县市场监管局"]
    assert task.heading == "加强管理"
    assert task.text == "完善管理和监督制度。"


def test_glosses_without_tone_marks_on_a_page_that_glosses_throughout(read):
    record = read("""
        某省治污降霾(mai)2016年工作(zuo)方案
        一、重点工作
        (一)加强管(guan)理。完善管理制度。(责任单位:省(sheng)发展改革委(wei)、省环保(bao)厅)
        (二)推广应用(app)。
        (三)抓紧办理留抵退税。(责任单位:市税(shui)(shui)务(wu)局(ju)、市财(cai)(cai)政局)
    """)
    assert record.title == "某省治污降霾2016年工作方案"
    assert record.tasks[0].agencies == ["省发展改革委", "省环保厅"]
    assert record.tasks[2].agencies == ["市税务局", "市财政局"]  # a character glossed twice


def test_a_pdf_text_layer_that_sets_characters_apart(read):
    """`青 海 省 人 民 政 府`, with the font's GB2312 comma and full stop read as Yi syllables
    (`ꎬ`, `ꎮ`): the lines read as written without the spaces; a line that only has a space
    between words keeps it."""
    record = read("""
        青 海 省 人 民 政 府 关 于 印 发 青 海 省 金 融 改 革 若 干 措 施 的 通 知
        一、扩 大 信 贷 投 放 ꎮ 贷 款 增 幅 不 低 于 10% ꎬ
        存 贷 比 上 升 ꎮ ( 责 任 单 位 : 省 财 政 厅 、 省 金 融 办 )
        二、推进普惠金融。(责任单位:省金融办 省人民银行)
    """)
    assert record.title == "青海省金融改革若干措施"
    assert [(task.heading, task.agencies) for task in record.tasks] == [
        ("扩大信贷投放", ["省财政厅", "省金融办"]), (None, ["省金融办", "省人民银行"])]


def test_one_bracketed_word_is_no_gloss(read):
    record = read("""
        某省2016年工作方案
        一、重点工作
        (一)推广政务应用(app)。(责任单位:省大数据局)
    """)
    assert record.tasks[0].text == "推广政务应用(app)。"


def test_district_plan_with_enclosed_numbers_and_unbracketed_lead_and_support(read):
    record = read("""
        首页 > 政务公开 > 文件
        杭州市西湖区人民政府办公室关于印发西湖区加快发展现代服务业实施方案(2008—2010年)的通知
        西政办〔2008〕15号
        各镇人民政府、街道办事处,区政府各部门:
        《西湖区加快发展现代服务业实施方案(2008—2010年)》已经区政府同意,现印发给你们。
        杭州市西湖区人民政府办公室
        二〇〇八年三月五日
        西湖区加快发展现代服务业实施方案(2008—2010年)
        为贯彻落实《杭州市加快发展现代服务业行动计划》,制定本方案。
        一、发展目标
        到2010年,全区服务业增加值达到300亿元,年均增长12%以上。
        二、主要任务
        ㈠ 壮大文化创意产业。建设文创园区3—5个。牵头单位:区文创办 配合单位:区发改局、区财政局
        ㈡ 发展旅游休闲业。
        1、提升西溪湿地景区。接待游客突破1000万人次。(责任单位:区旅游局、蒋村街道)
        2、培育特色街区。由区商务局牵头,各镇街按职责分工负责。
        三、保障措施
        ㈠ 加强组织领导。成立区现代服务业发展领导小组。(责任单位:区发改局)
        抄送:区委各部门。
    """)
    assert (record.title, record.region, record.level) == (
        "西湖区加快发展现代服务业实施方案(2008—2010年)", "西湖区", "county")
    assert (record.issued, record.doc_number, record.period) == (
        "2008-03-05", "西政办〔2008〕15号", [2008, 2010])
    assert record.implements == ["杭州市加快发展现代服务业行动计划"]
    assert [(task.path, task.lead, task.agencies, task.kind) for task in record.tasks] == [
        (["二", "(一)"], ["区文创办"], ["区文创办", "区发改局", "区财政局"], "task"),
        (["二", "(二)", "1"], ["区旅游局"], ["区旅游局", "蒋村街道"], "task"),
        (["二", "(二)", "2"], ["区商务局"], ["区商务局", "各镇街"], "task"),
        (["三", "(一)"], ["区发改局"], ["区发改局"], "safeguard"),
    ]
    assert [(t.value, t.value_max, t.unit, t.year) for t in record.targets] == [
        (300, None, "亿元", 2010), (12, None, "%", 2010), (3, 5, "个", 2010),
        (1000, None, "万人次", 2010)]


def test_site_footer_after_the_last_item_is_not_its_text(read):
    record = read("""
        某省服务业工作要点
        一、重点任务
        (一)加强工作机制建设。完善联络员工作机制。(主办单位:省发改委;协办单位:省商务厅)
        主办单位:某市临空经济区管理委员会 举报电话:027-60670177      网站地图
        联系人:某某      联系电话:027-60670001
    """)
    (task,) = record.tasks
    assert task.text == "完善联络员工作机制。"
    assert task.agencies == ["省发改委", "省商务厅"]


COLLAPSED_PLAN = ("首页 > 政策文件\n发布机构: 召陵区人民政府办公室\n\n"
                  "召陵区服务业高质量发展行动计划(2023—2027年) 为贯彻落实《漯河市服务业发展规划》,"
                  "制定本计划。 一、重点任务 (一)发展现代物流。建设物流园区。(责任单位:区发改委) "
                  "(二)发展电子商务。培育电商企业10家以上。(责任单位:区商务局)\n")


def test_a_collapsed_plan_without_a_notice_keeps_its_title(read):
    record = read(COLLAPSED_PLAN)
    assert record.title == "召陵区服务业高质量发展行动计划(2023—2027年)"
    assert record.period == [2023, 2027]
    assert [task.agencies for task in record.tasks] == [["区发改委"], ["区商务局"]]


def test_a_covering_notices_own_requirements_are_no_tasks(read):
    """The page shows the notice that sends the plan out, not the plan."""
    record = read("""
        关于做好2018年政府工作报告主要目标任务的通知
        各乡镇人民政府,政府各部门:
        现将各项工作任务分解(详见附件),现就有关事宜通知如下:
        一、落实责任,确保质量
        各责任单位要严格遵循“年初公布、年中检查、年底兑现”的原则。
        二、密切配合,各负其责
        牵头单位要切实担负起第一责任人的责任,各相关单位要全力支持。
        三、高度重视,抓好落地落实
        全区各级各部门要将156项目标任务抓早抓实抓细。
        四、加强领导
        各主要责任单位要切实加强组织领导。省政府各牵头部门要切实履行好牵头抓总的职责。
        五、加强调度
        省直各牵头部门要加强对各市的指导,每季度向领导小组办公室报送进展。
    """)
    assert record.tasks == []
    assert record.targets == []


def test_a_plan_that_breaks_its_own_figures_down_sends_out_no_plan(read):
    """`州有关部门要抓紧指标分解`: a plan's words about breaking down its figures, unlike
    `现将…任务分解下达`, send out no plan, so its items that address every unit stay tasks."""
    record = read("""
        特别要抓好住房建设工作,州有关部门要抓紧指标分解,签订目标责任书。
        四、切实加强安全生产工作
        各县、各部门要充分认识安全生产工作的极端重要性。
    """)
    assert [(task.path, task.agencies) for task in record.tasks] == [(["四"], ["各县", "各部门"])]


def test_a_notice_that_is_the_plan_keeps_the_tasks_it_gives_bodies(read):
    record = read("""
        某县人民政府关于印发2020年某县重点民生实事的通知
        各乡镇人民政府,县政府有关部门:
        现将2020年重点民生实事印发给你们,具体通知如下:
        一、启动支农路东延工程
        年内完成道路建设3公里。(责任单位:县公路局、县住建局)
        二、推进城区供水
        新建供水管网10公里。(责任单位:县水利局)
    """)
    assert [task.path for task in record.tasks] == [["一"], ["二"]]


def test_marks_a_mirror_inserts_against_copying_are_page_noise(read):
    record = read("""
        天津市持续深入打好污染防治攻坚战@@三年行动方案
        一、主要目标
        到2025年,细颗粒物@@(PM2.5)年@@均浓度控制在@@37微克@@/立方米以@@内@@。
        二、重点任务
        (一)淘汰老旧车辆。(责任单位:市生态@@环境局、市工业和信·息化局)
        (二)开展“爱国(guó)·奋斗”精神教育。(责任单位:市教育局)
    """)
    assert record.title == "天津市持续深入打好污染防治攻坚战三年行动方案"
    assert [(t.value, t.unit, t.comparator) for t in record.targets] == [(37, "微克/立方米", "<=")]
    assert record.tasks[0].agencies == ["市生态环境局", "市工业和信息化局"]
    assert record.tasks[1].text == "开展“爱国奋斗”精神教育。"  # read once the gloss is out


def test_commas_a_mirror_doubles_every_mark_with(read):
    record = read("""
        某区关于开展2017年度退耕还林工作的通知
        一,、加强组织领导。各乡镇政府要认真组织造林工作,,按要求完成,。
        二,、加强协作配合。各乡镇政府,、相关部门要做好协调工作,。
    """)
    assert [(task.path, task.agencies) for task in record.tasks] == [
        (["一"], ["各乡镇政府"]), (["二"], ["各乡镇政府", "相关部门"])]
    assert record.tasks[0].text == "各乡镇政府要认真组织造林工作,按要求完成。"


def test_a_sharing_sites_file_fields_and_download_tips_are_page_noise(read):
    record = read("""
        全文页数:19页
        - 资源格式: DOCX
        下载积分:5金币
        友情提示
        2、PDF文件下载后,可能会被浏览器默认打开,此种情况可以点击浏览器菜单保存
        3、本站不支持迅雷下载,请使用电脑自带的IE浏览器下载
        2024年城区旧城改造工作方案
        一、改造任务
        1.实施老旧小区改造项目12个。(责任单位:区住建局)
    """)
    assert [task.path for task in record.tasks] == [["一", "1"]]


def test_a_translation_the_page_appends_holds_no_items(read):
    record = read("""
        某省计划纲要报批程序的通知
        一、地区计划纲要由同级政府公布并组织实施。(责任单位:省计委)
        Municipalities and all state organs of the province:
        1. The outline of the regional plans is published by the government at the same level.
    """)
    assert [task.path for task in record.tasks] == [["一"]]


def test_a_one_line_notice_whose_first_section_follows_its_as_follows(read):
    line = ("各市、州人民政府,省政府各厅委:经省政府同意,现就计划纲要报批程序通知如下:"
            "一、地区计划纲要由同级政府公布并组织实施。(责任单位:省计委) "
            "二、专项规划由省政府办公厅批转下发。(责任单位:省政府办公厅) "
            "三、行业规划批转下发。(责任单位:省计委)")
    record = read("某省人民政府办公厅关于计划纲要报批程序的通知\n" + line)
    assert [(task.path, task.agencies) for task in record.tasks] == [
        (["一"], ["省计委"]), (["二"], ["省政府办公厅"]), (["三"], ["省计委"])]


def test_a_one_line_page_whose_first_sub_item_is_glued_to_its_sections_heading(read):
    """`一、强化目标责任(一)分解目标任务。…` and `(一)部署阶段(2023年10月至11月)1、召开…`:
    the first sub-item runs on right after its section's bare heading, on a page that ran
    everything into one line and ends before the next sibling."""
    line = ("为改善全县环境空气质量,有效解决扬尘污染问题,按照市政府要求,对各类扬尘污染源进行综合"
            "整治,使其达到规定的标准,制定本方案。一、强化目标责任(一)分解目标任务。综合考虑各乡镇"
            "经济发展水平和资源环境容量,合理分解各乡镇年度节能减排目标,确保完成任务。"
            "(县发改局、县环保局)二、实施步骤(一)部署阶段(2023年10月至11月)1、召开扬尘污染"
            "整治动员大会,部署工作任务,发动各乡镇、各有关部门打好攻坚战。(县环保局)")
    record = read("某县节能减排工作方案\n" + line)
    assert [(task.path, task.agencies) for task in record.tasks] == [
        (["一", "(一)"], ["县发改局", "县环保局"]), (["二", "(一)", "1"], ["县环保局"])]


ONE_LINE_BODY = ("为切实做好全县秸秆禁烧工作,进一步改善环境空气质量,结合我县实际,制定本方案。"
                 "一、工作目标 全县秸秆综合利用率达到90%以上,确保不发生大面积焚烧。"
                 "二、工作措施 (一)加强宣传引导。利用广播、电视等媒体广泛宣传秸秆禁烧的重要意义。"
                 "(县农业农村局负责)(二)强化网格监管。各乡镇要以行政村为单位划定禁烧网格,明确网格长"
                 "及监管队伍,落实监管责任,做到网格内耕地块块有人管。(各乡镇人民政府负责)")


@pytest.mark.parametrize(("page", "title"), [
    ("某县秸秆禁烧和综合利用工作方案" + ONE_LINE_BODY, "某县秸秆禁烧和综合利用工作方案"),
    ("第1页共5页某县2020年工作计划2020年是“十三五”的收官之年," + ONE_LINE_BODY,
     "某县2020年工作计划"),
    ("某县秸秆禁烧三年行动方案(2021—2023年)“十四五”时期," + ONE_LINE_BODY,
     "某县秸秆禁烧三年行动方案(2021—2023年)"),
    ("《某县国民经济和社会发展规划纲要》工作任务分工方案" + ONE_LINE_BODY,
     "《某县国民经济和社会发展规划纲要》工作任务分工方案"),
    ("做好2023年全县秸秆禁烧重点工作,要坚持以人民为中心," + ONE_LINE_BODY, None),
])
def test_a_one_line_pages_title_glued_to_its_first_sentence(read, page, title):
    """A page run into one line opens with its title, glued to the first sentence: the
    shortest title of the genre the words after it do not go on, after a page mark; a page
    opening with a sentence has none."""
    assert read(page).title == title


def test_a_one_line_pages_next_section_glued_to_the_words_before_it(read):
    """`二、实施时间:3月中旬—6月下旬三、工作重点 1、…`: the next section's number, glued to the
    words before it and opening a heading, starts it; `抓好三、四月份…` is text."""
    line = ("为确保顺利完成文明县城创建目标任务,结合我局工作实际,特制定创建实施方案如下:"
            "一、指导思想 以科学发展观为统揽,着力解决市容、环卫和城市规划管理方面的重点、热点、"
            "难点问题,抓好三、四月份的集中整治,建立健全长效管理机制,以整洁有序的城市环境迎接"
            "检查验收。二、实施时间:2011年3月中旬—6月下旬三、工作重点 1、开展环境专项整治活动。"
            "对县城主次干道、后街小巷、住宅小区等环境卫生进行治理。(县城管局负责) 2、加强基础设施"
            "建设。配全配好市民生活区的垃圾箱、果壳箱。(县住建局负责)")
    record = read("某县文明县城创建方案\n" + line)
    assert [(task.path, task.agencies) for task in record.tasks] == [
        (["三", "1"], ["县城管局"]), (["三", "2"], ["县住建局"])]


def test_a_one_line_pages_first_section_glued_to_its_title(read):
    """`…责任单位职责分解一、县城区办事处(一)…二、县建设局(一)…`: the first section's `一、`,
    glued to the title, starts it where the line goes on to `二、`; `统一、规范` is text."""
    line = ("某县创建园林县城责任单位职责分解一、县城区办事处(一)积极做好立体绿化,统一、规范"
            "管理绿地。(二)开展全民义务植树活动。二、县建设局(一)加强绿化建设。(二)完善城市"
            "绿地系统规划。")
    record = read(line)
    assert [(task.path, task.agencies) for task in record.tasks] == [
        (["一", "(一)"], ["县城区办事处"]), (["一", "(二)"], ["县城区办事处"]),
        (["二", "(一)"], ["县建设局"]), (["二", "(二)"], ["县建设局"])]


def test_a_sections_heading_closing_a_paragraph_after_a_space(read):
    """`…制定本实施细则。 一、工作目标` and `…明显改善。 二、主要任务`: a page that ran each
    section's heading onto the paragraph before it, after a space."""
    record = read("某市大气污染防治行动计划实施细则\n"
                  "为改善全市环境空气质量,结合实际,制定本实施细则。 一、工作目标\n"
                  "到2017年,全市空气质量总体改善。 二、主要任务\n"
                  "(一)加强工业大气污染防治。\n"
                  "1.电力行业大气污染治理。2014年6月底前,甲发电公司和乙发电厂要全面取消脱硫烟气旁路。\n")
    assert [(task.path, task.agencies) for task in record.tasks] == [
        (["二", "(一)", "1"], ["甲发电公司", "乙发电厂"])]


def test_a_clause_line_running_on_into_the_next_item_and_a_first_sub_item_glued_to_its_section(
        read):
    """`二、主要任务(一)加强基础设施建设。` then `1.…`, and `(责任单位:市城建局)2.完成…`: the
    first `(一)` glued to its section's heading opens its own list, and the clause of item 1
    on a line that runs on into item 2 is item 1's."""
    record = read("某市2015年创建国家卫生城市实施方案\n"
                  "二、主要任务(一)加强基础设施建设。\n"
                  "1.改造城市棚户区100万平方米。\n"
                  "(责任单位:市城建局)2.完成老旧燃气管网改造。\n")
    assert [(task.path, task.agencies) for task in record.tasks] == [
        (["二", "(一)", "1"], ["市城建局"]), (["二", "(一)", "2"], [])]
