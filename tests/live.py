"""A real `policygraph serve` on 127.0.0.1 for tests that talk HTTP to it.

The server runs as a subprocess, exactly as a user starts it, on a free port; `start` waits
until it answers and `stop` ends it.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass
class LiveServer:
    """A running server: its base URL and process."""

    url: str
    process: subprocess.Popen[bytes]
    log: Path

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def start(store: Path, *options: str, log: Path) -> LiveServer:
    """Serve `store` (already built) with extra `serve` options; wait until it answers."""
    port = free_port()
    command = [sys.executable, "-m", "policygraph.cli", "serve", "--store", str(store),
               "--port", str(port), *options]
    with log.open("wb") as sink:
        process = subprocess.Popen(command, stdout=sink, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}:\n"
                               + log.read_text(errors="replace"))
        try:
            with urllib.request.urlopen(f"{url}/api/queries", timeout=2):
                return LiveServer(url, process, log)
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("server did not answer within 60 s:\n" + log.read_text(errors="replace"))
