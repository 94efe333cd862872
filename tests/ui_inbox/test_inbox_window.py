"""The inbox window against a real store: filters, search, lazy paging, sync state, thread, reply, read."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt
from sqlalchemy import text

from desktop.domain import NewInsight
from desktop.paths import AppPaths
from desktop.store import open_store
from desktop.ui.inbox import InboxWindow
from desktop.ui.inbox.model import META_ROLE


def _store(data_dir):
    return open_store(AppPaths.resolve(data_dir))


def _add_reply(store, insight_id: str, reply_id: str, *, read: bool) -> None:
    with store.engine.begin() as conn:  # as sync stores a product member's reply
        conn.execute(
            text(
                "INSERT INTO reply (uuid, insight_uuid, author, body, created_at, read, mine, author_role,"
                " sync_state) VALUES (:r, :i, 'pam', 'We are on it', '2026-01-01T00:00:00.000000+00:00',"
                " :read, 0, 'product', 'sent')"
            ),
            {"r": reply_id, "i": insight_id, "read": read},
        )


def test_filters_and_search_narrow_the_rows(qtbot, data_dir):
    store = _store(data_dir)
    store.capture(NewInsight(text="Card freeze button is hidden", community="cards", impact="high"))
    store.capture(NewInsight(text="Invoice reminder e-mails arrive late", community="payments", impact="low"))
    window = InboxWindow(store)
    qtbot.addWidget(window)
    assert window.model.rowCount() == 2
    window.filters.community.setCurrentIndex(window.filters.community.findData("cards"))
    qtbot.waitUntil(lambda: window.model.rowCount() == 1, timeout=3000)
    assert window.model.inbox_row(0).insight.community == "cards"
    window.filters.community.setCurrentIndex(0)
    qtbot.waitUntil(lambda: window.model.rowCount() == 2, timeout=3000)
    qtbot.keyClicks(window.filters.search, "invoi")  # still typing: matches the start of the word
    qtbot.waitUntil(lambda: window.model.rowCount() == 1, timeout=3000)
    assert "Invoice" in window.model.inbox_row(0).insight.text
    store.close()


def test_twenty_thousand_insights_open_fast_and_load_in_pages(qtbot, data_dir):
    store = _store(data_dir)
    rows = [{"u": f"00000000-0000-4000-8000-{i:012d}", "t": f"Insight number {i}"} for i in range(20_000)]
    with store.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO insight (uuid, text, community, impact, tags, author, created_at, updated_at)"
                " VALUES (:u, :t, 'payments', 'low', '[]', 'x', '2026-01-01T00:00:00.000000+00:00',"
                " '2026-01-01T00:00:00.000000+00:00')"
            ),
            rows,
        )
    started = time.perf_counter()
    window = InboxWindow(store)
    qtbot.addWidget(window)
    opened = time.perf_counter() - started
    assert window.model.rowCount() < 20_000  # only a page is loaded up front...
    assert window.model.total() == 20_000 and "20" in window.count.text()
    while window.model.canFetchMore():  # ...the rest as the view scrolls
        window.model.fetchMore()
    assert window.model.rowCount() == 20_000
    print(f"\ninbox with 20,000 insights opened in {opened * 1000:.0f} ms")
    store.close()


def test_thread_reply_and_read(qtbot, data_dir):
    store = _store(data_dir)
    insight = store.capture(NewInsight(text="Loan calculator rounds wrong", community="payments"))
    _add_reply(store, insight.id, "r-1", read=False)
    window = InboxWindow(store)
    qtbot.addWidget(window)
    assert window.model.inbox_row(0).unread == 1
    assert window.model.data(window.model.index(0, 0), Qt.ItemDataRole.FontRole).bold()
    assert _dot_drawn(window, 0)  # the unread dot, in the row's gutter
    with qtbot.waitSignal(window.unread_changed, timeout=3000) as unread:
        window.open_thread(insight.id)
    assert unread.args == [0] and store.sync.unread_count() == 0
    assert "We are on it" in window.thread_view.thread.toPlainText()
    outbox_before = store.sync.outbox_size()
    window.thread_view.reply.setPlainText("It rounds 0.005 down")
    assert window.thread_view.send_reply()
    assert store.sync.outbox_size() == outbox_before + 1  # queued, works offline
    assert "It rounds 0.005 down" in window.thread_view.thread.toPlainText()
    assert not _dot_drawn(window, 0)
    store.close()


def _dot_drawn(window, row: int) -> bool:
    """A clearly blue pixel where the delegate draws the unread dot (the row's first line, left gutter)."""
    window.resize(1000, 620)
    window.view.clearSelection()
    image = window.view.viewport().grab().toImage()
    rect = window.view.visualRect(window.model.index(row))
    line = window.view.fontMetrics().lineSpacing()
    pixels = [image.pixelColor(x, rect.top() + 6 + line // 2) for x in range(rect.left(), rect.left() + 30)]
    return any(c.blue() > 150 and c.red() < 100 for c in pixels)


def test_a_row_is_its_text_then_its_facts_and_the_filters_ask_each_question_once(qtbot, data_dir):
    store = _store(data_dir)
    insight = store.capture(NewInsight(text="Split a card payment\nin two", community="payments", impact="high"))
    window = InboxWindow(store)
    qtbot.addWidget(window)
    index = window.model.index(0)
    assert index.data() == "Split a card payment"
    assert index.data(META_ROLE).startswith("Payments CoP · High · New · 1 customer · just now")
    assert window.model.row_of(insight.id) == 0
    texts = [c.itemText(i) for c in window.filters.combos() for i in range(c.count()) if c.itemText(i)]
    assert len(texts) == len(set(texts))  # no entry in two lists ("answered" once, "community" once)
    store.close()


def test_sync_state_is_shown_in_words(qtbot, data_dir):
    store = _store(data_dir)
    local = store.capture(NewInsight(text="Saved only here", community="payments"))
    sent = store.capture(NewInsight(text="Already on the server", community="payments"))
    failed = store.capture(NewInsight(text="Refused by the server", community="payments"))
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE insight SET sync_state='sent', server_version=1 WHERE uuid=:u"), {"u": sent.id})
        conn.execute(
            text("UPDATE insight SET sync_state='failed', sync_error='unknown community' WHERE uuid=:u"),
            {"u": failed.id},
        )
    window = InboxWindow(store)
    qtbot.addWidget(window)
    shown = {
        window.model.inbox_row(r).insight.id: window.model.index(r).data(META_ROLE)
        for r in range(window.model.rowCount())
    }
    assert "unknown community" in shown[failed.id]
    assert shown[local.id] != shown[sent.id]
    store.close()


def test_a_saved_reply_note_gives_way_once_the_reply_is_sent(qtbot, data_dir):
    store = _store(data_dir)
    insight = store.capture(NewInsight(text="Loan calculator rounds wrong", community="payments"))
    window = InboxWindow(store)
    qtbot.addWidget(window)
    window.open_thread(insight.id)
    window.thread_view.reply.setPlainText("It rounds 0.005 down")
    assert window.thread_view.send_reply()
    assert "sent when Palaute is online" in window.thread_view.message.text()
    with store.engine.begin() as conn:  # what a push result leaves: the reply is on the server
        conn.execute(text("UPDATE reply SET sync_state='sent'"))
        conn.execute(text("DELETE FROM outbox WHERE kind='reply'"))
    window.refresh()  # sync reports new data: the window re-reads the store
    assert window.thread_view.message.text() == "Reply sent."
    store.close()
