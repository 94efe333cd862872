"""The Settings row for communities of practice: open ones can be joined or left here (a tick box each); the
others are set by an administrator and say so in words, with no tick box that would do nothing."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget


class CommunitiesRow(QWidget):
    """Signals: `membership_requested(str, bool)`: slug, True to join / False to leave (the app does it)."""

    membership_requested = Signal(str, bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = QListWidget(self)
        self.list.setObjectName("communities")
        self.list.setMaximumHeight(120)
        self.note = QLabel(self)
        self.note.setObjectName("communitiesNote")
        self.note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        layout.addWidget(self.note)
        self._communities: list[Any] = []
        self._filling = False
        self.list.itemChanged.connect(self._on_changed)
        self.retranslate()

    def set_communities(self, communities: list[Any], *, signed_in: bool) -> None:
        self._communities, self._signed_in = list(communities), signed_in
        self._fill()

    def _fill(self) -> None:
        self._filling = True
        try:
            self.list.clear()
            for c in self._communities:
                changeable = c.open and getattr(self, "_signed_in", False)
                item = QListWidgetItem(c.name if changeable else self._words(c), self.list)
                item.setData(Qt.ItemDataRole.UserRole, c.slug)
                flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                if changeable:
                    item.setCheckState(Qt.CheckState.Checked if c.member else Qt.CheckState.Unchecked)
                    flags |= Qt.ItemFlag.ItemIsUserCheckable
                item.setFlags(flags)
        finally:
            self._filling = False

    def _words(self, c: Any) -> str:
        """A community the rep cannot change here, its membership in words."""
        if not c.open:
            if c.member:
                return self.tr("✓ %1: member (set by your administrator)").replace("%1", c.name)
            return self.tr("%1: not a member (set by your administrator)").replace("%1", c.name)
        if c.member:
            return self.tr("✓ %1: member (sign in to leave)").replace("%1", c.name)
        return self.tr("%1: open (sign in to join)").replace("%1", c.name)

    def _on_changed(self, item: QListWidgetItem) -> None:
        if not self._filling:
            self.membership_requested.emit(
                item.data(Qt.ItemDataRole.UserRole), item.checkState() == Qt.CheckState.Checked
            )

    def retranslate(self) -> None:
        self.list.setAccessibleName(self.tr("Your communities"))
        self.note.setText(
            self.tr(
                "You see the insights of the communities you belong to. Tick or untick an open one to join or leave it."
            )
        )
        if self._communities:
            self._fill()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
