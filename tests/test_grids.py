"""Task tables flattened to text: one task per numbered row, its units from their columns."""

from __future__ import annotations

from policygraph.parse import Record

TITLE = "某县2023年重点工作任务清单\n"


def rows(record: Record) -> list[tuple[list[str], str, list[str], list[str]]]:
    return [(task.path, task.text, task.agencies, task.lead) for task in record.tasks]


def test_pipe_rows_with_a_header(read):
    record = read(TITLE + """
        序号 | 重点任务 | 牵头单位 | 配合单位 | 完成时限
        1 | 新增规上企业10家以上。 | 县经信局 | 县统计局、各乡镇 | 2023年12月底
        2 | 推进物流园区建设。 | 县发改局 县交通局 | 县财政局 | 全年
    """)
    assert rows(record) == [
        (["1"], "新增规上企业10家以上。", ["县经信局", "县统计局", "各乡镇"], ["县经信局"]),
        (["2"], "推进物流园区建设。", ["县发改局", "县交通局", "县财政局"],
         ["县发改局", "县交通局"]),
    ]
    assert [task.heading for task in record.tasks] == [None, None]
    assert [(t.value, t.unit) for t in record.targets] == [(10, "家")]  # not the deadline


def test_tab_separated_rows_continued_over_lines(read):
    record = read(TITLE + "序号\t工作任务\t责任单位\t进度\n"
                          "1\t加快推进县城污水处理厂建设,\t县住建局\t完成60%\n"
                          "力争年内投入运行。\t\t\n"
                          "2\t培育电商企业5家。\t县商务局\t已完成2家\n")
    assert rows(record) == [
        (["1"], "加快推进县城污水处理厂建设,力争年内投入运行。", ["县住建局"], ["县住建局"]),
        (["2"], "培育电商企业5家。", ["县商务局"], ["县商务局"]),
    ]
    assert [(t.value, t.unit) for t in record.targets] == [(5, "家")]  # progress is no target


def test_one_cell_per_line_with_a_person_column_and_missing_cells(read):
    record = read(TITLE + """
        序号
        重点工作
        责任领导
        责任单位
        完成时限
        1
        坚持服务跟着项目走,优化项目审批流程。
        张三
        招商工作部、安商工作部
        全年
        2
        盘活存量土地400亩。
        改革办
        3
        加快推进污水处理厂及管网提升项目,
        全面完成一期工程。
        李四
        规划建设局
        2023年底
    """)
    assert rows(record) == [
        (["1"], "坚持服务跟着项目走,优化项目审批流程。", ["招商工作部", "安商工作部"],
         ["招商工作部"]),
        (["2"], "盘活存量土地400亩。", ["改革办"], ["改革办"]),
        (["3"], "加快推进污水处理厂及管网提升项目,全面完成一期工程。", ["规划建设局"],
         ["规划建设局"]),
    ]


def test_section_rows_nest_the_table_under_the_item_it_stands_in(read):
    record = read(TITLE + """
        一、市政府重点工作任务
        序号 | 目标与任务 | 牵头责任单位 | 责任单位 |
        一、主要预期目标 | |||
        (1) | 地区生产总值增长6%以上。 | 市发展改革委 | 各县市区政府 |
        二、重点做好以下工作 | |||
        (一)加强经济运行调节。 | |||
        1 | 大力提振消费。 | ||
        (2) | 统筹衔接消费券发放。 | 市商务局 | 各县市区政府、 开发区管委会 |
        二、保障措施
        (一)加强组织领导。(责任单位:市政府办)
    """)
    assert rows(record) == [
        (["一", "二", "(一)", "1", "(2)"], "统筹衔接消费券发放。",
         ["市商务局", "各县市区政府", "开发区管委会"], ["市商务局"]),
        (["二", "(一)"], "加强组织领导。", ["市政府办"], ["市政府办"]),
    ]
    assert [(t.path, t.value) for t in record.targets] == [(["一", "一", "(1)"], 6)]


