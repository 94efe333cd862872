"""The sign-in dialog: against the real server a wrong password is said in words and a right one signs in;
it shows only the ways of signing in the server offers."""

from __future__ import annotations

import threading

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from desktop.errors import InvalidInput
from desktop.sync.account import sign_in
from desktop.sync.credentials import Vault
from desktop.ui.sign_in_dialog import SignInDialog
from protocol import schema
from tests.sync.conftest import REP_PASSWORD


def test_sign_in_dialog_reports_errors_and_signs_in(qtbot, store, server):
    vault = Vault()
    dialog = SignInDialog(lambda url, user, pw, _cancel: sign_in(store, vault, url, user, pw), server.url, server.rep)
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


def _dialog(qtbot, methods, url="https://palaute.example.com"):
    dialog = SignInDialog(lambda *a: None, url, sign_in_sso=lambda *a: None, sign_in_methods=methods)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_a_server_without_passwords_gets_only_the_organisation_button(qtbot):
    dialog = _dialog(qtbot, lambda url: schema.SignInMethods(password=False, sso=True, provider_name="Example Org"))
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.waitUntil(lambda: not dialog.password_shown(), timeout=5000)
    assert not dialog.user.isVisibleTo(dialog) and not ok.isVisibleTo(dialog)
    assert dialog.sso_button.isVisibleTo(dialog) and dialog.sso_button.isDefault()
    assert dialog.form.labelForField(dialog.password).isHidden()  # the row's label goes too


def test_the_dialog_follows_the_address_in_the_field(qtbot):
    answers = {
        "https://sso-only.example.com": schema.SignInMethods(password=False, sso=True),
        "https://passwords.example.com": schema.SignInMethods(password=True, sso=False),
    }

    def methods(url: str):
        if url not in answers:
            raise InvalidInput("no such server")  # offline, or not a Palaute server: both ways stay
        return answers[url]

    dialog = _dialog(qtbot, methods, "https://sso-only.example.com")
    qtbot.waitUntil(lambda: not dialog.password_shown(), timeout=5000)
    dialog.server.setText("https://passwords.example.com")
    dialog.server.editingFinished.emit()
    qtbot.waitUntil(lambda: dialog.password_shown(), timeout=5000)
    assert not dialog.sso_button.isVisibleTo(dialog)
    dialog.server.setText("https://unknown.example.com")
    dialog.server.editingFinished.emit()
    qtbot.waitUntil(lambda: dialog.sso_button.isVisibleTo(dialog), timeout=5000)
    assert dialog.password_shown()


def test_a_late_answer_for_another_address_is_ignored(qtbot):
    release = threading.Event()

    def slow(url: str):
        release.wait(5)
        return schema.SignInMethods(password=False, sso=True)

    dialog = _dialog(qtbot, slow, "https://first.example.com")
    dialog.server.setText("https://second.example.com")  # typed, not yet left: no new question
    with qtbot.waitSignal(dialog.methods_call.succeeded, timeout=5000):
        release.set()
    assert dialog.password_shown() and dialog.sso_button.isVisibleTo(dialog)
