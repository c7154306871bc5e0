"""Values schemathesis generates for the string formats of our OpenAPI document that JSON
Schema cannot describe: `sparql-query`, a SPARQL query, which only a grammar can tell from
other text. Loaded by `st run` through `schemathesis.toml` (or `SCHEMATHESIS_HOOKS`)."""

from __future__ import annotations

import schemathesis
from hypothesis import strategies as st

_PATTERNS = ("?s ?p ?o", "?s a ?type", "?task <https://w3id.org/policygraph/ontology#text> ?o")
_FORMS = (
    "SELECT * WHERE {{ {pattern} }} LIMIT {limit}",
    "SELECT (COUNT(*) AS ?n) WHERE {{ {pattern} }}",
    "ASK {{ {pattern} }}",
    "CONSTRUCT WHERE {{ {pattern} }} LIMIT {limit}",
    "DESCRIBE ?s WHERE {{ {pattern} }} LIMIT {limit}",
)

schemathesis.openapi.format("sparql-query", st.builds(
    str.format, st.sampled_from(_FORMS), pattern=st.sampled_from(_PATTERNS),
    limit=st.integers(min_value=0, max_value=50)))
