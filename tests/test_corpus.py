"""Extraction of the built-in corpus scored against its hand-made gold records.

The floors are the project's quality bar; the same scoring (`policygraph evaluate`) measures
extraction on any annotated documents of the genre.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from policygraph.evaluate import load_gold, score
from policygraph.parse import extract

DATA = Path(__file__).parent.parent / "data"
FLOORS = {"task_f1": 0.97, "agency_f1": 0.97, "lead_acc": 0.97, "meta_acc": 0.9,
          "target_f1": 0.9, "comparator_acc": 0.9}


@pytest.fixture(scope="module")
def rows() -> dict[str, dict[str, float]]:
    gold = load_gold(DATA / "gold")
    records = [extract(DATA / "raw" / source).to_dict() for source in gold]
    return score(gold, records)


@pytest.mark.parametrize("key", sorted(FLOORS))
def test_total_meets_floor(rows, key):
    assert rows["TOTAL"][key] >= FLOORS[key], f"{key} = {rows['TOTAL'][key]:.3f}"


def test_every_document_is_scored(rows):
    assert len(rows) == len(list((DATA / "gold").glob("*.json"))) + 1
