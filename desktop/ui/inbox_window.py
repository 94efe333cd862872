"""A first inbox: the rep's recent insights from the local store, newest first (sync adds replies later)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeySequence, QShortcut, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from desktop.errors import PalauteError
from desktop.ui.labels import impact_label, status_label
from desktop.ui.widgets import ErrorLabel

LIMIT = 500


class InboxWindow(QWidget):
    """A Qt model behind one table view, so a long list stays smooth."""

    def __init__(self, store: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("inboxWindow")
        self._store = store
        self.model = QStandardItemModel(0, 5, self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.count = QLabel(self)
        self.message = ErrorLabel(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.count)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.message)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Refresh), self, self.refresh)
        self.resize(760, 420)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Palaute — Inbox"))
        headers = (self.tr("Saved"), self.tr("Community"), self.tr("Impact"), self.tr("Status"), self.tr("Insight"))
        self.model.setHorizontalHeaderLabels(list(headers))
        self.view.setAccessibleName(self.tr("Your insights"))
        self.refresh()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def refresh(self) -> None:
        try:
            insights = self._store.list_insights(limit=LIMIT)
            names = {c.slug: c.name for c in self._store.communities()}
        except PalauteError as exc:
            self.message.show_error(exc.user_message)
            return
        self.model.setRowCount(0)
        for insight in insights:
            first_line = insight.text.strip().splitlines()[0] if insight.text.strip() else ""
            row = [insight.created_at.astimezone().strftime("%Y-%m-%d %H:%M"), names.get(insight.community, insight.community),
                   impact_label(insight.impact), status_label(insight.status), first_line]
            items = [QStandardItem(text) for text in row]
            items[4].setToolTip(insight.text[:1000])
            self.model.appendRow(items)
        self.count.setText(self.tr("%n insight(s) saved on this computer", "", len(insights)))
        self.view.resizeColumnsToContents()
