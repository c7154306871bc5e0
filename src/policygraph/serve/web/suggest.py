"""Names the search box suggests as a reader types: agencies and regions whose name, any
alias the plans write or any name of their function contains what was typed (`发改委` suggests
嘉兴's 市发展改革委), as the search page finds them.

A JSON route beside the pages: the search form's script fills its list from it, and a page
without scripts still searches by the whole phrase.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from ...query import page_queries
from ..api_results import run_rows
from ..deps import PoolDep, SettingsDep

router = APIRouter(include_in_schema=False)

# Suggestions a reader scans at a glance.
SUGGESTIONS = 10


@router.get("/search/suggest")
async def suggest(pool: PoolDep, settings: SettingsDep,
                  q: Annotated[str, Query(max_length=200)] = "") -> list[dict[str, object]]:
    """The names containing `q`, regions first, then agencies by their workload."""
    phrase = q.strip()
    if not phrase:
        return []
    names = (await run_rows(pool, settings.timeout, page_queries()["names"], {"q": phrase},
                            max_rows=SUGGESTIONS))[1]
    return [{"label": name["label"], "kind": name["kind"], "iri": name["item"],
             "count": name["count"]} for name in names]
