"""A throw-away Virtuoso Open Source 7 server on 127.0.0.1, for tests against a real store.

Debian's `virtuoso-opensource` package provides `virtuoso-t`; `.ci/run` installs it. The
server gets a temporary database and two free ports (SQL and HTTP), no result-row cap and
no "anytime query" time limit, which would silently truncate answers.
"""

from __future__ import annotations

import configparser
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from .live import free_port, stop, wait_until_answers

STOCK_INI = Path("/etc/virtuoso-opensource-7/virtuoso.ini")
BINARY = "virtuoso-t"


@dataclass
class Virtuoso:
    """A running Virtuoso: its HTTP base URL, its process and its directory."""

    url: str
    process: subprocess.Popen[bytes]
    directory: Path

    @property
    def sparql(self) -> str:
        return f"{self.url}/sparql"

    @property
    def graph_store(self) -> str:
        return f"{self.url}/sparql-graph-crud-auth"

    def stop(self) -> None:
        stop(self.process, timeout=20)


def start(directory: Path, wait: float = 120) -> Virtuoso:
    """Start Virtuoso with its database in `directory`; wait until its SPARQL endpoint answers,
    at most `wait` seconds (a database left with a long transaction log replays it first)."""
    if shutil.which(BINARY) is None:
        raise RuntimeError(f"{BINARY} not found: install Debian's virtuoso-opensource "
                           "(`.ci/run` does)")
    directory = directory.resolve()  # Virtuoso runs in it and reads its paths from there
    config = configparser.ConfigParser(strict=False, interpolation=None,
                                       inline_comment_prefixes=(";",))
    config.optionxform = str  # type: ignore[assignment,method-assign]
    config.read(STOCK_INI)
    for section in ("Database", "TempDatabase"):
        for key, value in config[section].items():
            if key.endswith("File") or key == "xa_persistent_file":
                config[section][key] = str(directory / Path(value).name)
    http_port = free_port()
    config["Parameters"]["ServerPort"] = f"127.0.0.1:{free_port()}"
    config["Parameters"]["DirsAllowed"] = f"., {directory}, /usr/share/virtuoso-opensource-7/vad"
    config["HTTPServer"]["ServerPort"] = f"127.0.0.1:{http_port}"
    config["SPARQL"]["ResultSetMaxRows"] = "1000000"
    config["SPARQL"]["MaxQueryExecutionTime"] = "0"
    # No refusal by the planner's estimate: it varies from run to run (one CI run estimated
    # 418 s, over the stock limit of 400 s, for a `tasks` query that other runs answer at
    # once), and a refused query is a 500.
    config["SPARQL"]["MaxQueryCostEstimationTime"] = "0"
    ini = directory / "virtuoso.ini"
    with ini.open("w") as out:
        config.write(out)
    log = directory / "server.out"
    with log.open("wb") as sink:
        process = subprocess.Popen([BINARY, "+configfile", str(ini), "+foreground"],
                                   cwd=directory, stdout=sink, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{http_port}"
    wait_until_answers(process, f"{url}/sparql?query=ASK%7B%7D", log, "virtuoso", wait, 0.5)
    return Virtuoso(url, process, directory)
