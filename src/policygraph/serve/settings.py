"""The server's settings, in one typed place."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_TIMEOUT = 10.0
DEFAULT_MAX_ROWS = 10_000
DEFAULT_WARM_TIMEOUT = 1800.0
DEFAULT_MAX_QUERY_BYTES = 256 * 1024
# Bytes of answers kept on disk per build at most; past it, the least recently used go until
# three quarters of it are left.
DEFAULT_ANSWER_DISK_BYTES = 256 * 1024 * 1024
# Memory a query worker may take for one query, past what it holds once the store is open: a
# query past it (a cartesian ORDER BY grows by gigabytes in seconds) ends its worker, which is
# replaced, and is answered 503.
DEFAULT_WORKER_MEMORY_BYTES = 2 * 1024 * 1024 * 1024
# Queries waiting for a worker at most; one more is answered 503 at once.
DEFAULT_QUEUE = 16
# Seconds a request's line and headers may take to arrive, from the connection's opening or the
# previous response; past them the connection gets 408 and is closed.
DEFAULT_HEADER_TIMEOUT = 10.0
# Groups, brackets and parentheses nested deeper are refused: the canned queries nest about 8
# deep, and the engine's recursive parser overflows its stack a few thousand levels down.
MAX_NESTING = 128
# Operators and filters past this many are refused: the engine builds an expression or a chain
# of filters as one deep tree, and a flat `1+1+…+1` of 10,000 terms overflows its stack as deep
# nesting does; the canned queries hold a few dozen.
MAX_OPERATORS = 2000


@dataclass(frozen=True)
class Settings:
    """How a server runs: its store, its limits and who may call it from a browser."""

    store_dir: Path
    endpoint: str | None = None  # a remote SPARQL endpoint served instead of the store
    base_iri: str | None = None  # linked-data base IRI; None: the store's own
    timeout: float = DEFAULT_TIMEOUT  # seconds a query may run; a request may ask for less
    max_rows: int = DEFAULT_MAX_ROWS  # rows (or triples) returned at most, then truncated
    workers: int = 2  # query worker processes
    warm_timeout: float = DEFAULT_WARM_TIMEOUT  # seconds per canned answer warmed; 0: no warm-up
    cors_origins: tuple[str, ...] = field(default_factory=tuple)  # none: CORS off
    max_query_bytes: int = DEFAULT_MAX_QUERY_BYTES  # longest SPARQL query taken
    allowed_services: tuple[str, ...] = ()  # endpoints SERVICE may call (see services.py)
    answer_disk_bytes: int = DEFAULT_ANSWER_DISK_BYTES  # answers kept beside a build, at most
    worker_memory_bytes: int = DEFAULT_WORKER_MEMORY_BYTES  # a query's memory, at most
    queue: int = DEFAULT_QUEUE  # queries waiting for a worker, at most
    client_rate: float = 0.0  # query requests a second per client; 0: no limit
    header_timeout: float = DEFAULT_HEADER_TIMEOUT  # seconds a request's head may take
    api_key: str | None = field(default=None, repr=False)  # None: the write routes are off

    @property
    def max_request_bytes(self) -> int:
        """The longest query string or body a request may have. URL encoding writes a Chinese
        character in 9 bytes, so a request may be several times longer than the query it
        carries; the query's own length is checked at /sparql."""
        return 4 * self.max_query_bytes
