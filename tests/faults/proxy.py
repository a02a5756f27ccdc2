"""A TCP proxy to PostgreSQL that a test can cut: the outage a service sees when the server
restarts or the network drops, without stopping a server other tests share."""

from __future__ import annotations

import socket
import threading
from contextlib import suppress
from pathlib import Path

from sqlalchemy import make_url


class Proxy:
    def __init__(self, upstream: tuple[str, int] | str) -> None:
        """`upstream`: (host, port), or the path of a server's Unix socket."""
        self.upstream = upstream
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.open = True
        self.sockets: set[socket.socket] = set()
        self.lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            if not self.open:
                client.close()  # refused while cut, as a stopped server would
                continue
            try:
                server = self._connect()
            except OSError:
                client.close()
                continue
            with self.lock:
                self.sockets |= {client, server}
            for source, target in ((client, server), (server, client)):
                threading.Thread(target=self._pump, args=(source, target), daemon=True).start()

    def _connect(self) -> socket.socket:
        if isinstance(self.upstream, tuple):
            return socket.create_connection(self.upstream)
        server = socket.socket(socket.AF_UNIX)
        server.connect(self.upstream)
        return server

    def _pump(self, source: socket.socket, target: socket.socket) -> None:
        with suppress(OSError):
            while data := source.recv(65536):
                target.sendall(data)
        for sock in (source, target):
            with suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

    def cut(self) -> None:
        """Drop every connection and refuse new ones."""
        self.open = False
        with self.lock:
            for sock in self.sockets:
                with suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                sock.close()
            self.sockets.clear()

    def restore(self) -> None:
        self.open = True

    def close(self) -> None:
        self.cut()
        self.listener.close()


def proxied(url: str) -> tuple[Proxy, str]:
    """A proxy in front of the server of `url`, and the URL that goes through it."""
    parsed = make_url(url)
    socket_dir = parsed.query.get("host")
    if socket_dir:  # the embedded server listens on a Unix socket
        proxy = Proxy(str(next(Path(str(socket_dir)).glob(".s.PGSQL.*"))))
        parsed = parsed.difference_update_query(["host"])
    else:
        proxy = Proxy((parsed.host or "127.0.0.1", parsed.port or 5432))
    return proxy, parsed.set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False)
