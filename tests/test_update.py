"""Updates: a plan added, replaced or removed publishes the graph a full build of the same
inputs publishes (dumps compared), reads only what changed, and a bad document changes
nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

from policygraph.build import DEFAULT_BASE, Iris
from policygraph.cli import main
from policygraph.pipeline import BuildError, run_build
from policygraph.pipeline.update import run_update
from policygraph.store import GraphStore
from policygraph.vocab import PREFIXES

RAW = Path(__file__).parent.parent / "data" / "raw"
PROVINCE = RAW / "002_c640dd409828200c.txt"
PROVINCE_TITLE = "2020年浙江省服务业发展工作要点"
CITY = """{city}人民政府办公室关于印发2020年{city}服务业发展工作要点的通知
为贯彻落实《{implements}》,现将《2020年{city}服务业发展工作要点》印发给你们,请认真贯彻执行。
{city}人民政府办公室
2020年4月10日
2020年{city}服务业发展工作要点
一、重点任务
(一)推进现代物流业发展。新增物流企业5家以上。(责任单位:市{office}、市交通运输局)
(二)加快服务业平台建设。(责任单位:市发展改革委)
"""
IMPLEMENTS = f"PREFIX pg: <{PREFIXES['pg']}> SELECT ?implemented WHERE {{ " \
             "?plan pg:implements ?implemented }"


def _city(folder: Path, name: str, city: str, office: str = "商务局",
          implements: str = PROVINCE_TITLE) -> Path:
    path = folder / name
    path.write_text(CITY.format(city=city, implements=implements, office=office), "utf-8")
    return path


@pytest.fixture
def corpus(tmp_path) -> Path:
    """Two built-in plans and two city plans that implement the province's plan, which is not
    in the corpus."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name in ("000_1d1cab59e1534a27.txt", "004_c7ba4c26b0968650.txt"):
        shutil.copy(RAW / name, folder)
    _city(folder, "huzhou.txt", "湖州市")
    _city(folder, "quzhou.txt", "衢州市", office="文化和旅游局")
    return folder


def _dump(store: GraphStore) -> list[bytes]:
    return sorted((store.open().dump(format=ox.RdfFormat.N_QUADS) or b"").splitlines())


def _full_build(store: GraphStore, directory: Path) -> list[bytes]:
    """The dump of a full build of the inputs `store`'s live build was made from, in order."""
    inputs = [Path(path) for path in store.manifest()["inputs"]]
    full = GraphStore(directory)
    run_build(inputs, full, DEFAULT_BASE, progress=False, jobs=1)
    return _dump(full)


def _links(store: GraphStore) -> set[tuple[str, str]]:
    """Each lower task and the higher task it carries out."""
    query = (f"PREFIX pg: <{PREFIXES['pg']}> "
             "SELECT ?lower ?higher { ?lower pg:carriesOut ?higher }")
    return {(row["lower"].value, row["higher"].value)
            for row in store.open().query(query, use_default_graph_as_union=True)}


def _implemented(store: GraphStore) -> set[str]:
    return {row["implemented"].value
            for row in store.open().query(IMPLEMENTS, use_default_graph_as_union=True)}


def test_a_plan_added_is_linked_to_by_the_plans_that_implement_it(corpus, tmp_path):
    store = GraphStore(tmp_path / "store")
    run_build([corpus], store, DEFAULT_BASE, progress=False, jobs=1)
    province_iri = Iris(DEFAULT_BASE).document(PROVINCE.name)
    assert province_iri not in _implemented(store)
    added = tmp_path / "incoming" / PROVINCE.name
    added.parent.mkdir()
    shutil.copy(PROVINCE, added)

    result = run_update(store, put=[added])

    assert result.documents == {PROVINCE.name: province_iri} and not result.full
    assert province_iri in _implemented(store)
    assert any(higher.startswith(province_iri) for _, higher in _links(store))
    assert _dump(store) == _full_build(store, tmp_path / "full")


def test_a_plan_replaced_below_its_province_leaves_the_other_plans_links(corpus, tmp_path):
    """The city plan replaced is aligned again, as is the county plan below it (德清, which
    may carry out its tasks); the other city's plan keeps its links."""
    shutil.copy(PROVINCE, corpus)
    store = GraphStore(tmp_path / "store")
    run_build([corpus], store, DEFAULT_BASE, progress=False, jobs=1)
    huzhou, quzhou = (Iris(DEFAULT_BASE).document(name) for name in ("huzhou.txt", "quzhou.txt"))
    others = {link for link in _links(store) if link[0].startswith(quzhou)}
    incoming = tmp_path / "incoming"
    incoming.mkdir()
    replacement = _city(incoming, "huzhou.txt", "湖州市", office="科技局")
    replacement.write_text(replacement.read_text("utf-8").replace(
        "加快服务业平台建设", "推进省级现代服务业创新发展区建设"), "utf-8")

    run_update(store, put=[replacement])

    links = _links(store)
    assert others and {link for link in links if link[0].startswith(quzhou)} == others
    assert any(link[0].startswith(huzhou) for link in links)
    assert _dump(store) == _full_build(store, tmp_path / "full")


