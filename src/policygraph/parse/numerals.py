"""Numbers as policy documents write them: Arabic, Chinese, circled and enclosed numerals.

Chinese counts in this genre include bare magnitudes (`百家` is a hundred firms, `千名` a
thousand people), which general-purpose converters reject, so the conversion is done here.
"""

from __future__ import annotations

import re
import unicodedata

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
           "七": 7, "八": 8, "九": 9}
_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
_BIG_UNITS = {"万": 10_000, "亿": 100_000_000}


def chinese_to_int(text: str) -> int:
    """`十五` → 15, `二十` → 20, `百` → 100, `一千二百` → 1200, `二〇二一` → 2021.

    Raises ValueError for text that is not a Chinese numeral.
    """
    if not text or any(ch not in _DIGITS and ch not in _SMALL_UNITS and ch not in _BIG_UNITS
                       for ch in text):
        raise ValueError(f"not a Chinese numeral: {text!r}")
    if all(ch in _DIGITS for ch in text) and len(text) > 1:
        return int("".join(str(_DIGITS[ch]) for ch in text))  # digit by digit: 二〇二一
    total, section, digit = 0, 0, None
    for ch in text:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
        elif ch in _SMALL_UNITS:
            section += (1 if digit is None else digit) * _SMALL_UNITS[ch]
            digit = None
        else:
            section += digit or 0
            total += (section or 1) * _BIG_UNITS[ch]
            section, digit = 0, None
    return total + section + (digit or 0)


def enclosed_to_int(char: str, first: str) -> int:
    """The value of an enclosed numeral (`①`, `㈠`, `⑴`) given the block's first character."""
    return ord(char) - ord(first) + 1


_STEMS = "甲乙丙丁戊己庚辛壬癸"  # the heavenly stems, which number the parts of some plans
_BRACKETS = "()（）〔〕[]【】"
_DECIMAL = re.compile(r"\d{1,3}\.\d{1,3}")  # `2.3`, the third item under `2`
_PART = re.compile(r"^第(.+?)(?:部分|章|节|篇)$")  # `第三部分` is the third part


def ordinal(label: str) -> int | None:
    """The place a numbering label gives, whatever numerals it is written in: `3`, `三`,
    `(三)`, `③`, `㈢`, `⑶`, `Ⅲ`, `丙`, `2.3` and `第三部分` all give 3; a label of no numerals
    gives None."""
    bare = _PART.sub(r"\1", label.strip().strip(_BRACKETS + "、.．"))
    if bare.isdecimal():
        return int(bare)
    if _DECIMAL.fullmatch(bare):
        return int(bare.rsplit(".", 1)[1])
    if len(bare) == 1 and bare in _STEMS:
        return _STEMS.index(bare) + 1
    if len(bare) == 1 and unicodedata.numeric(bare, None) is not None:
        value = unicodedata.numeric(bare)
        return int(value) if value == int(value) and value >= 1 else None
    try:
        return chinese_to_int(bare)
    except ValueError:
        return None


_ENCLOSED_FIRST = {"circled": "①", "enclosed": "㈠", "parenthesized": "⑴"}
_CHINESE_OF = "一二三四五六七八九十"


def parse_number(text: str, numerals: str) -> int:
    """The value of a numbering marker's number in the given numeral system."""
    if numerals == "arabic":
        return int(text)
    if numerals == "decimal":
        return int(text.rsplit(".", 1)[1])  # `2.3` is the third item under `2`
    if numerals == "chinese":
        return chinese_to_int(text)
    return enclosed_to_int(text, _ENCLOSED_FIRST[numerals])


def chinese_numeral(value: int) -> str:
    """`3` → `三`, for the numbers of an outline's first ten items."""
    return _CHINESE_OF[value - 1]


def written_form(text: str, numerals: str) -> str:
    """A marker's number as it reads in a path: `㈠` reads `一`, `⑴` reads `1`."""
    if numerals == "enclosed":
        return chinese_numeral(enclosed_to_int(text, "㈠"))
    if numerals == "parenthesized":
        return str(enclosed_to_int(text, "⑴"))
    return text
