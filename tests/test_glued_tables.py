"""Tables whose cells the page glued together, as document-sharing sites serve a flattened
table: no separator between the cells, the units' cell last in each row."""

from __future__ import annotations

from .test_layouts import units


def test_table_rows_glued_together_with_the_units_last_after_the_dates(read):
    record = read("""
        关于2008年为民办实事项目1-3月份进展情况的通报
        57城区绿化工程建成区绿地率达35%已完成秋收广场植树绿化2008年2009年市建设局
        58迎宾路改造按60米宽城市道路标准改造已开工2008年2008年新城区管委会、
        上栗县、安源区
        59全年推进城市建设,到2025年实现银川市
    """)
    assert units(record) == [(["57"], ["市建设局"], ["市建设局"]),
                             (["58"], ["新城区管委会", "上栗县", "安源区"], ["新城区管委会"]),
                             (["59"], [], [])]


def test_table_rows_glued_together_with_the_units_last_after_the_sentences(read):
    record = read("""
        某市重点任务责任分工表
        1、某市重点任务责任分工表序号工作内容目标任务责任单位备注1加强宣传发动,引导市民参与。年底前,知晓率达90%以上。市委宣传部(市文明办)、市城管委,团市委等部门,各区县政府(管委会)2完善回收体系,推进循环发展。年底前,基本建成回收体系。市商务局,市住建局,各区县政府(管委会)3推进产业发展。年底前,出台指导意见。市生态环境局
    """)
    assert units(record) == [
        (["1"], ["市委宣传部(市文明办)", "市城管委", "团市委", "各区县政府(管委会)"],
         ["市委宣传部(市文明办)"]),
        (["2"], ["市商务局", "市住建局", "各区县政府(管委会)"], ["市商务局"]),
        (["3"], [], [])]  # one name after a sentence may be the sentence's own subject


def test_words_after_an_items_last_sentence_are_no_units_cell(read):
    record = read("""
        某县2023年工作要点
        1.强化督查考核。年底前完成考核、通报
    """)
    assert units(record) == [(["1"], [], [])]
