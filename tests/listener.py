"""A port that counts the connections made to it, standing in for an internal service a
SERVICE clause might be aimed at."""

from __future__ import annotations

import socket
import threading


class Listener:
    """Accepts and closes every connection on a free loopback port, counting them."""

    def __init__(self) -> None:
        self.socket = socket.create_server(("127.0.0.1", 0))
        self.port = self.socket.getsockname()[1]
        self.connections = 0
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                connection, _ = self.socket.accept()
            except OSError:
                return
            self.connections += 1
            connection.close()
