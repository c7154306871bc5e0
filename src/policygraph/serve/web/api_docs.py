"""`/docs`: the REST API's interactive documentation, Swagger UI served from this server's own
static files (FastAPI's default page loads it from a CDN, which a server without internet
access, or a reader behind a firewall, cannot reach)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse

router = APIRouter(include_in_schema=False)

_SWAGGER = "/static/vendor/swagger-ui/"


@router.get("/docs", response_class=HTMLResponse)
async def docs(request: Request) -> HTMLResponse:
    return get_swagger_ui_html(
        openapi_url=request.app.openapi_url, title=f"{request.app.title} · API",
        swagger_js_url=_SWAGGER + "swagger-ui-bundle.js",
        swagger_css_url=_SWAGGER + "swagger-ui.css",
        swagger_favicon_url="/static/favicon.svg")
