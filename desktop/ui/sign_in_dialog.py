"""The sign-in dialog: server address, user name and password → this computer signed in to the server."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.background import BackgroundCall


class SignInDialog(QDialog):
    """Signals: `signed_in(object)` with the server's answer (TokenPair) once the sign-in worked.

    `sign_in` is the core's desktop.sync.account.sign_in bound to the store and vault: it runs off the UI
    thread, so a slow or dead server never freezes the window, and its error comes back as one sentence.
    """

    signed_in = Signal(object)

    def __init__(
        self,
        sign_in: Callable[[str, str, str], Any],
        server_url: str = "",
        username: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._sign_in = sign_in
        self.setWindowTitle(self.tr("Sign in to the Palaute server"))
        self.server = QLineEdit(server_url)
        self.server.setPlaceholderText("https://palaute.example.com")
        self.user = QLineEdit(username)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        for field, name in (
            (self.server, self.tr("Server address")),
            (self.user, self.tr("User name")),
            (self.password, self.tr("Password")),
        ):
            field.setAccessibleName(name)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("Sign-in status"))
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Sign in"))
        self.buttons.accepted.connect(self._start)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("&Server address:"), self.server)
        form.addRow(self.tr("&User name:"), self.user)
        form.addRow(self.tr("&Password:"), self.password)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.call = BackgroundCall(self)
        self.call.succeeded.connect(self._done)
        self.call.failed.connect(self._failed)
        (self.password if server_url and username else self.server).setFocus()

    def _start(self) -> None:
        server, user, password = self.server.text().strip(), self.user.text().strip(), self.password.text()
        if not (server and user and password):
            self._failed(self.tr("Fill in the server address, your user name and your password."))
            return
        self._set_busy(True)
        self.message.setText(self.tr("Signing in…"))
        self.call.run(self._sign_in, server, user, password)

    def _done(self, pair: Any) -> None:
        self._set_busy(False)
        self.password.clear()  # not kept in memory longer than needed
        self.signed_in.emit(pair)
        self.accept()

    def _failed(self, message: str) -> None:
        self._set_busy(False)
        self.message.setText(message)
        self.password.setFocus()
        self.password.selectAll()

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.server, self.user, self.password, self.buttons):
            widget.setEnabled(not busy)
