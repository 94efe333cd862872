"""Local retention: Store.apply_retention removes only synced, quiet insights older than retention_days."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import text

from desktop.domain import NewInsight, SyncState

NOW = datetime(2027, 6, 1, 12, 0, tzinfo=UTC)
OLD, RECENT = NOW - timedelta(days=45), NOW - timedelta(days=5)
_versions = iter(range(1, 1_000))


def server_insight(insight_id: str, words: str, when: datetime, status: str = "new") -> dict:
    """An insight as the changes feed delivers it (protocol/schema.py's JSON)."""
    return {
        "id": insight_id,
        "text": words,
        "community": "payments",
        "product_area": None,
        "customer_ref": None,
        "impact": "medium",
        "tags": [],
        "author": "rep",
        "created_at": when.isoformat(),
        "updated_at": when.isoformat(),
        "status": status,
        "version": next(_versions),
        "withdrawn": False,
        "duplicate_of": None,
    }


def server_reply(reply_id: str, insight_id: str, when: datetime) -> dict:
    return {
        "id": reply_id,
        "insight_id": insight_id,
        "author": "product-owner",
        "author_role": "product",
        "body": "Thanks, we are looking into it",
        "created_at": when.isoformat(),
    }


def pull(store, *changes: dict) -> None:
    store.sync.apply_changes(list(changes), cursor=f"c{next(_versions)}", announce=True)


def uid(n: int) -> str:
    return f"00000000-0000-4000-8000-{n:012d}"


def count(store, table: str) -> int:
    with store.engine.connect() as conn:
        return conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()


def test_retention_removes_only_synced_quiet_old_insights_with_their_replies_and_notices(store):
    store.settings.set("retention_days", 30)
    pull(
        store,
        *({"kind": "insight", "insight": server_insight(uid(n), f"old synced {n}", OLD)} for n in (1, 2, 3, 4, 5)),
        {"kind": "insight", "insight": server_insight(uid(6), "recent synced", RECENT)},
    )
    # 1: a status change and a reply, both old -> notices and a reply that must go with it.
    pull(
        store,
        {"kind": "insight", "insight": server_insight(uid(1), "old synced 1", OLD, "planned")},
        {"kind": "reply", "reply": server_reply(uid(101), uid(1), OLD)},
    )
    # 2: an old insight whose thread is still alive.
    pull(store, {"kind": "reply", "reply": server_reply(uid(102), uid(2), RECENT)})
    # 3: the rep edited it and the edit is still queued.  4: the rep's reply is still queued.
    store.edit_insight(uid(3), impact="high")
    store.add_reply(uid(4), "Customer called again")
    # 5: the server refused the rep's edit: the local copy differs from the server's.
    store.edit_insight(uid(5), impact="blocker")
    [edit] = [p for p in store.sync.pending(100) if p.object_id == uid(5)]
    store.sync.apply_push_results([(edit, {"status": "rejected", "code": "invalid", "message": "no"})])
    local = store.capture(NewInsight(text="captured, never synced", community="payments"))
    assert store.get_insight(uid(5)).sync_state is SyncState.FAILED
    assert count(store, "notice") >= 2 and count(store, "reply") == 3

    later = NOW + timedelta(days=400)  # local captures and edits (made today) are old by then too
    assert store.apply_retention(now=NOW) == 1
    assert store.get_insight(uid(1)) is None
    assert store.thread(uid(1)) == [] and count(store, "reply") == 2
    with store.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM notice WHERE insight_uuid = :i"), {"i": uid(1)}).scalar() == 0
    found = {i.id for i in store.search("synced")}
    assert uid(2) in found and uid(1) not in found  # gone from the full-text index too
    kept = {uid(n) for n in (2, 3, 4, 5, 6)} | {local.id}
    assert {i.id for i in store.list_insights()} == kept
    assert store.apply_retention(now=NOW) == 0  # nothing more to do

    # Once everything is synced and quiet, it goes: insight 6 (now old) and 2 (its reply is old too).
    assert store.apply_retention(now=later) == 2
    assert {i.id for i in store.list_insights()} == {uid(3), uid(4), uid(5), local.id}


def test_a_pushed_capture_is_removed_once_it_is_old(store):
    store.settings.set("retention_days", 7)
    saved = store.capture(NewInsight(text="pushed and accepted", community="payments"))
    [create] = store.sync.pending(10)
    accepted = server_insight(saved.id, saved.text, saved.created_at)
    store.sync.apply_push_results([(create, {"status": "applied", "insight": accepted})])
    assert store.get_insight(saved.id).sync_state is SyncState.SENT
    assert store.apply_retention(now=saved.created_at + timedelta(days=6)) == 0
    assert store.apply_retention(now=saved.created_at + timedelta(days=8)) == 1
    assert store.get_insight(saved.id) is None and store.search("accepted") == []


def test_zero_days_keeps_everything(store):
    pull(store, {"kind": "insight", "insight": server_insight(uid(7), "very old", OLD - timedelta(days=3650))})
    assert store.settings.get("retention_days") == 0
    assert store.apply_retention(now=NOW) == 0
    assert store.get_insight(uid(7)) is not None


def test_a_queued_change_protects_an_insight_even_if_its_state_says_sent(store):
    # The brief's rule is "nothing pending in the outbox", checked on the queue itself and not only on the
    # sync_state column that push results maintain: a lagging column must not cost the rep an edit.
    store.settings.set("retention_days", 30)
    pull(store, {"kind": "insight", "insight": server_insight(uid(8), "old, edit queued", OLD)})
    store.edit_insight(uid(8), impact="high")
    with store.engine.begin() as conn:
        conn.execute(
            text("UPDATE insight SET sync_state = 'sent', updated_at = :t WHERE uuid = :i"),
            {"t": OLD.isoformat(timespec="microseconds"), "i": uid(8)},
        )
    assert store.apply_retention(now=NOW) == 0
    with store.engine.begin() as conn:
        conn.execute(text("DELETE FROM outbox"))
    assert store.apply_retention(now=NOW) == 1
