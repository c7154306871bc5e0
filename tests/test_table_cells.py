"""Where each cell of a flattened task table belongs when the page lost its grid: rows that
left out cells, a header the page left out, units a line, a content cell naming bodies or
counts, and a task cell that opens with its body's name."""

from __future__ import annotations

from policygraph.parse import Record

TITLE = "某县2023年重点工作任务清单\n"


HEADERLESS = """
    1
    |
    一、主要预期目标
    |
    粮食产量稳定在100亿斤以上。
    |
    市农技中心
    |
    张三
    |
    2024年底前
    |
    5555309
    |
    2
    |
    二、加快新型工业化进程
    |
    农产品加工业产值增长15%以上。
    |
    产业科
    |
    2024年底前
    |
    5555301
    |
    3
    |
    培育规上农产品加工企业,新增10家。
    |
    产业科
    市畜牧中心
    |
    李四
    王五
    |
    2024年底前
    |
    5555309
    5125676
    |
    4
    |
    四、加快农业农村现代化进程
    |
    新建高标准农田26万亩。
    |
    市农发中心
    |
    赵六
    |
    2024年底前
"""


# A table of goals and their standards, its sub-rows under each row's category.
STANDARDS_HEADER = """
        序号
        目标名称
        工作标准
        分管领导
        牵头单位
        配合单位"""


def rows(record: Record) -> list[tuple[list[str], str, list[str], list[str]]]:
    return [(task.path, task.text, task.agencies, task.lead) for task in record.tasks]


def test_a_table_one_cell_per_line_whose_header_the_page_left_out(read):
    """Rows whose number stands alone, a section's name in the cell after a number, people,
    deadlines and telephone numbers after the units; a section the table leaves out."""
    record = read(HEADERLESS)
    assert rows(record) == [
        (["二", "2"], "农产品加工业产值增长15%以上。", ["产业科"], ["产业科"]),
        (["二", "3"], "培育规上农产品加工企业,新增10家。", ["产业科", "市畜牧中心"], ["产业科"]),
        (["四", "4"], "新建高标准农田26万亩。", ["市农发中心"], ["市农发中心"]),
    ]
    assert sorted((t.value, t.unit) for t in record.targets) == [
        (10, "家"), (15, "%"), (26, "万亩"), (100, "亿斤")]


def test_numbers_on_lines_of_their_own_without_units_are_no_table(read):
    record = read(TITLE + """
        项目
        分值
        地区生产总值增长率
        3
        年终综合考核
        1
        62
        区投促局
        2
        18.4
        区发改委
    """)
    assert record.tasks == []


def test_a_header_without_a_number_column_and_a_last_row_the_page_cut(read):
    """Rows numbered in a cell no heading names; the header's empty closing cells and a last
    row cut before its deadline's cell do not shift the columns."""
    record = read(TITLE + """
        工作任务 | 具体要求 | 责任单位 | 时限要求 | ||
        一、助力发展。 | (一)公开政策。 | 1 | 公开涉企政策文件。 | 县发改局负责落实 | 持续推进
        2 | 开设帮扶政策专题。 | 县商务局负责落实 | 持续推进
        3 | 用好营商环境问题投诉机制。 | 县发改局牵头,县住建局等
    """)
    assert rows(record) == [
        (["一", "(一)", "1"], "公开涉企政策文件。", ["县发改局"], ["县发改局"]),
        (["一", "(一)", "2"], "开设帮扶政策专题。", ["县商务局"], ["县商务局"]),
        (["一", "(一)", "3"], "用好营商环境问题投诉机制。", ["县发改局", "县住建局"], ["县发改局"]),
    ]


def test_a_cell_per_line_table_of_offices_a_unit_a_line_with_cells_left_out(read):
    """`责任股室` names a units' column (its heading broken over lines); a row that leaves out
    its deadline and leader keeps every unit of its units' cell, one a line."""
    record = read(TITLE + """
        序号
        工作任务
        完成时限
        责任领导
        责任股室
        (单位)
        1
        开展惠民演出不少于100场。
        12月底前
        夏俊贵
        文化宣传股
        文化馆
        2
        办好非遗学术交流活动。
        羌研会
        博物馆
        3
        新建旅游厕所6座。
    """)
    assert rows(record) == [
        (["1"], "开展惠民演出不少于100场。", ["文化宣传股", "文化馆"], ["文化宣传股"]),
        (["2"], "办好非遗学术交流活动。", ["羌研会", "博物馆"], ["羌研会"]),
        (["3"], "新建旅游厕所6座。", [], []),
    ]


