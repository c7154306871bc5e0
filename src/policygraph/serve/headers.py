"""Security headers on every response, set in one place rather than by each route.

Pages come from several routers (the web interface, linked data, the ontology, error pages);
a header each route had to remember was a header some route forgot. Every response says its
type is not to be sniffed; every HTML page also says that nothing is loaded from another site
and that only this site may frame it. A route that sets one of these itself keeps its own.
"""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.types import Message, Receive, Scope, Send

from .middleware import HttpMiddleware

# The editor and the charts write style elements of their own, so styles may be inline;
# scripts may not.
HTML_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; style-src 'self' 'unsafe-inline'; "
                               "img-src 'self' data:; frame-ancestors 'self'",
    "X-Frame-Options": "SAMEORIGIN",
    "Referrer-Policy": "same-origin",
}
EVERY_RESPONSE = {"X-Content-Type-Options": "nosniff"}


class SecurityHeaders(HttpMiddleware):
    """Adds `EVERY_RESPONSE` to each response and `HTML_HEADERS` to each HTML one."""

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                wanted = dict(EVERY_RESPONSE)
                if headers.get("content-type", "").startswith("text/html"):
                    wanted.update(HTML_HEADERS)
                for name, value in wanted.items():
                    if name not in headers:
                        headers[name] = value
            await send(message)

        await self.app(scope, receive, send_with_headers)