def test_milestones_inside_a_cell_are_not_tasks(read):
    record = read(TITLE + """
        序号 | 工作内容 | 牵头部门 | 时间节点
        1 | 建设智慧城市平台:1.6月底前完成招标;2.年底前上线运行。 | 县大数据局 | 年底
        2 | 推进老旧小区改造。 | 县住建局 | 10月
    """)
    assert [task.path for task in record.tasks] == [["1"], ["2"]]
    assert "1.6月底前完成招标" in record.tasks[0].text


def test_a_units_cell_may_list_one_unit_per_line(read):
    record = read(TITLE + """
        序号
        事项名称
        责任单位
        事项内容
        1
        实施中心城区生活服务圈建设
        万盛街道
        东林街道
        万东镇
        完成中心城区生活服务圈建设。
        2
        实施老旧小区改造工程
        住房城乡建设局
        完成50台老旧电梯更新改造。
    """)
    assert rows(record) == [
        (["1"], "实施中心城区生活服务圈建设", ["万盛街道", "东林街道", "万东镇"], ["万盛街道"]),
        (["2"], "实施老旧小区改造工程", ["住房城乡建设局"], ["住房城乡建设局"]),
    ]
    assert [(t.path, t.value, t.unit) for t in record.targets] == [(["2"], 50, "台")]


def test_a_table_of_goals_holds_targets_not_tasks(read):
    record = read(TITLE + """
        附件:1. 2022年预期目标任务分解表
        2. 2022年重点工作任务分解表
        附件1
        序号
        2022年预期目标
        责任单位
        1
        地区生产总值增长5.5%左右
        区发展改革委
        附件2
        序号
        重点工作
        牵头单位
        配合单位
        1
        推动国家重点实验室落地。
        区科技局
        区发展改革委
    """)
    assert rows(record) == [(["1"], "推动国家重点实验室落地。", ["区科技局", "区发展改革委"],
                             ["区科技局"])]
    assert [(t.path, t.value, t.comparator) for t in record.targets] == [(["1"], 5.5, "~")]


def test_an_ordinary_outline_is_no_table(read):
    record = read("""
        某县工作要点
        一、重点任务
        1.推进项目建设。
        2.做好统计工作,按月报送数据。
        3.加强人才培养。
    """)
    assert [task.path for task in record.tasks] == [["一", "1"], ["一", "2"], ["一", "3"]]


def test_cells_separated_by_spaces_under_a_header_of_known_headings(read):
    record = read(TITLE + """
        序号 重点工作任务分解 责任领导 责任部门 完成期限 监督方式
        1 主动对接长三角,共建联动创新区。 张三 经济发展局 2021年12月 季度调度
        2 探索产业转移利益共享合作机制。 李四 科技中心、经济发展局 2021年10月 季度调度
    """)
    assert rows(record) == [
        (["1"], "主动对接长三角,共建联动创新区。", ["经济发展局"], ["经济发展局"]),
        (["2"], "探索产业转移利益共享合作机制。", ["科技中心", "经济发展局"], ["科技中心"]),
    ]


def test_rows_separated_by_spaces_whose_units_close_them(read):
    """Spaces lose empty cells and split a short cell written with a space; the units'
    columns that close the header are the row's last cells."""
    record = read(TITLE + """
        序号 类别 主要任务 细化措施 牵头单位 参与单位 责任单位
        1 加强保 护 严守红线 用水总量控制在12亿立方米以内。 县水利局 县发改委、县住建局等 各乡镇
        2 抓好工业节水。推进节水技术改造。 县工信局、县水利局 县发改委等 各乡镇
    """)
    assert rows(record) == [
        (["1"], "严守红线", ["县水利局", "县发改委", "县住建局", "各乡镇"], ["县水利局"]),
        (["2"], "抓好工业节水。推进节水技术改造。",
         ["县工信局", "县水利局", "县发改委", "各乡镇"], ["县工信局", "县水利局"]),
    ]
    assert [(t.value, t.unit) for t in record.targets] == [(12, "亿立方米")]


