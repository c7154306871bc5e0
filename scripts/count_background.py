"""Count again the n-gram frequencies alignment weighs task words by, from gold records.

    python scripts/count_background.py data/dev/develop/gold data/dev/fresh/gold

writes `src/policygraph/align/background.tsv.gz` (see `policygraph.align.background`).
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from policygraph.align.background import BACKGROUND, counted, gold_words, write


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold", nargs="+", type=Path, help="folders of gold records (*.json)")
    parser.add_argument("--output", type=Path, default=BACKGROUND)
    args = parser.parse_args(argv)
    counts = counted(gold_words(args.gold))
    write(counts, args.output)
    print(f"{args.output}: {counts.tasks} tasks, {len(counts.frequencies)} n-grams")


if __name__ == "__main__":
    main()
