"""Where each task and target was read: character offsets into the document's text.

Extraction works on a normalised copy of the text (ASCII digits, no pinyin glosses, simplified
script, lines rejoined), so its strings cannot be searched for in the original directly. This
module builds a search key of the original, the same normalisation with whitespace dropped,
that remembers for every key character where it came from; a found key range maps back to the
original characters. Offsets count Unicode code points, as Web Annotation's
TextPositionSelector does.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .normalize import GUARD_DOT, convert_script, glosses, looks_traditional, translate_char

Span = tuple[int, int]

# Key characters matched at each end of a needle that cannot be found whole.
_ANCHOR = 12
_SPACE = re.compile(r"\s")


class SpanFinder:
    """Locates normalised strings in one original text, in reading order."""

    def __init__(self, original: str) -> None:
        chars: list[str] = []
        origin: list[int] = []
        for position, char in enumerate(original):
            for out in translate_char(char):
                chars.append(out)
                origin.append(position)
        text = "".join(chars)
        dropped = {i for match in glosses(text) for i in range(*match.span())}
        kept = [i for i in range(len(text)) if i not in dropped and not _SPACE.match(text[i])]
        key = "".join(text[i] for i in kept)
        dots = {found.start() for found in GUARD_DOT.finditer(key)}
        kept = [i for index, i in enumerate(kept) if index not in dots]
        key = "".join(text[i] for i in kept)
        if looks_traditional(key):
            key = convert_script(key, keep_length=True)
        self._key = key
        self._origin = [origin[i] for i in kept]
        self._cursor = 0

    def find(self, needle: str) -> Span | None:
        """The original span of `needle`, searched after the last find, then anywhere.

        A needle that does not occur whole (a clause taken out of its middle, lines rejoined
        around page noise) is spanned from its first to its last few characters, and failing
        that, a needle of several lines from its first line to its last, and failing that, as
        far as the text runs on as the needle does from its first few characters.
        """
        key = _SPACE.sub("", needle)
        found = self._find(key) or self._find_lines(needle) or self._find_prefix(key)
        if found is None:
            return None
        self._cursor = found[1]
        return self._origin[found[0]], self._origin[found[1] - 1] + 1

    def _find_lines(self, needle: str) -> tuple[int, int] | None:
        """Where a needle of several lines is, from its first line to its last."""
        lines = [line for line in needle.split("\n") if line.strip()]
        if len(lines) < 2:
            return None
        first = self._find(_SPACE.sub("", lines[0]))
        last = self._find(_SPACE.sub("", lines[-1]), first[1]) if first else None
        return (first[0], last[1]) if first and last else None

    def _find(self, key: str, after: int | None = None) -> tuple[int, int] | None:
        """Where `key` is in the search key, whole or from its head to its tail: after
        `after`, or else after the last find, then anywhere."""
        if not key:
            return None
        starts = (after,) if after is not None else (self._cursor, 0)
        for start in starts:
            found = self._key.find(key, start)
            if found >= 0:
                return found, found + len(key)
        head, tail = key[:_ANCHOR], key[-_ANCHOR:]
        for start in starts:
            first = self._key.find(head, start)
            last = self._key.find(tail, first + len(head)) if first >= 0 else -1
            if last >= 0:
                return first, last + len(tail)
        return None

    def _find_prefix(self, key: str) -> tuple[int, int] | None:
        """Neither whole nor by its ends (a clause the page set inside a sentence): as far as
        the text runs on as `key` does from its first few characters."""
        for length in range(min(_ANCHOR, len(key)), 1, -1):
            for start in (self._cursor, 0):
                first = self._key.find(key[:length], start)
                if first >= 0:
                    return first, first + _common_prefix(key, self._key, first)
        return None

    def locate(self, needles: Iterable[str], repeats_share: bool = False) -> list[Span | None]:
        """Spans of several normalised strings, expected in reading order from the start of
        the text (each call starts there again, so one finder serves several sequences).

        With `repeats_share`, a needle equal to the one before it is the same occurrence (two
        targets read from one sentence); otherwise it is the next occurrence (two items worded
        alike).
        """
        self._cursor = 0
        spans: list[Span | None] = []
        previous = None
        for needle in needles:
            same = repeats_share and spans and needle == previous
            spans.append(spans[-1] if same else self.find(needle))
            previous = needle
        return spans


def _common_prefix(needle: str, text: str, start: int) -> int:
    """How many characters of `needle` `text` repeats from `start`."""
    length = 0
    while length < len(needle) and start + length < len(text) \
            and needle[length] == text[start + length]:
        length += 1
    return length
