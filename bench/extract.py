"""Extraction alone, on one core: milliseconds a plan over the given folders of raw text.

    python bench/extract.py [DIR ...] [--runs 5]
    PYTHONPATH=../other/src python bench/extract.py DIR    # another checkout's rules, same plans

Without folders it reads the built-in and the development corpora. Extraction rules are
where most changes land, and each rule costs every plan; run this beside a baseline checkout
(the `PYTHONPATH` form) and quote the ratio of the medians. A plan the extractor refuses is
timed like the others, since refusing is work too.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import time
from pathlib import Path

from measure import Spread

import policygraph
from policygraph.parse import DocumentError, extract

DATA = Path(__file__).parent.parent / "data"
DEFAULT_DIRS = (DATA / "raw", DATA / "dev" / "develop" / "raw", DATA / "dev" / "fresh" / "raw")


def read_all(files: list[Path]) -> float:
    """Seconds to extract every file once."""
    started = time.perf_counter()
    for path in files:
        with contextlib.suppress(DocumentError):
            extract(path)
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dirs", nargs="*", type=Path, default=list(DEFAULT_DIRS))
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    files = sorted(path for folder in args.dirs for path in folder.glob("*.txt"))
    if not files:
        sys.exit(f"no .txt plans in {', '.join(map(str, args.dirs))}")
    read_all(files[:5])  # tables loaded and regexes compiled before timing
    spread = Spread.of([read_all(files) / len(files) for _ in range(args.runs)])
    print(f"policygraph from {Path(policygraph.__file__).parent}")
    print(f"{len(files)} plans, {args.runs} runs: {spread.text(1000)} ms a plan "
          "(median, min–max)")


if __name__ == "__main__":
    main()
