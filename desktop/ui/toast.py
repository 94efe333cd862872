"""The "saved" confirmation that appears where the capture window was and fades on its own, with an Undo."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

DEFAULT_MS = 1400
UNDO_MS = 10_000  # how long a save can be undone from the toast (and from the capture window)


class Toast(QWidget):
    """A frameless note that never takes focus, so the user's next keystroke goes back to the CRM.

    A mouse click on its Undo button still works (the keyboard's way is the capture window's Undo).

    Signals: `undo_clicked()`.
    """

    undo_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            parent,
            Qt.WindowType.ToolTip
            | Qt.WindowType.FramelessWindowHint
            | Qt.WindowType.WindowStaysOnTopHint
            | Qt.WindowType.WindowDoesNotAcceptFocus,
        )
        self.setObjectName("toast")
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setForegroundRole(QPalette.ColorRole.ToolTipText)
        self.setBackgroundRole(QPalette.ColorRole.ToolTipBase)
        self.setAutoFillBackground(True)
        self.label = QLabel(self)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setForegroundRole(QPalette.ColorRole.ToolTipText)
        self.undo = QPushButton(self)
        self.undo.setObjectName("toastUndo")
        self.undo.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.undo.clicked.connect(self._on_undo)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 8, 8)
        layout.addWidget(self.label)
        layout.addWidget(self.undo)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.hide)

    def text(self) -> str:
        return self.label.text()

    def pop(self, text: str, center: QPoint, duration_ms: int = DEFAULT_MS, undo: str | None = None) -> None:
        """Show `text` (with an Undo button labelled `undo`, if given) centred on `center` for a while."""
        self.label.setText("✓ " + text)
        self.setAccessibleName(text)
        self.undo.setVisible(undo is not None)
        self.undo.setText(undo or "")
        self.undo.setAccessibleName(undo or "")
        self.adjustSize()
        self.move(center - QPoint(self.width() // 2, self.height() // 2))
        self.show()
        self._timer.start(duration_ms)

    def _on_undo(self) -> None:
        self.hide()
        self.undo_clicked.emit()
