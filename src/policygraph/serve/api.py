"""Canned queries as a REST API: `/api/queries` lists them."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from ..query import canned_queries

router = APIRouter(prefix="/api", tags=["canned queries"])


@router.get("/queries", summary="The canned queries, with their parameters")
async def list_queries() -> dict[str, Any]:
    items = [{"name": query.name, "summary": query.summary, "description": query.description,
              "tags": list(query.tags),
              "parameters": [{"name": p.name, "type": p.type, "required": p.required}
                             for p in query.parameters]}
             for query in canned_queries().values()]
    return {"items": items, "total": len(items)}
