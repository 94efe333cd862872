"""InboxModel: the rep's insights as a list, loaded a page at a time as the view scrolls (fetchMore).

Each row is the insight's first line (DisplayRole) and a line of facts (META_ROLE: "Payments · High · Planned
· 2 customers · 3 h ago"); desktop/ui/inbox/row_delegate.py draws the two lines and the unread dot.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont

from desktop.domain import SyncState
from desktop.errors import PalauteError
from desktop.store.inbox import InboxFilter, InboxRow
from desktop.ui.inbox.texts import Inbox, ago, first_line, insight_sync_text, status_text
from desktop.ui.labels import customers_label, impact_label

PAGE = 200
MAX_PAGE = 2000  # later pages grow (half of what is loaded) so reaching the end takes few queries
ID_ROLE = Qt.ItemDataRole.UserRole + 1
UNREAD_ROLE = Qt.ItemDataRole.UserRole + 2
META_ROLE = Qt.ItemDataRole.UserRole + 3
Index = QModelIndex | QPersistentModelIndex
_NO_PARENT = QModelIndex()  # the root: what Qt passes when it asks about top-level rows


class InboxModel(QAbstractListModel):
    """Rows of InboxRow, newest first; only loaded rows exist, canFetchMore tells the view there are more.

    Signals:
        failed(str): the store could not be read; the words to show.
    """

    failed = Signal(str)

    def __init__(self, store: Any, parent: Any = None, page_size: int = PAGE) -> None:
        super().__init__(parent)
        self._store = store
        self._page = page_size
        self._filter: InboxFilter = store.inbox_filter()
        self._rows: list[InboxRow] = []
        self._where: dict[str, int] = {}
        self._total = 0
        self._names: dict[str, str] = {}
        self._bold = QFont()
        self._bold.setBold(True)
        self.now: datetime | None = None  # "3 h ago" is counted from this; None: the clock (tests pin it)

    # --- what the view asks ---------------------------------------------------------------------------
    def rowCount(self, parent: Index = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return first_line(row.insight.text)
        if role == META_ROLE:
            return self.meta(row)
        if role == Qt.ItemDataRole.FontRole and row.unread > 0:
            return self._bold
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.insight.text[:1000]
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._spoken(row)
        if role == ID_ROLE:
            return row.insight.id
        if role == UNREAD_ROLE:
            return row.unread
        return None

    def meta(self, row: InboxRow) -> str:
        """The second line: community · impact · status · customers · age, then who or where it stands."""
        insight = row.insight
        parts = [
            self._names.get(insight.community, insight.community),
            impact_label(insight.impact),
            status_text(insight),
            customers_label(insight.customers),
            ago(insight.created_at, self.now),
        ]
        if not insight.following:
            parts.append(Inbox.tr("by {author}").format(author=insight.author))
        elif insight.sync_state != SyncState.SENT:
            parts.append(insight_sync_text(insight))
        if row.replies:
            parts.append(Inbox.tr("%n reply(s)", "", row.replies))
        return " · ".join(parts)

    def _spoken(self, row: InboxRow) -> str:
        text = f"{first_line(row.insight.text)}. {self.meta(row)}"
        if row.unread:
            text = Inbox.tr("%n unread reply(s)", "", row.unread) + ". " + text
        return text

    # --- lazy paging --------------------------------------------------------------------------------------
    def canFetchMore(self, parent: Index = _NO_PARENT) -> bool:
        return not parent.isValid() and len(self._rows) < self._total

    def fetchMore(self, parent: Index = _NO_PARENT) -> None:
        if parent.isValid():
            return
        loaded = len(self._rows)
        size = min(self._total - loaded, max(self._page, min(loaded // 2, MAX_PAGE)))
        try:
            new = self._store.inbox_page(self._filter, loaded, size)
        except PalauteError as exc:
            self._total = loaded  # stop asking until the next reload; the window says why
            self.failed.emit(exc.user_message)
            return
        if not new:
            self._total = loaded  # rows were removed since the count: the list simply ends here
            return
        self.beginInsertRows(QModelIndex(), loaded, loaded + len(new) - 1)
        self._append(new)
        self.endInsertRows()

    # --- what the window asks --------------------------------------------------------------------------
    def set_filter(self, f: InboxFilter) -> None:
        self._filter = f
        self.reload()

    def reload(self, keep: int = 0) -> None:
        """Query again from the top, loading at least `keep` rows (so the rows on screen stay loaded)."""
        self.beginResetModel()
        self._rows, self._where = [], {}
        try:
            self._names = {c.slug: c.name for c in self._store.communities()}
            self._total = self._store.inbox_count(self._filter)
            wanted = min(self._total, max(keep, self._page))
            while len(self._rows) < wanted:
                page = self._store.inbox_page(self._filter, len(self._rows), min(wanted - len(self._rows), MAX_PAGE))
                if not page:
                    break
                self._append(page)
        except PalauteError as exc:
            self._total = len(self._rows)
            self.failed.emit(exc.user_message)
        self.endResetModel()

    def retranslate(self) -> None:
        """The language changed: every row's words are new."""
        if self._rows:
            self.dataChanged.emit(self.index(0), self.index(len(self._rows) - 1))

    def total(self) -> int:
        return self._total

    def row_of(self, insight_id: str) -> int:
        return self._where.get(insight_id, -1)

    def find(self, insight_id: str) -> int:
        """The row of an insight, loading further pages until it turns up or the list ends (-1)."""
        while self.row_of(insight_id) < 0 and self.canFetchMore():
            self.fetchMore()
        return self.row_of(insight_id)

    def inbox_row(self, row: int) -> InboxRow:
        return self._rows[row]

    def mark_read(self, insight_id: str) -> None:
        row = self.row_of(insight_id)
        if row < 0 or self._rows[row].unread == 0:
            return
        self._rows[row] = replace(self._rows[row], unread=0)
        self.dataChanged.emit(self.index(row), self.index(row))

    def _append(self, rows: list[InboxRow]) -> None:
        start = len(self._rows)
        self._rows.extend(rows)
        for offset, item in enumerate(rows):
            self._where[item.insight.id] = start + offset
