"""Which methods a path takes, as every route that serves it says, for 405 and OPTIONS.

Starlette answers a method a path does not take with the methods of the first route whose path
matches, so `/sparql`, served by a GET route and a POST route, was said to take GET alone.
Here `Allow` is the union over every route of the path, and `OPTIONS` is answered with it.
"""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.responses import JSONResponse, Response
from fastapi.routing import iter_route_contexts
from starlette.exceptions import HTTPException
from starlette.routing import Match


def allowed(app: FastAPI, request: Request) -> list[str]:
    """The methods of every route whose path matches the request's, and OPTIONS. Routes of
    included routers are reached through FastAPI's route contexts, which carry their prefix."""
    methods = {"OPTIONS"}
    for route in iter_route_contexts(app.routes):
        match, _ = route.matches(request.scope)
        if match is not Match.NONE and route.methods:
            methods |= set(route.methods)
    return sorted(methods)


def install(app: FastAPI) -> None:
    """Answer OPTIONS with 204 and the path's methods; name them all in every 405."""

    async def method_not_allowed(request: Request, error: Exception) -> Response:
        assert isinstance(error, HTTPException)
        if error.status_code != 405:
            return await http_exception_handler(request, error)
        methods = ", ".join(allowed(app, request))
        if request.method == "OPTIONS":
            return Response(status_code=204, headers={"Allow": methods})
        return JSONResponse({"detail": f"{request.method} is not taken here; allowed: {methods}"},
                            405, headers={"Allow": methods})

    app.add_exception_handler(HTTPException, method_not_allowed)
