"""A per-client limit on the requests that run queries, so that one client cannot take the
workers from the others.

Each client (its address) has a bucket of `burst` tokens filled at `rate` a second; a request
to a route that runs queries (`/sparql`, `/api/…`) takes one, and a client with an empty bucket
is answered 429 with `Retry-After` saying when the next token comes. Pages, static files and
dumps are not counted: they are cheap, or bounded on their own.
"""

from __future__ import annotations

import json
import math
import time
from dataclasses import dataclass

from starlette.types import ASGIApp, Receive, Scope, Send

# The routes that run queries.
_COUNTED = ("/sparql", "/api/")
# Clients remembered at most; the least recently seen are forgotten past it.
_MAX_CLIENTS = 10_000


@dataclass
class _Bucket:
    tokens: float
    updated: float


class ClientRate:
    """Answer 429 to a client past `rate` query requests a second (bursts of `burst`)."""

    def __init__(self, app: ASGIApp, rate: float, burst: int) -> None:
        self.app = app
        self.rate = rate
        self.burst = burst
        self._buckets: dict[str, _Bucket] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(_COUNTED) \
                or scope["path"] == "/api/status":
            await self.app(scope, receive, send)
            return
        wait = self._take(str((scope.get("client") or ("unknown",))[0]))
        if wait <= 0:
            await self.app(scope, receive, send)
            return
        body = json.dumps({"detail": f"too many queries from this client: at most "
                                     f"{self.rate:g} a second; try again in {wait:.1f} s"})
        await send({"type": "http.response.start", "status": 429,
                    "headers": [(b"content-type", b"application/json"),
                                (b"retry-after", str(math.ceil(wait)).encode())]})
        await send({"type": "http.response.body", "body": body.encode()})

    def _take(self, client: str) -> float:
        """Take a token for `client`: 0 when there was one, else the seconds until there is."""
        now = time.monotonic()
        bucket = self._buckets.pop(client, None) or _Bucket(float(self.burst), now)
        bucket.tokens = min(self.burst, bucket.tokens + (now - bucket.updated) * self.rate)
        bucket.updated = now
        self._buckets[client] = bucket  # most recently seen last
        if len(self._buckets) > _MAX_CLIENTS:
            del self._buckets[next(iter(self._buckets))]
        if bucket.tokens >= 1:
            bucket.tokens -= 1
            return 0.0
        return (1 - bucket.tokens) / self.rate