def test_a_category_row_of_goals_heads_the_rows_below_it(read):
    record = read(TITLE + """
        分类
        序号
        事项
        责任单位
        发展目标
        1
        地区生产总值增长6.5%以上。
        区发改局
        激发市场活力
        2
        深化营商环境改革。
        区市场监管局
    """)
    assert rows(record) == [(["2"], "深化营商环境改革。", ["区市场监管局"], ["区市场监管局"])]
    assert [(t.path, t.value) for t in record.targets] == [(["1"], 6.5)]


def test_stray_marks_a_broken_encoding_left_after_cells(read):
    record = read(TITLE + """
        序号? | 重 点 工 作 任 务? | 牵头领导? | 牵头单位? |
        1? | 打造创新驱动策源地。? | 祝振伟? | 未来科技城(海创园)? |
    """)
    assert rows(record) == [(["1"], "打造创新驱动策源地。", ["未来科技城(海创园)"],
                             ["未来科技城(海创园)"])]


def test_task_cells_numbered_inline_without_a_number_column(read):
    record = read(TITLE + """
        主要工作任务
        牵头单位
        责任单位
        一、优化结构、调整布局
        1.主动对接国家战略,壮大数字经济。
        区发改局
        区工信局、各街道办事处
        2.大力发展新兴数字产业。
        发改局
        区工信局
        各街道办事处
    """)
    assert rows(record) == [
        (["一", "1"], "主动对接国家战略,壮大数字经济。", ["区发改局", "区工信局", "各街道办事处"],
         ["区发改局"]),
        (["一", "2"], "大力发展新兴数字产业。", ["发改局", "区工信局", "各街道办事处"], ["发改局"]),
    ]


def test_a_category_column_before_the_number_and_people_in_the_units_cell(read):
    record = read(TITLE + """
        大类 | 序号 | 工作任务 | 分管 县领导 | 牵头单位及 主要负责人 | 落实进展情况 |
        一、提高民生保障水平 | 1 | 新建养老服务中心3个。 | 王五 | 县民政局 赵六 | 已完成。 |
        2 | 改造农村公路50公里。 | 王五 | 县交通局 钱七 | 已完成30公里。 |
    """)
    assert rows(record) == [
        (["一", "1"], "新建养老服务中心3个。", ["县民政局"], ["县民政局"]),
        (["一", "2"], "改造农村公路50公里。", ["县交通局"], ["县交通局"]),
    ]
    assert [(t.value, t.unit) for t in record.targets] == [(3, "个"), (50, "公里")]


def test_list_bullets_before_cells_a_lead_per_line_and_a_progress_cell_over_lines(read):
    record = read(TITLE + """
        • 序号
        重点工作
        牵头单位
        责任单位
        进度安排
        24
        抓好改革清单的实施,确保取得阶段性成效。
        县发改局
        县科技局
        县金融办
        县经信局、县教育局、县财政局
        全年完成。其中:
        一季度:组织实施项目60项。
        二季度:新建平台3个。
    """)
    assert rows(record) == [
        (["24"], "抓好改革清单的实施,确保取得阶段性成效。",
         ["县发改局", "县科技局", "县金融办", "县经信局", "县教育局", "县财政局"],
         ["县发改局", "县科技局", "县金融办"]),
    ]
    assert record.targets == []  # the progress column's figures are no targets


def test_units_named_by_federations_short_names(read):
    record = read(TITLE + """
        序号
        重点工作
        责任单位
        完成时限
        1
        建成县残疾人综合服务中心。
        县残联
        5月底前
        2
        举办文艺惠民演出。
        县文联
        全年
    """)
    assert [(task.path, task.agencies) for task in record.tasks] == [
        (["1"], ["县残联"]), (["2"], ["县文联"])]


