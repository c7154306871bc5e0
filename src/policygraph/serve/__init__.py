"""The query service: FastAPI + uvicorn over the persistent store.

`serve(settings, host, port)` is the stage's entry point; `create_app(settings)` gives the app
itself, for tests and for other ASGI servers.
"""

from __future__ import annotations

import logging

import uvicorn

from .app import create_app
from .settings import Settings

__all__ = ["Settings", "create_app", "serve"]


def serve(settings: Settings, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve until interrupted."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    uvicorn.run(create_app(settings), host=host, port=port, log_level="info")
