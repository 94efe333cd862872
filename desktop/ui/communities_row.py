"""The Settings row for communities of practice (issue 8): the rep's own are ticked; open ones can be
joined or left here, the others are set by an administrator."""

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
                item = QListWidgetItem(
                    c.name if c.open else self.tr("%1 (set by your administrator)").replace("%1", c.name), self.list
                )
                item.setData(Qt.ItemDataRole.UserRole, c.slug)
                item.setCheckState(Qt.CheckState.Checked if c.member else Qt.CheckState.Unchecked)
                flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                if c.open and getattr(self, "_signed_in", False):
                    flags |= Qt.ItemFlag.ItemIsUserCheckable
                item.setFlags(flags)
        finally:
            self._filling = False

    def _on_changed(self, item: QListWidgetItem) -> None:
        if not self._filling:
            self.membership_requested.emit(
                item.data(Qt.ItemDataRole.UserRole), item.checkState() == Qt.CheckState.Checked
            )

    def retranslate(self) -> None:
        self.list.setAccessibleName(self.tr("Your communities"))
        self.note.setText(
            self.tr("Ticked: you belong to it and see its insights. Open communities can be joined or left here.")
        )
        if self._communities:
            self._fill()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