def test_role_words_inside_a_units_cell(read):
    record = read(TITLE + """
        序号 | 重点工作任务 | 责任单位 |
        1 | 推进人才服务综合体建设。 | 县人社局、县科技局、团县委配合落实 |
        2 | 建设农贸市场。 | 县商务局(牵头)、县市场监管局 |
    """)
    assert rows(record) == [
        (["1"], "推进人才服务综合体建设。", ["县人社局", "县科技局", "团县委"], ["县人社局"]),
        (["2"], "建设农贸市场。", ["县商务局", "县市场监管局"], ["县商务局"]),
    ]


def test_merged_outline_columns_left_out_after_a_groups_first_row(read):
    record = read(TITLE + """
        | 工作目标 | 工作内容 | 工作措施 | 责任单位 | 完成时限 |
        | 一、治理突出问题 | (一)源头治理 | 1.建立监管单位名单。 | 县生态环境分局牵头 | 11月底前 |
        | 2.开展兽药减量行动。 | 县农业农村局 | 11月底前 | ||
        | (二)加强校园食品安全 | 3.落实校长责任制。 | 县教育局 | 长期坚持 | |
        | 4.加大周边检查力度
    """)
    assert rows(record) == [
        (["一", "(一)", "1"], "建立监管单位名单。", ["县生态环境分局"], ["县生态环境分局"]),
        (["一", "(一)", "2"], "开展兽药减量行动。", ["县农业农村局"], ["县农业农村局"]),
        (["一", "(二)", "3"], "落实校长责任制。", ["县教育局"], ["县教育局"]),
        (["一", "(二)", "4"], "加大周边检查力度", [], []),
    ]


def test_a_category_cell_then_the_rows_number_on_a_line_of_its_own(read):
    record = read(TITLE + """
        工作任务
        |
        具体要求
        |
        责任科室
        |
        时限要求
        |
        强化规范性文件公开
        |
        1
        |
        对规范性文件进行全面清理。
        |
        办公室
        |
        年底前
        |
        深化政策解读
        |
        2
        |
        持续提升政策解读质量。
        |
        各科室
        |
        持续推进
    """)
    assert rows(record) == [(["1"], "对规范性文件进行全面清理。", ["办公室"], ["办公室"]),
                            (["2"], "持续提升政策解读质量。", ["各科室"], ["各科室"])]


def test_a_rows_later_lines_of_cells_continue_its_task_and_later_columns(read):
    record = read(TITLE + """
        序号 | 项目内容 | 进展情况 | 责任单位 |
        1 | 新建成婴幼儿照护驿站7家。 | 已建成13家。 | 卫生健康局 |
        新增照护托位500个。 | 新增托位600个。 | ||
        2 | 实施农村公路大中修100公里。 | 完成50公里。 | 交通运输局 |
    """)
    assert rows(record) == [
        (["1"], "新建成婴幼儿照护驿站7家。新增照护托位500个。", ["卫生健康局"], ["卫生健康局"]),
        (["2"], "实施农村公路大中修100公里。", ["交通运输局"], ["交通运输局"]),
    ]
    assert [(t.path, t.value) for t in record.targets] == [
        (["1"], 7), (["1"], 500), (["2"], 100)]


def test_a_project_table_with_place_and_money_columns(read):
    record = read(TITLE + """
        序号 |
        项目名称 |
        建设地点 |
        建设内容 |
        年度投资金额 (万元) |
        责任单位 |
        1 |
        中小学运动场地改造项目 |
        相关镇 (街道) |
        对3所学校运动场地进行改造。 |
        300 |
        县教体局 |
        2 |
        城北道路建设项目 |
        纸坊街道 |
        建成道路1.2公里。 |
        1200 |
        县住建局 |
    """)
    assert rows(record) == [
        (["1"], "中小学运动场地改造项目", ["县教体局"], ["县教体局"]),
        (["2"], "城北道路建设项目", ["县住建局"], ["县住建局"]),
    ]


