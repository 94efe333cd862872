"""The sign-in dialog: server address, user name and password → this computer signed in to the server; or
"Sign in with your organisation" (single sign-on in the system browser). It asks the server which of the two
it offers and shows only those."""

from __future__ import annotations

import webbrowser
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.sync.http import Cancel
from desktop.ui.background import BackgroundCall


class SignInDialog(QDialog):
    """Signals: `signed_in(object)` with the server's answer (TokenPair) once the sign-in worked.

    `sign_in(server_url, user, password, cancelled)` is the core's desktop.sync.account.sign_in bound to the
    store and vault: it runs off the UI thread, so a slow or dead server never freezes the window, and its error
    comes back as one sentence. `sign_in_sso(server_url, open_url, cancelled)` is desktop.sync.sso.sign_in
    bound the same way. While either runs, Cancel (or Escape, or closing the window) stops it at once through
    `cancelled` (an http.Cancel), and the dialog stays to say so: before, a password sign-in waiting on a server
    that did not answer could not be stopped, and closing the dialog left it running to sign the folder in
    unseen. `open_browser` shows an address in the system browser.
    `sign_in_methods(server_url)` (desktop.sync.account.sign_in_methods) says which sign-ins the server
    offers; asked off the UI thread for the address given and whenever the address is edited. Until it
    answers, or when it cannot (offline, an older server), both ways are shown.
    """

    signed_in = Signal(object)
    _address = Signal(str)  # an address to open by hand (no browser could be started), from the worker

    def __init__(
        self,
        sign_in: Callable[[str, str, str, Cancel], Any],
        server_url: str = "",
        username: str = "",
        parent: QWidget | None = None,
        *,
        sign_in_sso: Callable[[str, Callable[[str], bool], Cancel], Any] | None = None,
        open_browser: Callable[[str], bool] = webbrowser.open,
        sign_in_methods: Callable[[str], Any] | None = None,
    ) -> None:
        super().__init__(parent)
        self._sign_in, self._sign_in_sso, self._open_browser = sign_in, sign_in_sso, open_browser
        self._sign_in_methods = sign_in_methods
        self._asked_for = ""  # the address whose methods were asked for last
        self._cancel: Cancel | None = None  # the running sign-in's
        self.setWindowTitle(self.tr("Sign in to the Palaute server"))
        self.server = QLineEdit(server_url)
        self.server.setPlaceholderText("https://palaute.example.com")
        # Wide enough to read a usual server address whole at the dialog's default size.
        self.server.setMinimumWidth(self.fontMetrics().horizontalAdvance("https://palaute.example.com") * 3 // 2)
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
        self.sso_button = QPushButton(self.tr("Sign in with your organisation"))
        self.sso_button.setAutoDefault(False)
        self.sso_button.setVisible(sign_in_sso is not None)
        self.sso_button.clicked.connect(self._start_sso)
        self._address.connect(self._show_address)
        self.form = form = QFormLayout()
        form.addRow(self.tr("&Server address:"), self.server)
        form.addRow(self.tr("&User name:"), self.user)
        form.addRow(self.tr("&Password:"), self.password)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.sso_button)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.call = BackgroundCall(self)
        self.call.succeeded.connect(self._done)
        self.call.failed.connect(self._failed)
        self.methods_call = BackgroundCall(self)
        self.methods_call.succeeded.connect(self._show_methods)
        self.methods_call.failed.connect(lambda _message: self._show_methods(None))
        self.server.editingFinished.connect(self._ask_methods)
        (self.password if server_url and username else self.server).setFocus()
        self._ask_methods()

    # --- which sign-ins the server offers ---

    def _ask_methods(self) -> None:
        server = self.server.text().strip()
        if self._sign_in_methods is None or not server or server == self._asked_for:
            return
        self._asked_for = server
        self.methods_call.run(self._for_address, server)

    def _for_address(self, server: str) -> tuple[str, Any]:
        """Runs on the worker: the answer with the address it is for (the field may have changed since)."""
        assert self._sign_in_methods is not None
        return server, self._sign_in_methods(server)

    def _show_methods(self, answer: tuple[str, Any] | None) -> None:
        if answer is not None and answer[0] != self.server.text().strip():
            return  # an answer for an address no longer in the field
        methods = answer[1] if answer is not None else None
        password = methods is None or bool(methods.password)
        sso = self._sign_in_sso is not None and (methods is None or bool(methods.sso))
        if not password and not sso:
            password = True  # a server that offers this app neither: let its refusal say why
        self.form.setRowVisible(self.user, password)
        self.form.setRowVisible(self.password, password)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setVisible(password)
        self.sso_button.setVisible(sso)
        self.sso_button.setDefault(not password)  # Enter signs in the only way there is
        ok.setDefault(password)
        if not password:  # the one thing left to do here (an answer comes only for an address left as is)
            self.sso_button.setFocus()
        self.adjustSize()

    def password_shown(self) -> bool:
        """Whether the user name and password rows are offered (for tests and the window tour)."""
        return self.password.isVisibleTo(self)

    def _start(self) -> None:
        server, user, password = self.server.text().strip(), self.user.text().strip(), self.password.text()
        if not (server and user and password):
            self._failed(self.tr("Fill in the server address, your user name and your password."))
            return
        self._set_busy(True)
        self.message.setText(self.tr("Signing in…"))
        self._cancel = Cancel()
        self.call.run(self._sign_in, server, user, password, self._cancel)

    def _start_sso(self) -> None:
        server = self.server.text().strip()
        if not server:
            self._failed(self.tr("Fill in the server address first."))
            return
        self._set_busy(True)
        self.message.setText(self.tr("Finish signing in in your browser…"))
        self._cancel = Cancel()
        assert self._sign_in_sso is not None
        self.call.run(self._sign_in_sso, server, self._open, self._cancel)

    def _open(self, url: str) -> bool:
        """Runs on the worker: the system browser, else the address shown to open by hand."""
        if not self._open_browser(url):
            self._address.emit(url)
        return True

    def _show_address(self, url: str) -> None:
        self.message.setText(self.tr("Open this address in a browser to sign in:") + f"\n{url}")

    def reject(self) -> None:
        """Cancel, Escape and the window's close button: while a sign-in runs, stop it (it ends at once with
        "cancelled", which the dialog stays to show); otherwise close."""
        if self._cancel is not None and self.call.busy():
            self._cancel.set()
            return
        super().reject()

    def _done(self, pair: Any) -> None:
        self._cancel = None
        self._set_busy(False)
        self.password.clear()  # not kept in memory longer than needed
        self.signed_in.emit(pair)
        self.accept()

    def _failed(self, message: str) -> None:
        self._cancel = None
        self._set_busy(False)
        self.message.setText(message)
        if not self.password_shown():
            self.sso_button.setFocus()
            return
        self.password.setFocus()
        self.password.selectAll()

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.server, self.user, self.password, self.sso_button):
            widget.setEnabled(not busy)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not busy)  # Cancel stays: it stops
