"""The app's sync wiring with the real tray object: state, unread badge, notifications, sign-in/out."""

from __future__ import annotations

import threading

from PySide6.QtWidgets import QSystemTrayIcon

from desktop.domain import NewInsight
from desktop.sync.account import sign_in
from desktop.sync.credentials import SERVICE, Vault, account_name
from desktop.ui.icons import TrayState
from desktop.ui.sync_controller import SyncController
from desktop.ui.tray import Tray
from tests.support.fault_proxy import FaultProxy
from tests.sync.conftest import REP_PASSWORD


class RecordingTray(Tray):
    def __init__(self) -> None:
        super().__init__()
        self.shown: list[tuple[str, str]] = []

    def notify(self, title: str, text: str, error: bool = False) -> None:
        self.shown.append((title, text))
        super().notify(title, text, error)


def test_controller_signs_in_syncs_notifies_and_signs_out(qtbot, store, server, product):
    tray = RecordingTray()
    vault = Vault()
    controller = SyncController(store, tray, vault)
    with qtbot.waitSignal(controller.started, timeout=10000) as started:
        controller.start()
    assert started.args == [False] and not tray.sync_now_action.isEnabled()  # not signed in yet

    controller.sign_in(server.url, server.rep, REP_PASSWORD)
    with qtbot.waitSignal(controller.started, timeout=10000) as started:
        controller.restart()
    assert started.args == [True]
    try:
        assert tray.sync_now_action.isEnabled() and tray.pause_action.isEnabled()
        insight = store.capture(NewInsight(text="Statement PDF lacks the IBAN", community="payments"))
        controller.capture_saved()
        qtbot.waitUntil(lambda: store.get_insight(insight.id).server_version is not None, timeout=15000)
        with qtbot.waitSignal(controller.data_changed, timeout=15000):
            product.reply(insight.id, "Fixed in the next release")
        qtbot.waitUntil(lambda: tray.unread == 1, timeout=5000)
        # Who, which insight and what, in one notification.
        assert tray.shown == [
            (f"Reply from {server.product}", "“Statement PDF lacks the IBAN”\nFixed in the next release")
        ]
        with qtbot.waitSignal(controller.open_thread, timeout=1000) as opened:
            tray.icon.messageClicked.emit()
        assert opened.args == [insight.id]
        # A click on the icon with a reply unread opens that reply's thread, not the capture window.
        with qtbot.waitSignal(controller.open_thread, timeout=1000) as opened:
            tray.icon.activated.emit(QSystemTrayIcon.ActivationReason.Trigger)
        assert opened.args == [insight.id]
        tooltip = tray.icon.toolTip()
        assert f"Signed in as {server.rep} (127.0.0.1)" in tooltip and "Last sync: " in tooltip
        assert "1 unread reply" in tooltip
        tray.pause_action.setChecked(True)
        assert store.settings.get("sync_paused") is True
        tray.pause_action.setChecked(False)
        assert tray.state in (TrayState.IDLE, TrayState.SYNCING)
    finally:
        with qtbot.waitSignal(controller.signed_out, timeout=10000):
            controller.sign_out()
    assert not tray.sync_now_action.isEnabled() and store.sync.meta("device_id") is None


def test_signing_out_does_not_wait_for_a_server_that_does_not_answer(qtbot, store, server, memory_keyring):
    """The server is revoked in the background: signing out is done (and said) while the server still holds the
    revocation request, here for 30 s (it would have held the window that long)."""
    proxy = FaultProxy(server.url)
    proxy.slow_seconds = 30
    try:
        vault = Vault()
        sign_in(store, vault, proxy.url, server.rep, REP_PASSWORD)
        device = store.sync.meta("device_id")
        assert memory_keyring.get_password(SERVICE, account_name(device)) is not None
        controller = SyncController(store, RecordingTray(), vault)
        with qtbot.waitSignal(controller.started, timeout=10000) as started:
            controller.start()
        assert started.args == [True]
        proxy.plan("/api/v1/auth/logout", "slow")
        with qtbot.waitSignal(controller.signed_out, timeout=5000):
            controller.sign_out()
        assert "/api/v1/auth/logout" not in proxy.finished  # signed out while the server still holds it
        assert store.sync.meta("device_id") is None
        assert memory_keyring.get_password(SERVICE, account_name(device)) is None
        qtbot.waitUntil(lambda: proxy.counts["slow"] == 1, timeout=5000)  # the revocation was sent, and waits
    finally:
        proxy.close()


def test_signing_out_while_the_start_up_look_up_waits_for_the_keyring_leaves_sync_off(
    qtbot, store, server, memory_keyring, monkeypatch
):
    """A keyring slow to answer at start-up (locked, asking for its password): signing out meanwhile must not
    let the look-up's late answer start syncing with the device that was just forgotten."""
    sign_in(store, Vault(), server.url, server.rep, REP_PASSWORD)
    read, asked, unlocked = memory_keyring.get_password, [], threading.Event()

    def slow_first_answer(service: str, account: str) -> str | None:
        value = read(service, account)
        if not asked:  # the start-up look-up: it has the secret, then waits for the "unlock"
            asked.append(account)
            unlocked.wait(10)
        return value

    monkeypatch.setattr(memory_keyring, "get_password", slow_first_answer)
    tray = RecordingTray()
    controller = SyncController(store, tray, Vault())  # a new app: the secret comes from the keyring
    controller.start()
    try:
        qtbot.waitUntil(lambda: bool(asked), timeout=5000)
        with qtbot.waitSignal(controller.signed_out, timeout=10000):
            controller.sign_out()
        unlocked.set()
        qtbot.waitUntil(lambda: controller._starter.busy() is False, timeout=5000)
        qtbot.wait(200)  # the look-up's answer, queued to the UI thread, is delivered
        assert controller.worker.service is None and not tray.sync_now_action.isEnabled()
    finally:
        unlocked.set()
        controller.stop()
