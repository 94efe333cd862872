"""SyncWorker: the Qt face of desktop/sync's SyncService (signals on the UI thread, network and wake-up hints).

The service runs its loops in plain threads; its callbacks emit these signals from there, and Qt delivers
them queued on the UI thread, so no widget is ever touched from a sync thread.
"""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.sync.status import Callbacks, State, SyncStatus

if TYPE_CHECKING:
    from desktop.sync.service import SyncService

log = logging.getLogger(__name__)
SLEEP_CHECK_MS = 15_000
SLEEP_JUMP_SECONDS = 30.0


class SyncWorker(QObject):
    """Signals: `status_changed(SyncStatus)`, `notices_arrived(list[Notice])`."""

    status_changed = Signal(object)
    notices_arrived = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.service: SyncService | None = None
        self._network: Any = None
        self.network_watch_tried = False
        self._clock = (time.time(), time.monotonic())
        self._sleep_timer = QTimer(self)
        self._sleep_timer.setInterval(SLEEP_CHECK_MS)
        self._sleep_timer.timeout.connect(self._check_for_wake_up)
        self.status_changed.connect(self._on_status)

    def callbacks(self) -> Callbacks:
        return Callbacks(status=self.status_changed.emit, notices=self.notices_arrived.emit)

    def start(self, service: SyncService) -> None:
        self.stop()
        self.service = service
        service.start()
        self._sleep_timer.start()

    def stop(self) -> None:
        self._sleep_timer.stop()
        if self.service is not None:
            self.service.stop()
            self.service = None
        self.status_changed.emit(SyncStatus(State.SIGNED_OUT))

    def sync_now(self) -> None:
        if self.service is not None:
            self.service.sync_now()

    def set_paused(self, paused: bool) -> None:
        if self.service is not None:
            (self.service.pause if paused else self.service.resume)()

    def _on_status(self, status: SyncStatus) -> None:
        if status.state is State.OFFLINE:
            self._watch_network()

    def _watch_network(self) -> None:
        """Sync at once when the network comes back, where the platform can tell (QNetworkInformation).

        Only once sync has found the network gone: the backend plugin (GLib's network monitor or NetworkManager
        over D-Bus) costs ~4 MiB alone (less in the app, where the xcb platform already maps GLib), which an
        app that stays online never needs."""
        if self.network_watch_tried:
            return
        self.network_watch_tried = True
        try:
            from PySide6.QtNetwork import QNetworkInformation

            if not QNetworkInformation.loadDefaultBackend():
                return
            self._network = QNetworkInformation.instance()
        except (ImportError, RuntimeError):
            return
        self._network.reachabilityChanged.connect(self._on_reachability)

    def _on_reachability(self, reachability: Any) -> None:
        from PySide6.QtNetwork import QNetworkInformation

        if reachability == QNetworkInformation.Reachability.Online:
            log.info("Network is back: syncing now")
            self.sync_now()

    def _check_for_wake_up(self) -> None:
        # The monotonic clock stands still while the machine sleeps and the wall clock does not: a jump
        # between them means we just woke up, and the network is probably back too.
        wall, mono = time.time(), time.monotonic()
        slept = (wall - self._clock[0]) - (mono - self._clock[1])
        self._clock = (wall, mono)
        if slept > SLEEP_JUMP_SECONDS:
            log.info("Woke up after about %.0f s: syncing now", slept)
            self.sync_now()
