"""A covering notice's own requirements, which are not the plan's tasks.

A notice that sends out a plan (`关于印发…的通知`, `将…任务分解下达`, `详见附件`) often numbers
requirements of its own (`一、提高站位,主动担当作为。各责任单位要…`) before or instead of the
plan. Where the page does not show the plan's own title line, such items read like the plan's.
They are told apart by whom they address: a requirement speaks to every unit at once (`各责任单位`,
`各地各部门`, `牵头单位`), a plan's task names the bodies that carry it out.
"""

from __future__ import annotations

import re

from .record import Task
from .units import addresses_everyone

# What a notice says of the plan it sends out.
_SENDS = re.compile(r"印发|下达(?!的)|分解(?:下达|落实|表|方案|如下)|任务分解|附件|详见")


def sends_plan(notice: str) -> bool:
    """Whether a notice's text speaks of a plan it sends out."""
    return _SENDS.search(notice) is not None


def is_requirement(task: Task) -> bool:
    """A notice's numbered requirement: an item of the outline's top level that addresses
    every unit."""
    return len(task.path) == 1 and bool(task.agencies) \
        and all(addresses_everyone(unit) for unit in task.agencies)
