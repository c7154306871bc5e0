"""Responsibility clauses in every style plans use, and leads named in prose."""

from __future__ import annotations

import pytest

from policygraph.parse.clauses import read_responsibility
from policygraph.parse.prose import responsibility_in_prose

ITEM = "推进服务业重大项目建设,加快形成新增长点。"


@pytest.mark.parametrize(("clause", "agencies", "lead"), [
    ("(责任单位:县商务局)", ["县商务局"], ["县商务局"]),
    ("(责任单位:县发改局、县财政局、县教育局)", ["县发改局", "县财政局", "县教育局"], ["县发改局"]),
    ("（责任单位：市发改委，智慧新城管委会，各县〔市、区〕）",
     ["市发改委", "智慧新城管委会", "各县〔市、区〕"], ["市发改委"]),
    ("〔省发展改革委、省商务厅〕", ["省发展改革委", "省商务厅"], ["省发展改革委"]),
    ("(牵头单位:省发展改革委、省商务厅;责任单位:各市人民政府)",
     ["省发展改革委", "省商务厅", "各市人民政府"], ["省发展改革委", "省商务厅"]),
    ("(责任单位:市商务局;配合单位:市财政局、市统计局)",
     ["市商务局", "市财政局", "市统计局"], ["市商务局"]),
    ("(主办单位:市文旅局、市商务局;协办单位:各区政府)",
     ["市文旅局", "市商务局", "各区政府"], ["市文旅局", "市商务局"]),
    ("(省发展改革委、省财政厅,各市人民政府负责)",
     ["省发展改革委", "省财政厅", "各市人民政府"], ["省发展改革委"]),
    ("(省商务厅牵头,省财政厅、省税务局配合)",
     ["省商务厅", "省财政厅", "省税务局"], ["省商务厅"]),
    ("(市生态环境局、市工信局牵头督导,市公安局、市水务局配合)",
     ["市生态环境局", "市工信局", "市公安局", "市水务局"], ["市生态环境局", "市工信局"]),
    ("(责任单位:省发改委,6月底完成)", ["省发改委"], ["省发改委"]),
    ("(责任单位:市发改委;完成时限:2021年底前)", ["市发改委"], ["市发改委"]),
    ("(责任单位:嘉兴经济技术开发区(国际商务区)管委会)",
     ["嘉兴经济技术开发区(国际商务区)管委会"], ["嘉兴经济技术开发区(国际商务区)管委会"]),
    ("(责任单位:县服务业办、各镇(街道);责任领导:张三)",
     ["县服务业办", "各镇(街道)"], ["县服务业办"]),
    ("(省政府负责,各市州、县市区政府配合)", ["省政府", "各市州、县市区政府"], ["省政府"]),
    ("(责任单位:省发改委,各县、市、区人民政府)", ["省发改委", "各县、市、区人民政府"],
     ["省发改委"]),
    ("(责任单位:市行政审批服务局、市直有关部门、单位)", ["市行政审批服务局", "市直有关部门、单位"],
     ["市行政审批服务局"]),
    ("(责任单位:市食药安办,各园区、镇(街))", ["市食药安办", "各园区、镇(街)"], ["市食药安办"]),
    ("(省经信委、省发改委(省能源局)。列第一位者为牵头部门,下同)",
     ["省经信委", "省发改委(省能源局)"], ["省经信委"]),
    ("(牵头单位:市水利局;责任单位:各县(市、区)党委和人民政府)",
     ["市水利局", "各县(市、区)党委和人民政府"], ["市水利局"]),
])
def test_bracketed_clauses(clause, agencies, lead):
    found = read_responsibility(ITEM + clause)
    assert found.responsibility is not None
    assert found.responsibility.agencies == agencies
    assert found.responsibility.lead == lead
    assert found.text == ITEM


