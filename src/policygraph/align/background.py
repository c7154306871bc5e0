"""How many tasks of real plans use each character and pair of characters: the weights that
tell alignment which words two tasks share mean something.

Inverse document frequency weighs down what every plan writes (`加快`, `推进`, `服务业`). Fitted
on the graph being built, a task's weights would depend on every other plan of the graph, so
adding one plan would change every alignment and an update would have to align the whole graph
again. The frequencies are instead counted once on the hand-read tasks of the development
corpus (`data/dev/*/gold`, real plans of every level and province) and shipped with the
package (`background.tsv.gz`): a task's vector then depends on its own words alone, and an
update aligns only the plans it touches. Measured on the judged pairs of `data/alignment/`
(`python bench/alignment_methods.py`), the ranking is as good as with frequencies fitted on the
graph (average precision, weighed, 0.60 against 0.63 on the built-in pairs; 1.00 and 1.00 on
the real ones).

    python scripts/count_background.py data/dev/develop/gold data/dev/fresh/gold

counts them again after the gold records change (a test compares the file with the gold).
"""

from __future__ import annotations

import gzip
import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import cache
from pathlib import Path

from sklearn.feature_extraction.text import CountVectorizer

from ..parse.normalize import convert_script

__all__ = ["BACKGROUND", "NGRAMS", "Background", "analyzer", "background", "counted",
           "gold_words", "write"]

NGRAMS = (1, 2)
BACKGROUND = Path(__file__).with_name("background.tsv.gz")
_TASKS = "#tasks"


def analyzer() -> Callable[[str], list[str]]:
    """A task's character n-grams, in simplified characters (a plan's 繁體 mirror reads as its
    plan), as both the counts and the vectors cut them."""
    cut: Callable[[str], list[str]] = CountVectorizer(
        analyzer="char", ngram_range=NGRAMS, preprocessor=convert_script).build_analyzer()
    return cut


class Background:
    """The number of tasks counted and, for each n-gram, how many of them use it."""

    def __init__(self, tasks: int, frequencies: dict[str, int]) -> None:
        self.tasks = tasks
        self.frequencies = frequencies

    def lines(self) -> Iterator[str]:
        """The file's lines: the number of tasks, then each n-gram (as a JSON string: it may
        hold a line break) and its count, in code point order."""
        yield f"{_TASKS}\t{self.tasks}\n"
        for gram in sorted(self.frequencies):
            yield f"{json.dumps(gram, ensure_ascii=False)}\t{self.frequencies[gram]}\n"


def counted(words: Iterable[str]) -> Background:
    """The frequencies of the n-grams in `words` (one entry per task)."""
    cut = analyzer()
    frequencies: Counter[str] = Counter()
    tasks = 0
    for text in words:
        tasks += 1
        frequencies.update(set(cut(text)))
    return Background(tasks, dict(frequencies))


def gold_words(directories: Sequence[Path]) -> Iterator[str]:
    """Each task's words (heading, then text) in the gold records of `directories`, as the
    graph gives alignment a task's words."""
    for directory in directories:
        for path in sorted(directory.glob("*.json")):
            for task in json.loads(path.read_text(encoding="utf-8"))["tasks"]:
                yield " ".join(part for part in (task.get("heading"), task.get("text")) if part)


def write(counts: Background, path: Path = BACKGROUND) -> None:
    """Write `counts` to `path` (the same counts, the same bytes)."""
    with gzip.GzipFile(path, "wb", mtime=0) as written:
        written.write("".join(counts.lines()).encode("utf-8"))


@cache
def background() -> Background:
    """The shipped frequencies."""
    frequencies: dict[str, int] = {}
    tasks = 0
    with gzip.open(BACKGROUND, "rt", encoding="utf-8") as lines:
        for line in lines:
            gram, _, count = line.rstrip("\n").rpartition("\t")
            if gram == _TASKS:
                tasks = int(count)
            else:
                frequencies[json.loads(gram)] = int(count)
    return Background(tasks, frequencies)
