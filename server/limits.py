"""Request limits: body size (ASGI middleware) and per-key rate limits (token buckets, per process)."""

from __future__ import annotations

import json
import math
import threading
import time

from protocol import schema


class BodyLimit:
    """Refuses bodies over the limit with 413, by Content-Length or while streaming, before parsing."""

    def __init__(self, app, default: int = schema.MAX_BODY_BYTES, push: int = schema.MAX_PUSH_BYTES) -> None:
        self.app, self.default, self.push = app, default, push

    async def __call__(self, scope, receive, send) -> None:
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


def _replay(messages: list[dict], receive):
    async def replayed():
        return messages.pop(0) if messages else await receive()

    return replayed


async def _too_large(send, limit: int) -> None:
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
    """

    def __init__(self, clock=time.monotonic) -> None:
        self._clock = clock
        self._buckets: dict[tuple[str, str], tuple[float, float]] = {}
        self._lock = threading.Lock()

    def check(self, bucket: str, key: str, per_minute: int) -> float:
        """0 if allowed (and counted), else the seconds to wait."""
        rate = per_minute / 60.0
        burst = max(5.0, per_minute / 5)
        now = self._clock()
        with self._lock:
            tokens, last = self._buckets.get((bucket, key), (burst, now))
            tokens = min(burst, tokens + (now - last) * rate)
            if tokens >= 1:
                self._buckets[(bucket, key)] = (tokens - 1, now)
                return 0.0
            self._buckets[(bucket, key)] = (tokens, now)
            if len(self._buckets) > 100_000:
                self._buckets.clear()  # bounded memory; forgetting buckets only ever allows more
            return max(1.0, math.ceil((1 - tokens) / rate))
