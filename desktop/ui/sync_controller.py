"""SyncController: connects sync (worker, notices, sign-in) to the tray and the windows; app.py builds one."""

from __future__ import annotations

import logging
import threading
from typing import Any

from PySide6.QtCore import QObject, Signal

from desktop.sync.status import State, SyncStatus
from desktop.ui.background import BackgroundCall
from desktop.ui.icons import TrayState
from desktop.ui.notice_queue import NoticeQueue
from desktop.ui.sync_worker import SyncWorker

log = logging.getLogger(__name__)
TRAY_STATES = {
    State.IDLE: TrayState.IDLE,
    State.SYNCING: TrayState.SYNCING,
    State.OFFLINE: TrayState.OFFLINE,
    State.ERROR: TrayState.ERROR,
    State.PAUSED: TrayState.IDLE,
    State.SIGNED_OUT: TrayState.IDLE,
}


class SyncController(QObject):
    """Signals: `data_changed()` when sync stored something new (windows refresh), `open_thread(str)` when a
    notification was clicked, `status_changed(SyncStatus)` for whoever shows the state in words, and
    `started(bool)` once `start()` knows whether there is a sign-in to sync with, `signed_out()` once
    `sign_out()` has signed this computer out."""

    data_changed = Signal()
    open_thread = Signal(str)
    status_changed = Signal(object)
    started = Signal(bool)
    signed_out = Signal()

    def __init__(self, store: Any, tray: Any, vault: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store, self.tray, self.vault = store, tray, vault
        self.status = SyncStatus(State.SIGNED_OUT)
        self._stopped = False  # after stop() or sign_out(), a late answer from the start-up look-up is dropped
        self._signing_out: BackgroundCall | None = None
        self.worker = SyncWorker(self)
        self.notices = NoticeQueue(tray.notify, store.sync.mark_shown, self)
        self.worker.status_changed.connect(self._on_status)
        self.worker.notices_arrived.connect(self._on_notices)
        self.notices.open_requested.connect(self.open_thread)
        tray.sync_now_requested.connect(self.worker.sync_now)
        tray.pause_sync_toggled.connect(self.set_paused)
        tray.icon.messageClicked.connect(self.notices.clicked)
        tray.unread_requested.connect(self.open_newest_unread)
        # Every change a rep makes (capture, reply, edit, withdraw, "same here"; from any window) goes out at
        # once, not when the next capture or "Sync now" happens to wake the push loop. Thread-safe: it only
        # sets the loops' wake-up events.
        store.on_queued(self.worker.sync_now)

    def start(self) -> None:
        """Start syncing with the saved sign-in, looked up off the UI thread (a locked keyring may ask for its
        password first); `started(bool)` tells the outcome. Only the look-up runs there: the service and its
        Qt callbacks are made back on the UI thread."""
        self._stopped = False
        self._starter = BackgroundCall(self)
        self._starter.succeeded.connect(self._resumed)
        self._starter.failed.connect(self._no_sign_in)
        self._starter.run(_resume, self.store, self.vault)

    def _resumed(self, client: Any) -> None:
        if self._stopped:
            return
        if client is None:
            self._no_sign_in("not signed in")
            return
        from desktop.sync.account import service_for

        self._run(service_for(self.store, self.vault, client, self.worker.callbacks()))

    def _no_sign_in(self, message: str) -> None:
        if self._stopped:
            return  # the app is shutting down: the tray may already be gone
        log.info("Not syncing: %s", message)
        self.tray.set_sync_available(False)
        self._show_unread()
        self._show_details(self.status)
        self.started.emit(False)

    def _run(self, service: Any) -> None:
        if self.store.settings.get("sync_paused"):
            service.pause()
        self.worker.start(service)
        self.tray.set_sync_available(True)
        self.tray.pause_action.setChecked(service.paused)
        self._show_unread()
        self.notices.add(self.store.sync.pending_notices())  # left from before a crash or restart
        self.started.emit(True)

    def sign_in(self, server_url: str, username: str, password: str, cancelled: Any = None) -> Any:
        """Runs off the UI thread (SignInDialog, whose Cancel sets `cancelled`); the service restarts on the UI
        thread via `restart()`."""
        from desktop.sync.account import sign_in

        return sign_in(self.store, self.vault, server_url, username, password, cancelled=cancelled)

    def sign_in_methods(self, server_url: str) -> Any:
        """Off the UI thread (SignInDialog asks which buttons to show)."""
        from desktop.sync.account import sign_in_methods

        return sign_in_methods(self.store, self.vault, server_url)

    def sign_in_sso(self, server_url: str, open_url: Any, cancelled: Any) -> Any:
        """Single sign-on, off the UI thread like `sign_in` (SignInDialog's organisation button)."""
        from desktop.sync import sso

        return sso.sign_in(self.store, self.vault, server_url, open_url, cancelled=cancelled)

    def restart(self) -> None:
        self.worker.stop()
        self.start()

    def sign_out(self) -> None:
        """Stop syncing and forget the sign-in off the UI thread (the keyring may be slow or ask first);
        `signed_out()` follows. Revoking the device on the server is left to a thread of its own: a server that
        does not answer must not hold the sign-out, nor the app's exit (it touches no Qt object)."""
        if self._signing_out is not None and self._signing_out.busy():
            return
        from desktop.sync.account import forget_sign_in

        self._stopped = True  # a start-up look-up still waiting for the keyring must not start sync afterwards
        self.worker.stop()
        self.tray.set_sync_available(False)
        self._signing_out = BackgroundCall(self)
        self._signing_out.succeeded.connect(self._forgotten)
        self._signing_out.failed.connect(self._not_forgotten)
        self._signing_out.run(forget_sign_in, self.store, self.vault)

    def _forgotten(self, client: Any) -> None:
        from desktop.sync.account import revoke

        threading.Thread(target=revoke, args=(client,), name="revoke-device", daemon=True).start()
        self._show_details(self.status)
        self.signed_out.emit()

    def _not_forgotten(self, message: str) -> None:
        log.warning("Signing out failed: %s", message)
        self.tray.notify(self.tr("Not signed out"), message, error=True)
        self.start()  # still signed in: sync again

    def capture_saved(self) -> None:
        self.worker.sync_now()

    def set_paused(self, paused: bool) -> None:
        self.store.settings.set("sync_paused", paused)
        self.worker.set_paused(paused)

    def stop(self) -> None:
        self._stopped = True
        self.worker.stop()

    def _on_status(self, status: SyncStatus) -> None:
        previous, self.status = self.status, status
        self.tray.set_state(TRAY_STATES[status.state])
        self._show_details(status)
        if status.state is State.IDLE and previous.state is not State.IDLE:
            self.data_changed.emit()  # a push or pull just finished: sync states and statuses may have moved
        self.status_changed.emit(status)

    def _on_notices(self, notices: list) -> None:
        self.notices.add(notices)
        self._show_unread()
        self.data_changed.emit()

    def _show_unread(self) -> None:
        self.tray.set_unread(self.store.sync.unread_count())

    def _show_details(self, status: SyncStatus) -> None:
        from desktop.errors import PalauteError

        meta = self.store.sync.meta
        try:
            signed_in = bool(meta("device_id"))
            account = f"{meta('username')} ({_host(meta('server_url'))})" if signed_in else None
            waiting = status.outbox if status.state is not State.SIGNED_OUT else self.store.sync.outbox_size()
            self.tray.set_details(account, self.store.sync.last_success(), waiting)
        except PalauteError as exc:  # the tooltip is a convenience: a busy store must not break sync
            log.info("tray details not updated: %s", exc.user_message)

    def open_newest_unread(self) -> None:
        """A click on the tray icon while replies are unread: the newest one's thread."""
        insight_id = self.store.sync.newest_unread()
        if insight_id is not None:
            self.open_thread.emit(insight_id)

    def thread_read(self) -> None:
        self._show_unread()


def _host(url: str | None) -> str:
    from urllib.parse import urlsplit

    return urlsplit(url or "").hostname or (url or "")


def _resume(store: Any, vault: Any) -> Any:
    """The signed-in client, or None; the HTTP stack, pydantic and the keyring load only if there is a sign-in."""
    if not store.sync.signed_in():
        return None
    from desktop.sync.account import resume

    return resume(store, vault)
