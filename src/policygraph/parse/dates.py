"""Dates as policy pages write them: `2021-04-07`, `2021年4月7日`, `二〇二一年四月七日`, and
signature dates whose 年/月/日 were lost in scraping (`202147`, `2021412`)."""

from __future__ import annotations

import re
from datetime import date

from .numerals import chinese_to_int

# Year digits in Chinese numerals: zero is written 〇, ○ (a circle), 零, a capital O or the
# digit 0 (`二00九年`).
_CHINESE_YEAR = r"(?=[〇○零OＯ0]*[一二三四五六七八九])[〇○零OＯ0一二三四五六七八九]{4}"
DATE = re.compile(
    r"(?P<y>(?:19|20)\d{2})\s*[年\-/.]\s*(?P<m>\d{1,2})\s*[月\-/.]\s*(?P<d>\d{1,2})\s*日?"
    rf"|(?P<cy>{_CHINESE_YEAR})\s*年\s*(?P<cm>[一二三四五六七八九十]{{1,2}})\s*月"
    r"\s*(?P<cd>[一二三四五六七八九十]{1,3})\s*日"
)
# A date given to the month only (`2021年4月`, `二〇二一年四月`).
MONTH = re.compile(
    r"(?P<y>(?:19|20)\d{2})\s*年\s*(?P<m>\d{1,2})\s*月(?!\s*\d)"
    rf"|(?P<cy>{_CHINESE_YEAR})\s*年\s*(?P<cm>[一二三四五六七八九十]{{1,2}})\s*月(?![一二三四五六七八九十])"
)
GARBLED = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})(?P<rest>\d{2,4})(?!\d)")


def iso_date(match: re.Match[str]) -> str | None:
    """ISO form of a DATE match, or None when it names no real day."""
    if match["y"]:
        parts = (int(match["y"]), int(match["m"]), int(match["d"]))
    else:
        parts = (_chinese_year(match["cy"]), chinese_to_int(match["cm"]),
                 chinese_to_int(match["cd"]))
    try:
        return date(*parts).isoformat()
    except ValueError:
        return None


def iso_month(match: re.Match[str]) -> str | None:
    """ISO 8601 form (`2021-04`) of a MONTH match, or None when it names no real month."""
    year = int(match["y"]) if match["y"] else _chinese_year(match["cy"])
    month = int(match["m"]) if match["y"] else chinese_to_int(match["cm"])
    return f"{year:04d}-{month:02d}" if 1 <= month <= 12 else None


def _chinese_year(digits: str) -> int:
    return chinese_to_int(re.sub("[○OＯ0]", "〇", digits))


def garbled_dates(digits: str) -> list[str]:
    """Every real day a run like `202147` can stand for (year, then month and day run together).

    `202147` can only be 2021-04-07; `2021111` may be 2021-01-11 or 2021-11-01.
    """
    found = GARBLED.fullmatch(digits)
    if found is None:
        return []
    year, rest = int(found["y"]), found["rest"]
    days = []
    for cut in range(1, len(rest)):
        month, day = rest[:cut], rest[cut:]
        if len(month) > 2 or len(day) > 2:
            continue
        try:
            days.append(date(year, int(month), int(day)).isoformat())
        except ValueError:
            continue
    return sorted(set(days))
