"""The Settings row for the server account: who is signed in where, with Sign in… and Sign out."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget


class AccountRow(QWidget):
    """Signals: `sign_in_requested()`, `sign_out_requested()`; the app answers them (SignInDialog, sign out)."""

    sign_in_requested = Signal()
    sign_out_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.status = QLabel(self)
        self.status.setObjectName("accountStatus")
        self.status.setWordWrap(True)
        self.sign_in = QPushButton(self)
        self.sign_in.setObjectName("signIn")
        self.sign_out = QPushButton(self)
        self.sign_out.setObjectName("signOut")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.status, 1)
        layout.addWidget(self.sign_in)
        layout.addWidget(self.sign_out)
        self.sign_in.clicked.connect(self.sign_in_requested)
        self.sign_out.clicked.connect(self.sign_out_requested)
        self._account: tuple[str, str] | None = None
        self.retranslate()

    def set_account(self, user: str | None, server: str | None) -> None:
        self._account = (user, server) if user and server else None
        self.retranslate()

    def retranslate(self) -> None:
        if self._account:
            self.status.setText(
                self.tr("Signed in as %1 on %2").replace("%1", self._account[0]).replace("%2", self._account[1])
            )
        else:
            self.status.setText(self.tr("Not signed in: insights stay on this computer."))
        self.sign_in.setText(self.tr("Sign &in…") if not self._account else self.tr("Sign in &again…"))
        self.sign_out.setText(self.tr("Sign &out"))
        self.sign_out.setEnabled(self._account is not None)
        self.status.setAccessibleName(self.tr("Server account"))
        self.sign_in.setAccessibleName(self.tr("Sign in to the Palaute server"))
        self.sign_out.setAccessibleName(self.tr("Sign out of the Palaute server"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
