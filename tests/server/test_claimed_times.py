"""Times the client claims are bounded by the server: a far-future date cannot top the product inbox."""

from __future__ import annotations

import datetime as dt

import pytest

from server.services import timing
from tests.server.conftest import reply_mutation, same_here_mutation

NOW = dt.datetime(2026, 12, 5, 12, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("offset", "kept"),
    [
        (dt.timedelta(0), True),
        (-dt.timedelta(days=30), True),  # made offline a month ago
        (-timing.OFFLINE_WINDOW, True),
        (-timing.OFFLINE_WINDOW - dt.timedelta(seconds=1), False),
        (timing.SKEW, True),  # a clock a little fast
        (timing.SKEW + dt.timedelta(seconds=1), False),
    ],
)
def test_a_claimed_time_is_kept_only_within_the_window(offset, kept):
    assert timing.claimed(NOW + offset, NOW) == (NOW + offset if kept else NOW)
    assert timing.claimed(None, NOW) == NOW


def test_an_insight_dated_far_ahead_does_not_top_the_product_inbox(api):
    rita, mona = api.user("rita", communities=["payments"]), api.user("mona", communities=["payments"])
    pia = api.user("pia", "product", communities=["payments"])
    # The latest time the protocol accepts at all (9999 itself is refused by the schema: years 1971..9998).
    future = dt.datetime(9998, 12, 31, 23, 59, tzinfo=dt.UTC).isoformat()
    before = dt.datetime.now(dt.UTC)
    pushy = api.create(rita, 1, text="dated 9998", created_at=future)
    assert dt.datetime.fromisoformat(pushy["created_at"]) - before < dt.timedelta(minutes=1)
    offline = (before - dt.timedelta(days=3)).replace(microsecond=0)
    kept = api.create(rita, 2, text="made offline", created_at=offline.isoformat())
    assert dt.datetime.fromisoformat(kept["created_at"]) == offline  # a plausible capture time is kept
    honest = api.create(mona, 1, text="made just now")

    listed = api.client.get("/api/v1/insights", headers=pia.headers).json()["insights"]
    assert [i["text"] for i in listed] == ["made just now", "dated 9998", "made offline"]

    # "Same here"s and replies pushed with a far-future time are bounded the same way.
    results = api.push(
        mona,
        same_here_mutation(2, pushy["id"], created_at=future),
        reply_mutation(3, pushy["id"]) | {"reply": reply_mutation(3, pushy["id"])["reply"] | {"created_at": future}},
    )["results"]
    assert [r["status"] for r in results] == ["applied", "applied"]
    assert results[0]["same_here"]["created_at"] < "2100" and results[1]["reply"]["created_at"] < "2100"
    assert honest["created_at"] < "2100"
