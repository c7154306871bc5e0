"""Make scraped text uniform before it is read, without changing what it says.

Government pages mix full-width and ASCII digits, carry non-breaking spaces and small form
variants of punctuation (`1﹒`), insert pinyin glosses after characters (`發(fā)展`) and are
sometimes in traditional characters. Extraction reads simplified Chinese with ASCII digits;
punctuation stays as written, small forms read as their full-width marks.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

_WIDTH = {**{chr(0xFF10 + i): str(i) for i in range(10)},
          **{chr(0xFF21 + i): chr(0x41 + i) for i in range(26)},
          **{chr(0xFF41 + i): chr(0x61 + i) for i in range(26)},
          "\u3000": " ", "\u00a0": " ", "\u2002": " ", "\u2003": " ", "\u2009": " ",
          "\u200b": "", "\ufeff": "", "\r": "",
          # Small form variants (`1﹒`, `﹙一﹚`) as the full-width marks they stand for.
          "\ufe50": "，", "\ufe51": "、", "\ufe52": "．", "\ufe54": "；", "\ufe55": "：",
          "\ufe59": "（", "\ufe5a": "）", "\ufe5d": "〔", "\ufe5e": "〕"}
_TRANSLATE = str.maketrans(_WIDTH)

# A gloss is a bracketed pinyin syllable with a tone mark, right after a Han character, or
# the readings of a character read several ways (`和(hé / huò)`); a page that glosses without
# tone marks (`貫(guan)徹`) does so many times over, which tells its glosses from a bracketed
# word (`(app)`).
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_SYLLABLE = rf"[a-zü{_TONED}]*[{_TONED}][a-zü{_TONED}]*"
# (a mirror may gloss a character twice over, `稅(shui)(shui)`)
_GLOSS = re.compile(
    rf"(?<=[\u4e00-\u9fff])(?:[(（]\s*{_SYLLABLE}(?:\s*[/／、,，]\s*{_SYLLABLE})*\s*[)）])+"
)
_TONELESS = re.compile(r"(?<=[\u4e00-\u9fff])(?:[(（](?=[a-zü]*[aeiouü])[a-zü]{1,6}[)）])+")
_MIN_TONELESS = 5
# Marks a mirror inserts against copying: `@@` anywhere, a middle dot inside a word
# (`工业和信·息化厅`; read once the glosses are out, `愛國(guó)·奮鬥` as `愛國·奮鬥`).
_COPY_GUARD = re.compile(r"@{2,}")
GUARD_DOT = re.compile(r"(?<=[\u4e00-\u9fff])[·•](?=[\u4e00-\u9fff])")
# A comma a mirror doubles every mark with (`工作,,严格按…`, `一,、加强组织领导`, `完成,。`):
# no sentence puts a comma right before another mark.
_DOUBLED_MARK = re.compile(r"[,，](?=[,，、。;；:：])")
# `杭州市余杭区人民政府办公室?`, `1? | 未来科技城…`: a character the page's encoding lost, left
# as `?` after the last character of a line or a table cell.
_STRAY_MARK = re.compile(r"(?<=[^\s?|｜])\?(?=[ \t]*(?:[|｜]|$))", re.M)
# `??一、让企业办事更省心`: the indent of full-width spaces a broken encoding left as `?`s.
_STRAY_INDENT = re.compile(r"^[ \t]*\?+(?=[^\s?])", re.M)
# A PDF's text layer that puts a space between every two characters (`青 海 省 人 民 政 府`):
# a line where most Han characters stand apart like this is written without those spaces.
_SPACED = re.compile(r"(?<=[^\x00-\x7f]) (?=[^\x00-\x7f\s])|(?<=[^\x00-\x7f\s]) (?=[^\x00-\x7f])"
                     r"|(?<=[^\x00-\x7f]) (?=\d)|(?<=\d) (?=[^\x00-\x7f\s])")
# A Han character.
HAN = re.compile(r"[\u4e00-\u9fff]")
_HAN_APART = re.compile(r"[\u4e00-\u9fff] (?=[\u4e00-\u9fff])")
_MIN_SPACED_HAN = 10
# The same text layer's comma and full stop: a font's GB2312 codes (A3AC, A3AE) taken for code
# points, which fall among the Yi syllables; read as such where no other Yi syllable occurs.
_PDF_MARKS = str.maketrans({"\ua3ac": "，", "\ua3ae": "。"})
_YI = re.compile(r"[\ua000-\ua48f]")
# Share of Han characters that t2s conversion changes above which a text counts as traditional.
_TRADITIONAL_SHARE = 0.02
_SAMPLE = 4000


def normalize(text: str) -> str:
    """Text ready for reading: ASCII digits and spaces, no pinyin glosses or doubled commas, no
    stray `?` that a broken encoding left at the end of a line or cell or for a line's indent,
    no spaces a PDF's text layer set between characters, simplified script."""
    text = text.translate(_TRANSLATE)
    if {match[0] for match in _YI.finditer(text)} <= {"\ua3ac", "\ua3ae"}:
        text = text.translate(_PDF_MARKS)
    text = "\n".join(map(_closed_up, text.split("\n")))
    text = without_glosses(text)
    text = _DOUBLED_MARK.sub("", text)
    text = _STRAY_MARK.sub("", text)
    text = _STRAY_INDENT.sub("", text)
    if looks_traditional(text):
        text = convert_script(text)
    return text


def _closed_up(line: str) -> str:
    """A line of characters set apart by spaces, written without them; any other line as it
    is."""
    han = len(HAN.findall(line))
    if han < _MIN_SPACED_HAN or 2 * len(_HAN_APART.findall(line)) < han:
        return line
    return _SPACED.sub("", line)


def glosses(text: str) -> list[re.Match[str]]:
    """What a mirror site inserted between a page's characters: pinyin glosses (`發(fā)展`,
    `貫(guan)徹`) and marks that guard against copying (`细颗粒物@@(PM2.5)年@@均浓度`)."""
    toneless = list(_TONELESS.finditer(text))
    return sorted([*_GLOSS.finditer(text), *_COPY_GUARD.finditer(text),
                   *(toneless if len(toneless) >= _MIN_TONELESS else [])],
                  key=lambda found: found.start())


def without_glosses(text: str) -> str:
    """The text without its pinyin glosses and copy-guard marks."""
    kept, start = [], 0
    for found in glosses(text):
        if found.start() >= start:
            kept.append(text[start:found.start()])
            start = found.end()
    return GUARD_DOT.sub("", "".join(kept) + text[start:])


def translate_char(char: str) -> str:
    """One character as `normalize` widens or narrows it (possibly to nothing)."""
    return _WIDTH.get(char, char)


def convert_script(text: str, keep_length: bool = False) -> str:
    """Traditional → simplified; with `keep_length`, character by character wherever the
    phrase-level conversion would change the text's length, so offsets still line up."""
    converted: str = _converter().convert(text)
    if keep_length and len(converted) != len(text):
        converted = "".join(_converter().convert(char) or char for char in text)
    return converted


def looks_traditional(text: str) -> bool:
    """Whether a sample of the text changes noticeably under traditional → simplified."""
    sample = text[:_SAMPLE]
    han = sum(1 for ch in sample if "\u4e00" <= ch <= "\u9fff")
    if han == 0:
        return False
    converted = _converter().convert(sample)
    changed = sum(1 for a, b in zip(sample, converted, strict=False) if a != b)
    return changed / han > _TRADITIONAL_SHARE


@cache
def _converter() -> Any:
    """OpenCC's traditional → simplified converter, loaded on first need."""
    import opencc

    return opencc.OpenCC("t2s")
