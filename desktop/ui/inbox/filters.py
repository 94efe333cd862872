"""FilterBar: the inbox's search field (debounced as you type) and its community, status and impact choices."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QWidget

from desktop.domain import Impact, Status
from desktop.ui.labels import impact_label, status_label

SEARCH_DELAY_MS = 150


class FilterBar(QWidget):
    """Emits `changed` once the user stops typing (150 ms) or at once when a choice changes.

    Signals:
        changed(): the filter the bar describes is different now.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = QLineEdit(self)
        self.search.setObjectName("search")
        self.search.setClearButtonEnabled(True)
        self.view = self._combo("viewFilter")
        self.community = self._combo("communityFilter")
        self.status = self._combo("statusFilter")
        self.impact = self._combo("impactFilter")
        self.labels = [QLabel(self) for _ in range(5)]
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for label, field in zip(
            self.labels, (self.search, self.view, self.community, self.status, self.impact), strict=True
        ):
            label.setBuddy(field)
            layout.addWidget(label)
            layout.addWidget(field, 2 if field is self.search else 0)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.changed)
        self.search.textChanged.connect(self._timer.start)
        for combo in (self.view, self.community, self.status, self.impact):
            combo.currentIndexChanged.connect(self._on_choice)
        QWidget.setTabOrder(self.search, self.view)
        QWidget.setTabOrder(self.view, self.community)
        QWidget.setTabOrder(self.community, self.status)
        QWidget.setTabOrder(self.status, self.impact)
        self.retranslate()

    def _combo(self, name: str) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(name)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        return combo

    def set_communities(self, communities: list[Any]) -> None:
        """Fill the community choices, keeping the one chosen if it still exists."""
        chosen = self.community.currentData()
        self.community.blockSignals(True)
        try:
            self.community.clear()
            self.community.addItem(self.tr("All communities"), None)
            for community in communities:
                self.community.addItem(community.name, community.slug)
            self.community.setCurrentIndex(max(self.community.findData(chosen), 0) if chosen else 0)
        finally:
            self.community.blockSignals(False)

    def retranslate(self) -> None:
        texts = (
            self.tr("&Search:"),
            self.tr("Sho&w:"),
            self.tr("C&ommunity:"),
            self.tr("S&tatus:"),
            self.tr("I&mpact:"),
        )
        for label, text in zip(self.labels, texts, strict=True):
            label.setText(text)
        self.search.setPlaceholderText(self.tr("Words in the text, customer reference or tags (Ctrl+F)"))
        self.search.setAccessibleName(self.tr("Search insights"))
        self.view.setAccessibleName(self.tr("Your insights or the community's"))
        self.community.setAccessibleName(self.tr("Filter by community"))
        self.status.setAccessibleName(self.tr("Filter by status"))
        self.impact.setAccessibleName(self.tr("Filter by impact"))
        if self.community.count():
            self.community.setItemText(0, self.tr("All communities"))
        self._fill(
            self.view,
            self.tr("Everything"),
            [
                (self.tr("My insights"), "mine"),
                (self.tr("Community: all"), "community"),
                (self.tr("Community: new this week"), "community_new"),
                (self.tr("Community: answered"), "community_answered"),
                (self.tr("Community: shipped"), "community_shipped"),
            ],
        )
        self._fill(self.status, self.tr("All statuses"), [(status_label(s), s.value) for s in Status])
        self._fill(self.impact, self.tr("All impacts"), [(impact_label(i), i.value) for i in Impact])

    @staticmethod
    def _fill(combo: QComboBox, everything: str, items: list[tuple[str, str]]) -> None:
        chosen = combo.currentData()
        combo.blockSignals(True)
        try:
            combo.clear()
            combo.addItem(everything, None)
            for text, value in items:
                combo.addItem(text, value)
            combo.setCurrentIndex(max(combo.findData(chosen), 0) if chosen else 0)
        finally:
            combo.blockSignals(False)

    def values(self) -> dict[str, str | None]:
        """The keyword arguments of store.inbox_filter."""
        text = self.search.text().strip()
        return {
            "community": self.community.currentData(),
            "status": self.status.currentData(),
            "impact": self.impact.currentData(),
            "text": text or None,
            "view": self.view.currentData(),
        }

    def is_filtering(self) -> bool:
        return any(self.values().values())

    def clear(self) -> None:
        """Back to everything, announced once."""
        fields = (self.search, self.view, self.community, self.status, self.impact)
        for field in fields:
            field.blockSignals(True)
        try:
            self.search.clear()
            for combo in fields[1:]:
                combo.setCurrentIndex(0)
        finally:
            for field in fields:
                field.blockSignals(False)
        self._timer.stop()
        self.changed.emit()

    def flush(self) -> None:
        """Apply typed words now instead of after the pause (Enter in the search field)."""
        if self._timer.isActive():
            self._timer.stop()
            self.changed.emit()

    def _on_choice(self, *_: object) -> None:
        self._timer.stop()  # a choice applies the typed words too, in one query
        self.changed.emit()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
