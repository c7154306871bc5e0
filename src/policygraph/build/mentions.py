"""Platforms and projects named in a task's text (嘉兴现代物流园, 凤栖湖商业综合体).

Plans name the places they develop and the works they build by a proper part followed by a
telling ending (…物流园, …综合保税区, …综合体, …迁建工程), usually right after a verb
(加快推进…) or as the items of a list whose category says what they are (A、B等项目建设).
The endings, the words that come before a name, and the categories that only look like names
(物流园区, 省级服务业集聚区, 一批主题街区) are data in `tables/mentions.toml`; this module
only applies them. Every name found becomes one entity per `mention_key`, shared by all the
tasks and plans that name it.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, Literal

from ..parse.regions import lookup_all

__all__ = ["Mention", "MentionKind", "find_mentions", "mention_key"]

MentionKind = Literal["platform", "project"]

# Characters a name is written in: Han, ASCII letters and digits, the middle dot of
# transliterations, and brackets (安博(嘉兴)仓储有限公司二期).
_NAME_CHAR = re.compile(r"[\u3400-\u9fffA-Za-z0-9·()（）]")
_OPEN, _CLOSE = "(（", ")）"
_TITLE = re.compile(r"《[^《》]*》")
_KEY_NOISE = re.compile(r"[\s“”‘’\"'「」『』]")
# In the national division codes, county-level codes from 71 on are development zones and
# other functional areas (石家庄高新技术产业开发区), which are platforms, not jurisdictions.
_FIRST_FUNCTIONAL_ZONE = 71
_ADMINISTRATIVE_ENDINGS = ("省", "市", "县", "区", "州", "旗", "盟")


@dataclass(frozen=True)
class Mention:
    """A platform or project named in a text."""

    name: str  # the name as written, e.g. "嘉兴现代物流园"
    kind: MentionKind
    start: int  # offsets of the name in the text given
    end: int


@dataclass(frozen=True)
class _Rules:
    """The table `tables/mentions.toml`, compiled."""

    kinds: dict[str, MentionKind]  # ending that counts everywhere → the kind it gives
    everywhere: re.Pattern[str]  # those endings
    in_lists: re.Pattern[str]  # those and the endings that count in a list only
    extension: re.Pattern[str]
    trailing: re.Pattern[str]
    separators: frozenset[str]
    connector: re.Pattern[str]
    close: str
    not_close: tuple[str, ...]
    project_cues: tuple[str, ...]
    platform_cues: tuple[str, ...]
    clause_breaks: frozenset[str]
    cue: re.Pattern[str]
    generic: frozenset[str]
    prefixes: tuple[str, ...]
    inner: tuple[str, ...]
    count: re.Pattern[str]
    region_words: tuple[str, ...]
    vocabulary: frozenset[str]  # sector words and endings: what categories are made of
    key_endings: dict[str, str]


def _longest_first(words: Iterable[str]) -> str:
    return "|".join(re.escape(word) for word in sorted(set(words), key=len, reverse=True))


def _every_occurrence(words: Iterable[str]) -> re.Pattern[str]:
    """A pattern matching, at every position, the longest of `words` that starts there
    (overlapping occurrences included), captured in group 1."""
    return re.compile(f"(?=({_longest_first(words)}))")


@cache
def _rules() -> _Rules:
    text = resources.files(__package__).joinpath("tables", "mentions.toml").read_text("utf-8")
    table: dict[str, Any] = tomllib.loads(text)
    suffixes, lists, generic = table["suffixes"], table["lists"], table["generic"]
    kinds: dict[str, MentionKind] = {ending: "platform" for ending in suffixes["platform"]}
    kinds.update({ending: "project" for ending in suffixes["project"]})
    return _Rules(
        kinds=kinds,
        everywhere=_every_occurrence(kinds),
        in_lists=_every_occurrence([*kinds, *suffixes["listed"]]),
        extension=re.compile(_longest_first(suffixes["project_extension"])),
        trailing=re.compile(suffixes["trailing_bracket"]),
        separators=frozenset(lists["separators"]),
        connector=re.compile(_longest_first(lists["connectors"])),
        close=lists["close"],
        not_close=tuple(lists["not_close"]),
        project_cues=tuple(lists["project_cues"]),
        platform_cues=tuple(lists["platform_cues"]),
        clause_breaks=frozenset(lists["clause_breaks"]),
        cue=_every_occurrence(table["cues"]["words"]),
        generic=frozenset(generic["names"]),
        prefixes=tuple(generic["prefixes"]),
        inner=tuple(generic["inner"]),
        count=re.compile(generic["count"]),
        region_words=tuple(generic["region_words"]),
        vocabulary=frozenset([*generic["words"], *kinds]),
        key_endings=dict(table["key"]["endings"]),
    )


def mention_key(name: str) -> str:
    """The form under which two mentions are the same entity: without spaces and quotes, with
    brackets and letters in one width, and with the ending written one way (…园区 → …园)."""
    key = _KEY_NOISE.sub("", unicodedata.normalize("NFKC", name))
    for ending, same in _rules().key_endings.items():
        if key.endswith(ending) and len(key) > len(ending):
            return key[: -len(ending)] + same
    return key


def find_mentions(text: str) -> list[Mention]:
    """The platforms and projects named in `text`, in text order, one per place in the text.

    Nothing inside a document title (《…》) is a mention: titles name plans, not places.
    """
    rules = _rules()
    titles = [match.span() for match in _TITLE.finditer(text)]
    found: dict[tuple[int, int], Mention] = {}
    for start, end in _clauses(text, rules):
        for item in _items(text, start, end, rules):
            if item.category:
                continue
            for mention in _item_mentions(text, item, rules):
                if not any(s <= mention.start < e for s, e in titles):
                    found.setdefault((mention.start, mention.end), mention)
    return sorted(found.values(), key=lambda mention: (mention.start, mention.end))


def _clauses(text: str, rules: _Rules) -> Iterator[tuple[int, int]]:
    """The spans between clause breaks; a list never runs across one."""
    start = 0
    for index, char in enumerate(text):
        if char in rules.clause_breaks:
            if index > start:
                yield start, index
            start = index + 1
    if start < len(text):
        yield start, len(text)


@dataclass
class _Item:
    """One item of a clause: a list entry, or the text between two connectors."""

    start: int
    end: int
    kind: MentionKind | None = None  # what the list's category says every item is
    category: bool = False  # the words after 等 that name the list's category


def _items(text: str, start: int, end: int, rules: _Rules) -> list[_Item]:
    """Split a clause into items at 、 and connectors (not inside brackets); the items before
    each 等 take the kind its category names, and the category itself is marked."""
    items: list[_Item] = []
    listed: list[_Item] = []  # the items of the list being read
    item_start, depth, index = start, 0, start
    while index < end:
        char = text[index]
        if char in _OPEN or (char in _CLOSE and depth):
            depth += 1 if char in _OPEN else -1
        connector = None if depth else rules.connector.match(text, index, end)
        if depth:
            index += 1
        elif char in rules.separators or connector:
            listed.append(_Item(item_start, index))
            index = connector.end() if connector else index + 1
            item_start = index
        elif char == rules.close and not _in_word(text, index, rules.not_close):
            listed.append(_Item(item_start, index))
            category_end = _category_end(text, index + 1, end, rules)
            kind = _list_kind(text[index + 1 : category_end], rules)
            for item in listed:
                item.kind = kind
            items += [*listed, _Item(index + 1, category_end, kind, category=True)]
            listed, item_start = [], category_end
            index = category_end
        else:
            index += 1
    items += [*listed, _Item(item_start, end)]
    return [item for item in items if item.end > item.start]


def _in_word(text: str, index: int, words: tuple[str, ...]) -> bool:
    """Whether the character at `index` belongs to one of `words` written around it."""
    return any(index >= word.index(text[index])
               and text.startswith(word, index - word.index(text[index]))
               for word in words if text[index] in word)


def _category_end(text: str, start: int, end: int, rules: _Rules) -> int:
    """Where a list's category ends: at the next item separator or the clause's end."""
    return next((index for index in range(start, end) if text[index] in rules.separators), end)


def _list_kind(category: str, rules: _Rules) -> MentionKind | None:
    if any(cue in category for cue in rules.project_cues):
        return "project"
    if any(cue in category for cue in rules.platform_cues):
        return "platform"
    return None


def _item_mentions(text: str, item: _Item, rules: _Rules) -> Iterator[Mention]:
    """The names in one item, each ending at an ending the item admits. Endings that overlap
    or follow one another without a break belong to one name."""
    endings = _endings(text, item, rules)
    ends = sorted(endings)
    kept = [end for index, end in enumerate(ends)
            if index + 1 == len(ends)
            or not _joined(text, end, endings[ends[index + 1]], rules)]
    lower = item.start
    for end in kept:
        mention = _mention(text, item, lower, endings[end], end, rules)
        if mention is not None:
            yield mention
        lower = end


def _endings(text: str, item: _Item, rules: _Rules) -> dict[int, int]:
    """Where each ending in the item ends → where the longest ending ending there starts."""
    pattern = rules.in_lists if item.kind else rules.everywhere
    endings: dict[int, int] = {}
    for match in pattern.finditer(text, item.start, item.end):
        end = match.start() + len(match[1])
        endings[end] = min(endings.get(end, end), match.start())
    return endings


def _joined(text: str, end: int, next_start: int, rules: _Rules) -> bool:
    """Whether an ending is only part of a longer name that ends at the next ending, as 中心
    is in 农产品交易中心市场专用码头: nothing but name characters and no cue word between."""
    between = text[end:next_start]
    return (all(_NAME_CHAR.match(char) and char not in _OPEN + _CLOSE for char in between)
            and not rules.cue.search(between))


def _mention(text: str, item: _Item, lower: int, ending_start: int, end: int,
             rules: _Rules) -> Mention | None:
    """The name ending at `end`, starting no earlier than `lower`, if it is one."""
    start = _name_start(text, lower, ending_start, rules)
    start = _balance(text, start, end)
    if start >= ending_start:
        return None
    ending = text[ending_start:end].rstrip(_CLOSE)
    kind = item.kind or rules.kinds.get(ending)
    extension = rules.extension.match(text, end, item.end)
    if extension and not item.kind:
        end, kind = extension.end(), "project"
    base_end = end
    trailing = rules.trailing.match(text, end, item.end)
    if trailing:
        end = trailing.end()
    name = text[start:end]
    if ending not in rules.kinds and end != item.end:
        return None  # an ending that counts in lists only must end the item
    if kind is None or not _is_name(text[start:base_end], len(ending), item.kind, rules):
        return None
    return Mention(name, kind, start, end)


def _name_start(text: str, lower: int, ending_start: int, rules: _Rules) -> int:
    """Where a name ending at `ending_start` starts: after the last character that cannot be
    in a name and after the last cue word (加快推进, 依托, 打造 …) written before it."""
    start = lower
    for index in range(ending_start - 1, lower - 1, -1):
        if not _NAME_CHAR.match(text[index]):
            start = index + 1
            break
    for match in rules.cue.finditer(text, start, ending_start):
        start = max(start, match.start() + len(match[1]))
    return start


def _balance(text: str, start: int, end: int) -> int:
    """Where a name with balanced brackets starts: after any bracket left open or closed
    without opening (in 嘉兴经济技术开发区(国际商务区) the second name is 国际商务区), and
    after a bracketed number or note written before it ((1)东湖物流园)."""
    open_at: list[int] = []
    for index in range(start, end):
        if text[index] in _OPEN:
            open_at.append(index)
        elif text[index] in _CLOSE and (not open_at or open_at.pop() == start):
            start = index + 1
    return open_at[-1] + 1 if open_at else start


def _is_name(name: str, ending_length: int, listed: MentionKind | None,
             rules: _Rules) -> bool:
    """Whether a candidate names one place or project rather than a category or a count.

    A category is spelled out in the table, is led by a quantifier or level (一批…, 省级…),
    is a jurisdiction's name with a category (嘉兴市物流园区), or is made only of sector words
    and endings (服务业示范园区) — except in a list whose category vouches for its items.
    """
    if len(name) < ending_length + 2 or rules.count.match(name):
        return False
    if any(word in name for word in rules.inner) or name.startswith(rules.prefixes):
        return False
    rest = _without_regions(name, rules)
    if not rest or rest in rules.generic or rest in rules.kinds:
        return False
    return listed is not None or not _only_words(name, rules.vocabulary)


def _without_regions(name: str, rules: _Rules) -> str:
    """`name` without the jurisdictions it starts with (嘉兴市, 德清县, 市)."""
    rest = name
    while rest:
        division = next((length for length in range(len(rest), 1, -1)
                         if _is_division(rest[:length])), 0)
        if division:
            rest = rest[division:]
            continue
        word = next((word for word in rules.region_words
                     if rest.startswith(word) and len(rest) > len(word)), "")
        if not word:
            break
        rest = rest[len(word):]
    return rest


def _is_division(name: str) -> bool:
    """Whether `name` is the full name of a jurisdiction (not of a development zone)."""
    return any(region.name.endswith(_ADMINISTRATIVE_ENDINGS)
               and not (region.level == "county"
                        and int(region.code[4:]) >= _FIRST_FUNCTIONAL_ZONE)
               for region in lookup_all(name))


def _only_words(name: str, vocabulary: frozenset[str]) -> bool:
    """Whether `name` splits entirely into words of `vocabulary`."""
    ends = [True] + [False] * len(name)
    for end in range(1, len(name) + 1):
        ends[end] = any(ends[start] and name[start:end] in vocabulary for start in range(end))
    return ends[-1]
