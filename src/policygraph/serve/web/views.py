"""Views to look at: the co-responsibility network of agencies and the targets chart.

Both are the answers of canned queries (the first page of `co-responsibility`, which the
server computes at start-up, and `targets`) with the same filters as the API, drawn in the
browser by `static/js/network.js` (a d3 force layout) and `static/js/chart.js` (Observable
Plot) from JSON embedded in the page; the page also lists the same data as a table, which is
what a reader without scripts gets.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Annotated, Any
from urllib.parse import urlencode

import pyoxigraph as ox
from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse

from ...build import Iris
from ...query import page_queries
from ..api_params import Paging, page_size
from ..api_results import run_page
from ..deps import PoolDep, SettingsDep
from ..executor import Job, QueryPool
from ..i18n import gettext_
from .routing import PAGE_ROWS, PageRoute, first_page, page, rows
from .terms import Linker

router = APIRouter(route_class=PageRoute, include_in_schema=False)

# Ties listed in the table under the network.
TABLE_TIES = 50
# Charts drawn at most (one per unit), and indicators offered as quick filters.
CHARTS = 12
COMMON_INDICATORS = 24

_Text = Annotated[str, Query(max_length=200)]


@router.get("/network", response_class=HTMLResponse)
async def network(pool: PoolDep, settings: SettingsDep, document: _Text = "",
                  region: _Text = "", function: _Text = "", minimum: _Text = "",
                  collectives: _Text = "") -> HTMLResponse:
    """Agencies linked by the tasks they share, sized by how many tasks they have; collective
    units (各镇(街道), 相关部门), which tie to everyone, left out when the reader asks."""
    hide = collectives == "hide"
    filters = {"document": document, "region": region, "function": function,
               "minimum": minimum, "units": "agencies" if hide else ""}
    ties = (await rows(pool, settings.timeout, "document-ties",
                       {"document": document, "minimum": minimum}) if document
            else await first_page(pool, settings.timeout, "co-responsibility", filters))
    site = Linker.of(settings).site
    if hide and document and site is not None:
        # (a document's ties come from its own query; collective units' IRIs say what they are)
        collective = Iris(site.base).collective("", "").rstrip("/")
        ties = [tie for tie in ties if not any(str(tie[end]).startswith(collective)
                                               for end in ("agency", "partner"))]
    ends = sorted({str(tie[end]) for tie in ties for end in ("agency", "partner")})
    workload = await _workload(pool, settings.timeout, ends, document)
    link = Linker.of(settings)
    return page("network.html", title=gettext_("Co-responsibility network"), lang=None,
                filters=filters, graph=_graph(ties, workload, link), ties=ties[:TABLE_TIES],
                link=link, more=len(ties) >= page_size(page_queries()["co-responsibility"]),
                limit=len(ties),
                documents=await rows(pool, settings.timeout, "plan-titles", {}),
                functions=await rows(pool, settings.timeout, "function-names", {}),
                regions=await rows(pool, settings.timeout, "regions", {}))


async def _workload(pool: QueryPool, timeout: float, agencies: list[str],
                    document: str) -> dict[str, dict[str, Any]]:
    """What each of `agencies` leads and supports (in `document`, when one is given), with
    its function and region: asked of these agencies only, so the cost is that of the drawing,
    not of the graph."""
    if not agencies:
        return {}
    sparql = (_WORKLOAD.replace("AGENCIES", " ".join(str(ox.NamedNode(a)) for a in agencies))
              .replace("DOCUMENT", f"?task pg:inDocument {ox.NamedNode(document)} ."
                       if document else ""))
    job = Job(sparql=sparql, result_type="application/sparql-results+json", graph_type=None,
              max_rows=len(agencies))
    answer = json.loads((await pool.run_cached(job, timeout)).body)
    return {row["agency"]["value"]: {name: value["value"] for name, value in row.items()}
            for row in answer["results"]["bindings"]}


# Agencies' IRIs and a document's IRI are put into this query only as written by
# pyoxigraph.NamedNode, which refuses any text that is not an IRI.
_WORKLOAD = """SELECT ?agency ?tasks ?led ?supported ?region ?functionLabel WHERE {
  { SELECT ?agency (COUNT(DISTINCT ?task) AS ?tasks) (COUNT(DISTINCT ?ledTask) AS ?led)
           (COUNT(DISTINCT ?supportedTask) AS ?supported)
    WHERE {
      VALUES ?agency { AGENCIES }
      { ?ledTask pg:leadAgency ?agency . BIND(?ledTask AS ?task) }
      UNION { ?supportedTask pg:supportingAgency ?agency . BIND(?supportedTask AS ?task) }
      DOCUMENT
    } GROUP BY ?agency }
  OPTIONAL { ?agency pg:area/skos:prefLabel ?region }
  OPTIONAL { ?agency pg:function/skos:prefLabel ?functionLabel .
             FILTER(LANG(?functionLabel) = "zh") }
}"""


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
                      "tasks": int(known.get("tasks") or strength[iri]),
                      "led": int(known["led"]) if "led" in known else None,
                      "supported": int(known["supported"]) if "supported" in known else None,
                      "region": known.get("region") or "",
                      "function": known.get("functionLabel") or ""})
    links = [{"source": str(tie["agency"]), "target": str(tie["partner"]),
              "tasks": tie["tasks"]} for tie in ties]
    return {"nodes": nodes, "links": links}


@router.get("/targets", response_class=HTMLResponse)
async def targets(pool: PoolDep, settings: SettingsDep, indicator: _Text = "",
                  concept: _Text = "", unit: _Text = "", region: _Text = "",
                  year: _Text = "",
                  offset: Annotated[int, Query(ge=0, le=10**9)] = 0) -> HTMLResponse:
    """Targets by year, one chart per unit, coloured by region; for one indicator concept,
    its targets in their base unit, however each plan words and counts them. Every target is
    reached: a page at a time (the API's page unfiltered, the page's limit filtered), with
    links to the pages before and after it."""
    filters = {"indicator": indicator, "concept": concept, "unit": unit, "region": region,
               "year": year}
    query = page_queries()["targets"]
    limit = PAGE_ROWS if any(filters.values()) else page_size(query)
    answer = await run_page(pool, settings.timeout, query,
                            {name: value for name, value in filters.items() if value},
                            Paging(limit=limit, offset=offset, format="json"))
    found = answer.items
    link = Linker.of(settings)
    points = [_point(item, link, in_base_unit=bool(concept)) for item in found]
    units = Counter(str(point["unit"]) for point in points if point["year"] is not None)
    common = Counter(str(item["indicator"]) for item in found if item["indicator"])
    pages = _pages(filters, offset, limit, answer.total)
    return page("targets.html", title=gettext_("Targets"), lang=None, filters=filters,
                points=points, rows=found, link=link, total=answer.total, offset=offset,
                pages=pages, units=[name for name, _ in units.most_common(CHARTS)],
                common=[(name, count) for name, count in common.most_common(COMMON_INDICATORS)
                        if count > 1],
                concepts=await rows(pool, settings.timeout, "indicator-concepts", {}),
                regions=await rows(pool, settings.timeout, "regions", {}))


def _pages(filters: dict[str, str], offset: int, limit: int, total: int) -> dict[str, str]:
    """The links to the page of targets before this one and after it, where there are any."""
    kept = {name: value for name, value in filters.items() if value}
    pages = {}
    if offset > 0:
        pages["previous"] = "/targets?" + urlencode({**kept, "offset": max(0, offset - limit)})
    if offset + limit < total:
        pages["next"] = "/targets?" + urlencode({**kept, "offset": offset + limit})
    return pages


def _point(item: dict[str, Any], link: Linker, in_base_unit: bool) -> dict[str, Any]:
    """A target as the chart draws it: for one concept, its figure in its base unit (5000万元
    and 0.5亿元 at one height) and the concept's label as its indicator."""
    base = in_base_unit and item["normalizedValue"] is not None
    return {"indicator": (item["conceptLabel"] if in_base_unit else None)
            or item["indicator"] or "",
            "value": item["normalizedValue"] if base else item["value"],
            "upper": item["normalizedUpperValue"] if base else item["upperValue"],
            "unit": item["normalizedUnit"] if base else item["unit"], "year": item["year"],
            "comparator": item["comparator"], "region": item["region"] or "",
            "title": item["title"], "href": link(item["target"])}
