"""The running app's QLocalServer: other `palaute` processes hand their requests over it (the lock: instance_lock)."""

from __future__ import annotations

import json
import logging
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from desktop.platform.instance_client import server_name
from desktop.ui.instance_lock import InstanceLock  # noqa: F401  (the other half of single instance)

log = logging.getLogger(__name__)
_MAX_MESSAGE = 64 * 1024


class InstanceServer(QObject):
    """Listens on the data folder's local socket and turns each JSON line into a signal.

    Signals:
        message_received(dict): another `palaute` process handed over its request.
    """

    message_received = Signal(dict)

    def __init__(self, paths: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = server_name(paths)
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._on_new_connection)
        self._buffers: dict[QLocalSocket, bytearray | None] = {}

    def listen(self) -> bool:
        # We hold the lock, so a leftover socket (the previous app was killed) is ours to remove;
        # without this, listen() fails with AddressInUse.
        QLocalServer.removeServer(self.name)
        if not self._server.listen(self.name):
            log.warning("single-instance server could not listen on %s: %s", self.name, self._server.errorString())
            return False
        return True

    def close(self) -> None:
        self._server.close()

    def _on_new_connection(self) -> None:
        while self._server.hasPendingConnections():
            sock = self._server.nextPendingConnection()
            self._buffers[sock] = bytearray()
            # Bound methods, not lambdas holding the socket: a closure keeping a wrapper alive past the C++
            # object's deleteLater() crashes PySide at teardown.
            sock.readyRead.connect(self._on_ready_read)
            sock.disconnected.connect(self._on_disconnected)
            if sock.bytesAvailable():
                self._read(sock)

    def _on_ready_read(self) -> None:
        sock = self.sender()
        if isinstance(sock, QLocalSocket):
            self._read(sock)

    def _on_disconnected(self) -> None:
        sock = self.sender()
        if isinstance(sock, QLocalSocket):
            self._buffers.pop(sock, None)
            sock.deleteLater()

    def _read(self, sock: QLocalSocket) -> None:
        buffer = self._buffers.get(sock)
        if buffer is None:  # already answered
            sock.readAll()
            return
        buffer += bytes(sock.readAll().data())
        if b"\n" not in buffer:
            if len(buffer) > _MAX_MESSAGE:
                self._answer(sock, b"error: too large\n")
            return
        line = bytes(buffer).split(b"\n", 1)[0]
        try:
            message = json.loads(line)
            if not isinstance(message, dict):
                raise ValueError("not an object")
        except ValueError:
            log.warning("ignored a malformed message on the instance socket")
            self._answer(sock, b"error: malformed\n")
            return
        self._answer(sock, b"ok\n")
        log.info("request from another palaute process: %s", message)
        self.message_received.emit(message)

    def _answer(self, sock: QLocalSocket, reply: bytes) -> None:
        self._buffers[sock] = None  # type: ignore[assignment]  # one message per connection
        sock.write(reply)
        sock.flush()
        sock.disconnectFromServer()
