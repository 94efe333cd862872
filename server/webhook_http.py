"""The webhook worker's HTTP/1.1 client: POSTs over kept-alive connections, pooled per endpoint origin.

Why not httpx: measured here, an httpx `AsyncClient.post` to a loopback receiver costs 1.5-2.5 ms of CPU
(its transport layers, anyio, h11 in pure Python), which made the delivery worker's CPU the limit of a burst
and took it from the pushes beside it in the same process. Writing the request as one buffer and parsing
the answer with httptools (llhttp, in C; uvicorn's parser, already a server dependency) costs ~0.05-0.1 ms.
What a webhook sender needs is small: one POST with a body, the status code back, no redirects, no proxies,
no cookies; TLS with the default trust store and host name checks.
"""

from __future__ import annotations

import asyncio
import ssl
import time
from collections import deque
from dataclasses import dataclass
from typing import cast
from urllib.parse import urlsplit

import httptools

# An idle connection older than this is closed rather than reused: receivers close theirs after a few
# seconds to minutes (nginx 75 s, Node 5 s), and a request written into a closing socket is lost.
IDLE_FOR = 4.0
_MAX_IDLE_PER_ORIGIN = 64


class SendError(Exception):
    """The attempt failed before an answer came (connection refused or reset, bad address, TLS)."""


@dataclass(frozen=True)
class _Target:
    origin: tuple[str, str, int]  # scheme, host, port
    head: bytes  # request line and the headers common to every request to this URL


class _Connection(asyncio.Protocol):
    """One kept-alive connection; one request at a time."""

    def __init__(self) -> None:
        self.parser = httptools.HttpResponseParser(self)
        self.transport: asyncio.Transport | None = None
        self.answer: asyncio.Future[int] | None = None
        self.got_bytes = False
        self.headers_done = False
        self.closed = False
        self.idle_since = 0.0

    # asyncio.Protocol
    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = cast(asyncio.Transport, transport)  # a TCP connection's (uvloop's need not subclass it)

    def data_received(self, data: bytes) -> None:
        self.got_bytes = True
        try:
            self.parser.feed_data(data)
        except httptools.HttpParserUpgrade:
            self._fail(SendError("the receiver switched protocols"))
        except httptools.HttpParserError as exc:
            self._fail(SendError(f"malformed answer: {exc}"))

    def connection_lost(self, exc: Exception | None) -> None:
        self.closed = True
        if self.answer is not None and not self.answer.done():
            if self.headers_done:  # an answer without a length ends when the connection does
                self.answer.set_result(self.parser.get_status_code())
            else:
                self.answer.set_exception(SendError("connection closed before an answer"))

    # httptools callbacks
    def on_headers_complete(self) -> None:
        self.headers_done = True

    def on_message_complete(self) -> None:
        status = self.parser.get_status_code()
        if 100 <= status < 200:  # an interim answer (100 Continue): the final one follows
            self.headers_done = False
            return
        if not self.parser.should_keep_alive():
            self.close()
        if self.answer is not None and not self.answer.done():
            self.answer.set_result(status)

    def _fail(self, error: Exception) -> None:
        if self.answer is not None and not self.answer.done():
            self.answer.set_exception(error)
        self.close()

    def close(self) -> None:
        self.closed = True
        if self.transport is not None:
            self.transport.close()

    def start(self, request: bytes) -> asyncio.Future[int]:
        assert self.transport is not None
        self.answer = asyncio.get_running_loop().create_future()
        self.got_bytes = self.headers_done = False
        self.transport.write(request)
        return self.answer


class Sender:
    """`await post(url, body, headers)` → the status code; raises SendError, or TimeoutError after `timeout`."""

    def __init__(self, timeout: float, user_agent: str = "Palaute-Webhooks/1") -> None:
        self.timeout, self.user_agent = timeout, user_agent
        self._idle: dict[tuple[str, str, int], deque[_Connection]] = {}
        self._targets: dict[str, _Target] = {}
        self._tls: ssl.SSLContext | None = None

    async def post(self, url: str, body: bytes, headers: dict[str, str]) -> int:
        target = self._target(url)
        extra = "".join(f"{name}: {value}\r\n" for name, value in headers.items())
        request = b"".join((target.head, extra.encode("latin-1"), b"content-length: %d\r\n\r\n" % len(body), body))
        async with asyncio.timeout(self.timeout):
            connection, reused = self._take(target.origin), True
            if connection is None:
                connection, reused = await self._open(target.origin), False
            try:
                status = await self._exchange(connection, request)
            except SendError:
                if not (reused and not connection.got_bytes):
                    raise
                # A kept-alive connection the receiver had just closed: nothing reached it, so send anew.
                connection = await self._open(target.origin)
                status = await self._exchange(connection, request)
        self._give_back(target.origin, connection)
        return status

    async def _exchange(self, connection: _Connection, request: bytes) -> int:
        try:
            return await connection.start(request)
        except BaseException:
            connection.close()  # a half-read answer (or a timed-out one) leaves the connection unusable
            raise

    def close(self) -> None:
        for idle in self._idle.values():
            for connection in idle:
                connection.close()
        self._idle.clear()

    def _target(self, url: str) -> _Target:
        found = self._targets.get(url)
        if found is None:
            found = self._targets[url] = self._parse(url)
        return found

    def _parse(self, url: str) -> _Target:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise SendError(f"not an http(s) URL: {url}")
        port = parts.port or (443 if parts.scheme == "https" else 80)
        default = port == (443 if parts.scheme == "https" else 80)
        host = parts.hostname if ":" not in parts.hostname else f"[{parts.hostname}]"
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        head = (
            f"POST {path} HTTP/1.1\r\nhost: {host if default else f'{host}:{port}'}\r\n"
            f"user-agent: {self.user_agent}\r\naccept: */*\r\n"
        )
        return _Target((parts.scheme, parts.hostname, port), head.encode("latin-1"))

    def _take(self, origin: tuple[str, str, int]) -> _Connection | None:
        idle = self._idle.get(origin)
        now = time.monotonic()
        while idle:
            connection = idle.pop()  # the most recently used: the least likely to have been closed
            if not connection.closed and now - connection.idle_since < IDLE_FOR:
                return connection
            connection.close()
        return None

    def _give_back(self, origin: tuple[str, str, int], connection: _Connection) -> None:
        if connection.closed:
            return
        idle = self._idle.setdefault(origin, deque())
        connection.idle_since = time.monotonic()
        idle.append(connection)
        while len(idle) > _MAX_IDLE_PER_ORIGIN:
            idle.popleft().close()

    async def _open(self, origin: tuple[str, str, int]) -> _Connection:
        scheme, host, port = origin
        tls = None
        if scheme == "https":
            tls = self._tls = self._tls or ssl.create_default_context()
        loop = asyncio.get_running_loop()
        try:
            _, connection = await loop.create_connection(
                _Connection, host, port, ssl=tls, server_hostname=host if tls else None
            )
        except (OSError, ssl.SSLError) as exc:
            raise SendError(f"{type(exc).__name__}: {exc}") from None
        return connection
