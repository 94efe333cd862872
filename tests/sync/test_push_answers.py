"""A push answer is taken only for the change it is about: nothing is marked sent on an answer that names
another change or another object (whatever sent it: a broken proxy, a server bug)."""

from __future__ import annotations

import uuid

import pytest

from desktop.domain import NewInsight, SyncState
from desktop.sync.engine import Pusher
from desktop.sync.errors import BadAnswer
from protocol import schema


class _Answering:
    """Stands in for the server's answer only (the real server never answers this way; that is the point)."""

    auth = None

    def __init__(self, make_result) -> None:
        self.make_result = make_result

    def push(self, mutations: list[dict]) -> schema.PushResponse:
        results = [self.make_result(m) for m in mutations]
        return schema.PushResponse(results=results, last_mutation=max(m["number"] for m in mutations))


def _insight(insight_id: str) -> schema.Insight:
    now = "2026-01-01T00:00:00+00:00"
    return schema.Insight.model_validate(
        dict(
            id=insight_id, text="t", community="payments", product_area=None, customer_ref=None, impact="low",
            tags=[], author="rita", created_at=now, updated_at=now, status="new", version=1, withdrawn=False,
            duplicate_of=None,
        )
    )  # fmt: skip


@pytest.mark.parametrize(
    "answer",
    [
        lambda m: schema.MutationResult(number=m["number"], mutation_id=str(uuid.uuid4()), status="duplicate"),
        lambda m: schema.MutationResult(number=m["number"], mutation_id=None, status="applied"),
        lambda m: schema.MutationResult(
            number=m["number"], mutation_id=m["id"], status="duplicate", insight=_insight(str(uuid.uuid4()))
        ),
    ],
    ids=["another mutation id", "no mutation id", "another insight"],
)
def test_an_answer_about_another_change_leaves_it_queued(store, answer):
    insight = store.capture(NewInsight(text="must reach the server", community="payments"))
    with pytest.raises(BadAnswer, match="did not match"):
        Pusher(store.sync).push_all(_Answering(answer))
    assert store.sync.outbox_size() == 1
    assert store.get_insight(insight.id).sync_state is SyncState.LOCAL


def test_the_answer_about_this_change_marks_it_sent(store):
    insight = store.capture(NewInsight(text="reached the server", community="payments"))
    client = _Answering(
        lambda m: schema.MutationResult(
            number=m["number"], mutation_id=m["id"], status="duplicate", insight=_insight(m["insight"]["id"])
        )
    )
    assert Pusher(store.sync).push_all(client).sent == 1
    assert store.sync.outbox_size() == 0
    assert store.get_insight(insight.id).sync_state is SyncState.SENT
