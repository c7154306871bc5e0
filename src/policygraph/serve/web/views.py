"""Views to look at: the co-responsibility network of agencies and the targets chart.

Both are the answers of canned queries (`co-responsibility` with `agency-workload`, and
`targets`) with the same filters as the API, drawn in the browser by `static/js/network.js`
(a d3 force layout) and `static/js/chart.js` (Observable Plot) from JSON embedded in the page;
the page also lists the same data as a table, which is what a reader without scripts gets.
"""

from __future__ import annotations

from collections import Counter
from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse

from ..deps import PoolDep, SettingsDep
from .routing import PAGE_ROWS, PageRoute, page, rows
from .terms import Linker

router = APIRouter(route_class=PageRoute, include_in_schema=False)

# Ties drawn at most, strongest first: past a few hundred a force layout is a hairball.
NETWORK_TIES = 300
# Ties listed in the table under the network.
TABLE_TIES = 50
# Charts drawn at most (one per unit), and indicators offered as quick filters.
CHARTS = 12
COMMON_INDICATORS = 24

_Text = Annotated[str, Query(max_length=200)]


@router.get("/network", response_class=HTMLResponse)
async def network(pool: PoolDep, settings: SettingsDep, document: _Text = "",
                  region: _Text = "", function: _Text = "", minimum: _Text = "",
                  ) -> HTMLResponse:
    """Agencies linked by the tasks they share, sized by how many tasks they have."""
    filters = {"document": document, "region": region, "function": function,
               "minimum": minimum}
    ties = await rows(pool, settings.timeout, "co-responsibility", filters,
                      max_rows=NETWORK_TIES + 1)
    workload = await rows(pool, settings.timeout, "agency-workload", {"document": document},
                          max_rows=settings.max_rows)
    link = Linker.of(settings)
    graph = _graph(ties[:NETWORK_TIES], {str(item["agency"]): item for item in workload},
                   link)
    return page("network.html", title="Co-responsibility network", lang=None,
                filters=filters, graph=graph, ties=ties[:TABLE_TIES], link=link,
                more=len(ties) > NETWORK_TIES, limit=NETWORK_TIES,
                documents=await rows(pool, settings.timeout, "documents", {}),
                regions=await rows(pool, settings.timeout, "regions", {}))


def _graph(ties: list[dict[str, Any]], workload: dict[str, dict[str, Any]],
           link: Linker) -> dict[str, list[dict[str, Any]]]:
    """Nodes and links for the force layout. A node's size is its tasks in the filtered
    scope; a unit the workload does not list is sized by the ties drawn."""
    strength: Counter[str] = Counter()
    labels: dict[str, str] = {}
    for tie in ties:
        for end, label in (("agency", "label"), ("partner", "partnerLabel")):
            strength[str(tie[end])] += int(tie["tasks"])
            labels[str(tie[end])] = str(tie[label])
    nodes = []
    for iri, label in labels.items():
        known = workload.get(iri, {})
        nodes.append({"id": iri, "label": label, "href": link(iri),
                      "tasks": known.get("tasks") or strength[iri],
                      "led": known.get("led"), "supported": known.get("supported"),
                      "region": known.get("region") or "", "function": known.get(
                          "functionLabel") or ""})
    links = [{"source": str(tie["agency"]), "target": str(tie["partner"]),
              "tasks": tie["tasks"]} for tie in ties]
    return {"nodes": nodes, "links": links}


@router.get("/targets", response_class=HTMLResponse)
async def targets(pool: PoolDep, settings: SettingsDep, indicator: _Text = "",
                  unit: _Text = "", region: _Text = "", year: _Text = "") -> HTMLResponse:
    """Targets by year, one chart per unit, coloured by region."""
    filters = {"indicator": indicator, "unit": unit, "region": region, "year": year}
    found = await rows(pool, settings.timeout, "targets", filters, max_rows=PAGE_ROWS + 1)
    link = Linker.of(settings)
    points = [{"indicator": item["indicator"] or "", "value": item["value"],
               "upper": item["upperValue"], "unit": item["unit"], "year": item["year"],
               "comparator": item["comparator"], "region": item["region"] or "",
               "title": item["title"], "href": link(item["target"])}
              for item in found[:PAGE_ROWS]]
    units = Counter(str(point["unit"]) for point in points if point["year"] is not None)
    common = Counter(str(item["indicator"]) for item in found if item["indicator"])
    return page("targets.html", title="Targets", lang=None, filters=filters,
                points=points, rows=found[:PAGE_ROWS], more=len(found) > PAGE_ROWS,
                limit=PAGE_ROWS, link=link,
                units=[name for name, _ in units.most_common(CHARTS)],
                common=[(name, count) for name, count in common.most_common(COMMON_INDICATORS)
                        if count > 1],
                regions=await rows(pool, settings.timeout, "regions", {}))
