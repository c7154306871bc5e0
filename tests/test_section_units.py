"""Units a section names for the items below it: a section whose heading is a body's name,
over items numbered at the next level."""

from __future__ import annotations

from policygraph.parse import Record


def units(record: Record) -> list[tuple[list[str], list[str], list[str]]]:
    return [(task.path, task.agencies, task.lead) for task in record.tasks]


def test_a_section_headed_by_a_body_with_its_outlets_in_brackets_leads_its_items(read):
    """`(一)市日报社(晨刊、手机报)`: the paper's items, each with only its people named."""
    record = read("""
        某市创建宣传方案
        一、市内宣传
        (一)市日报社(晨刊、手机报、在线)
        1.新闻宣传。对重要会议进行动态报道。
        责任人:张三、李四
        2.文艺副刊宣传。加大稿件的刊发力度。
        (二)市广播电视台
        1.形象宣传。播发形象宣传片。
        (三)加强统筹协调
        1.建立联系制度。定期通报进展。
    """)
    assert units(record) == [(["一", "(一)", "1"], ["市日报社"], ["市日报社"]),
                             (["一", "(一)", "2"], ["市日报社"], ["市日报社"]),
                             (["一", "(二)", "1"], ["市广播电视台"], ["市广播电视台"]),
                             (["一", "(三)", "1"], [], [])]


def test_a_pdf_text_layer_spacing_markers_names_and_cited_numbers(read):
    """A PDF's text layer leaves a space where its lines broke: inside a marker's bracket
    (`( 一)`), between a collective and its governments (`各市(地) 政府(行署)`), and inside a
    cited notice's brackets, whose number is no number of the plan's own."""
    record = read("""
        某省释放旅游消费潜力若干措施
        为落实《国务院办公厅印发〈若干措施〉的通知》( 国办发〔2023〕36 号),提出以下措施。
        一、加大优质旅游产品供给
        ( 一)推进文化和旅游深度融合发展。支持演艺产品创作推广。〔省文化 和旅游厅、
        省外办按职责分工负责,各市(地) 政府(行署)按属地分别负责〕
        ( 二)实施度假休闲工程。建设一批度假区。
    """)
    assert record.doc_number is None
    assert units(record) == [
        (["一", "(一)"], ["省文化和旅游厅", "省外办", "各市(地)政府(行署)"], ["省文化和旅游厅"]),
        (["一", "(二)"], [], [])]


def test_items_opening_with_a_town_office_or_a_list_of_bodies_before_a_colon(read):
    """A division of duties: `(一)县广电站:负责…`, `(二)各乡(镇)政府、经济开发区管委会:负责…`."""
    record = read("""
        某县有线电视工程建设方案
        三、工作职责
        (一)县广电站:负责筹集缺口资金,做好工程总体规划。
        (二)各乡(镇)政府、经济开发区管委会:负责做好拟入户村的前期准备。
    """)
    assert units(record) == [
        (["三", "(一)"], ["县广电站"], ["县广电站"]),
        (["三", "(二)"], ["各乡(镇)政府", "经济开发区管委会"], ["各乡(镇)政府"])]


def test_bodies_heading_their_items_after_a_sentence_of_their_duty(read):
    """`市劳动和社会保障局` / `负责…。` / `(一)…`: the body's name holds 和, and a sentence of its
    duty stands between it and its items; each body numbers its items afresh."""
    record = read("""
        某市农民工工资支付分工方案
        市劳动和社会保障局
        负责农民工工资的清欠和防欠工作。
        (一)制定实施企业欠薪报告预警机制。
        (二)建立企业劳动保障诚信制度。
        市建设局
        (一)在工地设立农民工维权公告牌制度。
        人民法院
        (一)审理拖欠农民工工资纠纷案件。
    """)
    assert units(record) == [
        (["(一)"], ["市劳动和社会保障局"], ["市劳动和社会保障局"]),
        (["(二)"], ["市劳动和社会保障局"], ["市劳动和社会保障局"]),
        (["(一)bis"], ["市建设局"], ["市建设局"]),
        (["(一)ter"], ["人民法院"], ["人民法院"])]
