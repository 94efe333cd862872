"""The settings window: values land in the store, a taken hotkey is explained and the old one kept."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from desktop.platform.autostart.xdg import XdgAutostart
from desktop.platform.hotkey import GlobalHotkey, HotkeyTaken
from desktop.ui.settings_window import SettingsWindow

TAKEN = "Ctrl+Alt+T"


class FakeHotkey(GlobalHotkey):
    """Only for this unit test: a backend where one key is held by 'another program' (real X tests: tests/xvfb)."""

    def _grab(self, spec: Any) -> Any:
        if spec.text == TAKEN:
            raise HotkeyTaken(f"Another program already uses {spec.text}. Choose another key combination.")
        return spec.text

    def _ungrab(self, spec: Any, handle: Any) -> None:
        pass


@pytest.fixture
def hotkey(qapp):
    key = FakeHotkey()
    key.register("Ctrl+Alt+I")
    return key


@pytest.fixture
def autostart(tmp_path):
    return XdgAutostart(folder=tmp_path / "autostart", command=["palaute"])


@pytest.fixture
def settings(qtbot, store, hotkey, autostart):
    window = SettingsWindow(store, hotkey, autostart, default_hotkey="Ctrl+Alt+I")
    qtbot.addWidget(window)
    window.show()
    return window


def test_shows_the_current_values(settings):
    assert settings.hotkey_edit.keySequence().toString() == "Ctrl+Alt+I"
    assert settings.community.currentData() == ""
    assert settings.language.currentData() == "system"
    assert not settings.start_at_login.isChecked()


def test_a_taken_hotkey_is_reported_in_words_and_the_old_one_kept(qtbot, settings, hotkey, store):
    settings.hotkey_edit.setFocus()
    with qtbot.assertNotEmitted(settings.hotkey_changed):
        qtbot.keyClick(
            settings.hotkey_edit, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
        )
        qtbot.waitUntil(settings.hotkey_message.isVisible, timeout=3000)
    assert "Another program already uses Ctrl+Alt+T" in settings.hotkey_message.text()
    assert "stays Ctrl+Alt+I" in settings.hotkey_message.text()
    assert hotkey.current() == "Ctrl+Alt+I"
    assert settings.hotkey_edit.keySequence().toString() == "Ctrl+Alt+I"
    assert store.settings.get("hotkey") == "Ctrl+Alt+I"


def test_a_free_hotkey_is_registered_and_saved(qtbot, settings, hotkey, store):
    with qtbot.waitSignal(settings.hotkey_changed, timeout=3000) as changed:
        qtbot.keyClick(
            settings.hotkey_edit, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
        )
    assert changed.args == ["Ctrl+Shift+P"]
    assert hotkey.current() == "Ctrl+Shift+P"
    assert store.settings.get("hotkey") == "Ctrl+Shift+P"
    settings.hotkey_reset.click()
    assert hotkey.current() == "Ctrl+Alt+I" == store.settings.get("hotkey")


def test_leaving_the_hotkey_field_unchanged_says_nothing(qtbot, settings, hotkey):
    settings.hotkey_edit.setFocus()
    with qtbot.assertNotEmitted(settings.hotkey_changed):
        settings.hotkey_edit.editingFinished.emit()
    assert not settings.hotkey_message.isVisibleTo(settings) and settings.hotkey_message.text() == ""
    assert hotkey.current() == "Ctrl+Alt+I"


def test_default_community_and_language_are_persisted(qtbot, settings, store):
    settings.community.setCurrentIndex(settings.community.findData("cards"))
    assert store.settings.get("default_community") == "cards"
    with qtbot.waitSignal(settings.language_changed) as changed:
        settings.language.setCurrentIndex(settings.language.findData("sv"))
    assert changed.args == ["sv"]
    assert store.settings.get("language") == "sv"


def test_start_at_login_writes_the_autostart_entry(settings, store, autostart):
    settings.start_at_login.setChecked(True)
    assert autostart.path.exists()
    assert store.settings.get("start_at_login") is True
    settings.start_at_login.setChecked(False)
    assert not autostart.path.exists()
    assert store.settings.get("start_at_login") is False


def test_an_autostart_failure_is_shown_and_the_box_restored(qtbot, settings, autostart, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    autostart.path = blocker / "palaute.desktop"  # its folder is a file: the write must fail
    settings.start_at_login.setChecked(True)
    assert settings.message.isVisible() and "start at login" in settings.message.text().lower()
    assert not settings.start_at_login.isChecked()


def test_values_survive_reopening(qtbot, store, hotkey, autostart):
    store.settings.set("default_community", "onboarding")
    store.settings.set("language", "fi")
    window = SettingsWindow(store, hotkey, autostart)
    qtbot.addWidget(window)
    assert window.community.currentData() == "onboarding"
    assert window.language.currentData() == "fi"


def test_without_a_hotkey_backend_it_says_so(qtbot, store):
    window = SettingsWindow(store, None, None)
    qtbot.addWidget(window)
    assert not window.apply_hotkey("Ctrl+Alt+K")
    assert "not available" in window.hotkey_message.text()
    assert not window.start_at_login.isEnabled()


def test_every_control_is_named_for_screen_readers(settings):
    for widget in settings.findChildren(QWidget):
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.isVisibleTo(settings):
            assert widget.accessibleName(), widget.objectName() or type(widget).__name__


def test_communities_row_ticks_memberships_and_lets_open_ones_be_changed_when_signed_in(qtbot, store):
    store.replace_communities(
        [
            {"slug": "payments", "name": "Payments CoP", "member": True, "open": False},
            {"slug": "cards", "name": "Cards CoP", "member": False, "open": True},
        ]
    )
    window = SettingsWindow(store)
    qtbot.addWidget(window)
    rows = window.communities.list
    items = [rows.item(i) for i in range(rows.count())]
    # Not signed in: nothing can be changed here, so nothing looks like it could (no tick boxes), words instead.
    assert [(i.text(), i.data(Qt.ItemDataRole.CheckStateRole)) for i in items] == [
        ("✓ Payments CoP: member (set by your administrator)", None),
        ("Cards CoP: open (sign in to join)", None),
    ]
    assert not any(i.flags() & Qt.ItemFlag.ItemIsUserCheckable for i in items)

    store.sync.set_meta(device_id="d-1", username="rita", server_url="https://palaute.example")
    window.load()
    items = [rows.item(i) for i in range(rows.count())]
    # Closed: set by an administrator, so no tick box that would do nothing when clicked.
    assert items[0].data(Qt.ItemDataRole.CheckStateRole) is None
    assert not items[0].flags() & Qt.ItemFlag.ItemIsUserCheckable
    assert (items[1].text(), items[1].checkState()) == ("Cards CoP", Qt.CheckState.Unchecked)
    with qtbot.waitSignal(window.communities.membership_requested) as asked:
        items[1].setCheckState(Qt.CheckState.Checked)
    assert asked.args == ["cards", True]
