"""Cancelling a password sign-in that waits on the server: it ends at once, nothing is signed in, and a device the
server made for an answer that came as the person cancelled is revoked. Through a real server and a proxy that
holds the request (a server that does not answer)."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from desktop.errors import PalauteError
from desktop.sync import account
from desktop.sync.client import ApiClient
from desktop.sync.credentials import Auth, Credentials, Vault
from desktop.sync.http import Cancel, make_session
from desktop.ui.sign_in_dialog import SignInDialog
from tests.support.fault_proxy import FaultProxy
from tests.support.waiting import wait_for
from tests.sync.conftest import REP_PASSWORD

LOGIN = "/api/v1/auth/login"


@pytest.fixture
def holding_proxy(server):
    """A proxy that holds the next sign-in request for 30 s before passing it on."""
    proxy = FaultProxy(server.url)
    proxy.slow_seconds = 30
    proxy.plan(LOGIN, "slow")
    yield proxy
    proxy.close()


def test_cancel_ends_a_sign_in_the_server_holds_at_once(store, server, holding_proxy, memory_keyring):
    cancel = Cancel()
    outcome: list[object] = []

    def run() -> None:
        try:
            outcome.append(
                account.sign_in(store, Vault(), holding_proxy.url, server.rep, REP_PASSWORD, cancelled=cancel)
            )
        except PalauteError as error:
            outcome.append(error)

    worker = threading.Thread(target=run)
    worker.start()
    wait_for(lambda: holding_proxy.counts["slow"] == 1, 10)  # the request is in, and held
    began = time.monotonic()
    cancel.set()
    worker.join(5)
    assert not worker.is_alive() and time.monotonic() - began < 2
    assert isinstance(outcome[0], account.SignInCancelled), outcome
    assert outcome[0].user_message == account.cancelled_text()
    assert store.sync.meta("device_id") is None and store.sync.meta("username") is None
    assert not memory_keyring.secrets  # nothing kept in the keyring


def test_an_answer_that_comes_as_the_person_cancels_is_not_used_and_its_device_is_revoked(
    store, server, memory_keyring, monkeypatch
):
    """The race the cancel cannot cut: the server answered just as Cancel was pressed. The folder is not signed
    in, and the device the server made is revoked, so its refresh token is refused."""
    cancel = Cancel()
    answers = []
    login = ApiClient.login

    def answered_then_cancelled(self, *args):  # type: ignore[no-untyped-def]
        pair = login(self, *args)
        answers.append((pair, args[-1]))
        cancel.set()
        return pair

    monkeypatch.setattr(ApiClient, "login", answered_then_cancelled)
    with pytest.raises(account.SignInCancelled):
        account.sign_in(store, Vault(), server.url, server.rep, REP_PASSWORD, cancelled=cancel)
    assert store.sync.meta("device_id") is None and not memory_keyring.secrets
    pair, key = answers[0]
    credentials = Credentials(pair.device_id, server.url, pair.user.name, key.to_jwk(), pair.refresh_token)
    with pytest.raises(PalauteError):
        ApiClient(server.url, make_session(), Auth(credentials)).refresh()


def test_escape_in_the_dialog_stops_a_sign_in_the_server_holds(qtbot, store, server, holding_proxy, memory_keyring):
    vault = Vault()
    dialog = SignInDialog(
        lambda url, user, password, cancelled: account.sign_in(store, vault, url, user, password, cancelled=cancelled),
        holding_proxy.url,
        server.rep,
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.password, REP_PASSWORD)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: holding_proxy.counts["slow"] == 1, timeout=10000)
    cancel_button = dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel)
    assert cancel_button.isEnabled() and not dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    dialog.close()  # the window's close button: stops the sign-in, and the dialog stays to say so
    qtbot.waitUntil(lambda: dialog.message.text() == account.cancelled_text(), timeout=3000)
    assert dialog.isVisible() and dialog.password.isEnabled()
    assert store.sync.meta("device_id") is None and not memory_keyring.secrets
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # nothing runs now: Escape closes
    assert not dialog.isVisible()
