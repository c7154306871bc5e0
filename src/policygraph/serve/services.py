"""Which SERVICE endpoints a query may call: those `--allow-service` names, exactly.

A prefix of the IRI's text is not a boundary: `http://example.org` is a prefix of
`http://example.org.evil.com/` and of `http://example.org@evil.com/`. An endpoint is allowed
when its scheme, host and port are an allowed one's and its path is that one's path or lies
below it on a segment boundary (`/sparql` allows `/sparql` and `/sparql/x`, not `/sparqlx`).
"""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import SplitResult, urlsplit

_DEFAULT_PORTS = {"http": 80, "https": 443}


def allowed_endpoint(endpoint: str, allowed: Sequence[str]) -> bool:
    """Whether `endpoint` is one of `allowed` or lies below one of them."""
    called = _parts(endpoint)
    return called is not None and any(
        (given := _parts(entry)) is not None and _within(called, given) for entry in allowed)


def _parts(iri: str) -> SplitResult | None:
    """The IRI split, or None if it names no host by a scheme we can compare."""
    try:
        parts = urlsplit(iri)
        parts.port  # noqa: B018 - raises ValueError on a port that is not a number
    except ValueError:
        return None
    return parts if parts.scheme.lower() in _DEFAULT_PORTS and parts.hostname else None


def _within(called: SplitResult, given: SplitResult) -> bool:
    if called.username is not None or called.password is not None:
        return False  # user information only hides which host is meant
    if (called.scheme.lower(), called.hostname, _port(called)) != \
            (given.scheme.lower(), given.hostname, _port(given)):
        return False
    base = given.path.rstrip("/")
    return called.path == given.path or called.path.startswith(base + "/") \
        or (base == "" and called.path in ("", "/"))


def _port(parts: SplitResult) -> int:
    return parts.port or _DEFAULT_PORTS[parts.scheme.lower()]
