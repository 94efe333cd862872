"""The sign-in dialog against the real server: a wrong password is said in words, a right one signs in."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.sync.account import sign_in
from desktop.sync.credentials import Vault
from desktop.ui.sign_in_dialog import SignInDialog
from tests.sync.conftest import REP_PASSWORD


def test_sign_in_dialog_reports_errors_and_signs_in(qtbot, store, server):
    vault = Vault()
    dialog = SignInDialog(lambda url, user, pw: sign_in(store, vault, url, user, pw), server.url, server.rep)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.password.hasFocus() or not dialog.isActiveWindow()
    qtbot.keyClicks(dialog.password, "wrong password")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "not right" in dialog.message.text(), timeout=10000)
    assert dialog.isVisible() and dialog.password.isEnabled()
    dialog.password.clear()
    qtbot.keyClicks(dialog.password, REP_PASSWORD)
    with qtbot.waitSignal(dialog.signed_in, timeout=10000) as done:
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert done.args[0].user.name == server.rep
    assert store.sync.meta("username") == server.rep and not dialog.isVisible()


def test_sign_in_dialog_needs_every_field(qtbot, store):
    dialog = SignInDialog(lambda *a: None)
    qtbot.addWidget(dialog)
    dialog.buttons.accepted.emit()
    assert "Fill in the server address" in dialog.message.text()
