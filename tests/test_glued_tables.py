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


def test_a_sharing_sites_chunks_joined_back_into_the_text_they_cut(read):
    """`1、…` `2、…`: a sharing site's chunks, each cut off mid-word, are no items; the first
    opens with the title glued to the first section."""
    record = read("""
        《某县2023年森林防火工作方案.docx》由会员分享,可在线阅读
        1、某县2023年森林防火工作方案一、工作任务(一)加强宣传。各乡镇要采取多种形式开展森林防火宣传,张贴防火令,做到家喻户晓,确保群众知晓率达到
        2、95%以上。(县林业局负责)(二)清理可燃物。在林地边缘大力开展可燃物清理。(各乡镇负责)
    """)
    assert units(record) == [(["一", "(一)"], ["县林业局"], ["县林业局"]),
                             (["一", "(二)"], ["各乡镇"], ["各乡镇"])]
    assert [(t.path, t.value) for t in record.targets] == [(["一", "(一)"], 95)]


def test_a_glued_tables_header_and_its_first_row(read):
    """`…分工表序号工作内容责任单位1加强…`: the first row's number glued to the header."""
    record = read("""
        某市重点任务责任分工表序号工作内容目标任务责任单位备注1加强宣传发动,引导市民参与。市委宣传部、市城管委
    """)
    assert units(record) == [(["1"], ["市委宣传部", "市城管委"], ["市委宣传部"])]


def test_items_a_mirror_cut_short_on_a_page_of_no_sharing_site_stay_items(read):
    """`1、…` `2、…` each cut short by a mirror, on a page that is no sharing site's: the plan's
    own items, not a site's chunks."""
    record = read("""
        2022年全市双拥工作要点
        一、持续深化国防双拥学习宣传活动
        1、学习宣传习近平强军思想,学习贯彻党的会议精神,组织开展国防教育进机关、进学校、进社区、进企业、进乡村活动,营造爱国拥军
        2、广泛开展《军人地位与权益保障法》学习宣传活动,进一步树立尊崇军人的鲜明导向,推动各级各部门落实军人依法优先和优待政策措
        3、开展“最美退役军人”评选活动,遴选推荐双拥先进参加全省评选,组织先进典型巡回宣讲,讲好新时代双拥故事,弘扬拥军优属
    """)
    assert [task.path for task in record.tasks] == [["一", "1"], ["一", "2"], ["一", "3"]]
