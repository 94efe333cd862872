"""The inbox's community view: what the rep's communities reported, read-only, with "Same here…"."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog

from desktop.domain import NewInsight, SyncState
from desktop.paths import AppPaths
from desktop.store import open_store
from desktop.ui.inbox import InboxWindow
from tests.support.community import product_reply, pull_into, server_insight


def _window(qtbot, data_dir):
    store = open_store(AppPaths.resolve(data_dir))
    mine = store.capture(NewInsight(text="My own insight about card limits", community="cards"))
    fresh = server_insight("Colleague: instant payments time out", customers=3, reps=2)
    old_answered = server_insight("Colleague: statement PDF misses the IBAN", days_ago=30)
    shipped = server_insight("Colleague: dark mode in the app", status="shipped", days_ago=20)
    pull_into(store, fresh, old_answered, shipped, replies=(product_reply(old_answered["id"], "Fixed next week"),))
    window = InboxWindow(store)
    qtbot.addWidget(window)
    return store, window, mine, fresh, old_answered, shipped


def _shown(window) -> set[str]:
    return {window.model.inbox_row(r).insight.id for r in range(window.model.rowCount())}


def test_views_split_the_reps_own_from_the_community_and_its_news(qtbot, data_dir):
    store, window, mine, fresh, answered, shipped = _window(qtbot, data_dir)
    assert _shown(window) == {mine.id, fresh["id"], answered["id"], shipped["id"]}
    expected = {
        ("mine", None): {mine.id},
        ("community", None): {fresh["id"], answered["id"], shipped["id"]},
        ("community", "only:new"): {fresh["id"]},
        ("community", "only:answered"): {answered["id"]},
        ("community", "status:shipped"): {shipped["id"]},
        (None, "only:answered"): {answered["id"]},
    }
    for (view, state), ids in expected.items():
        window.filters.choose(window.filters.view, view)
        window.filters.choose(window.filters.state, state)
        qtbot.waitUntil(lambda ids=ids: _shown(window) == ids, timeout=3000)
    store.close()


def test_a_community_row_shows_who_is_behind_it(qtbot, data_dir):
    store, window, _mine, fresh, *_ = _window(qtbot, data_dir)
    from desktop.ui.inbox.model import META_ROLE

    row = window.model.find(fresh["id"])
    index = window.model.index(row)
    assert index.data() == "Colleague: instant payments time out"  # the text comes first
    assert "3 customers" in index.data(META_ROLE) and "by anna" in index.data(META_ROLE)
    store.close()


def test_a_community_insight_is_read_only_until_the_rep_says_same_here(qtbot, data_dir):
    store, window, mine, fresh, *_ = _window(qtbot, data_dir)
    view = window.thread_view
    view.show_insight(fresh["id"])
    assert not view.edit_button.isEnabled() and not view.withdraw_button.isEnabled()
    assert not view.send_button.isEnabled() and view.same_here_button.isEnabled()

    view.same_here_button.click()
    dialog = view.same_here_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.customer.setText("CASE-31")
    dialog.impact.setCurrentIndex(dialog.impact.findData("high"))
    dialog.accept()
    qtbot.waitUntil(lambda: view.same_here_dialog is None, timeout=3000)
    said = store.same_heres(fresh["id"])
    assert [(s.customer_ref, s.impact.value, s.sync_state) for s in said] == [("CASE-31", "high", SyncState.LOCAL)]
    assert store.get_insight(fresh["id"]).following and store.sync.outbox_size() == 2  # the capture + this
    assert view.send_button.isEnabled()  # following it now: the rep may reply

    view.show_insight(mine.id)
    assert view.edit_button.isEnabled() and not view.same_here_button.isEnabled()
    store.close()


def test_same_here_refused_keeps_the_dialog_open_with_the_words(qtbot, data_dir):
    store, window, _mine, fresh, *_ = _window(qtbot, data_dir)
    view = window.thread_view
    view.show_insight(fresh["id"])
    view.same_here_button.click()
    dialog = view.same_here_dialog
    dialog.customer.setText("x" * 100)
    dialog.impact.addItem("nonsense", "nonsense")
    dialog.impact.setCurrentIndex(dialog.impact.count() - 1)
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted and dialog.isVisible()
    assert "impact" in dialog.message.text().lower()
    assert store.same_heres(fresh["id"]) == []
    store.close()