@pytest.mark.parametrize(("clause", "agencies", "lead"), [
    (" 责任单位:市发展改革委、市交通运输局", ["市发展改革委", "市交通运输局"], ["市发展改革委"]),
    ("\n责任部门:市金融办、人行嘉兴市中心支行", ["市金融办", "人行嘉兴市中心支行"], ["市金融办"]),
    ("\n牵头单位:市发改委 责任单位:市商务局 市财政局",
     ["市发改委", "市商务局", "市财政局"], ["市发改委"]),
    ("\n牵头单位：市发改委、市经信局  配合单位：市统计局",
     ["市发改委", "市经信局", "市统计局"], ["市发改委", "市经信局"]),
    ("(牵头督查单位:市发改委、市经信委;协同推进部门:市财政局)",
     ["市发改委", "市经信委", "市财政局"], ["市发改委", "市经信委"]),
    ("\n\n责任单位:省政府办公厅、省财政厅牵头,省商务厅、省旅游厅",
     ["省政府办公厅", "省财政厅", "省商务厅", "省旅游厅"], ["省政府办公厅", "省财政厅"]),
])
def test_trailing_clauses_without_brackets(clause, agencies, lead):
    found = read_responsibility(ITEM + clause)
    assert found.responsibility is not None
    assert (found.responsibility.agencies, found.responsibility.lead) == (agencies, lead)
    assert found.text == ITEM


def test_brackets_in_the_text_are_not_a_clause():
    text = "推进嘉兴南洋职业技术学院迁建工程(一期)和湘家荡康复医学院(暂名)建设。"
    assert read_responsibility(text).responsibility is None
    assert read_responsibility("完善《评估办法(试行)》。").responsibility is None


@pytest.mark.parametrize(("text", "agencies", "lead"), [
    ("围绕促消费十件实事,由省发展改革委牵头制定滚动推进清单。", ["省发展改革委"], ["省发展改革委"]),
    ("每月10日前由市发改委对工作落实情况给予通报。", ["市发改委"], ["市发改委"]),
    ("市商务局、市财政局牵头,各区县政府按职责分工负责。",
     ["市商务局", "市财政局", "各区县政府"], ["市商务局", "市财政局"]),
    ("市领导小组负责牵头抓总。市发改委负责方案的制定。各县(市、区)政府要切实落实主体责任。",
     ["市领导小组", "市发改委", "各县(市、区)政府"], ["市领导小组"]),
    ("由市人力社保局会同市教育局负责职业技能培训。",
     ["市人力社保局", "市教育局"], ["市人力社保局"]),
    ("县文化和广电旅游体育局负责景区建设。",
     ["县文化和广电旅游体育局"], ["县文化和广电旅游体育局"]),
    ("制定达标规划。武汉市、宜昌市应在6月底前印发实施。", ["武汉市", "宜昌市"], ["武汉市"]),
    ("各市州、县市区政府要加强组织领导。", ["各市州、县市区政府"], ["各市州、县市区政府"]),
    ("区政府办公室将严格按照督查制度,加强跟踪督查。", ["区政府办公室"], ["区政府办公室"]),
    ("由乡三农服务中心承办,乡畜牧站、派出所配合。", ["乡三农服务中心", "乡畜牧站", "派出所"],
     ["乡三农服务中心"]),
    ("各工业园区也要加强节能管理。", ["各工业园区"], ["各工业园区"]),
    ("意义重大。各市、区直各有关部门务必认真做好组织实施工作。", ["各市", "区直各有关部门"],
     ["各市"]),
    ("各县必须按期完成。", ["各县"], ["各县"]),
])
def test_units_named_in_prose(text, agencies, lead):
    found = responsibility_in_prose(text)
    assert found is not None
    assert (found.agencies, found.lead) == (agencies, lead)


def test_prose_without_units_names_nobody():
    assert responsibility_in_prose("企业要加强自主创新,提升核心竞争力。") is None
    assert responsibility_in_prose("全市将服务业发展纳入考核。") is None
    assert responsibility_in_prose("高标准配备幼儿自主游戏所需器械及设施。") is None
    assert responsibility_in_prose("按季度对各镇(街道)和行业主管部门的工作进行督查。") is None


def test_a_clause_covers_the_items_below_it(read):
    record = read("""
        某市工作方案
        一、重点任务
        (一)发展物流业(牵头单位:市交通运输局;配合单位:市商务局)
        1.建设物流园区。加快园区建设。
        2.培育物流企业。培育龙头企业。(责任单位:市发改委)
    """)
    assert [task.agencies for task in record.tasks] == [["市交通运输局", "市商务局"], ["市发改委"]]
    assert record.tasks[0].lead == ["市交通运输局"]
