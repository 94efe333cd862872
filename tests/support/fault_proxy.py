"""A small HTTP-aware TCP proxy that injects network faults between the app and the real server.

Each request gets its own upstream connection (the proxy adds `Connection: close`), so a fault can be chosen
per request: pass, delay, reset before forwarding, cut the answer after N bytes, drop the answer after the
server has committed, answer garbage after the server has committed, or answer 500/503/429 itself. Faults are
drawn at random (`fault_rate`), or planned for the next requests to a path (`plan`). While the server is down
the connection is closed unanswered. Counters say what was done, for the test's report.
"""

from __future__ import annotations

import random
import socket
import ssl
import struct
import threading
import time
from collections import Counter
from urllib.parse import urlsplit

FAULTS = ("pass", "delay", "reset", "cut", "drop_response", "garbage", "status_500", "status_503", "status_429")
# redirect: a 308 to `redirect_to` + the path, without asking the server; slow: forwarded after `slow_seconds`.
PLANNED_ONLY = ("redirect", "slow")


class FaultProxy:
    def __init__(
        self, target_url: str, *, seed: int = 7, fault_rate: float = 0.0, tls: ssl.SSLContext | None = None
    ) -> None:
        parts = urlsplit(target_url)
        self.target = (parts.hostname, parts.port)
        self.rng = random.Random(seed)
        self.fault_rate = fault_rate
        self.counts: Counter[str] = Counter()
        self.finished: list[str] = []  # the paths of the requests it has dealt with, in order
        self._planned: list[tuple[str, str]] = []  # (path prefix, fault), used first-come
        self._lock = threading.Lock()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.tls = tls  # terminate TLS here, as a company's reverse proxy would
        self.redirect_to = "http://127.0.0.2"
        self.slow_seconds = 3.0
        self.url = f"{'https' if tls else 'http'}://127.0.0.1:{self._listener.getsockname()[1]}"
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._serve, name="fault-proxy", daemon=True)
        self._thread.start()

    def close(self) -> None:
        self._stopped.set()
        try:  # wakes the accept() in _serve: on Linux, closing the socket alone does not, and join waited 5 s
            self._listener.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self._listener.close()
        self._thread.join(5)

    def plan(self, path: str, *faults: str) -> None:
        """The next requests whose path starts with `path` get these faults, in order (then random ones again)."""
        unknown = set(faults) - set(FAULTS) - set(PLANNED_ONLY)
        if unknown:
            raise ValueError(f"unknown faults {unknown}")
        with self._lock:
            self._planned += [(path, fault) for fault in faults]

    def _choose(self, request: bytes) -> str:
        path = _path(request)
        with self._lock:
            planned = next((i for i, (prefix, _) in enumerate(self._planned) if path.startswith(prefix)), None)
            if planned is not None:
                fault = self._planned.pop(planned)[1]
            else:
                fault = self.rng.choice(FAULTS[1:]) if self.rng.random() < self.fault_rate else "pass"
            self.counts[fault] += 1
            return fault

    def _serve(self) -> None:
        while not self._stopped.is_set():
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            threading.Thread(target=self._handle, args=(client,), daemon=True).start()

    def _handle(self, client: socket.socket) -> None:
        try:
            if self.tls is not None:
                client.settimeout(10)
                client = self.tls.wrap_socket(client, server_side=True)
            with client:
                client.settimeout(60)
                request = _read_request(client)
                if request is None:
                    return
                fault = self._choose(request)
                self._apply(fault, client, request)
                with self._lock:
                    self.finished.append(_path(request))
        except OSError:
            pass  # the client gave up (its own timeout) or refused our certificate: nothing to do

    def _apply(self, fault: str, client: socket.socket, request: bytes) -> None:
        if fault == "redirect":
            path = request.split(b" ", 2)[1].decode("latin-1")
            client.sendall(
                f"HTTP/1.1 308 Permanent Redirect\r\nLocation: {self.redirect_to}{path}\r\n"
                "Content-Length: 0\r\nConnection: close\r\n\r\n".encode()
            )
            return
        if fault == "reset":
            client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            return  # closing with linger 0 sends RST
        if fault.startswith("status_"):
            code = int(fault.removeprefix("status_"))
            body = b'{"error":"injected","message":"injected fault"}'
            head = (
                f"HTTP/1.1 {code} Injected\r\nContent-Type: application/json\r\nContent-Length: {len(body)}\r\n"
                f"Connection: close\r\n" + ("Retry-After: 1\r\n" if code == 429 else "") + "\r\n"
            )
            client.sendall(head.encode() + body)
            return
        if fault == "delay":
            time.sleep(self.rng.uniform(0.05, 0.4))
        if fault == "slow":
            time.sleep(self.slow_seconds)
        response = self._forward(request)
        if fault == "drop_response":
            return  # the server has done the work; the client never hears of it
        if fault == "garbage":  # the server has done the work; the client hears noise
            noise = bytes(self.rng.randrange(256) for _ in range(self.rng.randint(1, 300)))
            if self.rng.random() < 0.5:  # noise dressed as a Palaute answer, or no HTTP at all
                noise = (
                    b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Palaute-Protocol: 2\r\n"
                    + f"Content-Length: {len(noise)}\r\nConnection: close\r\n\r\n".encode()
                    + noise
                )
            client.sendall(noise)
            return
        if fault == "cut":
            client.sendall(response[: self.rng.randint(1, max(1, len(response) - 1))])
            return
        client.sendall(response)

    def _forward(self, request: bytes) -> bytes:
        with socket.create_connection(self.target, timeout=60) as upstream:
            upstream.sendall(request)
            chunks = []
            while chunk := upstream.recv(65536):
                chunks.append(chunk)
            return b"".join(chunks)


def _path(request: bytes) -> str:
    return request.split(b" ", 2)[1].decode("latin-1") if request.count(b" ") >= 2 else ""


def _read_request(sock: socket.socket) -> bytes | None:
    """One HTTP request (head + Content-Length body), rewritten to ask the server to close afterwards."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            return None
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = [line for line in head.split(b"\r\n") if not line.lower().startswith(b"connection:")]
    length = 0
    for line in lines[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    while len(body) < length:
        chunk = sock.recv(65536)
        if not chunk:
            return None
        body += chunk
    return b"\r\n".join([*lines, b"Connection: close"]) + b"\r\n\r\n" + body
