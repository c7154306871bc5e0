"""Canned queries as a REST API under `/api`.

`/api/queries` lists the canned queries, and each one is an operation of its own at
`/api/queries/{name}`, generated from its `.rq` header: summary, description, tags, typed
parameters with examples, and its page size. Two routes are written by hand because they do
more than run one query: `/api/tasks` resolves an agency's name to its function first (as
`policygraph tasks` does), and `/api/task` gathers one task's rows into one object.

Lists answer `{"items", "total", "limit", "offset", "next"}` or, with `format=csv`, the same
page as CSV; a bad parameter is refused with 400 or 422 and a message naming it, a query past
the server's time limit with 503.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response

from ..build.agencies import level_forms
from ..query import CannedQuery, Parameter, canned_queries, canned_query
from .api_params import DEFAULT_LIMIT, Paging, openapi_parameters, page_size, read, refuse
from .api_results import Item, Page, in_memory_page, page_response, run_page, run_rows
from .deps import PoolDep, SettingsDep
from .executor import QueryPool
from .negotiation import pick
from .settings import Settings

router = APIRouter(prefix="/api")

# What a canned query's list is offered as: a browser that prefers a page gets the form.
_BROWSER_TYPES = ["application/json", "text/html"]
_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"description": "An unknown or repeated parameter, named in `detail`."},
    422: {"description": "A missing or ill-typed parameter value, named in `detail`."},
    503: {"description": "The query ran past the server's time limit and was stopped."},
}
_PAGE_SCHEMA = {
    "type": "object", "required": ["items", "total", "limit", "offset", "next"],
    "properties": {
        "items": {"type": "array", "items": {"type": "object"},
                  "description": "Rows as objects: IRIs as strings, literals as values."},
        "total": {"type": "integer", "description": "Rows in all pages."},
        "limit": {"type": "integer"}, "offset": {"type": "integer"},
        "next": {"type": ["string", "null"], "description": "URL of the next page."},
    },
}
LIST_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"description": "One page of rows.",
          "content": {"application/json": {"schema": _PAGE_SCHEMA},
                      "text/csv": {"schema": {"type": "string"}}}},
    **_ERRORS,
}


@router.get("/queries", tags=["canned queries"], summary="The canned queries",
            operation_id="list-canned-queries",
            description="Every canned query with its route, summary, description, tags, page "
                        "size and parameters (name, type, whether required, meaning, example "
                        "and allowed values).",
            openapi_extra={"parameters": openapi_parameters([], DEFAULT_LIMIT)},
            responses=LIST_RESPONSES)
async def list_queries(request: Request) -> Response:
    _, paging = read(request.query_params, [], DEFAULT_LIMIT)
    items = [_about(query) for query in canned_queries().values()]
    columns = ["name", "route", "summary", "description", "tags", "pagination", "parameters"]
    return page_response(request, in_memory_page(columns, items, paging), paging)


def _about(query: CannedQuery) -> Item:
    return {"name": query.name, "route": f"{router.prefix}/queries/{query.name}",
            "summary": query.summary, "description": query.description,
            "tags": list(query.tags), "pagination": page_size(query),
            "parameters": [{"name": p.name, "type": p.type, "required": p.required,
                            "description": p.description, "example": p.example,
                            "choices": list(p.choices)} for p in query.parameters]}


def _add_canned_route(query: CannedQuery) -> None:
    """`/api/queries/{name}`: the canned query as a paged list, documented from its header."""
    limit = page_size(query)

    async def answer(request: Request, pool: PoolDep, settings: SettingsDep) -> Response:
        if "format" not in request.query_params \
                and pick(_BROWSER_TYPES, request.headers.get("accept", "")) == "text/html":
            # (a browser that asks for a page gets the query as a form, with its values)
            return RedirectResponse(f"/forms/{query.name}?{request.url.query}", 303)
        values, paging = read(request.query_params, query.parameters, limit)
        page = await run_page(pool, settings.timeout, query, values, paging)
        return page_response(request, page, paging)

    router.add_api_route(
        f"/queries/{query.name}", answer, methods=["GET"], operation_id=query.name,
        summary=query.summary, tags=list(query.tags) or ["canned queries"],
        description=f"{query.description}\n\nCanned query `{query.name}.rq`.",
        openapi_extra={"parameters": openapi_parameters(query.parameters, limit)},
        responses=LIST_RESPONSES)


for _query in canned_queries().values():
    _add_canned_route(_query)


# ---------------------------------------------------------------- tasks by agency name

_LED_BY = Parameter(
    name="led_by", type="string", required=False, variable="", example="发改委",
    description="tasks led by agencies that go by this name: a function's name or alias with "
                "or without a level prefix (发改委, 市发改委, 发展改革局) finds that function's "
                "agencies in every jurisdiction; a name no function goes by is matched against "
                "what units are written as (管委会)")
_AGENCY = Parameter(
    name="agency", type="string", required=False, variable="",
    description="the same as led_by, for tasks in which the agency leads or supports; with "
                "led_by, the tasks it leads in which this agency takes part")
_TASK_FILTERS = ("document", "region", "level", "year")
_AGENCY_FILTERS = ("function", "unit", "role")


def _task_parameters() -> list[Parameter]:
    return [_LED_BY, _AGENCY,
            *(p for p in canned_query("tasks").parameters if p.name in _TASK_FILTERS)]


@router.get("/tasks", tags=["tasks"], operation_id="tasks-by-agency-name",
            summary="Tasks by the name of the agency that leads or supports them",
            description="Tasks across documents and jurisdictions: `led_by=发改委` lists every "
                        "task led by any 发展和改革 agency. The name is resolved to an agency "
                        "function first (the `function-by-name` query); `matched` in the answer "
                        "says what it was matched as. With both `led_by` and `agency`, the "
                        "tasks the one leads in which the other takes part (`partner` says what "
                        "the second was matched as). Filters as in `/api/queries/tasks`.",
            openapi_extra={"parameters": openapi_parameters(
                _task_parameters(), page_size(canned_query("tasks")))},
            responses=LIST_RESPONSES)
async def tasks(request: Request, pool: PoolDep, settings: SettingsDep) -> Response:
    query = canned_query("tasks")
    values, paging = read(request.query_params, _task_parameters(), page_size(query))
    led_by, agency = values.pop("led_by", None), values.pop("agency", None)
    matched: dict[str, str] = {}
    if name := led_by or agency:
        matched = await _agency_named(pool, settings.timeout, name)
        values.update(matched)
        if led_by:
            values["role"] = "lead"
    if not (led_by and agency):
        page = await run_page(pool, settings.timeout, query, values, paging)
        return page_response(request, page, paging, {"matched": matched} if matched else None)
    partner = await _agency_named(pool, settings.timeout, agency)
    page = await _led_with(pool, settings, query, values, partner, paging)
    return page_response(request, page, paging, {"matched": matched, "partner": partner})


async def _led_with(pool: QueryPool, settings: Settings, query: CannedQuery,
                    led: Mapping[str, str], partner: Mapping[str, str], paging: Paging) -> Page:
    """The page of the tasks `led` selects in which `partner` takes part: the two lists of
    tasks, each within the row limit, intersected here rather than in one query, whose second
    agency join would slow every other use of the `tasks` query."""
    limit = settings.max_rows
    columns, rows = await run_rows(pool, settings.timeout, query, led, max_rows=limit)
    filters = {name: value for name, value in led.items() if name not in _AGENCY_FILTERS}
    _, others = await run_rows(pool, settings.timeout, query, {**filters, **partner},
                               max_rows=limit)
    shared = {row["task"] for row in others}
    return in_memory_page(columns, [row for row in rows if row["task"] in shared], paging)


async def _agency_named(pool: QueryPool, timeout: float, name: str) -> dict[str, str]:
    """What `name` is matched as: the agency function that goes by it, or else the text of
    the units' written names."""
    function = await _function_named(pool, timeout, name)
    return {"function": function} if function else {"unit": name}


