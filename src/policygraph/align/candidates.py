"""Which plans a plan may carry out: the plans it says it implements, and the plans of the
divisions that enclose its own from the same years or a few years before.

A county's 2021 work plan takes up its province's 2020 plan as readily as the 2021 one: plans
at each level are drawn up after the level above has published its own, so a higher plan
stays a candidate for a few years after its period ends. Of each enclosing division's plans in
that window, the `NEAREST` nearest in time are candidates: a division that published a dozen
plans in those years would otherwise pair every task of the lower plan with every task of
each, and the pairs would grow with the square of the corpus.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from typing import Literal

from .plans import Graph, Plan

Route = Literal["implements", "enclosing"]
# How many years after its period a plan of an enclosing division is still taken up below.
YEARS_TAKEN_UP_AFTER = 3
# Plans of one enclosing division a plan may carry out at most: the nearest in time.
NEAREST = 3


@dataclass(frozen=True, slots=True)
class PlanPair:
    """A lower plan and a higher plan it may carry out, and why it may."""

    lower: Plan
    higher: Plan
    route: Route


def plan_pairs(graph: Graph) -> Iterator[PlanPair]:
    """Every pair of a plan and a higher plan it may carry out, each pair once (a plan that
    implements a plan of an enclosing division pairs with it as implementing it)."""
    by_region: dict[str, list[Plan]] = defaultdict(list)
    for plan in graph.plans.values():
        if plan.region is not None:
            by_region[plan.region].append(plan)
    for lower in graph.plans.values():
        implemented = {iri for iri in lower.implements if iri in graph.plans and iri != lower.iri}
        for iri in sorted(implemented):
            yield PlanPair(lower, graph.plans[iri], "implements")
        if lower.region is None or lower.period is None:
            continue
        for region in graph.enclosing(lower.region):
            candidates = [higher for higher in by_region.get(region, ())
                          if higher.iri not in implemented and _in_time(lower, higher)]
            candidates.sort(key=lambda higher: _distance(lower, higher))
            for higher in candidates[:NEAREST]:
                yield PlanPair(lower, higher, "enclosing")


def _in_time(lower: Plan, higher: Plan) -> bool:
    """Whether the higher plan's period overlaps the lower one's, or ended at most
    `YEARS_TAKEN_UP_AFTER` years before it began."""
    if higher.period is None or lower.period is None:
        return False
    (low_start, low_end), (high_start, high_end) = lower.period, higher.period
    return high_start <= low_end and high_end >= low_start - YEARS_TAKEN_UP_AFTER


def _distance(lower: Plan, higher: Plan) -> tuple[int, int, str]:
    """How far apart in time two plans in time of each other are: the years between the
    higher plan's end and the lower one's start (0 where they overlap), then the later start
    first."""
    assert lower.period is not None and higher.period is not None
    return (max(0, lower.period[0] - higher.period[1]), -higher.period[0], higher.iri)


def touched(before: Iterable[PlanPair], after: Iterable[PlanPair], plans: Iterable[str],
            changed: Collection[str]) -> set[str]:
    """The plans (of those `plans` names) whose alignments differ between the pairs `before`
    and `after` where the plans `changed` names were written anew (or removed): those plans,
    the plans whose plans to carry out differ, and those that carry out one of them."""
    old, new = _by_lower(before), _by_lower(after)
    return {iri for iri in plans
            if iri in changed or old.get(iri) != new.get(iri)
            or any(higher in changed for higher, _ in new.get(iri, ()))}


def _by_lower(pairs: Iterable[PlanPair]) -> dict[str, list[tuple[str, Route]]]:
    """Each plan's plans to carry out, and why, in the order of `pairs`."""
    by_lower: dict[str, list[tuple[str, Route]]] = defaultdict(list)
    for pair in pairs:
        by_lower[pair.lower.iri].append((pair.higher.iri, pair.route))
    return by_lower
