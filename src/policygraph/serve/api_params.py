"""The query string of a REST call: typed parameters and paging, checked and documented.

An operation states its parameters once, as `Parameter`s (a canned query's own, read from its
header, or a friendly route's); the same list checks a request — unknown, repeated, missing or
ill-typed values are refused with the parameter's name — and describes the operation in the
OpenAPI document. Every list also takes `limit`, `offset` and `format`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from fastapi import HTTPException
from starlette.datastructures import QueryParams

from ..query import INTEGER, CannedQuery, Parameter, QueryError, check_value

DEFAULT_LIMIT = 100
MAX_LIMIT = 1000
MAX_OFFSET = 1_000_000_000  # past any graph's rows, and within every engine's integers
FORMATS = ("json", "csv")

_SCHEMAS: dict[str, dict[str, str]] = {
    "iri": {"type": "string", "format": "iri"},
    "string": {"type": "string"},
    "integer": {"type": "integer"},
    "decimal": {"type": "number"},
    "boolean": {"type": "boolean"},
    "date": {"type": "string", "format": "date"},
}
_TYPE_NOTES = {
    "iri": "An IRI, full or with a known prefix (pgf:commerce).",
    "integer": "A whole number.",
    "decimal": "A number.",
    "boolean": "true or false.",
    "date": "A date, YYYY-MM-DD.",
}


@dataclass(frozen=True)
class Paging:
    """Which page of a list to answer, and in which format."""

    limit: int
    offset: int
    format: str


def page_size(query: CannedQuery) -> int:
    """Rows per page of `query`'s list when a request does not say: its own, or the default.
    The warm-up asks the first page by it, so it must be the one requests get."""
    return query.pagination or DEFAULT_LIMIT


def refuse(status: int, message: str, headers: dict[str, str] | None = None) -> HTTPException:
    """An error answered as JSON `{"detail": message}`."""
    return HTTPException(status_code=status, detail=message, headers=headers)


def read(params: QueryParams, accepted: Sequence[Parameter],
         default_limit: int | None = None) -> tuple[dict[str, str], Paging]:
    """The values given for `accepted` and the paging of the request; `default_limit` None
    means the operation answers one object, not a list, and takes no paging parameters."""
    paging_names = ("limit", "offset", "format") if default_limit is not None else ()
    known = {parameter.name: parameter for parameter in accepted}
    for name in params:
        if name not in known and name not in paging_names:
            expected = ", ".join([*known, *paging_names]) or "none"
            raise refuse(400, f"unknown parameter {name!r}; expected: {expected}")
        if len(params.getlist(name)) > 1:
            raise refuse(400, f"parameter {name!r} is given more than once")
        if not params[name]:
            raise refuse(422, f"parameter {name!r} is empty: give it a value or leave it out")
    values = {}
    for parameter in accepted:
        if parameter.name in params:
            values[parameter.name] = _checked(parameter, params[parameter.name])
        elif parameter.required:
            raise refuse(422, f"parameter {parameter.name!r} is required")
    if default_limit is None:
        return values, Paging(limit=MAX_LIMIT, offset=0, format="json")
    limit = _number(params, "limit", default_limit, 1, MAX_LIMIT)
    offset = _number(params, "offset", 0, 0, MAX_OFFSET)
    fmt = params.get("format") or "json"
    if fmt not in FORMATS:
        raise refuse(422, f"parameter 'format': {fmt!r} is not one of {', '.join(FORMATS)}")
    return values, Paging(limit=limit, offset=offset, format=fmt)


def _checked(parameter: Parameter, value: str) -> str:
    """The value, refused with 422 when it is not of the parameter's type or choices."""
    try:
        check_value(parameter, value)
    except QueryError as error:
        raise refuse(422, str(error)) from None
    return value


def _number(params: QueryParams, name: str, default: int, low: int, high: int) -> int:
    raw = params.get(name)
    if raw is None:
        return default
    if not INTEGER.fullmatch(raw) or not low <= int(raw) <= high:
        raise refuse(422, f"parameter {name!r}: {raw!r} is not a whole number from {low} "
                          f"to {high}")
    return int(raw)


def openapi_parameters(accepted: Sequence[Parameter],
                       default_limit: int | None = None) -> list[dict[str, Any]]:
    """The OpenAPI description of the parameters `read` accepts with the same arguments."""
    described = [_described(parameter) for parameter in accepted]
    if default_limit is None:
        return described
    return [*described,
            {"name": "limit", "in": "query", "required": False,
             "description": f"Rows per page, at most {MAX_LIMIT}.",
             "schema": {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT,
                        "default": default_limit}},
            {"name": "offset", "in": "query", "required": False,
             "description": "Rows to skip: the page starts after them.",
             "schema": {"type": "integer", "minimum": 0, "maximum": MAX_OFFSET, "default": 0}},
            {"name": "format", "in": "query", "required": False,
             "description": "json (items with total and a link to the next page) or csv "
                            "(the same page as a table).",
             "schema": {"type": "string", "enum": list(FORMATS), "default": "json"}}]


def _described(parameter: Parameter) -> dict[str, Any]:
    schema: dict[str, Any] = dict(_SCHEMAS[parameter.type])
    if parameter.type in {"string", "iri"}:
        schema["minLength"] = 1  # an empty value is refused: a value is given or left out
    if parameter.choices:
        schema["enum"] = list(parameter.choices)
    note = _TYPE_NOTES.get(parameter.type, "")
    description = " ".join(part for part in (_sentence(parameter.description), note) if part)
    entry: dict[str, Any] = {"name": parameter.name, "in": "query",
                             "required": parameter.required, "schema": schema,
                             "description": description}
    if parameter.example is not None:
        entry["example"] = (int(parameter.example) if INTEGER.fullmatch(parameter.example)
                            and parameter.type == "integer" else parameter.example)
    return entry


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] + ("." if text and not text.endswith(".") else "")
