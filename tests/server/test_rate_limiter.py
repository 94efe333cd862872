"""The per-process rate limiter: bounded memory that a flood of new keys cannot turn into forgetting."""

from __future__ import annotations

from server.limits import RateLimiter


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _exhaust(limiter: RateLimiter, key: str, per_minute: int = 1) -> None:
    for _ in range(10):
        if limiter.check("login", key, per_minute):
            return
    raise AssertionError("the key was never limited")


def test_a_flood_of_new_keys_never_frees_a_limited_key():
    limiter = RateLimiter(Clock())
    _exhaust(limiter, "rita|10.0.0.1")
    for n in range(100_001):  # one more than the old limiter's table held before it forgot everything
        limiter.check("login", f"guess{n}|10.0.0.2", 1)
    # The old table forgot everything at the first refusal past 100,000 keys: this one.
    assert [limiter.check("login", "rita|10.0.0.1", 1) > 0 for _ in range(3)] == [True] * 3


def test_keys_idle_until_refilled_are_dropped_and_a_full_table_makes_newcomers_wait():
    clock = Clock()
    limiter = RateLimiter(clock, max_keys=100)
    _exhaust(limiter, "limited")
    for n in range(99):
        assert limiter.check("login", f"k{n}", 1) == 0
    wait = limiter.check("login", "newcomer", 1)  # the table is full of keys that are still draining
    assert wait > 0 and limiter.size("login") == 100
    assert limiter.check("login", "limited", 1) > 0  # still limited: nothing was dropped to make room
    assert limiter.check("api", "device-1", 600) == 0  # each bucket has its own table
    clock.now += 5 * 60  # the burst of 5 refills at one a minute
    assert limiter.check("login", "newcomer", 1) == 0
    assert limiter.size("login") == 1  # refilled keys are the same as absent ones: dropped
    for n in range(100):
        limiter.check("login", f"later{n}", 1)
    assert limiter.size("login") == 100
