"""Extraction of the development corpus of real plans scored against its gold records.

Both splits must stay above the floors: `develop`, which rules are written against, and
`fresh`, gathered and annotated before the rules were changed for it. The gold records
themselves are checked against their documents, so that a slip in them cannot hide a fault.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from policygraph.evaluate import TOTAL, load_gold, score
from policygraph.gold_check import check_folder
from policygraph.parse import extract

CORPUS = Path(__file__).parent.parent / "data" / "dev"
SPLITS = ("develop", "fresh")
FLOORS = {"task_f1": 0.95, "agency_f1": 0.95, "lead_acc": 0.95, "target_f1": 0.90,
          "meta_acc": 0.85}


@pytest.fixture(scope="module", params=SPLITS)
def split(request: pytest.FixtureRequest) -> tuple[str, dict[str, float]]:
    folder = CORPUS / request.param
    gold = load_gold(folder / "gold")
    records = [extract(folder / "raw" / source).to_dict() for source in gold]
    return request.param, score(gold, records)[TOTAL]


@pytest.mark.parametrize("key", sorted(FLOORS))
def test_split_meets_floor(split, key):
    name, total = split
    assert total[key] >= FLOORS[key], f"{name}: {key} = {total[key]:.3f}"


@pytest.mark.parametrize("name", SPLITS)
def test_gold_records_agree_with_their_documents(name):
    assert check_folder(CORPUS / name / "gold", CORPUS / name / "raw") == []


def test_every_document_is_listed_in_the_sources():
    sources = (CORPUS / "SOURCES.md").read_text("utf-8")
    for name in SPLITS:
        for document in (CORPUS / name / "raw").glob("*.txt"):
            assert f"| {document.name} | {name} |" in sources