def test_rows_under_a_category_naming_goals_are_goals(read):
    record = read(TITLE + """
        序号 | 目标任务 | 责任单位 |
        经济社会发展主要预期目标分解 | | |
        1 | 地区生产总值增长12%。 | 县发改局 |
        重点工作任务 | | |
        2 | 推进物流园区建设。 | 县商务局 |
    """)
    assert rows(record) == [(["2"], "推进物流园区建设。", ["县商务局"], ["县商务局"])]
    assert [(t.path, t.value) for t in record.targets] == [(["1"], 12)]


def test_a_heading_over_several_columns_of_each_row(read):
    record = read(TITLE + """
        工作任务 | 具体要求 | 责任单位 | 时限要求 | ||
        一、助力发展。 | (一)信息公开。 | 1 | 公开政策文件。 | 县发改局,各乡镇负责落实 | 持续推进 |
        2 | 开设行业帮扶政策公开专题。 | 县商务局 | 年底前 |
    """)
    assert rows(record) == [
        (["一", "(一)", "1"], "公开政策文件。", ["县发改局", "各乡镇"], ["县发改局"]),
        (["一", "(一)", "2"], "开设行业帮扶政策公开专题。", ["县商务局"], ["县商务局"]),
    ]


def test_numbered_milestones_in_a_cell_after_the_numbered_task_cell(read):
    record = read(TITLE + """
        工作任务 |
        具 体 要 求 |
        责任单位 |
        完成情况 |
        一、年底前专项工作任务 |
        1.规范性文件集中公开 |
        1.开展规范性文件清理。2.发布文件标准电子文本。 |
        县政府各部门 |
        推进中 |
        2.基层政务公开提升 |
        1.全面公开各领域政府信息。 |
        各乡镇 |
        已完成 |
    """)
    assert rows(record) == [
        (["一", "1"], "规范性文件集中公开", ["县政府各部门"], ["县政府各部门"]),
        (["一", "2"], "基层政务公开提升", ["各乡镇"], ["各乡镇"]),
    ]


def test_two_tables_each_under_its_section_with_asides_and_marked_numbers(read):
    record = read(TITLE + """
        一、省级重点工作涉县任务
        序号
        重点工作任务(县牵头2项)
        责任单位
        (一)张三副县长牵头重点工作
        1
        保障粮食安全。
        县农业农村局
        二、市级重点工作涉县任务
        序号
        重点工作任务(县配合19项)
        责任单位
        (一)李四副县长牵头重点工作
        1*
        推进科创走廊建设。
        县科技局、县发改局
    """)
    assert rows(record) == [
        (["一", "(一)", "1"], "保障粮食安全。", ["县农业农村局"], ["县农业农村局"]),
        (["二", "(一)", "1"], "推进科创走廊建设。", ["县科技局", "县发改局"], ["县科技局"]),
    ]


def test_a_progress_column_one_cell_per_line_holds_no_targets(read):
    record = read(TITLE + """
        序号
        内容与要求
        进展情况
        责任单位
        1
        持续推进重大项目攻坚,确保有效投资增长8%。
        1-2月,全市固定资产投资同比下降12.7%,高于全省平均水平1.7个百分点。
        县发改委
        2
        建设四好农村路55公里。
        95%
        县交通局
    """)
    assert [(task.path, task.agencies) for task in record.tasks] == [
        (["1"], ["县发改委"]), (["2"], ["县交通局"])]
    assert [(t.path, t.value, t.unit) for t in record.targets] == [
        (["1"], 8, "%"), (["2"], 55, "公里")]


