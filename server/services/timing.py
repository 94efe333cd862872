"""Times a client claims (when a capture, "same here" or reply was made): kept only within a plausible range.

A capture made offline is sent later, so its own time is worth keeping for display and the digest's week.
But the client's clock is not to be trusted with the product inbox's order: an insight dated 9999-12-31 would
stay on top forever. A claimed time is kept if it lies within [received - OFFLINE_WINDOW, received + SKEW];
otherwise the server's receiving time replaces it. See docs/protocol.md and docs/security.md.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from server.models import utcnow

# How long a change may wait in an outbox (a laptop away for months): older claims are not believed.
OFFLINE_WINDOW = timedelta(days=365)
# How far ahead a client's clock may run (clocks drift; DPoP proofs get 60 s, display times a little more).
SKEW = timedelta(minutes=5)


def claimed(at: datetime | None, received: datetime | None = None) -> datetime:
    """The time to store for a client's claim `at`, made known to the server at `received` (default: now)."""
    received = received or utcnow()
    if at is None or not received - OFFLINE_WINDOW <= at <= received + SKEW:
        return received
    return at
