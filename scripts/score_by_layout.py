"""Extraction scores of the development corpus per layout family and split.

    python scripts/score_by_layout.py [--corpus data/dev]

Reads the layout features of each document from the corpus's `SOURCES.md`, groups the
documents of each split into the layout families of the genre (a document may belong to
several) and prints, per family, the number of documents and the figures `policygraph
evaluate` gives for them.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from policygraph.evaluate import TOTAL, load_gold, score
from policygraph.parse import DocumentError, extract

FAMILIES = {
    "responsibility blocks on their own lines": {"own-line-block", "bracket-label"},
    "flattened tables": {"table-pipe", "table-cells-per-line", "table-tab"},
    "inherited and prose leads": {"banner-lead", "parent-lead", "prose-lead"},
    "outlines mid-document or run on": {"mid-document", "run-on-numbering", "repeated-number"},
    "metadata from the page's header": {"portal-fields", "chinese-date", "month-date",
                                        "five-year-plan", "zone-issuer", "department-issuer"},
    "targets that are commitments": {"non-targets", "compound-unit", "respectively",
                                     "preamble-goals", "goals-with-clause"},
    "inline clauses, one-line and 繁體 pages": {"inline-clause", "one-line-page", "traditional"},
}
FIGURES = ("task_f1", "agency_f1", "lead_acc", "target_f1", "meta_acc")


def layouts(sources: Path) -> dict[str, tuple[str, set[str]]]:
    """Each document's split and layout features, from the rows of SOURCES.md."""
    found: dict[str, tuple[str, set[str]]] = {}
    for line in sources.read_text("utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 9 and cells[0].endswith(".txt"):
            found[cells[0]] = (cells[1], {feature.strip() for feature in cells[8].split(",")})
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=Path("data/dev"))
    args = parser.parse_args()
    features = layouts(args.corpus / "SOURCES.md")
    print("| split | layout family | documents | " + " | ".join(FIGURES) + " |")
    print("|---|---|---|" + "---|" * len(FIGURES))
    for split in sorted({split for split, _ in features.values()}):
        gold = load_gold(args.corpus / split / "gold")
        records = []
        for source in gold:
            try:
                records.append(extract(args.corpus / split / "raw" / source).to_dict())
            except DocumentError:
                continue
        for family, members in FAMILIES.items():
            chosen = {source: record for source, record in gold.items()
                      if features.get(source, ("", set()))[1] & members}
            if not chosen:
                continue
            total = score(chosen, records)[TOTAL]
            print(f"| {split} | {family} | {len(chosen)} | "
                  + " | ".join(f"{total[key]:.3f}" for key in FIGURES) + " |")


if __name__ == "__main__":
    main()
