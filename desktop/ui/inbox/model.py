"""InboxModel: the rep's insights as a table, loaded a page at a time as the view scrolls (fetchMore)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont

from desktop.errors import PalauteError
from desktop.store.inbox import InboxFilter, InboxRow
from desktop.ui.inbox.texts import Inbox, backing_text, first_line, insight_sync_text, status_text, when
from desktop.ui.labels import impact_label

PAGE = 200
MAX_PAGE = 2000  # later pages grow (half of what is loaded) so reaching the end takes few queries
ID_ROLE = Qt.ItemDataRole.UserRole + 1
UNREAD_ROLE = Qt.ItemDataRole.UserRole + 2
Index = QModelIndex | QPersistentModelIndex
_NO_PARENT = QModelIndex()  # the root: what Qt passes when it asks about top-level rows


class Column:
    DATE, COMMUNITY, IMPACT, STATUS, CUSTOMERS, SYNC, UNREAD, TEXT = range(8)
    COUNT = 8


def _headers() -> list[str]:
    return [
        Inbox.tr("Date"),
        Inbox.tr("Community"),
        Inbox.tr("Impact"),
        Inbox.tr("Status"),
        Inbox.tr("Customers"),
        Inbox.tr("Sync"),
        Inbox.tr("Unread"),
        Inbox.tr("Insight"),
    ]


class InboxModel(QAbstractTableModel):
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

    # --- what the view asks ---------------------------------------------------------------------------
    def rowCount(self, parent: Index = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _NO_PARENT) -> int:
        return 0 if parent.isValid() else Column.COUNT

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _headers()[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, index.column())
        if role == Qt.ItemDataRole.FontRole and row.unread > 0:
            return self._bold
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, index.column())
        if role == ID_ROLE:
            return row.insight.id
        if role == UNREAD_ROLE:
            return row.unread
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in (Column.UNREAD, Column.CUSTOMERS):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def _display(self, row: InboxRow, column: int) -> str:
        insight = row.insight
        if column == Column.DATE:
            return when(insight.created_at)
        if column == Column.COMMUNITY:
            return self._names.get(insight.community, insight.community)
        if column == Column.IMPACT:
            return impact_label(insight.impact)
        if column == Column.STATUS:
            return status_text(insight)
        if column == Column.CUSTOMERS:
            return str(insight.customers)
        if column == Column.SYNC:
            return insight_sync_text(insight) if insight.following else Inbox.tr("Community")
        if column == Column.UNREAD:
            return str(row.unread) if row.unread else ""
        return first_line(insight.text)

    def _tooltip(self, row: InboxRow, column: int) -> str | None:
        if column == Column.TEXT:
            return row.insight.text[:1000]
        if column == Column.CUSTOMERS:
            return backing_text(row.insight)
        if column == Column.SYNC:
            return insight_sync_text(row.insight)
        if column == Column.UNREAD and row.unread:
            return Inbox.tr("%n unread reply(s)", "", row.unread)
        return None

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
        self.dataChanged.emit(self.index(row, 0), self.index(row, Column.COUNT - 1))

    def _append(self, rows: list[InboxRow]) -> None:
        start = len(self._rows)
        self._rows.extend(rows)
        for offset, item in enumerate(rows):
            self._where[item.insight.id] = start + offset
