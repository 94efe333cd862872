"""Small widgets shared by the windows: a message line that reads well in light and dark palettes."""

from __future__ import annotations

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel, QWidget


class ErrorLabel(QLabel):
    """A word-wrapped line for errors and notes; hidden while empty so the window does not jump."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self._configured = False
        self.hide()

    def _configure(self) -> None:
        # Done at the first message, not in __init__: the first use of the `Qt` enums costs ~20 ms, and the
        # no-tray window builds one of these before the app reports ready.
        from PySide6.QtCore import Qt

        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setTextFormat(Qt.TextFormat.PlainText)  # store messages quote user text: never render it
        self._configured = True

    def show_error(self, text: str) -> None:
        self._show(text, error=True)

    def show_note(self, text: str) -> None:
        self._show(text, error=False)

    def clear_message(self) -> None:
        if self.isVisibleTo(self.parentWidget()) or self.text():
            self.clear()
            self.hide()

    def _show(self, text: str, *, error: bool) -> None:
        if not self._configured:
            self._configure()
        dark = self.palette().color(QPalette.ColorRole.Window).lightness() < 128
        color = (
            ("#ff8a80" if dark else "#b71c1c") if error else self.palette().color(QPalette.ColorRole.WindowText).name()
        )
        self.setStyleSheet(f"color: {color};" + (" font-weight: bold;" if error else ""))
        self.setText(text)
        self.setAccessibleDescription(text)
        self.show()
