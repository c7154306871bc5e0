"""Task alignment between levels: which plans pair, which tasks a lower task carries out, the
alignments graph, and the score against judged pairs."""

from __future__ import annotations

import csv
import json
import textwrap
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from policygraph.align import MOST_TAKEN_UP, align
from policygraph.align.background import background, counted, gold_words
from policygraph.align.candidates import plan_pairs, touched
from policygraph.align.plans import Graph, Plan, PlanTask
from policygraph.align.similarity import TaskVectors
from policygraph.cli import main
from policygraph.client import open as open_graph
from policygraph.gold_check import check_folder

PROVINCE = "https://example.org/region/330000"
CITY = "https://example.org/region/330800"
COUNTY = "https://example.org/region/330802"
OTHER_PROVINCE = "https://example.org/region/420000"


def plan(name: str, region: str | None, period: tuple[int, int] | None,
         implements: set[str] | None = None) -> Plan:
    return Plan(name, f"{name}.txt", region, period, implements or set())


def pairs(*plans: Plan) -> set[tuple[str, str, str]]:
    graph = Graph({one.iri: one for one in plans}, {COUNTY: CITY, CITY: PROVINCE})
    return {(pair.lower.iri, pair.higher.iri, pair.route) for pair in plan_pairs(graph)}


def test_a_plan_pairs_with_the_plans_of_divisions_enclosing_its_own_in_its_years():
    """A county's 2021 plan takes up its city's and province's plans of 2021 or up to three
    years before; not a plan of its own level, of another province, or of later years."""
    county = plan("county-2021", COUNTY, (2021, 2021))
    assert pairs(county, plan("province-2018", PROVINCE, (2016, 2018)),
                 plan("province-2017", PROVINCE, (2017, 2017)),
                 plan("city-2021", CITY, (2021, 2025)), plan("city-2022", CITY, (2022, 2022)),
                 plan("other-2021", OTHER_PROVINCE, (2021, 2021)),
                 plan("county-2020", COUNTY, (2020, 2020))) == {
        ("county-2021", "province-2018", "enclosing"), ("county-2021", "city-2021", "enclosing"),
        ("city-2021", "province-2018", "enclosing"),
        ("county-2020", "province-2018", "enclosing"),
        ("county-2020", "province-2017", "enclosing"),
    }


def test_of_a_division_with_many_plans_in_its_years_only_the_nearest_pair():
    """A province that published five plans in a county plan's window: the county plan pairs
    with the three nearest in time (overlapping first, then the most recent)."""
    county = plan("county-2021", COUNTY, (2021, 2021))
    provinces = [plan("province-2021", PROVINCE, (2021, 2021)),
                 plan("province-2020", PROVINCE, (2020, 2020)),
                 plan("province-2019", PROVINCE, (2019, 2019)),
                 plan("province-2018", PROVINCE, (2018, 2018)),
                 plan("province-2016-2021", PROVINCE, (2016, 2021))]
    assert {higher for lower, higher, _ in pairs(county, *provinces) if lower == county.iri} \
        == {"province-2021", "province-2016-2021", "province-2020"}


def test_a_task_carries_out_three_higher_tasks_at_most():
    """A county task worded like four tasks of its province's plan carries out the three it
    is most like."""
    county = plan("county", COUNTY, (2021, 2021))
    county.tasks.append(PlanTask("county/1", "一 1", "加快发展现代物流业"))
    province = plan("province", PROVINCE, (2021, 2021))
    for number, words in enumerate(["加快发展现代物流业", "加快发展现代物流", "发展现代物流业",
                                    "加快现代物流业", "培育文化旅游"]):
        province.tasks.append(PlanTask(f"province/{number}", f"一 {number}", words))
    graph = Graph({one.iri: one for one in (county, province)}, {COUNTY: CITY, CITY: PROVINCE})
    links = [alignment for alignment in align(graph) if alignment.carries_out]
    assert len(links) == MOST_TAKEN_UP == 3
    assert {link.higher for link in links} <= {f"province/{number}" for number in range(4)}


def test_a_plan_pairs_with_a_plan_it_implements_whatever_its_region_or_years():
    lower = plan("lower", None, None, {"higher", "not-in-the-graph"})
    assert pairs(lower, plan("higher", OTHER_PROVINCE, (2010, 2010))) == {
        ("lower", "higher", "implements")}