def test_a_column_of_the_bodies_responsible_and_those_that_help(read):
    record = read(TITLE + """
        序号 | 主要任务 | 分管 领导 | 牵头 单位 | 责任主体与协同单位 | 推进情况 |
        24 | 优化提升50条背街后巷交通组织。 | 徐国江 | 城管局 | 市政局、相关街道 | 完成30%。 |
    """)
    assert rows(record) == [(["24"], "优化提升50条背街后巷交通组织。",
                             ["城管局", "市政局", "相关街道"], ["城管局"])]


def test_a_departments_extract_of_a_table_keeps_its_row_numbers_under_empty_sections(read):
    """Rows `3` and `68` of a longer table; sections with no rows the page shows are no
    tasks."""
    record = read(TITLE + """
        序号
        重点工作任务
        主要责任单位
        协同配合单位
        一、主要预期目标
        3
        固定资产投资增长7.5%左右。
        区发改委
        区工信局
        二、全力以赴扩投资
        三、全力以赴惠民生
        68
        推进学前教育普及普惠。
        区教育局
        各乡镇人民政府
    """)
    assert rows(record) == [(["三", "68"], "推进学前教育普及普惠。", ["区教育局", "各乡镇人民政府"],
                             ["区教育局"])]


def test_sub_rows_with_cells_of_their_own_under_a_rows_category(read):
    record = read(TITLE + STANDARDS_HEADER + """
        1
        四大功能区建设
        (1)老城复兴样板区要见成效,完成37个老旧小区改造任务。
        王旭锋
        胡金芳
        住建局
        新闸街道、五星街道
        (2)数字经济先导区要树标杆。
        李四
        发改局
        工信局
    """)
    assert rows(record) == [
        (["1", "(1)"], "老城复兴样板区要见成效,完成37个老旧小区改造任务。",
         ["住建局", "新闸街道", "五星街道"], ["住建局"]),
        (["1", "(2)"], "数字经济先导区要树标杆。", ["发改局", "工信局"], ["发改局"]),
    ]


def test_a_rows_category_naming_goals_holds_goals_and_the_next_row_follows_its_sub_rows(read):
    """`全区…主要预期目标` over its sub-rows: goals, not tasks, though they name units; the
    next row's number after a sub-row whose units' cells were merged away, and its
    categories (a long one, then a short one) before its own sub-rows."""
    record = read(TITLE + STANDARDS_HEADER + """
        1
        全区经济社会发展的主要预期目标
        (1)地区生产总值增长6%左右。
        王五
        发改局
        统计局
        (2)安全生产形势平稳向好。
        应急管理局
        2
        聚焦产业强区不动摇,高效统筹存量和增量,以更实举措推动产城融合
        聚力攻坚
        (3)新增入库重大项目7个以上。
        李四
        发改局
        工信局
    """)
    assert rows(record) == [(["2", "(3)"], "新增入库重大项目7个以上。", ["发改局", "工信局"],
                             ["发改局"])]
    assert [(target.path, target.value) for target in record.targets] == [
        (["1", "(1)"], 6), (["2", "(3)"], 7)]


def test_rows_whose_category_cell_was_merged_into_the_row_above(read):
    """A category column before the tasks' (`指标`): a row without its cell opens with the
    task's sentence."""
    record = read(TITLE + """
        序号
        指标
        工作任务
        完成时限
        责任股室
        1
        公共文化服务
        免费开放服务人次较上年增长15%。
        12月底前
        文化宣传股
        2
        开展好“三下乡”活动。
        3
        文化产业
        培育规模以上文化服务企业1家。
        文化产业股
    """)
    assert rows(record) == [
        (["1"], "免费开放服务人次较上年增长15%。", ["文化宣传股"], ["文化宣传股"]),
        (["2"], "开展好“三下乡”活动。", [], []),
        (["3"], "培育规模以上文化服务企业1家。", ["文化产业股"], ["文化产业股"])]


def test_a_column_of_yearly_figures_before_the_units_column(read):
    record = read(TITLE + """
        序号
        考核内容
        单位
        年度目标
        责任部门
        1
        粮食播种面积
        万亩
        0.07
        县农业农村局
        2
        农业劳动生产率
        万元/人
        全市统筹
        县海洋与渔业局
    """)
    assert [(task.path, task.agencies) for task in record.tasks] == [
        (["1"], ["县农业农村局"]), (["2"], ["县海洋与渔业局"])]


