"""The web interface for people: a home page, search, a SPARQL query page with an example
gallery, each canned query as a form, the co-responsibility network and the targets chart.

Pages are rendered on the server from the same canned and page queries the API runs
(`queries/*.rq` here), so every page works without scripts; small scripts in `static/js`
add the editor, sorting, the force layout and the chart, with the libraries bundled into
`static/vendor` from `web/` at the repository root. No page loads anything from another
site.
"""

from __future__ import annotations

from fastapi import APIRouter, FastAPI
from fastapi.staticfiles import StaticFiles

from . import api_docs, editor, forms, home, suggest, views

router = APIRouter()
router.include_router(home.router)
router.include_router(suggest.router)
router.include_router(editor.router)
router.include_router(views.router)
router.include_router(forms.router)
router.include_router(api_docs.router)


def mount(app: FastAPI) -> None:
    """The pages and their static files (`/static`), before any catch-all route."""
    app.mount("/static", StaticFiles(packages=[("policygraph.serve", "static")]),
              name="static")
    app.include_router(router)