def test_an_update_aligns_again_the_plans_it_touches_and_no_other():
    """A province plan arriving touches the plans below it in its window (they may now carry
    it out) and the plan itself; a plan of another province, or of years long after, keeps
    its alignments."""
    county = plan("county-2021", COUNTY, (2021, 2021))
    city = plan("city-2021", CITY, (2021, 2021), {"province-2021"})
    later = plan("county-2030", COUNTY, (2030, 2030))
    elsewhere = plan("other-2021", OTHER_PROVINCE, (2021, 2021))
    parents = {COUNTY: CITY, CITY: PROVINCE}
    before = Graph({one.iri: one for one in (county, city, later, elsewhere)}, parents)
    province = plan("province-2021", PROVINCE, (2021, 2021))
    after = Graph({**before.plans, province.iri: province}, parents)

    def plans_touched(old: Graph, new: Graph, changed: set[str]) -> set[str]:
        return touched(plan_pairs(old), plan_pairs(new), new.plans, changed)

    assert plans_touched(before, after, {province.iri}) == {"county-2021", "city-2021",
                                                            "province-2021"}
    assert plans_touched(after, before, {province.iri}) == {"county-2021", "city-2021"}
    assert plans_touched(after, after, {"county-2030"}) == {"county-2030"}


@settings(max_examples=25, deadline=None)
@example(["。", ",,。。, 业", "。。"])  # (rows whose entries another row's words reorder)
@given(st.lists(st.text(alphabet="加快推进现代物流业服务平台建设文化旅游消费 ,。", min_size=1,
                        max_size=30), min_size=3, max_size=8))
def test_two_tasks_score_alike_whatever_tasks_are_weighed_with_them(words):
    """A plan aligned in an update, beside a few plans, scores its pairs as a full build
    does beside every plan of the graph: to the last bit."""
    alone = TaskVectors(words[:2]).similarity([0], [1])
    among = TaskVectors([*words[2:], *words[:2]]).similarity([len(words) - 2],
                                                                [len(words) - 1])
    assert alone == among


def test_the_shipped_background_is_counted_from_the_gold_records():
    """The n-gram frequencies alignment weighs words by are those of the development
    corpus's gold tasks (`scripts/count_background.py` counts them again)."""
    gold = ALIGNMENT.parent / "dev"
    counts = counted(gold_words([gold / "develop" / "gold", gold / "fresh" / "gold"]))
    assert counts.tasks > 3000
    assert list(counts.lines()) == list(background().lines())


PROVINCE_PLAN = """
    2021年某省服务业发展工作要点
    一、推进重点平台建设
    1.培育省级现代服务业创新发展区。新认定省级现代服务业创新发展区20个,推动创新发展区提质增效。
    2.建设国家物流枢纽。推进国家物流枢纽和多式联运示范工程建设,降低社会物流成本。
    3.扩大文化旅游消费。举办文化和旅游消费季,培育夜间文化和旅游消费集聚区。
"""
CITY_PLAN = """
    衢州市2021年服务业发展工作要点
    一、重点任务
    1.加快省级现代服务业创新发展区建设。推动智慧新城省级现代服务业创新发展区提质增效。
    2.做好全市养老服务。新建居家养老服务照料中心15家。
"""


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("plans")
    (folder / "province.txt").write_text(
        textwrap.dedent(PROVINCE_PLAN).replace("某省", "浙江省"), "utf-8")
    (folder / "city.txt").write_text(textwrap.dedent(CITY_PLAN), "utf-8")
    directory = tmp_path_factory.mktemp("store")
    assert main(["build", str(folder), "--store", str(directory), "--quiet"]) == 0
    return directory


def test_a_city_task_carries_out_the_provincial_task_it_takes_up(store):
    graph = open_graph(store)
    links = graph.sparql("SELECT ?lowerPath ?higherPath WHERE { ?lower pg:carriesOut ?higher ; "
                         "pg:path ?lowerPath . ?higher pg:path ?higherPath }")
    assert links == [{"lowerPath": "一 1", "higherPath": "一 1"}]
    scored = graph.sparql("SELECT ?similarity ?route WHERE { ?a a pg:TaskAlignment ; "
                          "pg:similarity ?similarity ; pg:pairedBy ?route ; "
                          "prov:wasGeneratedBy/pg:threshold ?threshold }")
    assert scored and all(0 < row["similarity"] <= 1 for row in scored)
    assert {row["route"].rsplit("#", 1)[-1] for row in scored} == {"EnclosingDivisionPlan"}


