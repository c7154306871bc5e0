"""A synthetic corpus of service-industry plans, as raw text scraped from government sites.

    python bench/synth.py N [--out DIR] [--seed S]

Writes N documents of the genre the extractor reads: page noise around the text (index
numbers, view counters, share buttons, site footers), an optional 关于印发 wrapper with its
signature, provinces', cities' and counties' plans over the years, outlines two to four levels
deep in varied numbering, responsibility clauses in each style the genre uses, numeric targets
with every comparator, platforms and projects, and now and then a page flattened to one line.
Region names come from the gazetteer and unit names from the agency-function vocabulary, so
the units resolve as they would in real plans. Document `i` depends only on the seed and `i`,
so a corpus is the same on every machine and any prefix of a larger corpus is a smaller one.
"""

from __future__ import annotations

import argparse
import hashlib
import random
from functools import cache
from pathlib import Path

from policygraph.build.agencies import functions
from policygraph.parse.regions import Region, divisions

LEVEL_WORD = {"province": "省", "city": "市", "county": "县"}
GENRES = ["服务业工作要点", "加快发展现代服务业实施方案", "服务业高质量发展行动计划",
          "现代服务业发展三年行动计划", "服务业重点工作任务分工方案"]
FIELDS = ["现代物流", "电子商务", "文化旅游", "健康养老", "科技服务", "现代金融", "软件和信息服务",
          "商务会展", "家政服务", "人力资源服务", "检验检测", "研发设计", "养老托育", "体育健身"]
VERBS = ["加快发展", "大力培育", "积极推进", "着力提升", "深入实施", "持续优化", "统筹推进"]
PLATFORM_ENDINGS = ["物流园", "现代服务业集聚区", "产业园", "科技城", "特色小镇", "商务区",
                    "电商园", "文创园"]
PROJECT_ENDINGS = ["综合体", "迁建工程", "改造项目", "二期工程"]
INDICATORS = [("服务业增加值", "亿元"), ("社会消费品零售总额", "亿元"), ("网络零售额", "亿元"),
              ("旅游总收入", "亿元"), ("规上服务业企业", "家"), ("省级现代服务业创新发展区", "个"),
              ("服务业投资", "亿元"), ("限上商贸企业", "家"), ("物流企业", "家")]
FUNCTIONS_USED = 40
NOISE_HEAD = ["首页 > 政务公开 > 政策文件", "索引号: {index} 成文日期: {date}",
              "发布机构: {issuer}", "文件编号: {number}",
              "发布日期:{published} 浏览次数: {views} 字体:[ 大 中 小 ]",
              "分享到:", "【打印本页】 【关闭窗口】"]
NOISE_FOOT = ["扫一扫在手机打开当前页", "主办单位:{region}人民政府办公室 网站标识码:{site}",
              "联系我们 | 网站地图 | 隐私声明", "抄送:{region}委各部门,{region}人大常委会办公室。"]
NUMERALS = "一二三四五六七八九十"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩"


@cache
def regions_by_level() -> dict[str, list[Region]]:
    grouped: dict[str, list[Region]] = {}
    for region in divisions():
        grouped.setdefault(region.level, []).append(region)
    return grouped


@cache
def function_names() -> list[str]:
    """Names agencies go by (the vocabulary's names other than a function's preferred label),
    shortest first per function, for the most common functions."""
    vocabulary = functions()
    by_function: dict[str, list[str]] = {}
    for name, slug in vocabulary.alias_to_slug.items():
        if name != vocabulary.labels.get(slug):
            by_function.setdefault(slug, []).append(name)
    names = []
    for slug in sorted(by_function):
        names.extend(sorted(by_function[slug], key=lambda name: (len(name), name))[:3])
    return names[: FUNCTIONS_USED * 3]


def chinese_number(n: int) -> str:
    """一 … 九十九, as outline headings write them."""
    tens, units = divmod(n, 10)
    return (("" if tens == 1 else NUMERALS[tens - 1]) + "十" if tens else "") \
        + (NUMERALS[units - 1] if units else "")


