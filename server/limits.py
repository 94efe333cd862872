"""Request limits: body size (ASGI middleware) and per-key rate limits (token buckets, per process)."""

from __future__ import annotations

import json
import math
import threading
import time
from collections import OrderedDict
from collections.abc import Callable

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from protocol import schema


class BodyLimit:
    """Refuses bodies over the limit with 413, by Content-Length or while streaming, before parsing."""

    def __init__(self, app: ASGIApp, default: int = schema.MAX_BODY_BYTES, push: int = schema.MAX_PUSH_BYTES) -> None:
        self.app, self.default, self.push = app, default, push

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        limit = self.push if scope["path"].endswith("/sync/push") else self.default
        length = dict(scope["headers"]).get(b"content-length")
        if length is not None:
            if not length.isdigit() or int(length) > limit:
                return await _too_large(send, limit)
            return await self.app(scope, receive, send)  # the server enforces Content-Length itself
        # No length (chunked): read up to the limit here, then hand the body on in one piece.
        body, more = bytearray(), True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                return await self.app(scope, _replay([message], receive), send)
            body += message.get("body", b"")
            more = message.get("more_body", False)
            if len(body) > limit:
                return await _too_large(send, limit)
        await self.app(
            scope, _replay([{"type": "http.request", "body": bytes(body), "more_body": False}], receive), send
        )


def _replay(messages: list[Message], receive: Receive) -> Receive:
    async def replayed() -> Message:
        return messages.pop(0) if messages else await receive()

    return replayed


async def _too_large(send: Send, limit: int) -> None:
    body = json.dumps(
        {"error": "too_large", "message": f"request body over {limit} bytes; split it", "details": None}
    ).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})


class RateLimiter:
    """Token buckets: `per_minute` requests per key, bursting up to a fifth of a minute's worth (≥ 5).

    Kept in process memory: with N workers a client gets up to N times the rate, which is fine for abuse
    protection (a shared limit would need a shared store).

    Memory: one table per bucket, ordered by last use. A key whose tokens have refilled to the burst is the
    same as an absent key, so such keys are dropped from the least recently used end: nothing that limits
    anyone is forgotten. A key still draining is never dropped, so a flood of new keys cannot reset a limited
    one; when `max_keys` draining keys fill a bucket's table, a new key waits until the oldest has refilled
    (a flood delays newcomers for at most a refill, about 30 s for sign-ins, and frees no one). Libraries were
    weighed: `limits`' memory storage has no bound on keys and scans them all on a timer; `cachetools`'
    caches evict the least recently used key when full, which is exactly the reset to avoid.
    """

    def __init__(self, clock: Callable[[], float] = time.monotonic, max_keys: int = 100_000) -> None:
        self._clock, self._max_keys = clock, max_keys
        self._tables: dict[str, OrderedDict[str, tuple[float, float]]] = {}  # {bucket: {key: (tokens, at)}}
        self._lock = threading.Lock()

    def check(self, bucket: str, key: str, per_minute: int) -> float:
        """0 if allowed (and counted), else the seconds to wait."""
        rate = per_minute / 60.0
        burst = max(5.0, per_minute / 5)
        now = self._clock()
        with self._lock:
            table = self._tables.setdefault(bucket, OrderedDict())
            _drop_refilled(table, now, rate, burst)
            state = table.get(key)
            if state is None and len(table) >= self._max_keys:
                tokens, last = next(iter(table.values()))  # the oldest: the first to refill
                return max(1.0, math.ceil((burst - tokens) / rate - (now - last)))
            tokens = burst if state is None else min(burst, state[0] + (now - state[1]) * rate)
            allowed = tokens >= 1
            table[key] = (tokens - 1 if allowed else tokens, now)
            table.move_to_end(key)
            return 0.0 if allowed else max(1.0, math.ceil((1 - tokens) / rate))

    def size(self, bucket: str) -> int:
        """How many keys the bucket's table holds (for tests and metrics)."""
        with self._lock:
            return len(self._tables.get(bucket, ()))


def _drop_refilled(table: OrderedDict[str, tuple[float, float]], now: float, rate: float, burst: float) -> None:
    """Drop least recently used keys while they have refilled (amortised O(1): each key is dropped once)."""
    while table:
        tokens, last = next(iter(table.values()))
        if tokens + (now - last) * rate < burst:
            return
        table.popitem(last=False)
