"""The inbox query: filters, search while typing, reply and unread counts, paging."""

from __future__ import annotations

from sqlalchemy import text

from desktop.domain import NewInsight


def test_inbox_filters_counts_and_pages(store):
    a = store.capture(NewInsight(text="Card freeze button hidden", community="cards", impact="high"))
    b = store.capture(NewInsight(text="Payment reminder e-mails late", community="payments", impact="low"))
    c = store.capture(NewInsight(text="Card PIN letter never arrived", community="cards", impact="blocker"))
    with store.engine.begin() as conn:  # as sync would store them: two from the product team, one of mine
        conn.execute(text("UPDATE insight SET status='planned' WHERE uuid=:u"), {"u": a.id})
        for n, (mine, read) in enumerate([(0, 0), (0, 1), (1, 1)]):
            conn.execute(
                text(
                    "INSERT INTO reply (uuid, insight_uuid, author, body, created_at, read, mine, "
                    "author_role, sync_state) VALUES (:id, :i, 'pam', 'x', "
                    "'2026-01-01T00:00:00.000000+00:00', :r, :m, 'product', 'sent')"
                ),
                {"id": f"r{n}", "i": a.id, "r": read, "m": mine},
            )
    everything = store.inbox_filter()
    assert store.inbox_count(everything) == 3
    rows = store.inbox_page(everything)
    assert [r.insight.id for r in rows] == [c.id, b.id, a.id]
    assert (rows[2].replies, rows[2].unread) == (3, 1) and (rows[0].replies, rows[0].unread) == (0, 0)
    cards = store.inbox_filter(community="cards")
    assert [r.insight.id for r in store.inbox_page(cards)] == [c.id, a.id]
    assert [r.insight.id for r in store.inbox_page(store.inbox_filter(status="planned"))] == [a.id]
    assert [r.insight.id for r in store.inbox_page(store.inbox_filter(impact="low"))] == [b.id]
    typed = store.inbox_filter(community="cards", text="card pi")  # "pi" still being typed
    assert [r.insight.id for r in store.inbox_page(typed)] == [c.id]
    assert [r.insight.id for r in store.inbox_page(everything, offset=1, limit=1)] == [b.id]
