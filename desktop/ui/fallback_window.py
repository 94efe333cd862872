"""The small window used where the desktop has no tray (stock GNOME): the app's entry points in one place."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.ui.widgets import ErrorLabel

WIDTH = 460


class FallbackWindow(QWidget):
    """Closing it only hides it: the hotkey keeps working, and starting Palaute again brings it back.

    Signals:
        capture_requested, inbox_requested, settings_requested, quit_requested: the user's button.
    """

    capture_requested = Signal()
    inbox_requested = Signal()
    settings_requested = Signal()
    quit_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)  # parentless, so a normal window (and no `Qt` namespace on the start path)
        self.setObjectName("fallbackWindow")
        self.hotkey_text: str | None = None
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.note = ErrorLabel(self)
        self.note.setObjectName("trayNote")
        self.problem = ErrorLabel(self)
        self.problem.setObjectName("problem")
        self.buttons = [QPushButton(self) for _ in range(4)]
        for button, signal in zip(
            self.buttons,
            (self.capture_requested, self.inbox_requested, self.settings_requested, self.quit_requested),
            strict=False,
        ):
            button.clicked.connect(signal)
        row = QHBoxLayout()
        for button in self.buttons:
            row.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.note)
        layout.addWidget(self.problem)
        layout.addLayout(row)
        self.setMinimumWidth(WIDTH)
        self.retranslate()

    def set_hotkey_text(self, text: str | None) -> None:
        self.hotkey_text = text
        self.retranslate()

    def show_tray_note(self) -> None:
        """Said once (the app remembers it): how to get a tray icon on a desktop that hides them."""
        self.note.show_note(
            self.tr(
                "Your desktop shows no tray icons, so Palaute uses this window instead. On GNOME, install the "
                "“AppIndicator and KStatusNotifierItem Support” extension to get a Palaute icon in the top bar."
            )
        )
        self._fit()

    def show_problem(self, text: str) -> None:
        self.problem.show_error(text)
        self._fit()

    def show_message(self, text: str) -> None:
        self.problem.show_note(text)
        self._fit()

    def clear_problem(self) -> None:
        self.problem.clear_message()
        self._fit()

    def _fit(self) -> None:
        """Grow (or shrink) to the height the wrapped words need at this width: a top-level window does not
        follow its labels' height-for-width by itself, and would cut the text off."""
        layout = self.layout()
        layout.activate()
        needed = layout.totalHeightForWidth(self.width())
        if needed > 0 and needed != self.height():
            self.resize(self.width(), needed)

    def showEvent(self, event: QEvent) -> None:
        super().showEvent(event)
        self._fit()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Palaute"))
        if self.hotkey_text:
            status = self.tr("Palaute is running. Press {key} in any application to capture an insight.").format(
                key=self.hotkey_text
            )
        else:
            status = self.tr("Palaute is running. Use the button below to capture an insight.")
        self.status.setText(status + " " + self.tr("Closing this window keeps Palaute running."))
        texts = (self.tr("&Capture insight…"), self.tr("Open &inbox"), self.tr("&Settings…"), self.tr("&Quit Palaute"))
        for button, text in zip(self.buttons, texts, strict=True):
            button.setText(text)
            button.setAccessibleName(text.replace("&", "").rstrip("…"))
        self.note.setAccessibleName(self.tr("Note"))
        self.problem.setAccessibleName(self.tr("Problem"))
        self.status.setAccessibleName(self.tr("Palaute is running"))
        if self.isVisible():
            self._fit()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
