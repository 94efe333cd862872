"""Exponential back-off with full jitter, capped, honouring the server's Retry-After."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

INITIAL_DELAY = 1.0
MAX_DELAY = 300.0  # a rep offline for days should not wait more than five minutes once the network is back


@dataclass
class Backoff:
    """`next_delay()` after each failure, `reset()` after a success.

    Jitter (a random delay between half and all of the exponential bound) spreads a hundred desktops that lost the
    server at the same moment, so they do not all come back in the same second.
    """

    initial: float = INITIAL_DELAY
    cap: float = MAX_DELAY
    rng: random.Random = field(default_factory=random.Random)
    failures: int = 0

    def next_delay(self, retry_after: float | None = None) -> float:
        bound = min(self.cap, self.initial * 2**self.failures)
        self.failures += 1
        delay = self.rng.uniform(bound / 2, bound)
        if retry_after is not None:
            delay = max(delay, min(retry_after, self.cap))  # never sooner than the server asked
        return delay

    def reset(self) -> None:
        self.failures = 0
