"""A maximum-size push whose every text is full of personal data (the slowest batch to mask), and a measure of
how long a small write waits while the server works on it. Used by a regression test and by a benchmark."""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

import requests

from protocol.limits import MAX_BATCH_MUTATIONS, MAX_TEXT_CHARS

# Card, e-mail, phone and IBAN in every line: the detector's slowest kind of note per character, and
# each mask is shorter than what it hides, so every insight is still accepted.
_LINE = "card 4111 1111 1111 1111, anna@example.com, +358 40 1234567, FI21 1234 5600 0007 85. "


def max_push(number_from: int = 1) -> dict:
    """A batch of MAX_BATCH_MUTATIONS creates, each text MAX_TEXT_CHARS long (about 4.05 MB of JSON, under
    MAX_PUSH_BYTES)."""
    body = _LINE * (MAX_TEXT_CHARS // len(_LINE) + 1)
    now = datetime.now(UTC).isoformat()
    return {
        "mutations": [
            {
                "type": "create",
                "number": number_from + i,
                "id": str(uuid.uuid4()),
                "insight": {
                    "id": str(uuid.uuid4()),
                    "text": (f"note {i}: " + body)[:MAX_TEXT_CHARS],  # each its own: none detected once for all
                    "community": "payments",
                    "impact": "high",
                    "tags": [],
                    "created_at": now,
                },
            }
            for i in range(MAX_BATCH_MUTATIONS)
        ]
    }


@dataclass
class Stall:
    """When the big push and the small write ended, relative to the big push's start (seconds)."""

    big_seconds: float
    small_started: float
    small_ended: float

    @property
    def small_wait(self) -> float:
        return self.small_ended - self.small_started


def measure(
    url: str, headers: dict[str, str], small: Callable[[], None], *, delay: float = 1.0, number_from: int = 1
) -> Stall:
    """Send a max-size push and, `delay` s later (the server is busy with it by then), run `small`."""
    body = max_push(number_from)
    ended: list[float] = []
    failure: list[BaseException] = []

    def big() -> None:
        try:
            answer = requests.post(url + "/api/v1/sync/push", json=body, headers=headers, timeout=300)
            answer.raise_for_status()
            assert all(r["status"] == "applied" for r in answer.json()["results"]), "the big push was refused"
        except BaseException as error:  # handed to the caller's thread
            failure.append(error)
        ended.append(time.monotonic())

    started = time.monotonic()
    thread = threading.Thread(target=big)
    thread.start()
    time.sleep(delay)
    small_started = time.monotonic()
    small()
    small_ended = time.monotonic()
    thread.join()
    if failure:
        raise failure[0]
    return Stall(ended[0] - started, small_started - started, small_ended - started)
