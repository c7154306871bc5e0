"""Bracket-aware scanning: unit names and clauses nest brackets (`各县〔市、区〕`,
`嘉兴经济技术开发区(国际商务区)管委会`), so separators and clause ends only count outside them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

PAIRS = {"(": ")", "（": "）", "〔": "〕", "[": "]", "【": "】", "［": "］", "﹝": "﹞", "《": "》",
         "“": "”", "<": ">", "〈": "〉", "‹": "›"}
_CLOSERS = {close: open_ for open_, close in PAIRS.items()}
_BRACKETS = frozenset(PAIRS) | frozenset(_CLOSERS)


@dataclass(frozen=True, slots=True)
class Group:
    """A top-level bracketed span: `text[start:end]` includes both brackets."""

    start: int
    end: int
    opener: str

    def content(self, text: str) -> str:
        return text[self.start + 1 : self.end - 1]


def top_level_groups(text: str) -> Iterator[Group]:
    """The bracketed spans of `text` that are not inside another bracket.

    An unmatched closer is ignored; an unclosed opener ends no group, unless a closer of a
    bracket around it closes both. Most lines hold no
    bracket at all, and those are not scanned character by character.
    """
    if _BRACKETS.isdisjoint(text):
        return
    stack: list[tuple[str, int]] = []
    for index, char in enumerate(text):
        if char in PAIRS and not (char == "“" and stack and stack[-1][0] == "“"):
            stack.append((char, index))
        elif char in _CLOSERS and any(opener == _CLOSERS[char] for opener, _ in stack):
            # A closer closes its opener and any bracket left open inside it (`《…〈…》`).
            while stack[-1][0] != _CLOSERS[char]:
                stack.pop()
            opener, start = stack.pop()
            if not stack:
                yield Group(start, index + 1, opener)


def depth_map(text: str) -> list[int]:
    """Bracket depth at each character of `text` (brackets themselves count as inside)."""
    depths = [0] * len(text)
    for group in top_level_groups(text):
        for index in range(group.start, group.end):
            depths[index] = 1
    return depths


def split_top_level(text: str, separators: str) -> list[str]:
    """`text` split at separator characters outside brackets, pieces stripped, empties dropped."""
    if _BRACKETS.isdisjoint(text):
        pieces = re.split(f"[{re.escape(separators)}]", text)
    else:
        depths = depth_map(text)
        pieces, start = [], 0
        for index, char in enumerate(text):
            if char in separators and depths[index] == 0:
                pieces.append(text[start:index])
                start = index + 1
        pieces.append(text[start:])
    return [piece.strip() for piece in pieces if piece.strip()]
