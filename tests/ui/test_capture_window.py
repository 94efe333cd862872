"""The quick-capture window against the real store: typing, Ctrl+Enter, Esc, refusals in words, type-ahead."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from desktop.domain import MAX_TEXT_CHARS, Draft
from desktop.ui.capture_window import CaptureWindow


def shown(qtbot, window):
    """Present the window and wait until it is active: shortcuts (Esc, Ctrl+Enter) need an active window."""
    window.present()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.text, timeout=2000)


def ctrl_enter(qtbot, window):
    qtbot.keyClick(window.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)


def test_title_is_what_the_desktop_tests_look_for(capture):
    assert capture.windowTitle() == "Palaute — Capture insight"


def test_typing_and_ctrl_enter_stores_the_insight_and_hides(qtbot, capture, store):
    shown(qtbot, capture)
    qtbot.keyClicks(capture.text, "Card payment declined twice at checkout")
    qtbot.keyClicks(capture.customer, "CASE-1234")
    capture.impact.setCurrentIndex(capture.impact.findData("high"))
    capture.area.setCurrentIndex(capture.area.findData("cards"))

    with qtbot.waitSignal(capture.captured, timeout=2000) as saved:
        ctrl_enter(qtbot, capture)

    insight = saved.args[0]
    stored = store.list_insights()
    assert [i.id for i in stored] == [insight.id]
    assert stored[0].text == "Card payment declined twice at checkout"
    assert stored[0].customer_ref == "CASE-1234"
    assert stored[0].impact == "high"
    assert stored[0].product_area == "cards"
    assert stored[0].community == "payments"  # the first community is preselected on a first use
    assert not capture.isVisible()
    assert capture.toast.isVisible() and "saved" in capture.toast.text().lower()
    assert capture.text.toPlainText() == ""
    assert store.load_draft() is None


def test_esc_hides_and_keeps_the_draft(qtbot, capture, store):
    shown(qtbot, capture)
    qtbot.keyClicks(capture.text, "Half a thought")
    qtbot.keyClick(capture.text, Qt.Key.Key_Escape)
    assert not capture.isVisible()
    # Hiding writes the draft at once, without waiting for the debounce.
    assert store.load_draft().text == "Half a thought"
    capture.present()  # (the offscreen platform does not re-activate a hidden window, so no focus wait)
    assert capture.isVisible()
    assert capture.text.toPlainText() == "Half a thought"
    assert store.list_insights() == []


def test_empty_text_is_refused_in_words(qtbot, capture, store):
    shown(qtbot, capture)
    qtbot.keyClicks(capture.text, "   ")
    qtbot.keyClick(capture.text, Qt.Key.Key_Return)
    qtbot.keyClicks(capture.text, "\t ")
    ctrl_enter(qtbot, capture)
    assert capture.isVisible()
    assert capture.message.isVisible()
    assert "empty" in capture.message.text()
    assert store.list_insights() == []


def test_store_refusal_is_shown_and_every_character_kept(qtbot, capture, store):
    too_long = "x" * (MAX_TEXT_CHARS + 1)
    shown(qtbot, capture)
    capture.text.setPlainText(too_long)
    ctrl_enter(qtbot, capture)
    assert "20,000" in capture.message.text()
    assert capture.text.toPlainText() == too_long
    assert capture.isVisible()
    assert store.list_insights() == []


def test_unknown_community_is_refused_in_words(qtbot, capture, store):
    shown(qtbot, capture)
    qtbot.keyClicks(capture.text, "Something")
    capture.community.setEditText("Astronomy")
    ctrl_enter(qtbot, capture)
    assert "Astronomy" in capture.message.text()
    assert capture.text.toPlainText() == "Something"
    assert store.list_insights() == []


def test_community_type_ahead_completes_from_part_of_the_name(qtbot, capture, store):
    shown(qtbot, capture)
    qtbot.keyClicks(capture.text, "App crashes on login")
    line = capture.community.lineEdit()
    line.clear()
    qtbot.keyClicks(line, "mobi")
    completer = capture.community.completer()
    assert completer.currentCompletion() == "Mobile app CoP"
    popup = completer.popup()
    qtbot.waitUntil(popup.isVisible, timeout=2000)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert capture.community.currentText() == "Mobile app CoP"
    ctrl_enter(qtbot, capture)
    assert store.list_insights()[0].community == "mobile-app"


def test_a_typed_prefix_resolves_through_the_store(qtbot, capture, store):
    shown(qtbot, capture)
    qtbot.keyClicks(capture.text, "Virtual card not shown")
    capture.community.setEditText("card")
    ctrl_enter(qtbot, capture)
    assert store.list_insights()[0].community == "cards"


def test_the_last_community_is_remembered(qtbot, capture, store):
    shown(qtbot, capture)
    qtbot.keyClicks(capture.text, "Onboarding asks twice for the ID")
    capture.community.setCurrentIndex(capture.community.findData("onboarding"))
    ctrl_enter(qtbot, capture)
    assert capture.community.currentData() == "onboarding"

    reopened = CaptureWindow()
    qtbot.addWidget(reopened)
    reopened.set_store(store)
    assert reopened.community.currentData() == "onboarding"


def test_a_default_community_from_settings_wins_over_the_last_one(qtbot, store):
    store.settings.set("last_community", "cards")
    store.settings.set("default_community", "online-banking")
    window = CaptureWindow()
    qtbot.addWidget(window)
    window.set_store(store)
    assert window.community.currentText() == "Online banking CoP"


def test_saved_draft_comes_back_in_a_new_window(qtbot, store):
    store.save_draft(
        Draft(
            text="Typed before a crash", community="cards", product_area="loans", customer_ref="C-9", impact="blocker"
        )
    )
    window = CaptureWindow()
    qtbot.addWidget(window)
    window.set_store(store)
    assert window.text.toPlainText() == "Typed before a crash"
    assert window.community.currentData() == "cards"
    assert window.area.currentData() == "loans"
    assert window.customer.text() == "C-9"
    assert window.impact.currentData() == "blocker"


def test_a_late_draft_never_overwrites_what_was_typed(qtbot, store):
    store.save_draft(Draft(text="old draft"))
    window = CaptureWindow()
    qtbot.addWidget(window)
    window.present()  # shown before the store finished opening
    qtbot.keyClicks(window.text, "typed at once")
    window.set_store(store)
    assert window.text.toPlainText() == "typed at once"


def test_saving_before_the_store_is_open_says_so_and_keeps_the_text(qtbot):
    window = CaptureWindow()
    qtbot.addWidget(window)
    shown(qtbot, window)
    qtbot.keyClicks(window.text, "early bird")
    ctrl_enter(qtbot, window)
    assert "database" in window.message.text()
    assert window.text.toPlainText() == "early bird"


def test_every_control_has_an_accessible_name_and_tab_walks_the_form(qtbot, capture):
    shown(qtbot, capture)
    focusable = [
        w
        for w in capture.findChildren(QWidget)
        if w.focusPolicy() & Qt.FocusPolicy.TabFocus
        and w.isVisibleTo(capture)
        and w is not capture.community.lineEdit()
    ]
    assert focusable
    for widget in focusable:
        assert widget.accessibleName(), widget.objectName()
    expected = [
        capture.text,
        capture.community,
        capture.area,
        capture.customer,
        capture.impact,
        capture.save_button,
        capture.hide_button,
    ]
    visited = [QApplication.focusWidget()]
    for _ in expected[1:]:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        visited.append(QApplication.focusWidget())
    visited = [capture.community if w is capture.community.lineEdit() else w for w in visited]
    assert visited == expected


def test_the_window_opens_under_the_mouse_on_top(qtbot, capture):
    shown(qtbot, capture)
    assert capture.windowFlags() & Qt.WindowType.WindowStaysOnTopHint
    screen = capture.screen().availableGeometry()
    assert screen.contains(capture.frameGeometry().center())
