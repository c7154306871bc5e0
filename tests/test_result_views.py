"""The views worked out from a results table: which map a column of regions is drawn on, and
what each province or city adds up to."""

from __future__ import annotations

from dataclasses import dataclass

from policygraph.serve.web.result_views import result_views

REGION = "http://127.0.0.1:8000/id/region/"


@dataclass(frozen=True)
class Cell:
    text: str
    number: str | None = None
    datatype: str | None = None
    title: str | None = None


def region(code: str, name: str) -> Cell:
    return Cell(name, title=REGION + code)


def count(value: int) -> Cell:
    return Cell(str(value), number=str(value))


def test_regions_of_one_province_are_drawn_by_city_a_county_counting_for_its_city():
    views = result_views(["region", "tasks"], [
        [region("330421", "嘉善县"), count(3)], [region("330400", "嘉兴市"), count(2)],
        [Cell("湖州市"), count(5)], [region("330000", "浙江省"), count(7)]])
    assert views["map"]["points"] == [{"id": "33", "name": "浙江省", "value": 17.0}]
    assert views["map"]["cities"] == {"province": "33", "points": [
        {"id": "3304", "name": "嘉兴市", "value": 5.0},
        {"id": "3305", "name": "湖州市", "value": 5.0}]}


def test_a_municipalitys_districts_are_drawn_as_themselves_and_rows_count_without_numbers():
    views = result_views(["region"], [[region("110118", "密云区")], [region("110118", "密云区")],
                                      [region("110105", "朝阳区")]])
    assert views["map"]["value"] is None
    assert views["map"]["cities"]["points"] == [
        {"id": "110105", "name": "朝阳区", "value": 1.0},
        {"id": "110118", "name": "密云区", "value": 2.0}]


def test_regions_of_two_provinces_or_provinces_alone_get_no_map_of_cities():
    two = result_views(["region", "n"], [[region("330400", "嘉兴市"), count(1)],
                                         [region("420100", "武汉市"), count(4)]])
    assert [point["id"] for point in two["map"]["points"]] == ["33", "42"]
    assert "cities" not in two["map"]
    alone = result_views(["region", "n"], [[region("330000", "浙江省"), count(1)]])
    assert "cities" not in alone["map"]


def test_a_column_that_is_not_all_regions_is_not_mapped():
    views = result_views(["name", "n"], [[Cell("嘉兴市"), count(1)], [Cell("发改委"), count(2)]])
    assert "map" not in views