def test_a_plan_that_states_no_period_pairs_by_the_year_it_was_issued(tmp_path):
    """A city plan whose title and preamble name no year is paired with the province's plan of
    the year its signature gives."""
    (tmp_path / "province.txt").write_text(
        textwrap.dedent(PROVINCE_PLAN).replace("某省", "浙江省"), "utf-8")
    undated = textwrap.dedent(CITY_PLAN).replace("衢州市2021年服务业发展工作要点",
                                                 "衢州市服务业发展工作要点")
    (tmp_path / "city.txt").write_text(undated + "\n衢州市人民政府办公室\n2021年3月5日\n", "utf-8")
    store = tmp_path / "store"
    assert main(["build", str(tmp_path), "--store", str(store), "--quiet"]) == 0
    graph = open_graph(store)
    assert graph.sparql("SELECT ?start WHERE { ?d pg:sourceFile 'city.txt' . "
                        "OPTIONAL { ?d pg:periodStart ?start } }") == [{"start": None}]
    links = graph.sparql("SELECT ?lowerPath WHERE { ?lower pg:carriesOut ?higher ; "
                         "pg:path ?lowerPath }")
    assert links == [{"lowerPath": "一 1"}]


def test_the_canned_queries_show_a_task_carried_out_below_and_a_plans_uptake(store):
    graph = open_graph(store)
    higher = graph.sparql("SELECT ?task WHERE { ?task pg:path '一 1' ; pg:inDocument ?d . "
                          "?d pg:sourceFile 'province.txt' }")[0]["task"]
    below = graph.carried_out_by(task=higher)
    assert [(row["lowerPath"], row["region"]) for row in below] == [("一 1", "衢州市")]
    assert "创新发展区" in below[0]["lowerText"] and "创新发展区" in below[0]["higherText"]
    uptake = graph.plan_uptake()
    assert [(row["title"], row["tasks"], row["takenUp"], row["lowerPlans"]) for row in uptake] \
        == [("2021年浙江省服务业发展工作要点", 3, 1, 1)]


def test_evaluate_alignment_scores_the_links_against_judged_pairs(store, tmp_path, capsys):
    gold = tmp_path / "pairs.csv"
    gold.write_text("higher_source,higher_path,lower_source,lower_path,aligned\n"
                    "province.txt,一/1,city.txt,一/1,1\n"
                    "province.txt,一/2,city.txt,一/1,0\n"
                    "province.txt,一/3,city.txt,一/2,1\n"
                    "province.txt,一/9,city.txt,一/2,0\n", "utf-8")
    status = main(["evaluate-alignment", str(gold), "--store", str(store),
                   "--min-precision", "1", "--min-recall", "0.5"])
    out, err = capsys.readouterr()
    assert status == 0
    assert "links (pg:carriesOut)  1.000      0.500   0.667  1" in out
    assert "pairs.csv:5: the graph has no task 一/9 of province.txt" in err
    assert main(["evaluate-alignment", str(gold), "--store", str(store),
                 "--min-recall", "0.9"]) == 1


def test_a_gold_file_without_its_columns_is_named(store, tmp_path, capsys):
    gold = tmp_path / "pairs.csv"
    gold.write_text("higher,lower,aligned\n", "utf-8")
    assert main(["evaluate-alignment", str(gold), "--store", str(store)]) == 2
    assert "pairs.csv:1: the header lacks higher_source" in capsys.readouterr().err


ALIGNMENT = Path(__file__).parent.parent / "data" / "alignment"
# The figures of the judged pairs on a graph of their plans (README, "Tasks carried out
# below"): a floor under each, below the aim of precision 0.85 at recall 0.70.
FLOORS = {"precision": 0.61, "recall": 0.70}


def test_the_alignment_golds_records_agree_with_their_pages_and_name_its_pairs_tasks():
    assert check_folder(ALIGNMENT / "gold", ALIGNMENT / "raw") == []
    gold = {**{path.name.replace(".json", ".txt"): path for path in (ALIGNMENT / "gold").glob(
        "*.json")}, **{path.name.replace(".json", ".txt"): path
                       for path in (ALIGNMENT.parent / "gold").glob("*.json")}}
    paths = {name: {"/".join(task["path"]) for task in json.loads(path.read_text())["tasks"]}
             for name, path in gold.items()}
    with (ALIGNMENT / "pairs.csv").open(encoding="utf-8") as handle:
        pairs = list(csv.DictReader(handle))
    assert len(pairs) > 1000 and sum(row["aligned"] == "1" for row in pairs) >= 40
    for row in pairs:
        assert row["higher_path"] in paths[row["higher_source"]], row
        assert row["lower_path"] in paths[row["lower_source"]], row


def test_the_graphs_alignment_of_the_judged_pairs_keeps_its_floors(tmp_path, capsys):
    store = tmp_path / "store"
    assert main(["build", str(ALIGNMENT.parent / "raw"), str(ALIGNMENT / "raw"), "--store",
                 str(store), "--quiet"]) == 0
    capsys.readouterr()
    assert main(["evaluate-alignment", str(ALIGNMENT / "pairs.csv"), "--store", str(store),
                 "--min-precision", str(FLOORS["precision"]),
                 "--min-recall", str(FLOORS["recall"])]) == 0, capsys.readouterr().out