class PlanWriter:
    """One plan document, drawn from `rng`."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.level = rng.choice(["province", "city", "city", "county", "county", "county"])
        self.region = rng.choice(regions_by_level()[self.level])
        self.year = rng.randint(2012, 2025)
        suffix = self.region.name[-1]
        self.word = suffix if self.level != "province" and suffix in "市县区" \
            else LEVEL_WORD[self.level]
        self.short = self.region.name[:2]

    def unit(self) -> str:
        """A unit's name as the plan writes it: mostly 市发改委-style, sometimes a higher
        level's, a collective, or a body no table knows."""
        draw = self.rng.random()
        if draw < 0.06:
            return self.rng.choice([f"各{'县(市、区)' if self.level != 'county' else '乡镇(街道)'}",
                                    f"{self.word}级有关部门"])
        if draw < 0.10:
            return f"{self.short}{self.rng.choice(['高新区', '经开区', '滨海新区'])}管委会"
        word = self.word
        if self.level == "county" and draw > 0.93:
            word = "市"
        names = [name for name in function_names()
                 if self.level == "province" or not name.endswith("厅")]
        return word + self.rng.choice(names)

    def units(self, low: int = 1, high: int = 4) -> list[str]:
        chosen: list[str] = []
        while len(chosen) < self.rng.randint(low, high):
            name = self.unit()
            if name not in chosen:
                chosen.append(name)
        return chosen

    def clause(self) -> str:
        lead, others = self.units(1, 2), self.units(0, 3)
        others = [name for name in others if name not in lead]
        style = self.rng.randrange(6)
        if style == 0 or not others:
            return f"(责任单位:{'、'.join(lead + others)})"
        if style == 1:
            return f"(牵头单位:{'、'.join(lead)};配合单位:{'、'.join(others)})"
        if style == 2:
            return f"〔责任部门:{'、'.join(lead + others)}〕"
        if style == 3:
            return f"\n责任单位:{'、'.join(lead + others)}"
        if style == 4:
            return f"({'、'.join(lead)}牵头,{'、'.join(others)}按职责分工负责)"
        return f"(牵头单位:{'、'.join(lead)} 责任单位:{'、'.join(others)})"

    def target(self) -> str:
        indicator, unit = self.rng.choice(INDICATORS)
        scope = f"全{self.word}"
        amount = self.rng.choice([12, 35, 80, 150, 420, 1200, 3600])
        forms = [f"{scope}{indicator}增长{self.rng.randint(5, 12)}%以上",
                 f"{scope}{indicator}突破{amount}{unit}",
                 f"新增{indicator}{self.rng.randint(1, 3)}—{self.rng.randint(4, 6)}{unit}",
                 f"{indicator}达到{amount}{unit}",
                 f"{indicator}占比不低于{self.rng.randint(30, 60)}%",
                 f"力争{indicator}超过{amount}{unit}"]
        return self.rng.choice(forms)

    def named_place(self) -> str:
        field = self.rng.choice(FIELDS)
        if self.rng.random() < 0.7:
            return f"{self.short}{field[:2]}{self.rng.choice(PLATFORM_ENDINGS)}"
        prefix = self.rng.choice(["国际", "中心", "未来"])
        return f"{self.short}{prefix}{self.rng.choice(PROJECT_ENDINGS)}"

    def task_text(self) -> str:
        field = self.rng.choice(FIELDS)
        parts = [f"{self.rng.choice(VERBS)}{field.removesuffix('服务')}服务业。"]
        if self.rng.random() < 0.6:
            parts.append(f"推进{self.named_place()}建设,")
        parts.append(f"完善{field.removesuffix('服务')}服务体系,提升服务品质和效率。")
        if self.rng.random() < 0.5:
            parts.append(f"到{self.year + self.rng.randint(0, 2)}年,{self.target()}。")
        return "".join(parts)

    def title(self) -> str:
        genre = self.rng.choice(GENRES)
        if "行动计划" in genre or "实施方案" in genre:
            span = self.rng.choice([2, 3, 4])
            return f"{self.region.name}{genre}({self.year}—{self.year + span}年)"
        return f"{self.region.name}{self.year}年{genre}"

    def heading(self, depth: int, n: int, family: int) -> str:
        numeral = chinese_number(n)
        styles = [[f"{numeral}、"], [f"({numeral})", f"（{numeral}）"],
                  [f"{n}.", f"{n}、"], [f"({n})", f"（{n}）", CIRCLED[(n - 1) % 10]]]
        return styles[depth][family % len(styles[depth])]

    def body(self, title: str) -> list[str]:
        depth = self.rng.choice([2, 3, 3, 4])
        family = self.rng.randrange(3)
        lines = [title, "",
                 f"为贯彻落实《国务院关于加快发展服务业的若干意见》,推动全{self.word}服务业高质量"
                 f"发展,结合我{self.word}实际,制定本方案。", ""]
        lines.append(f"{self.heading(0, 1, family)}总体要求")
        lines.append(f"{self.heading(1, 1, family)}主要目标。到{self.year + 2}年,"
                     f"{self.target()},{self.target()}。")
        sections = self.rng.randint(2, 5)
        for s in range(2, sections + 2):
            lines.append(f"{self.heading(0, s, family)}{self.rng.choice(FIELDS)}领域重点任务")
            for sub in range(1, self.rng.randint(2, 4) + 1):
                if depth == 2:
                    lines.append(f"{self.heading(1, sub, family)}{self.task_text()}{self.clause()}")
                    continue
                lines.append(f"{self.heading(1, sub, family)}{self.rng.choice(VERBS)}"
                             f"{self.rng.choice(FIELDS)}")
                for item in range(1, self.rng.randint(2, 4) + 1):
                    if depth == 4 and self.rng.random() < 0.4:
                        lines.append(f"{self.heading(2, item, family)}{self.task_text()}")
                        for leaf in range(1, self.rng.randint(2, 3) + 1):
                            lines.append(f"{self.heading(3, leaf, family)}{self.task_text()}"
                                         f"{self.clause()}")
                    else:
                        lines.append(f"{self.heading(2, item, family)}{self.task_text()}"
                                     f"{self.clause()}")
        lines.append(f"{self.heading(0, sections + 2, family)}保障措施")
        for sub in range(1, 3):
            lines.append(f"{self.heading(1, sub, family)}"
                         f"{self.rng.choice(['加强组织领导', '强化要素保障', '加强督查考核'])}。"
                         f"建立健全工作推进机制,定期研究解决重大问题。{self.clause()}")
        return lines

    def document(self, number: int) -> str:
        title = self.title()
        issuer = f"{self.region.name}人民政府办公{'厅' if self.level == 'province' else '室'}"
        month, day = self.rng.randint(1, 12), self.rng.randint(1, 28)
        date = f"{self.year}-{month:02d}-{day:02d}"
        doc_number = f"{self.short}政办发〔{self.year}〕{number % 90 + 1}号"
        fill = {"index": f"{self.region.code}/{self.year}-{number:06d}", "date": date,
                "issuer": issuer, "number": doc_number, "published": date,
                "views": self.rng.randint(10, 9999), "region": self.region.name,
                "site": self.region.code + "0001"}
        lines: list[str] = []
        if self.rng.random() < 0.6:
            lines += [f"{issuer}关于印发{title}的通知", "", doc_number, "",
                      f"各{'县(市、区)' if self.level != 'county' else '乡镇(街道)'}人民政府,"
                      f"{self.word}政府各部门:", "",
                      f"《{title}》已经{self.word}政府同意,现印发给你们,请认真贯彻执行。", "",
                      issuer, f"{self.year}年{month}月{day}日", ""]
        lines += self.body(title)
        if self.rng.random() < 0.04:  # a page that collapsed the document into one line
            lines = [" ".join(line for line in lines if line)]
        head = [line.format(**fill) for line in NOISE_HEAD if self.rng.random() < 0.8]
        foot = [line.format(**fill) for line in NOISE_FOOT if self.rng.random() < 0.7]
        return "\n".join([*head, "", *lines, "", *foot]) + "\n"


def write_corpus(count: int, out: Path, seed: int = 0) -> list[Path]:
    """Write documents 0 … count-1 into `out`; return their paths."""
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(count):
        text = PlanWriter(random.Random(f"{seed}:{number}")).document(number)
        digest = hashlib.sha256(text.encode()).hexdigest()[:16]
        path = out / f"{number:05d}_{digest}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def kept_corpus(count: int, out: Path, seed: int = 0) -> list[Path]:
    """The `count` documents an earlier run wrote into `out`, or written now if it holds
    another number: benchmarks keep their corpora between runs."""
    paths = sorted(out.glob("*.txt"))
    return paths if len(paths) == count else write_corpus(count, out, seed)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("count", type=int, metavar="N")
    parser.add_argument("--out", type=Path, default=Path("bench/corpus"))
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    paths = write_corpus(args.count, args.out, args.seed)
    size = sum(path.stat().st_size for path in paths)
    print(f"wrote {len(paths)} documents ({size / 1e6:.1f} MB) to {args.out}")


if __name__ == "__main__":
    main()
