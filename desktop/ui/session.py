"""The end of a session: log out, shutdown and SIGTERM all flush the draft before the app goes away."""

from __future__ import annotations

import logging
import signal
import socket
import sys
from collections.abc import Callable

from PySide6.QtCore import QObject, QSocketNotifier, QTimer
from PySide6.QtGui import QGuiApplication

log = logging.getLogger(__name__)


class SessionGuard(QObject):
    """Calls `flush` on commitDataRequest (log out) and aboutToQuit; turns SIGTERM/SIGINT/SIGHUP into quit().

    Python runs signal handlers only when the interpreter gets control, which a Qt event loop waiting in C++
    may not give for a long time; a wakeup socket watched by a QSocketNotifier wakes it at once.
    """

    def __init__(self, app: QGuiApplication, flush: Callable[[], None]) -> None:
        super().__init__(app)
        self._app = app
        self._flush = flush
        app.commitDataRequest.connect(self._on_commit_data)
        app.aboutToQuit.connect(self._run_flush)
        self._notifier: QSocketNotifier | None = None
        if sys.platform != "win32":
            self._install_signal_wakeup()

    def uninstall(self) -> None:
        """Put the default signal handling back (the app is done, or a test is)."""
        if self._notifier is None:
            return
        self._notifier.setEnabled(False)
        signal.set_wakeup_fd(-1)
        for signum, previous in self._previous.items():
            signal.signal(signum, previous)
        self._reader.close()
        self._writer.close()
        self._notifier = None

    def _on_commit_data(self, _manager: object) -> None:
        log.info("session ending: saving the draft")
        self._run_flush()

    def _run_flush(self) -> None:
        try:
            self._flush()
        except Exception:  # the session is ending: log, never block the logout
            log.exception("flushing at session end failed")

    def _install_signal_wakeup(self) -> None:
        self._reader, writer = socket.socketpair()
        self._writer = writer
        for sock in (self._reader, writer):
            sock.setblocking(False)
        signal.set_wakeup_fd(writer.fileno())
        self._previous = {}
        for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
            self._previous[signum] = signal.signal(signum, self._on_signal)
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._drain)

    def _drain(self) -> None:
        try:
            self._reader.recv(64)
        except OSError:
            pass

    def _on_signal(self, signum: int, _frame: object) -> None:
        log.info("signal %s: quitting", signal.Signals(signum).name)
        # Posted, not called: a signal that lands before exec() starts would otherwise be lost.
        QTimer.singleShot(0, self._app.quit)  # aboutToQuit then flushes the draft
