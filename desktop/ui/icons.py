"""The app and tray icons: one picture per state, with the unread-replies count painted on as a badge."""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap

from desktop.ui.resources import icon_file

_SIZES = (16, 22, 32, 48, 64)


class TrayState(StrEnum):
    IDLE = "idle"
    OFFLINE = "offline"
    SYNCING = "syncing"
    ERROR = "error"


def app_icon() -> QIcon:
    return _icon("palaute")


def state_icon(state: TrayState, unread: int = 0) -> QIcon:
    """The tray icon for a state; with unread > 0 each size gets a red count in its top-right corner."""
    stem = f"palaute-{state.value}"
    if unread <= 0:
        return _icon(stem)
    icon = QIcon()
    for size in _SIZES:
        pixmap = QPixmap(str(icon_file(stem, size)))
        if not pixmap.isNull():
            icon.addPixmap(_with_badge(pixmap, unread))
    return icon


def _icon(stem: str) -> QIcon:
    icon = QIcon()
    for size in _SIZES:
        path = icon_file(stem, size)
        if path.exists():
            icon.addFile(str(path))
    return icon


def _with_badge(pixmap: QPixmap, count: int) -> QPixmap:
    from PySide6.QtCore import Qt  # first use of the Qt namespace costs ~20 ms: keep it off the start path

    text = str(count) if count < 100 else "99+"
    result = QPixmap(pixmap)
    size = result.width()
    diameter = size * (0.62 if len(text) == 1 else 0.72)
    rect = QRectF(size - diameter, 0, diameter, diameter * (1 if len(text) == 1 else 0.8))
    painter = QPainter(result)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QColor("#ffffff"))
    painter.setBrush(QColor("#d32f2f"))
    painter.drawRoundedRect(rect, rect.height() / 2, rect.height() / 2)
    font = QFont()
    font.setBold(True)
    font.setPixelSize(max(6, int(rect.height() * 0.72)))
    painter.setFont(font)
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
    painter.end()
    return result
