"""The SPARQL the web pages read besides the canned queries (`queries/*.rq`): kept with the
queries, not with the pages, because the build's read models answer some of them too."""
