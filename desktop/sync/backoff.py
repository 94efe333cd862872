"""Exponential back-off with full jitter, capped, honouring the server's Retry-After."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

INITIAL_DELAY = 1.0
MAX_DELAY = 300.0  # a rep offline for days should not wait more than five minutes once the network is back
# A server restart drops every desktop's long-poll in the same second. Their first retries are spread evenly
# over this window, so they come back at about the rate long-polls are renewed anyway (one per desktop every
# 25 s), not all at once.
RECONNECT_SPREAD = 30.0


@dataclass
class Backoff:
    """`next_delay()` after each failure, `reset()` after a success.

    Jitter (a random delay between half and all of the exponential bound) spreads a hundred desktops that lost the
    server at the same moment, so they do not all come back in the same second. With `spread`, the first retry
    after a success is anywhere between 0 and `spread` seconds (full jitter): for a connection every desktop
    holds, such as the long-poll, which a server restart drops for all of them at once. Only after a success:
    a server that was not there to begin with (or a "Sync now" that failed) is retried on the usual schedule.
    """

    initial: float = INITIAL_DELAY
    cap: float = MAX_DELAY
    rng: random.Random = field(default_factory=random.Random)
    failures: int = 0
    spread: float = 0.0
    connected: bool = False  # the last attempt succeeded (so a failure now is a connection lost)

    def next_delay(self, retry_after: float | None = None) -> float:
        bound = min(self.cap, self.initial * 2**self.failures)
        first = self.failures == 0 and self.connected
        self.failures += 1
        self.connected = False
        delay = self.rng.uniform(0, self.spread) if first and self.spread > 0 else self.rng.uniform(bound / 2, bound)
        if retry_after is not None:
            delay = max(delay, min(retry_after, self.cap))  # never sooner than the server asked
        return delay

    def reset(self) -> None:
        """Retry at once (the user asked, the network came back): the usual schedule from its start."""
        self.failures = 0
        self.connected = False

    def success(self) -> None:
        self.failures = 0
        self.connected = True
