"""The gazetteer: divisions, their parents and levels, and finding them in issuers and titles."""

from __future__ import annotations

from importlib import resources

import pytest

from policygraph.parse.regions import divisions, find_region, lookup, lookup_all


def test_county_has_its_city_and_province():
    region = lookup("330521")
    assert region is not None and (region.name, region.level) == ("德清县", "county")
    assert [parent.name for parent in region.ancestors()] == ["湖州市", "浙江省"]


def test_municipal_districts_and_directly_governed_cities_hang_under_the_province():
    assert [r.parent.name for r in lookup_all("东城区") if r.parent] == ["北京市"]
    xiantao = lookup_all("仙桃市")
    assert [(r.level, r.parent.name if r.parent else None) for r in xiantao] == [
        ("county", "湖北省")]


def test_every_division_is_listed_once_and_its_chain_ends_at_a_province():
    table = resources.files("policygraph.parse").joinpath("tables", "regions.csv")
    codes = [line.split(",")[0] for line in table.read_text("utf-8").splitlines()[1:]]
    assert len(codes) == len(set(codes)) == len(divisions())
    levels = {"province": 0, "city": 1, "county": 2}
    for region in divisions():
        chain = [region, *region.ancestors()]
        assert chain[-1].level == "province", region
        assert [levels[r.level] for r in chain] == sorted(
            (levels[r.level] for r in chain), reverse=True), region


def test_cities_without_counties_are_cities():
    assert [(r.level, r.parent.name if r.parent else None) for r in lookup_all("东莞市")] == [
        ("city", "广东省")]


def test_placeholders_are_not_regions():
    assert lookup_all("市辖区") == () and lookup_all("县") == ()


@pytest.mark.parametrize(("text", "name", "level"), [
    ("德清县人民政府办公室", "德清县", "county"),
    ("2021年嘉兴市服务业发展工作要点", "嘉兴市", "city"),
    ("浙江省发展和改革委员会", "浙江省", "province"),
    ("湖北省人民政府", "湖北省", "province"),
    ("吉林省吉林市人民政府", "吉林市", "city"),
    ("杭州市西湖区人民政府办公室", "西湖区", "county"),
    ("浙江省湖州市德清县", "德清县", "county"),
    ("浙江省人民政府 湖州市", "浙江省", "province"),
])
def test_first_region_named(text, name, level):
    region = find_region(text)
    assert region is not None and (region.name, region.level) == (name, level)


def test_shared_name_resolved_by_parent_in_text():
    region = find_region("南京市鼓楼区人民政府")
    assert region is not None and region.parent is not None
    assert (region.name, region.parent.name) == ("鼓楼区", "南京市")
    gulou = [r for r in lookup_all("鼓楼区") if r.parent and r.parent.name == "福州市"]
    assert gulou, "鼓楼区 exists under several cities"
    found = find_region("福州市鼓楼区"[3:] + " 福州市")
    assert found is not None and found.code == gulou[0].code


def test_two_character_names_need_context():
    assert find_region("推进主城区有机更新") is None
    assert find_region("关于加快和县域经济发展的意见") is None
    region = find_region("和县人民政府办公室")
    assert region is not None and region.name == "和县"


def test_nothing_found():
    assert find_region("关于做好服务业发展工作的通知") is None
