"""FilterBar: the inbox's one row of filters: search (as you type), whose, community, state and impact.

Each question is asked once: "whose" (everything, mine, my communities'), "which community", "what state"
(unread, answered, new this week, or one status) and "what impact", so no two choices can contradict.
"""

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
        self.search_label = QLabel(self)
        self.search_label.setBuddy(self.search)
        self.view = self._combo("viewFilter")
        self.community = self._combo("communityFilter")
        self.state = self._combo("stateFilter")
        self.impact = self._combo("impactFilter")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search_label)
        layout.addWidget(self.search, 1)
        for combo in self.combos():
            layout.addWidget(combo)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.changed)
        self.search.textChanged.connect(self._timer.start)
        previous: QWidget = self.search
        for combo in self.combos():
            combo.currentIndexChanged.connect(self._on_choice)
            QWidget.setTabOrder(previous, combo)
            previous = combo
        self.retranslate()

    def combos(self) -> tuple[QComboBox, ...]:
        return self.view, self.community, self.state, self.impact

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
        self.search_label.setText(self.tr("&Search:"))
        self.search.setPlaceholderText(self.tr("Text, customer, tags (Ctrl+F)"))
        self.search.setAccessibleName(self.tr("Search insights"))
        self.view.setAccessibleName(self.tr("Whose insights"))
        self.community.setAccessibleName(self.tr("Filter by community"))
        self.state.setAccessibleName(self.tr("Filter by state"))
        self.impact.setAccessibleName(self.tr("Filter by impact"))
        if self.community.count():
            self.community.setItemText(0, self.tr("All communities"))
        self._fill(
            self.view,
            self.tr("Mine and my communities'"),
            [(self.tr("Mine"), "mine"), (self.tr("My communities'"), "community")],
        )
        states = [
            (self.tr("Unread replies"), "only:unread"),
            (self.tr("Answered"), "only:answered"),
            (self.tr("New this week"), "only:new"),
        ]
        self._fill(self.state, self.tr("Any state"), states + [(status_label(s), f"status:{s.value}") for s in Status])
        self.state.insertSeparator(len(states) + 1)
        self._fill(self.impact, self.tr("Any impact"), [(impact_label(i), i.value) for i in Impact])

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
        kind, _, value = (self.state.currentData() or ":").partition(":")
        return {
            "community": self.community.currentData(),
            "status": value if kind == "status" else None,
            "only": value if kind == "only" else None,
            "impact": self.impact.currentData(),
            "text": text or None,
            "view": self.view.currentData(),
        }

    def choose(self, combo: QComboBox, value: str | None) -> None:
        """Pick the entry with this value (e.g. `choose(bar.state, "only:unread")`)."""
        combo.setCurrentIndex(max(combo.findData(value), 0))

    def is_filtering(self) -> bool:
        return any(self.values().values())

    def clear(self) -> None:
        """Back to everything, announced once."""
        fields = (self.search, *self.combos())
        for field in fields:
            field.blockSignals(True)
        try:
            self.search.clear()
            for combo in self.combos():
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
