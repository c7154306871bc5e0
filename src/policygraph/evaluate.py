"""Scoring of extraction records against hand-made gold records.

The figures are the genre's yardstick: metadata accuracy, task F1 on outline paths, agency
precision/recall/F1 on (task, unit) pairs, lead accuracy, the similarity of task texts, target
P/R/F1 matched one-to-one on (value, value_max, unit), comparator accuracy and indicator
similarity. Counts are summed over documents before the TOTAL row is computed, so a long
document weighs more than a short one, as it does for a reader.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from .parse.normalize import convert_script

META = ("title", "issuer", "region", "level", "issued", "doc_number", "period")
FIGURES = ("meta_acc", "task_f1", "agency_p", "agency_r", "agency_f1", "lead_acc", "text_sim",
           "target_p", "target_r", "target_f1", "comparator_acc", "indicator_sim")
TOTAL = "TOTAL"

Record = Mapping[str, Any]
Normal = str | float | tuple[Any, ...] | None

_SPACE = re.compile(r"\s+")
# Full-width punctuation that plans and annotators write either way; the enumeration comma
# folds to a comma, since both separate units.
_FULLWIDTH = str.maketrans({"\uff08": "(", "\uff09": ")", "\uff0c": ",", "\u3001": ",",
                            "\uff1b": ";", "\uff1a": ":"})


class EvaluationError(ValueError):
    """Gold records that cannot be read: the message names the file."""


def norm(value: Any) -> Normal:
    """Comparable form of a field: no spaces, ASCII punctuation, simplified characters (a
    site's 繁體 view of a plan is the same plan), no 《》 or quotes around it."""
    if value is None:
        return None
    if isinstance(value, list | tuple):
        return tuple(norm(item) for item in value)
    if isinstance(value, int | float):
        return float(value)
    text = convert_script(_SPACE.sub("", str(value)).translate(_FULLWIDTH))
    return text.strip("《》“”\"'")


def f1(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    """Precision, recall and F1; predicting nothing when there is nothing to find is perfect."""
    precision = tp / n_pred if n_pred else (1.0 if not n_gold else 0.0)
    recall = tp / n_gold if n_gold else 1.0
    total = precision + recall
    return precision, recall, (2 * precision * recall / total if total else 0.0)


def similar(a: Any, b: Any) -> float:
    """Similarity ratio of two normalised strings (0 to 1)."""
    return SequenceMatcher(None, _text(norm(a)), _text(norm(b))).ratio()


def _text(value: Normal) -> str:
    return value if isinstance(value, str) else str(value or "")


def count(gold: Record, pred: Record) -> dict[str, float]:
    """Raw counts for one document; sums of these over documents give the TOTAL row."""
    c: dict[str, float] = {"meta_ok": 0, "meta_n": len(META)}
    c["meta_ok"] = sum(key in pred and norm(gold.get(key)) == norm(pred.get(key)) for key in META)

    g_tasks = {norm(task["path"]): task for task in gold.get("tasks", [])}
    p_tasks = {norm(task.get("path", [])): task for task in pred.get("tasks", [])}
    matched = g_tasks.keys() & p_tasks.keys()
    c.update(task_tp=len(matched), task_pred=len(p_tasks), task_gold=len(g_tasks))

    g_pairs = _agency_pairs(g_tasks)
    p_pairs = _agency_pairs(p_tasks)
    c.update(agency_tp=len(g_pairs & p_pairs), agency_pred=len(p_pairs),
             agency_gold=len(g_pairs))

    c["lead_n"] = sum(1 for task in g_tasks.values() if task.get("agencies"))
    c["lead_ok"] = sum(
        1 for path in matched
        if g_tasks[path].get("agencies")
        and _units(p_tasks[path].get("lead", [])) == _units(g_tasks[path].get("lead", [])))
    c["kind_ok"] = sum(1 for path in matched
                       if g_tasks[path].get("kind") == p_tasks[path].get("kind"))
    c["text_sim"] = sum(similar(g_tasks[path].get("text"), p_tasks[path].get("text"))
                        for path in matched)
    c.update(_target_counts(gold.get("targets", []), pred.get("targets", [])))
    return c


def _agency_pairs(tasks: Mapping[Normal, Record]) -> set[tuple[Normal, Normal]]:
    return {(path, norm(unit)) for path, task in tasks.items()
            for unit in task.get("agencies", [])}


def _units(units: Iterable[Any]) -> set[Normal]:
    return {norm(unit) for unit in units}


def _target_key(target: Record) -> tuple[Normal, Normal, Normal]:
    return norm(target.get("value")), norm(target.get("value_max")), norm(target.get("unit"))


def _target_counts(gold: list[Record], pred: list[Record]) -> dict[str, float]:
    """Match targets one-to-one on their quantity, taking the closest indicator first."""
    free = list(pred)
    c: dict[str, float] = {"target_tp": 0, "target_pred": len(free), "target_gold": len(gold),
                           "comparator_ok": 0, "indicator_sim": 0.0}
    for target in gold:
        same = [candidate for candidate in free if _target_key(candidate) == _target_key(target)]
        if not same:
            continue
        best = max(same, key=lambda candidate: similar(target.get("indicator"),
                                                        candidate.get("indicator")))
        free.remove(best)
        c["target_tp"] += 1
        c["comparator_ok"] += target.get("comparator") == best.get("comparator")
        c["indicator_sim"] += similar(target.get("indicator"), best.get("indicator"))
    return c


def summarise(c: Mapping[str, float]) -> dict[str, float]:
    """The published figures from raw counts."""
    def ratio(ok: str, n: str, empty: float) -> float:
        return c[ok] / c[n] if c[n] else empty

    _, _, task_f1 = f1(int(c["task_tp"]), int(c["task_pred"]), int(c["task_gold"]))
    agency_p, agency_r, agency_f1 = f1(int(c["agency_tp"]), int(c["agency_pred"]),
                                       int(c["agency_gold"]))
    target_p, target_r, target_f1 = f1(int(c["target_tp"]), int(c["target_pred"]),
                                       int(c["target_gold"]))
    return {
        "meta_acc": ratio("meta_ok", "meta_n", 1.0),
        "task_f1": task_f1,
        "agency_p": agency_p, "agency_r": agency_r, "agency_f1": agency_f1,
        "lead_acc": ratio("lead_ok", "lead_n", 1.0),
        "text_sim": ratio("text_sim", "task_tp", 0.0),
        "target_p": target_p, "target_r": target_r, "target_f1": target_f1,
        "comparator_acc": ratio("comparator_ok", "target_tp", 0.0),
        "indicator_sim": ratio("indicator_sim", "target_tp", 0.0),
    }


def score(gold: Mapping[str, Record], preds: Iterable[Record]) -> dict[str, dict[str, float]]:
    """One row of figures per gold document, matched by `source`, and a TOTAL row.

    A gold document with no prediction counts as fully missed; predictions for documents
    without gold are ignored.
    """
    by_source = {pred.get("source"): pred for pred in preds}
    rows: dict[str, dict[str, float]] = {}
    total: dict[str, float] = {}
    for source, record in gold.items():
        c = count(record, by_source.get(source, {}))
        rows[source] = summarise(c)
        for key, value in c.items():
            total[key] = total.get(key, 0) + value
    rows[TOTAL] = summarise(total)
    return rows


def load_gold(directory: Path) -> dict[str, dict[str, Any]]:
    """Gold records of a folder (`*.json`), keyed by their `source`."""
    if not directory.is_dir():
        raise EvaluationError(f"{directory}: not a folder of gold records")
    gold: dict[str, dict[str, Any]] = {}
    for path in sorted(directory.glob("*.json")):
        try:
            record = json.loads(path.read_text("utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
            raise EvaluationError(f"{path}: {error}") from None
        if not isinstance(record, dict) or not isinstance(record.get("source"), str):
            raise EvaluationError(f"{path}: a gold record is an object with a 'source' string")
        gold[record["source"]] = record
    if not gold:
        raise EvaluationError(f"{directory}: no gold records (*.json)")
    return gold


def format_table(rows: Mapping[str, Mapping[str, float]]) -> str:
    """The figures as a fixed-width table, one row per document and the TOTAL last."""
    keys = list(rows[TOTAL])
    lines = ["document".ljust(28) + "".join(key.rjust(15) for key in keys)]
    lines += [source[:27].ljust(28) + "".join(f"{row[key]:15.3f}" for key in keys)
              for source, row in rows.items()]
    return "\n".join(lines)


def below_floors(rows: Mapping[str, Mapping[str, float]],
                 floors: Mapping[str, float]) -> list[str]:
    """Each TOTAL figure under its floor, as `key=actual < floor`."""
    total = rows[TOTAL]
    return [f"{key}={total[key]:.3f} < {floor:g}"
            for key, floor in floors.items() if total[key] < floor]
