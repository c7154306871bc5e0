"""How alike two tasks' words are: cosine similarity of character n-gram TF-IDF vectors.

Chinese has no spaces between words, and a segmenter's errors on policy terms (`数字生活新服务`,
`亩均论英雄`) would lose the very words two plans share; character unigrams and bigrams need no
segmentation, and inverse document frequency (`background.py`: counted on the tasks of real
plans, so that a task's vector depends on its own words alone) weighs down what every plan
writes. Measured on the hand-judged built-in pairs of `data/alignment/` (`python
bench/alignment_methods.py`), unigrams with bigrams and sublinear term frequency rank the
aligned pairs best once weighed as `align` weighs them (average precision 0.63, against
0.55–0.59 for unigrams alone or longer n-grams, all with frequencies fitted on the graph; 0.60
with the development corpus's frequencies, which the real pairs rank as well: 0.997 against
1.000).

Two tasks' similarity is the same whichever other tasks are vectorised with them: a row's
columns are its n-grams in code point order and its weights its own, so a plan aligned in an
update scores exactly as in a full build.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.preprocessing import normalize

from .background import NGRAMS, analyzer, background

__all__ = ["NGRAMS", "TaskVectors"]


class TaskVectors:
    """The TF-IDF vectors of some tasks, by position: sublinear term frequency times the
    inverse of the background's document frequency (smoothed, an n-gram it never saw weighing
    most), each of unit length."""

    def __init__(self, words: Sequence[str]) -> None:
        self._matrix: Any = None
        if not words:
            return
        counts = CountVectorizer(analyzer=analyzer(), dtype=np.float64)
        matrix = counts.fit_transform(words)
        # (each row's entries in column order, which is code point order whatever the other
        # rows: its length and its products are summed in that order, to the same last bit)
        matrix.sort_indices()
        known = background()
        weights = np.array([_idf(known.frequencies.get(gram, 0), known.tasks)
                            for gram in counts.get_feature_names_out()])
        matrix.data = (np.log(matrix.data) + 1) * weights[matrix.indices]
        # (rows of unit length: their dot product is the cosine)
        self._matrix = normalize(matrix, copy=False)

    def similarity(self, lower: Sequence[int], higher: Sequence[int]) -> list[list[float]]:
        """The cosine similarity of each lower task with each higher task (rows: lower)."""
        product = self._matrix[list(lower)] @ self._matrix[list(higher)].T
        rows: list[list[float]] = product.toarray().tolist()
        return rows


def _idf(frequency: int, tasks: int) -> float:
    """Smoothed inverse document frequency, as scikit-learn's TF-IDF weighs a term."""
    return math.log((1 + tasks) / (1 + frequency)) + 1
