"""The store's side of communities: community insights, "same here" queued offline, memberships, no noise."""

from __future__ import annotations

import json

import pytest

from desktop.domain import NewInsight, SyncState
from desktop.errors import InvalidInput, NotFound
from tests.support.community import product_reply, pull_into, server_insight


def _announced(store, *changes) -> int:
    return store.sync.apply_changes(list(changes), "test.999", announce=True)


def test_a_community_insight_arrives_read_only_and_its_news_is_quiet(store):
    other = server_insight("Colleague: instant payments time out")
    pull_into(store, other)
    stored = store.get_insight(other["id"])
    assert (stored.following, stored.customer_ref, stored.author) == (False, None, "anna")
    assert not store.is_own(stored)
    newer = {**other, "version": 2, "status": "planned"}
    added = _announced(
        store, {"kind": "insight", "insight": newer}, {"kind": "reply", "reply": product_reply(other["id"], "Planned")}
    )
    assert added == 0 and store.sync.pending_notices() == [] and store.sync.unread_count() == 0
    assert store.get_insight(other["id"]).status.value == "planned"


def test_news_on_a_followed_insight_is_announced_once_including_a_merge(store):
    followed = server_insight("Colleague: dark mode", following=True)
    pull_into(store, followed)
    merged = {**followed, "version": 2, "duplicate_of": "11111111-1111-4111-8111-111111111111", "customers": 3}
    assert _announced(store, {"kind": "insight", "insight": merged}) == 1
    assert _announced(store, {"kind": "insight", "insight": merged}) == 0  # the same version again
    assert [(n.kind, n.title) for n in store.sync.pending_notices()] == [("merged", "")]  # words: the tray's
    assert store.get_insight(followed["id"]).customers == 3


def test_same_here_is_saved_and_queued_with_the_customer_masked_and_the_note(store):
    other = server_insight("Colleague: card payment split", customers=2)
    pull_into(store, other)
    said = store.same_here(
        other["id"], customer_ref="CASE-1 anna@example.com", impact="high", note="Same here, the customer is furious"
    )
    assert said.sync_state is SyncState.LOCAL and said.impact.value == "high"
    assert "anna@example.com" not in said.customer_ref  # personal data masked like a capture's
    pending = store.sync.pending(10)
    assert [(p.kind, p.object_id) for p in pending] == [("same_here", said.id)]
    assert pending[0].payload == {
        "id": said.id,
        "insight_id": other["id"],
        "customer_ref": said.customer_ref,
        "impact": "high",
        "note": "Same here, the customer is furious",
        "created_at": said.created_at.isoformat(),
        "pii_kept": [],
    }
    shown = store.get_insight(other["id"])
    assert shown.following and shown.customers == 3  # at once, before the server answers


def test_same_here_refuses_unknown_withdrawn_and_bad_values_and_saves_nothing(store):
    withdrawn = server_insight("Taken back", withdrawn=True)
    pull_into(store, withdrawn)
    with pytest.raises(NotFound):
        store.same_here("00000000-0000-4000-8000-000000000000")
    with pytest.raises(InvalidInput, match="withdrawn"):
        store.same_here(withdrawn["id"])
    with pytest.raises(InvalidInput):
        store.same_here(withdrawn["id"], impact="enormous")
    with pytest.raises(InvalidInput):
        store.same_here(withdrawn["id"], customer_ref="x" * 101)
    assert store.sync.outbox_size() == 0


def test_push_results_mark_a_same_here_sent_or_failed(store):
    other = server_insight("Colleague: statement PDF")
    pull_into(store, other)
    good, bad = store.same_here(other["id"]), store.same_here(other["id"], customer_ref="C-2")
    items = store.sync.pending(10)
    answer = {**other, "version": 3, "customers": 3, "reps": 2, "following": True}
    store.sync.apply_push_results(
        [
            (items[0], {"number": items[0].seq, "status": "applied", "insight": answer}),
            (items[1], {"number": items[1].seq, "status": "rejected", "code": "not_found", "message": "gone"}),
        ]
    )
    states = {s.id: (s.sync_state, s.sync_error) for s in store.same_heres(other["id"])}
    assert states == {good.id: (SyncState.SENT, None), bad.id: (SyncState.FAILED, "gone")}
    assert store.get_insight(other["id"]).customers == 3 and store.sync.outbox_size() == 0


def test_an_erased_insight_takes_its_same_heres_and_their_queue_with_it(store):
    other = server_insight("Colleague: to be erased")
    pull_into(store, other)
    store.same_here(other["id"])
    store.sync.apply_changes(
        [{"kind": "tombstone", "insight_id": other["id"], "reason": "erased"}], "t.5", announce=True
    )
    assert store.get_insight(other["id"]) is None and store.same_heres(other["id"]) == []
    assert store.sync.outbox_size() == 0


def test_memberships_order_the_communities_and_leaving_drops_only_what_was_read(store):
    store.replace_communities(
        [
            {"slug": "payments", "name": "Payments CoP", "member": False, "open": True},
            {"slug": "cards", "name": "Cards CoP", "member": True, "open": False},
        ]
    )
    assert [(c.slug, c.member, c.open) for c in store.communities()] == [
        ("cards", True, False),
        ("payments", False, True),
    ]
    mine = store.capture(NewInsight(text="Mine in payments", community="payments"))
    read_only = server_insight("Colleague in payments")
    followed = server_insight("Followed in payments", following=True)
    kept = server_insight("Colleague in cards", community="cards")
    pull_into(store, read_only, followed, kept)
    assert store.sync.forget_unfollowed(["cards"]) == 1
    assert store.get_insight(read_only["id"]) is None
    assert all(store.get_insight(i) for i in (mine.id, followed["id"], kept["id"]))
    # A community no longer listed stays while an insight names it (an offline capture must stay readable).
    store.replace_communities([{"slug": "cards", "name": "Cards CoP", "member": True, "open": False}])
    assert {c.slug for c in store.communities()} == {"cards", "payments"}


def test_export_carries_who_is_behind_an_insight(store):
    pull_into(store, server_insight("Colleague: 4 customers", customers=4, reps=3))
    from desktop.export import insight_dict

    row = insight_dict(store.list_insights()[0])
    assert (row["customers"], row["reps"], row["following"]) == (4, 3, False)
    assert json.dumps(row)