def test_a_plan_removed_leaves_the_graph_a_build_without_it_has(corpus, tmp_path):
    shutil.copy(PROVINCE, corpus)
    store = GraphStore(tmp_path / "store")
    run_build([corpus], store, DEFAULT_BASE, progress=False, jobs=1)
    before = store.current

    run_update(store, remove=[PROVINCE.name, "quzhou.txt"])

    assert store.current != before
    assert Iris(DEFAULT_BASE).document(PROVINCE.name) not in _implemented(store)
    dump = _dump(store)
    assert not any(b"/agency/330800/culture-tourism>" in line for line in dump)  # quzhou's
    assert dump == _full_build(store, tmp_path / "full")


def test_a_plan_no_other_cites_is_removed_alone(corpus, tmp_path):
    store = GraphStore(tmp_path / "store")
    run_build([corpus], store, DEFAULT_BASE, progress=False, jobs=1)

    run_update(store, remove=["000_1d1cab59e1534a27.txt"])

    assert _dump(store) == _full_build(store, tmp_path / "full")


def test_a_plan_replaced_takes_its_place_with_what_it_names_now(corpus, tmp_path):
    store = GraphStore(tmp_path / "store")
    run_build([corpus], store, DEFAULT_BASE, progress=False, jobs=1)
    incoming = tmp_path / "incoming"
    incoming.mkdir()
    replacement = _city(incoming, "huzhou.txt", "湖州市", office="科技局",
                        implements="2020年江苏省服务业发展工作要点")

    run_update(store, put=[replacement])

    inputs = store.manifest()["inputs"]
    assert str(replacement) in inputs and str(corpus / "huzhou.txt") not in inputs
    dump = _dump(store)
    assert any(b"/agency/330500/science-technology>" in line for line in dump)
    assert not any(b"/agency/330500/commerce>" in line for line in dump)
    assert dump == _full_build(store, tmp_path / "full")


@pytest.mark.parametrize(("put", "remove", "message"), [
    ("empty.txt", (), "empty.txt"),
    ("copy.txt", (), "the same content as"),
    ("huzhou.txt", (), "the same content as .*quzhou.txt"),
    (None, ("absent.txt",), "not in the graph: absent.txt"),
], ids=["unreadable", "a-copy", "a-copy-of-a-later-plan", "not-in-the-graph"])
def test_a_bad_update_names_the_problem_and_changes_nothing(corpus, tmp_path, put, remove,
                                                            message):
    store = GraphStore(tmp_path / "store")
    run_build([corpus], store, DEFAULT_BASE, progress=False, jobs=1)
    live, dump = store.current, _dump(store)
    incoming = tmp_path / "incoming"
    incoming.mkdir()
    (incoming / "empty.txt").write_bytes(b"")
    shutil.copy(corpus / "huzhou.txt", incoming / "copy.txt")
    shutil.copy(corpus / "quzhou.txt", incoming / "huzhou.txt")  # replacing huzhou, before it

    with pytest.raises(BuildError, match=message):
        run_update(store, put=[incoming / put] if put else [], remove=list(remove))

    assert store.current == live and _dump(store) == dump


def test_a_store_built_without_state_is_updated_by_a_full_build(corpus, tmp_path):
    store = GraphStore(tmp_path / "store")
    run_build([corpus], store, DEFAULT_BASE, progress=False, jobs=1)
    (store.current / "documents.pickle").unlink()

    result = run_update(store, remove=["quzhou.txt"])

    assert result.full
    assert _dump(store) == _full_build(store, tmp_path / "full")


def test_the_commands_add_and_remove_say_what_they_did(corpus, tmp_path, capsys):
    store = tmp_path / "store"
    assert main(["build", "--quiet", "--store", str(store), str(corpus)]) == 0
    capsys.readouterr()

    assert main(["add", "--store", str(store), str(PROVINCE)]) == 0
    assert f"{PROVINCE.name}: {Iris(DEFAULT_BASE).document(PROVINCE.name)}" \
        in capsys.readouterr().out
    assert main(["remove", "--store", str(store), "absent.txt"]) == 1
    assert "update failed: not in the graph: absent.txt" in capsys.readouterr().err
    assert main(["remove", "--store", str(store), PROVINCE.name]) == 0
    assert PROVINCE.name not in "".join(GraphStore(store).manifest()["inputs"])


def test_a_store_built_without_state_refuses_an_unreadable_plan_unchanged(corpus, tmp_path):
    store = GraphStore(tmp_path / "store")
    run_build([corpus], store, DEFAULT_BASE, progress=False, jobs=1)
    (store.current / "documents.pickle").unlink()
    live = store.current
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")

    with pytest.raises(BuildError, match=r"empty\.txt"):
        run_update(store, put=[empty])

    assert store.current == live
