"""How alike two tasks' words are: cosine similarity of character n-gram TF-IDF vectors.

Chinese has no spaces between words, and a segmenter's errors on policy terms (`数字生活新服务`,
`亩均论英雄`) would lose the very words two plans share; character unigrams and bigrams need no
segmentation, and inverse document frequency over every task of the graph weighs down what
every plan writes (`加快`, `推进`, `服务业`). Measured on the hand-judged built-in pairs of
`data/alignment/` (`python bench/alignment_methods.py`), unigrams with bigrams and sublinear
term frequency rank the aligned pairs best once weighed as `align` weighs them (average
precision 0.63, against 0.55–0.59 for unigrams alone or longer n-grams).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sklearn.feature_extraction.text import TfidfVectorizer

from ..parse.normalize import convert_script

__all__ = ["NGRAMS", "TaskVectors"]

NGRAMS = (1, 2)


class TaskVectors:
    """The TF-IDF vectors of every task of a graph, by position, fitted on them all."""

    def __init__(self, words: Sequence[str]) -> None:
        vectorizer = TfidfVectorizer(analyzer="char", ngram_range=NGRAMS, sublinear_tf=True,
                                     preprocessor=_folded)
        # (rows of unit length: their dot product is the cosine)
        self._matrix: Any = vectorizer.fit_transform(words) if words else None

    def similarity(self, lower: Sequence[int], higher: Sequence[int]) -> list[list[float]]:
        """The cosine similarity of each lower task with each higher task (rows: lower)."""
        product = self._matrix[list(lower)] @ self._matrix[list(higher)].T
        rows: list[list[float]] = product.toarray().tolist()
        return rows


def _folded(words: str) -> str:
    """A task's words in simplified characters, so a plan's 繁體 mirror reads as its plan."""
    return convert_script(words)
