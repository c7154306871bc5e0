"""The home page (what the graph holds, its plans, regions and busiest agencies) and the
search page (task text, agency and region names).

Both read canned or page queries whose unfiltered answers the server computes once per build,
so the home page costs no engine time after the warm-up, whatever the size of the graph.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse

from ..deps import PoolDep, SettingsDep
from ..pages import Excerpt
from .routing import PageRoute, first_page, page, rows
from .terms import Linker

router = APIRouter(route_class=PageRoute, include_in_schema=False)

# Agencies the home page lists at most (the plans: `recent-plans.rq`); the API lists them all.
HOME_AGENCIES = 12
# Task matches a search page shows at most.
SEARCH_TASKS = 200


@router.get("/", response_class=HTMLResponse)
async def home(pool: PoolDep, settings: SettingsDep) -> HTMLResponse:
    """Counts, the newest plans, every region and the busiest agencies."""
    counts = (await rows(pool, settings.timeout, "overview", {}))[0]
    plans = await rows(pool, settings.timeout, "recent-plans", {})
    regions = await rows(pool, settings.timeout, "regions", {})
    agencies = await first_page(pool, settings.timeout, "agency-workload", {})
    return page("home.html", title="policygraph", lang=None, counts=counts,
                link=Linker.of(settings), plans=plans,
                more_plans=max(0, int(counts["documents"]) - len(plans)), regions=regions,
                agencies=agencies[:HOME_AGENCIES])


@router.get("/search", response_class=HTMLResponse)
async def search(pool: PoolDep, settings: SettingsDep,
                 q: Annotated[str, Query(max_length=200)] = "") -> HTMLResponse:
    """Agencies and regions whose names contain `q`, and tasks whose text does."""
    phrase = q.strip()
    names: list[dict[str, object]] = []
    tasks: list[dict[str, object]] = []
    if phrase:
        names = await rows(pool, settings.timeout, "names", {"q": phrase})
        tasks = await rows(pool, settings.timeout, "search-tasks", {"q": phrase},
                           max_rows=SEARCH_TASKS + 1)
    snippets = [Excerpt.around(str(task["text"]), [phrase]) for task in tasks]
    return page("search.html", title=f"Search: {phrase}" if phrase else "Search", lang=None,
                q=phrase, link=Linker.of(settings),
                regions=[name for name in names if name["kind"] == "region"],
                agencies=[name for name in names if name["kind"] == "agency"],
                tasks=list(zip(tasks[:SEARCH_TASKS], snippets, strict=False)),
                more_tasks=len(tasks) > SEARCH_TASKS)
