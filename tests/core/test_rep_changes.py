"""Every change a rep makes is announced once it is committed (so a running app sends it at once); undo."""

from __future__ import annotations

from sqlalchemy import text

from desktop.domain import NewInsight
from desktop.store.sync_state import Pending


def test_each_kind_of_rep_change_wakes_the_listener_once_committed(store):
    woken: list[int] = []
    store.on_queued(lambda: woken.append(store.sync.outbox_size()))
    insight = store.capture(NewInsight(text="Export to Excel drops the decimals", community="payments"))
    store.add_reply(insight.id, "It happens with the Finnish locale only")
    store.edit_insight(insight.id, impact="high")
    store.same_here(insight.id, customer_ref="CASE-1")
    store.withdraw_insight(insight.id)
    # Each listener call saw its own change already in the outbox: it ran after the commit.
    assert woken == [1, 2, 3, 4, 5]
    store.settings.set("author", "someone")  # writes that queue nothing
    store.mark_thread_read(insight.id)
    assert len(woken) == 5


def test_undo_before_sync_removes_the_insight_and_what_was_queued_with_it(store):
    insight = store.capture(NewInsight(text="Card limit screen is confusing", community="cards"))
    store.edit_insight(insight.id, impact="high")
    assert store.undo_capture(insight.id) == "removed"
    assert store.get_insight(insight.id) is None and store.sync.outbox_size() == 0


def test_undo_after_sync_withdraws(store):
    insight = store.capture(NewInsight(text="Card limit screen is confusing", community="cards"))
    with store.engine.begin() as conn:  # as a push result leaves it: the server has it
        conn.execute(text("DELETE FROM outbox"))
        conn.execute(text("UPDATE insight SET server_version=1, sync_state='sent' WHERE uuid=:u"), {"u": insight.id})
    assert store.undo_capture(insight.id) == "withdrawn"
    assert store.get_insight(insight.id).withdrawn
    [item] = store.sync.pending(10)
    assert (item.kind, item.object_id) == ("withdraw", insight.id)


def test_undo_while_the_push_was_on_the_way_withdraws_once_the_server_answers(store):
    insight = store.capture(NewInsight(text="Card limit screen is confusing", community="cards"))
    [sent] = store.sync.pending(10)
    assert store.undo_capture(insight.id) == "removed"
    server_copy = {
        "id": insight.id,
        "version": 1,
        "status": "new",
        "text": insight.text,
        "community": "cards",
        "product_area": None,
        "customer_ref": None,
        "impact": "medium",
        "tags": [],
        "author": insight.author,
        "created_at": insight.created_at.isoformat(),
        "updated_at": insight.created_at.isoformat(),
    }
    store.sync.apply_push_results([(sent, {"number": sent.seq, "status": "applied", "insight": server_copy})])
    assert store.get_insight(insight.id).withdrawn
    assert [(p.kind, p.object_id) for p in store.sync.pending(10)] == [("withdraw", insight.id)]
    assert isinstance(sent, Pending)


def test_inbox_counts_unread_replies_as_a_number(store):
    insight = store.capture(NewInsight(text="Card freeze button hidden", community="cards"))
    with store.engine.begin() as conn:
        for n in range(2):
            conn.execute(
                text(
                    "INSERT INTO reply (uuid, insight_uuid, author, body, created_at, read, mine, author_role, "
                    "sync_state) VALUES (:id, :i, 'pam', 'x', '2026-01-01T00:00:00.000000+00:00', 0, 0, 'product', "
                    "'sent')"
                ),
                {"id": f"r{n}", "i": insight.id},
            )
    [row] = store.inbox_page(store.inbox_filter())
    assert row.unread == 2 and type(row.unread) is int
    assert [r.insight.id for r in store.inbox_page(store.inbox_filter(only="unread"))] == [insight.id]
    assert [r.insight.id for r in store.inbox_page(store.inbox_filter(only="answered"))] == [insight.id]
    assert store.sync.newest_unread() == insight.id
    store.mark_thread_read(insight.id)
    assert store.inbox_page(store.inbox_filter(only="unread")) == [] and store.sync.newest_unread() is None