def test_a_pipe_row_that_left_out_a_merged_cell_before_its_units(read):
    record = read(TITLE + """
        序号 | 工作任务 | 细化分工 | 责任处室 | 完成时限 | 备注 |
        1 | 做好疫情防控信息发布 | 围绕流调溯源发布信息 | 应急处 | 长期推进 | |
        2 | 扎实做好疫苗接种信息公开 | 疾控处 | 长期推进 |
    """)
    assert [(task.path, task.agencies) for task in record.tasks] == [
        (["1"], ["应急处"]), (["2"], ["疾控处"])]


def test_a_task_cell_naming_bodies_or_a_count_is_no_units_cell(read):
    """Rows that left out their merged category cell: a content cell stating a count
    (`对28所学校…`), or a sentence closing with a full stop that lists bodies among other words,
    is the task's, and the units are the cells after it."""
    record = read(TITLE + """
        序号
        事项分类
        事项名称
        项目内容
        牵头单位
        协同单位
        1
        教育工程
        学校建设
        新建中小学校5家。
        县教体局
        县发改局
        2
        阳光厨房
        对28所中小学校食堂安装数字化验收平台。
        县教体局
        /
        3
        消防力量提质
        对乡镇专职消防队、村志愿队、社区微型消防站灭火救援装备提档升级。
        县消防救援大队
        各乡镇
    """)
    assert [(task.path, task.agencies, task.lead) for task in record.tasks] == [
        (["1"], ["县教体局", "县发改局"], ["县教体局"]),
        (["2"], ["县教体局"], ["县教体局"]),
        (["3"], ["县消防救援大队", "各乡镇"], ["县消防救援大队"]),
    ]


def test_a_task_cell_opening_with_a_bodys_name_and_a_colon_names_its_unit(read):
    """A division of duties as a table without a units' column (`县住建局:向县委报告…`)."""
    record = read(TITLE + """
        序号
        工作任务
        完成时限
        1
        县住建局:向县委、县政府及时报告集中供热重大问题。
        长期
        2
        县发改局:做好煤炭供应。
        2022年3月
    """)
    assert rows(record) == [
        (["1"], "向县委、县政府及时报告集中供热重大问题。", ["县住建局"], ["县住建局"]),
        (["2"], "做好煤炭供应。", ["县发改局"], ["县发改局"]),
    ]


def test_a_cell_per_line_table_whose_unnamed_column_runs_over_lines(read):
    """`序号 重点任务 工作措施 完成时限 牵头单位 协办单位`, one cell a line, a row's measures over
    two lines: the units after the deadline are the row's all the same."""
    record = read(TITLE + """
        序号
        重点任务
        工作措施
        完成时限
        牵头单位
        协办单位
        1
        健全监管模式
        完善空气质量监测网络建设。
        年底前
        区生态环境局
        区科信局
        2
        推进源头替代
        严格落实国家产品质量标准。
        加强执法检查,督促企业建立台账。
        长期实施
        区发改委
        区科信局
    """)
    assert [(path, units, lead) for path, _, units, lead in rows(record)] == [
        (["1"], ["区生态环境局", "区科信局"], ["区生态环境局"]),
        (["2"], ["区发改委", "区科信局"], ["区发改委"]),
    ]


def test_a_cell_per_line_table_whose_headings_the_page_broke_over_lines(read):
    """`建设起` `止年限`, `总投资` `(万元)`, `资金` `来源`, `责任` `单位`: headings broken over
    lines, unknown ones among them, still give the units' column."""
    record = read(TITLE + """
        序号
        项目名称
        项目建设规模及内容
        建设起
        止年限
        总投资
        (万元)
        资金
        来源
        责任
        单位
        1
        城市用气提升工程
        对28个小区进行“液改气”改造。
        2023.01-2023.12
        1200
        国企投资
        城投集团
        2
        山塘水库综合整治工程
        完成6座小型水库加固改造。
        2023.01-2023.12
        4600
        政府投资
        水利局
    """)
    assert [(path, units) for path, _, units, _ in rows(record)] == [
        (["1"], ["城投集团"]), (["2"], ["水利局"])]


def test_a_bodys_other_name_on_a_line_of_its_own_in_a_units_cell(read):
    record = read(TITLE + """
        序号
        重点工作
        牵头领导
        牵头单位
        主要参与单位
        1
        实施人才引进计划,新增高层次人才100名。
        张三
        区发改局
        (区金融办)
        区经信局
        区科技局、区财政局
    """)
    assert [(units, lead) for _, _, units, lead in rows(record)] == [
        (["区发改局(区金融办)", "区经信局", "区科技局", "区财政局"],
         ["区发改局(区金融办)", "区经信局"])]
