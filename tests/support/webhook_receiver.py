"""A real HTTP receiver of webhooks on loopback, verifying each message with the `standardwebhooks` library.

    with Receiver(secret) as receiver:          # secret: the whsec_ printed by `webhook add`
        ... make changes ...
        receiver.wait_for(3)
        receiver.accepted  # messages answered 2xx, in arrival order

`fail_first=N` answers 500 to the first N attempts of each message; `stall_first=N` holds them past the
sender's timeout instead; `delay` slows every answer (a slow receiver).
"""

from __future__ import annotations

import json
import threading
import time
from collections import Counter
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from standardwebhooks import Webhook


@dataclass(frozen=True)
class Message:
    id: str
    type: str
    body: dict
    received: float


class Receiver:
    def __init__(
        self,
        secret: str | None = None,
        *,
        fail_first: int = 0,
        stall_first: int = 0,
        stall: float = 0.0,
        delay: float = 0.0,
        verify: bool = True,
    ) -> None:
        self.secret, self.fail_first, self.stall_first, self.stall = secret, fail_first, stall_first, stall
        self.delay, self.verify = delay, verify
        self.down = False  # answer 503 to everything, counting nothing but `refused`
        self.refused = 0
        self.accepted: list[Message] = []
        self.attempts: Counter[str] = Counter()
        self.bad_signatures = 0
        self.raw: list[tuple[dict, bytes]] = []  # (headers, body) of every request
        self._lock = threading.Condition()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}/hook"

    def _handler(self):
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive, as real receivers do

            def log_message(self, *args) -> None:
                pass

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("content-length", 0)))
                receiver._handle(self, dict(self.headers), body)

        return Handler

    def _handle(self, request, headers: dict, body: bytes) -> None:
        if self.down:
            with self._lock:
                self.refused += 1
                self._lock.notify_all()
            return self._answer(request, 503)
        with self._lock:
            self.raw.append((headers, body))
        if self.verify:
            try:
                Webhook(self.secret).verify(body, headers)
            except Exception:
                with self._lock:
                    self.bad_signatures += 1
                return self._answer(request, 400)
        message_id = {k.lower(): v for k, v in headers.items()}.get("webhook-id", "")
        with self._lock:
            self.attempts[message_id] += 1
            attempt = self.attempts[message_id]
        if attempt <= self.stall_first:
            time.sleep(self.stall)  # past the sender's timeout: it gives up on this attempt
            return self._answer(request, 200, counted=False)
        if attempt <= self.fail_first:
            return self._answer(request, 500)
        if self.delay:
            time.sleep(self.delay)
        parsed = json.loads(body)
        with self._lock:
            self.accepted.append(Message(message_id, parsed.get("type", ""), parsed, time.monotonic()))
            self._lock.notify_all()
        self._answer(request, 204)

    @staticmethod
    def _answer(request, status: int, counted: bool = True) -> None:
        try:
            request.send_response(status)
            request.send_header("content-length", "0")
            request.end_headers()
        except OSError:
            pass  # the sender gave up waiting

    def wait_for(self, count: int, timeout: float = 30.0) -> list[Message]:
        deadline = time.monotonic() + timeout
        with self._lock:
            while len(self.accepted) < count and time.monotonic() < deadline:
                self._lock.wait(deadline - time.monotonic())
            return list(self.accepted)

    def wait_until(self, condition, timeout: float = 30.0) -> bool:
        deadline = time.monotonic() + timeout
        with self._lock:
            while not condition() and time.monotonic() < deadline:
                self._lock.wait(min(0.5, max(0.0, deadline - time.monotonic())))
            return condition()

    def __enter__(self) -> Receiver:
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()
