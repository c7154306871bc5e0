"""OpenAPI descriptions of the routes that answer in RDF and SPARQL formats, not JSON.

FastAPI documents every route as answering `application/json` unless told otherwise; the
SPARQL endpoint, the dumps and VoID answer what content negotiation picks, so their responses
are described here, with the media types they can send and the errors they give, for client
generators and for the generated requests that test the API against its description.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

_TEXT = {"type": "string"}
_JSON = {"type": ["object", "array"]}  # SPARQL JSON results; JSON-LD, an object or a list


def answers(description: str, media_types: Iterable[str],
            errors: Mapping[int, str]) -> dict[int | str, dict[str, Any]]:
    """The `responses` of a route whose 200 answer is one of `media_types`."""
    documented: dict[int | str, dict[str, Any]] = {
        200: {"description": description,
              "content": {media: {"schema": _JSON if media.endswith("json") else _TEXT}
                          for media in media_types}}}
    documented.update({status: {"description": why} for status, why in errors.items()})
    return documented


def query_parameters(parameters: Mapping[str, str], repeatable: Iterable[str] = (),
                     schemas: Mapping[str, dict[str, Any]] | None = None
                     ) -> list[dict[str, Any]]:
    """Optional query-string parameters (name → meaning); `repeatable` ones take a list;
    `schemas` gives the values a parameter takes where not every text is one."""
    lists = set(repeatable)
    given = schemas or {}
    return [{"name": name, "in": "query", "required": False, "description": meaning,
             "schema": {"type": "array", "items": given.get(name, _TEXT)} if name in lists
             else given.get(name, _TEXT),
             **({"style": "form", "explode": True} if name in lists else {})}
            for name, meaning in parameters.items()]
