"""Each canned query as a form: typed fields, choices as menus, agencies' functions, regions,
indicators and plans offered by any of their names, and the answer below with links to the
same answer as JSON and CSV from the REST API and as SPARQL.

`/forms/{name}` is the page; `/api/queries/{name}` sends a browser that asks for HTML here,
with the values it was given. The fields follow the query's parameters (`query.Parameter`):
the kind of value a field takes decides its input, and the parameter's name what the field
offers to choose from (`function` the agency functions, `region` the regions, `concept` the
indicators, `document` the plans).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Path, Request
from fastapi.responses import HTMLResponse

from ...query import CannedQuery, Parameter, canned_queries
from ...query.readable import readable
from ...vocab import prefixed
from ..api_params import Paging, page_size
from ..api_results import Part, fetch_results, run_page
from ..deps import PoolDep, SettingsDep
from ..executor import QueryPool
from ..i18n import current, gettext_
from .editor import json_cell
from .result_views import result_views
from .routing import PageRoute, page, rows
from .terms import Linker

router = APIRouter(route_class=PageRoute, include_in_schema=False)

# What a parameter of this name offers to choose from: the page query that lists it, and the
# columns that give an option's value and the names it is found by.
_OFFERS = {"function": ("function-names", "item", "label", "aliases"),
           "concept": ("concept-names", "item", "label", "aliases"),
           "region": ("regions", "label", "label", "code"),
           "document": ("plan-titles", "document", "title", None)}
_INPUTS = {"integer": "number", "decimal": "number", "date": "date"}


@dataclass(frozen=True)
class Option:
    value: str
    label: str


@dataclass(frozen=True)
class Field:
    """A parameter as a form field: its input, its value and what it offers."""

    parameter: Parameter
    value: str
    input: str  # text, number, date or select
    options: list[Option] = field(default_factory=list)


@router.get("/forms/{name}", response_class=HTMLResponse)
async def form(request: Request, pool: PoolDep, settings: SettingsDep,
               name: Annotated[str, Path(max_length=100)]) -> HTMLResponse:
    """The canned query `name` as a form, and its answer for the values given."""
    query = canned_queries().get(name)
    if query is None:
        return page("error.html", 404, title=gettext_("Not found"),
                    message=gettext_("No canned query is called %(name)s.", name=name))
    given = {key: value.strip() for key, value in request.query_params.items()
             if key in {p.name for p in query.parameters} and value.strip()}
    fields = [await _field(pool, settings.timeout, parameter, given.get(parameter.name, ""))
              for parameter in query.parameters]
    ready = all(parameter.name in given for parameter in query.parameters
                if parameter.required)
    answer, views = None, {}
    link = Linker.of(settings)
    if ready:  # (a query whose fields may all stay empty answers at once, as the API does)
        paging = Paging(limit=page_size(query), offset=0, format="json")
        answer = await run_page(pool, settings.timeout, query, given, paging)
        # (the same page's terms with their datatypes, kept from the question just answered)
        typed = await fetch_results(pool, settings.timeout, query, given,
                                    Part.page(paging), paging.limit)
        views = result_views(answer.columns, [
            [json_cell(row.get(column), link) for column in answer.columns]
            for row in typed["results"]["bindings"]])
    summary, description = query.about(current())
    return page("form.html", title=summary, lang=None, query=query, fields=fields,
                description=description,
                answer=answer, views=views, link=link,
                same=_same_answer(query, given) if ready else None)


async def _field(pool: QueryPool, timeout: float, parameter: Parameter, value: str) -> Field:
    if parameter.choices:
        return Field(parameter, value, "select",
                     [Option(choice, choice) for choice in parameter.choices])
    if parameter.type == "boolean":
        return Field(parameter, value, "select", [Option("true", gettext_("yes")),
                                                 Option("false", gettext_("no"))])
    offered = _OFFERS.get(parameter.name)
    options = []
    if offered is not None:
        name, value_column, label_column, alias_column = offered
        for row in await rows(pool, timeout, name, {}):
            shown = str(row[value_column])
            names = [str(row[label_column]), *([str(row[alias_column])]
                                                if alias_column and row[alias_column] else [])]
            options.append(Option(prefixed(shown) or shown, " · ".join(names)))
    return Field(parameter, value, _INPUTS.get(parameter.type, "text"), options)


def _same_answer(query: CannedQuery, given: dict[str, str]) -> dict[str, str]:
    """The same answer from the REST API (JSON, CSV) and as SPARQL on the query page."""
    api = f"/api/queries/{query.name}"
    return {"json": f"{api}?{urlencode(given)}" if given else api,
            "csv": f"{api}?{urlencode({**given, 'format': 'csv'})}",
            "sparql": "/query?" + urlencode({"query": readable(query, given)})}