def test_a_table_of_goals_broken_down_by_place(read):
    record = read("""
        2018年某市主要预期指标分解汇总表
        序号
        指标名称
        单位
        苏州市
        张家港
        园区
        1
        地区生产总值
        增幅(%)
        7左右
        7以上
        7.5
        2
        全社会固定资产投资
        亿元
        与上年持平
        120
        ≥95
    """)
    assert record.tasks == []
    assert [(t.value, t.unit, t.comparator) for t in record.targets] == [
        (7, "%", "~"), (7, "%", ">="), (7.5, "%", "="), (120, "亿元", "="), (95, "亿元", ">=")]
    assert record.targets[1].indicator.startswith("张家港地区生产总值")


def test_a_goal_broken_down_by_place_in_one_cell(read):
    record = read(TITLE + """
        项 目 | 目标 | 分 解 情 况 | 责任单位 |
        就业促进工程 | 城镇新增就业人数(人) | 1300 | 元坝镇280 白果乡15 拣银岩街道办40 | 区人社局 |
    """)
    assert sorted((t.value, t.unit) for t in record.targets) == [
        (15, "人"), (40, "人"), (280, "人"), (1300, "人")]
    assert any(t.indicator.startswith("白果乡城镇新增就业人数") for t in record.targets)


def test_a_units_column_headed_by_whom_it_falls_to(read):
    """`负责单位` names the units as `责任单位` does; the row's pipes open and close it."""
    record = read(TITLE + """
        | 序号 | 工作任务 | 负责单位 | 时间进度 |
        | 1 | 推动成立县旅游发展委员会。 | 县文旅局、县委编办。 | 8月份前完成 |
        | 2 | 夯实旅游统计基础。 | 县统计局。 | 持续实施 |
    """)
    assert rows(record) == [
        (["1"], "推动成立县旅游发展委员会。", ["县文旅局", "县委编办"], ["县文旅局"]),
        (["2"], "夯实旅游统计基础。", ["县统计局"], ["县统计局"]),
    ]


def test_a_table_of_goals_by_year_after_its_baseline(read):
    """`2022年 | 2025年 | 2027年`: the earliest year is the baseline, the later ones targets of
    their year; the units' columns after the figures hold no figures."""
    record = read("""
        某县健康行动计划主要目标责任清单
        序号
        指标名称
        单位
        2022年
        2025年
        2027年
        牵头单位
        责任单位
        1
        居民健康素养水平
        %
        21.6
        ≥31.5
        ≥33
        县卫健局
        各乡镇人民政府
        2
        总体癌症5年生存率
        %
        35
        ≥38
        ≥40
        县卫健局
        县医保局
    """)
    assert record.tasks == []
    assert [(t.path, t.value, t.unit, t.comparator, t.year) for t in record.targets] == [
        (["1"], 31.5, "%", ">=", 2025), (["1"], 33, "%", ">=", 2027),
        (["2"], 38, "%", ">=", 2025), (["2"], 40, "%", ">=", 2027)]


def test_a_progress_share_column_holds_no_targets(read):
    """`进展比例`: how far each row's work has come, no target of its own."""
    record = read(TITLE + """
        | 序号 | 任务项目指标 | 责任单位 | 进展比例 |
        | 1 | 新增配置自动体外除颤仪115台。 | 县卫生健康局 | 80% |
        | 2 | 培训应急救护人员575人以上。 | 县红十字会 | 50% |
    """)
    assert [(t.path, t.value, t.unit) for t in record.targets] == [(["1"], 115, "台"),
                                                                  (["2"], 575, "人")]


def test_a_row_that_holds_nothing_but_its_number_is_left_out_with_a_warning(read):
    """A row whose cells the page left empty is no task a reader can use, and nothing on the
    page points at it: it is left out, and the record says so."""
    record = read(TITLE + """
        序号 | 重点任务 | 牵头单位 | 完成时限
        1 | 新增规上企业10家。 | 县经信局 | 年底
        2 |  |  | 年底
        3 | 推进物流园区建设。 | 县发改局 | 全年
    """)
    assert [task.path for task in record.tasks] == [["1"], ["3"]]
    assert all(task.span is not None for task in record.tasks)
    assert "item 2 holds nothing but its number: left out" in record.warnings