async def _function_named(pool: QueryPool, timeout: float, name: str) -> str | None:
    """The agency function that goes by `name`, with or without a level prefix."""
    query = canned_query("function-by-name")
    for candidate in level_forms(name):
        _, rows = await run_rows(pool, timeout, query, {"name": candidate}, max_rows=1)
        if rows:
            return str(rows[0]["function"])
    return None


# ---------------------------------------------------------------- one task

_TASK = Parameter(name="iri", type="iri", required=True, variable="",
                  description="the task's IRI",
                  example=next(p.example for p in canned_query("task").parameters))
# Rows of the `task` query by part: the key they are listed under and the fields they give.
_PARTS = {
    "agency": ("agencies", "agency", ("label", "kind", "role", "function", "region")),
    "target": ("targets", "target", ("indicator", "comparator", "value", "upperValue", "unit",
                                     "year", "quote")),
    "mention": ("mentions", "entity", ("kind", "label")),
}
_TASK_FIELDS = ("kind", "document", "title", "path", "number", "heading", "text")


@router.get("/task", tags=["tasks"], operation_id="task-details",
            summary="One task with its agencies, targets, platforms and projects, and source "
                    "span",
            description="The rows of the `task` query gathered into one object: the task, "
                        "`source` (offsets into the document's text and the exact quote), "
                        "`agencies` with their roles, `targets` and `mentions`.",
            openapi_extra={"parameters": openapi_parameters([_TASK])},
            responses={200: {"description": "The task."},
                       404: {"description": "No task has this IRI."}, **_ERRORS})
async def one_task(request: Request, pool: PoolDep, settings: SettingsDep) -> JSONResponse:
    values, _ = read(request.query_params, [_TASK])
    iri = values["iri"]
    _, rows = await run_rows(pool, settings.timeout, canned_query("task"), {"task": iri})
    parts: dict[str, list[Item]] = defaultdict(list)
    for row in rows:
        parts[row["part"]].append(row)
    if not parts["task"]:
        raise refuse(404, f"no task has the IRI {iri}")
    head = parts["task"][0]
    answer: Item = {"task": iri, **{field: head[field] for field in _TASK_FIELDS},
                    "source": {"start": head["start"], "end": head["end"],
                               "quote": head["quote"]}}
    for part, (key, id_field, fields) in _PARTS.items():
        answer[key] = [{id_field: row["item"], **{field: row[field] for field in fields}}
                       for row in parts[part]]
    return JSONResponse(answer)
