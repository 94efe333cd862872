"""Draws an inbox row as two lines: the insight's text (bold while replies are unread, after a dot) and its facts."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from desktop.ui.inbox.model import META_ROLE, UNREAD_ROLE

PAD = 6
DOT = 8
UNREAD_BLUE = QColor(25, 118, 210)


class InboxRowDelegate(QStyledItemDelegate):
    """Text first, facts second; the unread dot in a gutter of its own, so rows line up read or unread."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        line = QFontMetrics(option.font).lineSpacing()
        return QSize(200, 2 * line + 3 * PAD)

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)  # background, focus
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        group = (
            QPalette.ColorGroup.Active if opt.state & QStyle.StateFlag.State_Active else QPalette.ColorGroup.Inactive
        )
        text_color = opt.palette.color(
            group, QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        meta_color = QColor(text_color)
        if not selected:
            meta_color.setAlpha(170)  # quieter than the text, readable in light and dark palettes
        rect = opt.rect.adjusted(PAD, PAD, -PAD, -PAD)
        gutter = DOT + 2 * PAD
        unread = int(index.data(UNREAD_ROLE) or 0)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        line = QFontMetrics(opt.font).lineSpacing()
        if unread:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(text_color if selected else UNREAD_BLUE)
            painter.drawEllipse(rect.left() + PAD // 2, rect.top() + (line - DOT) // 2, DOT, DOT)
        text_font = QFont(opt.font)
        text_font.setBold(unread > 0)
        self._line(
            painter,
            text_font,
            text_color,
            QRect(rect.left() + gutter, rect.top(), rect.width() - gutter, line),
            index.data(),
        )
        meta_rect = QRect(rect.left() + gutter, rect.top() + line + PAD, rect.width() - gutter, line)
        meta_font = QFont(opt.font)
        meta_font.setBold(False)  # only the text is bold while replies are unread
        self._line(painter, meta_font, meta_color, meta_rect, index.data(META_ROLE))
        painter.restore()

    @staticmethod
    def _line(painter: QPainter, font: QFont, color: QColor, rect: QRect, text: str | None) -> None:
        painter.setFont(font)
        painter.setPen(color)
        elided = QFontMetrics(font).elidedText(text or "", Qt.TextElideMode.ElideRight, rect.width())
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), elided)
