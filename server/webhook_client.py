"""The webhook worker's HTTP client: aiohttp's ClientSession, set up for sending webhooks.

Why aiohttp: a well-kept client with wheels for Windows, macOS and Linux whose C parts (its HTTP parser,
multidict, yarl) keep a POST cheap. httpx, the client before, cost 1.5-2.5 ms of CPU per message here (its
transport layers, anyio, h11 in pure Python), which made the worker's CPU the limit of a burst and took it
from the pushes beside it in the same process; docs/integrations.md has the figures.

What a webhook sender needs, and how the session is set: one POST with a body and the status code back;
connections kept alive per endpoint and closed after `IDLE_FOR` idle; redirects not followed; no proxy from
the environment; no cookies; TLS verified against the system's trust store with host names checked; one
time limit for the whole attempt; an answer's body read only up to `BODY_CAP`.
"""

from __future__ import annotations

import asyncio
import ssl
import weakref
from contextvars import ContextVar
from typing import Any

import aiohttp
from yarl import URL

# An idle connection older than this is closed rather than reused: receivers close theirs after a few
# seconds to minutes (nginx 75 s, Node 5 s), and a request written into a closing socket is lost.
IDLE_FOR = 4.0
# Receivers answer webhooks with a status and little else; a longer body is not read, and its connection
# is closed rather than drained.
BODY_CAP = 64 * 1024
_KNOWN_URLS = 1024
# Whether the current task's request went out on a kept-alive connection (set by _Connector.connect).
_reused: ContextVar[bool] = ContextVar("palaute_webhook_connection_reused", default=False)


class SendError(Exception):
    """The attempt failed before a whole answer came (connection refused or reset, bad address, TLS)."""


class Sender:
    """`await post(url, body, headers)` → the status code; raises SendError, or TimeoutError after `timeout`.
    Make it and use it on one event loop; `await close()` when done."""

    def __init__(self, timeout: float, connections: int = 16, user_agent: str = "Palaute-Webhooks/1") -> None:
        self.timeout, self.connections, self.user_agent = timeout, max(1, connections), user_agent
        self._session: aiohttp.ClientSession | None = None
        self._urls: dict[str, URL] = {}

    def _open(self) -> aiohttp.ClientSession:
        connector = _Connector(
            limit=0,  # the worker bounds what is in flight (webhook_concurrency); this bounds it per endpoint
            limit_per_host=self.connections,
            keepalive_timeout=IDLE_FOR,
            ssl=ssl.create_default_context(),  # the system's trust store, host names checked
        )
        self._session = aiohttp.ClientSession(
            connector=connector,
            timeout=aiohttp.ClientTimeout(),  # no timer of its own: `post` bounds the whole attempt
            headers={"User-Agent": self.user_agent, "Accept": "*/*"},
            skip_auto_headers=("Accept-Encoding",),  # answers are not decompressed (nor asked to be compressed)
            auto_decompress=False,
            cookie_jar=aiohttp.DummyCookieJar(),
            trust_env=False,  # no proxy or .netrc from the environment
            raise_for_status=False,
        )
        return self._session

    async def post(self, url: str, body: bytes, headers: dict[str, str]) -> int:
        session = self._session or self._open()
        target = self._url(url)
        try:
            async with asyncio.timeout(self.timeout):
                try:
                    return await self._exchange(session, target, body, headers)
                except _Stale:
                    # A kept-alive connection the receiver had just closed: nothing reached it, so send anew
                    # (once, on another connection; aiohttp resends by itself only for idempotent methods).
                    return await self._exchange(session, target, body, headers, resend=True)
        except TimeoutError:
            raise
        except aiohttp.ClientConnectorCertificateError as exc:
            raise SendError(f"TLS certificate not trusted: {exc.certificate_error}") from None
        except aiohttp.ClientError as exc:
            raise SendError(f"{type(exc).__name__}: {exc}") from None

    async def _exchange(
        self, session: aiohttp.ClientSession, url: URL, body: bytes, headers: dict[str, str], resend: bool = False
    ) -> int:
        _reused.set(False)
        try:
            response = await session.post(url, data=body, headers=headers, allow_redirects=False)
        except aiohttp.ServerDisconnectedError as exc:
            if _reused.get() and not resend:
                raise _Stale from exc
            raise
        async with response:
            await _read_bounded(response)
            return response.status

    def _url(self, url: str) -> URL:
        found = self._urls.get(url)
        if found is None:
            try:
                found = URL(url)
            except ValueError:
                raise SendError(f"not a URL: {url}") from None
            if found.scheme not in ("http", "https") or not found.host:
                raise SendError(f"not an http(s) URL: {url}")
            if len(self._urls) >= _KNOWN_URLS:
                self._urls.clear()
            self._urls[url] = found
        return found

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None


class _Stale(Exception):
    """No answer on a connection taken from the pool: the receiver closed it while it was idle."""


class _Connector(aiohttp.TCPConnector):
    """aiohttp's connector, telling `post` whether a request went out on a kept-alive connection (one whose
    protocol it handed out before). aiohttp's trace signals tell it too, but cost a quarter of a POST's CPU
    (0.063 against 0.085 ms, `python -m bench.bench_webhook_client`)."""

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self._handed_out: weakref.WeakSet[object] = weakref.WeakSet()

    async def connect(self, req: Any, traces: Any, timeout: Any) -> aiohttp.connector.Connection:
        connection = await super().connect(req, traces, timeout)
        protocol = connection.protocol
        _reused.set(protocol in self._handed_out)
        if protocol is not None:
            self._handed_out.add(protocol)
        return connection


async def _read_bounded(response: aiohttp.ClientResponse) -> None:
    """Read the answer's body up to BODY_CAP; past it, the connection is closed instead of read to its end."""
    if response.content_length is not None and response.content_length > BODY_CAP:
        response.close()
        return
    read = 0
    while not response.content.at_eof():
        read += len(await response.content.read(BODY_CAP + 1 - read))
        if read > BODY_CAP:
            response.close()
            return
