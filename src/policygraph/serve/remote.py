"""Running the service's queries on a remote SPARQL 1.1 store instead of the embedded one.

`policygraph serve --store sparql+http://HOST/sparql` keeps the whole API (SPARQL endpoint,
canned queries, linked data) and sends each query to that endpoint, from the same killable
worker processes, so time limits still hold. The remote endpoint knows neither the project's
prefixes nor substitution, so both are written into the query text (`declare_prefixes`,
`bind_values`, whose terms Oxigraph escapes). The remote store's default graph should be the
union of its graphs, as it is in Virtuoso (Fuseki: `tdb2:unionDefaultGraph true`).
"""

from __future__ import annotations

import json
from urllib.parse import urlencode

import httpx

from ..query.text import declare_prefixes
from .results import Job, Outcome, QueryFailed, bound_text

SCHEME = "sparql+"


def remote_endpoint(store: str) -> str | None:
    """The endpoint URL of a `sparql+http(s)://…` store, or None for a local directory."""
    return store[len(SCHEME):] if store.startswith(SCHEME) else None


def execute_remote(endpoint: str, job: Job, timeout: float = 3600) -> Outcome:
    """Send `job` to the endpoint; cap SPARQL JSON results at the row limit."""
    sparql = declare_prefixes(bound_text(job))
    accept = ", ".join(f"{media};q={quality}" for media, quality
                       in ((job.result_type, 1.0), (job.graph_type, 0.9)) if media)
    form = [("query", sparql), *(("default-graph-uri", g) for g in job.default_graphs),
            *(("named-graph-uri", g) for g in job.named_graphs)]
    try:
        response = httpx.post(endpoint, content=urlencode(form).encode(), timeout=timeout,
                              headers={"Accept": accept or "*/*",
                                       "Content-Type": "application/x-www-form-urlencoded"})
    except httpx.HTTPError as error:
        raise QueryFailed(502, f"the remote store {endpoint} did not answer: {error}") from None
    if response.status_code >= 400:
        status = 400 if response.status_code < 500 else 502
        raise QueryFailed(status, f"the remote store answered {response.status_code}: "
                                  f"{response.text[:500]}")
    media_type = response.headers.get("content-type", "").split(";")[0].strip()
    body, rows, truncated = response.content, 0, False
    if media_type == "application/sparql-results+json":
        document = json.loads(body)
        bindings = document.get("results", {}).get("bindings", [])
        rows, truncated = min(len(bindings), job.max_rows), len(bindings) > job.max_rows
        if truncated:
            document["results"]["bindings"] = bindings[: job.max_rows]
            document["truncated"] = True
            body = json.dumps(document, ensure_ascii=False).encode()
    return Outcome(body, media_type, rows, truncated)
