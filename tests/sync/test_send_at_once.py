"""Every change a rep makes goes to the real server at once, without "Sync now" or another capture."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.domain import NewInsight
from desktop.sync.credentials import Vault
from desktop.ui.inbox import InboxWindow
from desktop.ui.sync_controller import SyncController
from desktop.ui.tray import Tray

SENT_WITHIN_MS = 3000  # the promise to the rep: a reply is on the server within 3 s of Ctrl+Enter


def _server_thread(product, insight_id):
    answer = product.http.get(f"{product.url}/insights/{insight_id}", timeout=10)
    answer.raise_for_status()
    return answer.json()


def test_a_reply_typed_in_the_inbox_reaches_the_server_at_once(qtbot, signed_in, product):
    store = signed_in
    insight = store.capture(NewInsight(text="Is the new statement PDF on Android or iOS?", community="payments"))
    controller = SyncController(store, Tray(), Vault())
    with qtbot.waitSignal(controller.started, timeout=10000):
        controller.start()
    try:
        qtbot.waitUntil(lambda: store.sync.outbox_size() == 0, timeout=15000)  # the capture itself is out
        # The pull loop is in its long-poll now and the push loop asleep: nothing but the reply can wake it.
        window = InboxWindow(store)
        qtbot.addWidget(window)
        with qtbot.waitActive(window):  # Ctrl+Enter is a shortcut: it needs the window active, as on a desktop
            window.open_thread(insight.id)
        qtbot.keyClicks(window.thread_view.reply, "Both; Android first")
        qtbot.keyClick(window.thread_view.reply, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(
            lambda: [r["body"] for r in _server_thread(product, insight.id)["replies"]] == ["Both; Android first"],
            timeout=SENT_WITHIN_MS,
        )
        # Edit, "same here" and withdraw from the inbox go the same way.
        store.edit_insight(insight.id, impact="high")
        qtbot.waitUntil(
            lambda: _server_thread(product, insight.id)["insight"]["impact"] == "high", timeout=SENT_WITHIN_MS
        )
        store.withdraw_insight(insight.id)
        qtbot.waitUntil(lambda: _server_thread(product, insight.id)["insight"]["withdrawn"], timeout=SENT_WITHIN_MS)
    finally:
        controller.stop()
