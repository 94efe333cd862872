"""InboxWindow: filters and search over the rep's insights, a lazily paged table, and the opened thread."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import PalauteError
from desktop.ui.inbox.filters import FilterBar
from desktop.ui.inbox.model import ID_ROLE, InboxModel
from desktop.ui.inbox.row_delegate import InboxRowDelegate
from desktop.ui.inbox.texts import count_text
from desktop.ui.inbox.thread_view import ThreadView
from desktop.ui.widgets import ErrorLabel


class InboxWindow(QWidget):
    """The rep's insights, newest first: each row its text, then community, impact, status, customers and age.

    Slots: refresh() re-reads the store keeping selection and scroll; open_thread(id) shows one insight.

    Signals:
        unread_changed(int): a thread was marked read; the number of unread replies left in the store.
    """

    unread_changed = Signal(int)
    digest_requested = Signal()

    def __init__(self, store: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("inboxWindow")
        self._store = store
        self.model = InboxModel(store, self)
        self._build()
        self._connect()
        self.retranslate()
        self.filters.set_communities(self._communities())
        self.model.reload()
        self._update_count()
        self.resize(1000, 620)
        self.splitter.setSizes([480, 520])

    # --- building --------------------------------------------------------------------------------------
    def _build(self) -> None:
        self.filters = FilterBar(self)
        self.count = QLabel(self)
        self.count.setObjectName("count")
        self.digest_button = QPushButton(self)
        self.digest_button.setObjectName("digest")
        self.view = QListView(self)
        self.view.setObjectName("insights")
        self.view.setModel(self.model)
        self.view.setItemDelegate(InboxRowDelegate(self.view))
        self.view.setUniformItemSizes(True)  # every row two lines: the view need not measure each one
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setWordWrap(False)
        self.thread_view = ThreadView(self._store, self)
        self.message = ErrorLabel(self)
        self.message.setObjectName("inboxMessage")
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.view, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count, 1)
        bottom.addWidget(self.digest_button)
        left_layout.addLayout(bottom)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.thread_view)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filters)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.message)
        QWidget.setTabOrder(self.filters.impact, self.view)
        QWidget.setTabOrder(self.view, self.digest_button)
        QWidget.setTabOrder(self.digest_button, self.thread_view.thread)

    def _connect(self) -> None:
        self.filters.changed.connect(self.apply_filter)
        self.filters.search.returnPressed.connect(self._search_done)
        self.model.failed.connect(self.message.show_error)
        self.view.selectionModel().currentRowChanged.connect(self._on_current)
        self.view.activated.connect(self._on_activated)
        self.digest_button.clicked.connect(self.digest_requested)
        self.thread_view.read.connect(self._on_read)
        self.thread_view.changed.connect(lambda _id: self.refresh())
        QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self, self.focus_search)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Refresh), self, self.refresh)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Palaute — Inbox"))
        self.view.setAccessibleName(self.tr("Your insights"))
        self.view.setAccessibleDescription(self.tr("Arrow keys choose an insight; Enter opens its thread."))
        self.count.setAccessibleName(self.tr("Number of insights"))
        self.digest_button.setText(self.tr("Weekly &digest…"))
        self.digest_button.setAccessibleName(self.tr("Weekly community digest"))
        self.message.setAccessibleName(self.tr("Message"))
        self.splitter.setAccessibleName(self.tr("Insights and thread"))
        self.model.retranslate()
        self._update_count()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.thread_view.reload()  # replies that came while hidden are read only once they are on screen

    # --- public slots ----------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the store again (sync brought changes, a capture was saved), keeping selection and scroll."""
        current = self.current_id()
        top = self.view.indexAt(QPoint(1, 1)).row()
        bottom = self.view.indexAt(QPoint(1, max(self.view.viewport().height() - 1, 0))).row()
        keep = max(bottom, top, self.view.currentIndex().row()) + 1
        self.filters.set_communities(self._communities())
        self.model.reload(keep=keep)
        self._update_count()
        if current is not None:
            self._select(self.model.row_of(current))
        if top >= 0 and top < self.model.rowCount():
            self.view.scrollTo(self.model.index(top, 0), QAbstractItemView.ScrollHint.PositionAtTop)
        if self.isVisible():
            self.thread_view.reload()

    def open_thread(self, insight_id: str) -> None:
        """Show the window with this insight selected and its thread open (a notification was clicked)."""
        self.present()
        self.thread_view.show_insight(insight_id)
        row = self.model.find(insight_id)
        if row < 0 and self.filters.is_filtering():
            self.filters.clear()  # the filters hid it: showing the insight asked for matters more
            row = self.model.find(insight_id)
        self._select(row)
        self.thread_view.reply.setFocus(Qt.FocusReason.OtherFocusReason)

    def present(self) -> None:
        self.show()
        self.setWindowState((self.windowState() & ~Qt.WindowState.WindowMinimized) | Qt.WindowState.WindowActive)
        self.raise_()
        self.activateWindow()

    def focus_search(self) -> None:
        self.filters.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filters.search.selectAll()

    def apply_filter(self) -> None:
        current = self.current_id()
        try:
            self.model.set_filter(self._store.inbox_filter(**self.filters.values()))
        except PalauteError as exc:
            self.message.show_error(exc.user_message)
            return
        self.message.clear_message()
        self._update_count()
        if current is not None:
            self._select(self.model.row_of(current))

    def current_id(self) -> str | None:
        index = self.view.currentIndex()
        return index.data(ID_ROLE) if index.isValid() else None

    # --- reactions -------------------------------------------------------------------------------------
    def _select(self, row: int) -> None:
        if row < 0:
            return
        index = self.model.index(row, 0)
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        self.view.selectionModel().setCurrentIndex(index, flags)
        self.view.scrollTo(index)

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        insight_id = current.data(ID_ROLE) if current.isValid() else None
        shown = self.thread_view.insight
        if insight_id and (shown is None or shown.id != insight_id):
            self.thread_view.show_insight(insight_id)

    def _on_activated(self, index: QModelIndex) -> None:
        insight_id = index.data(ID_ROLE)
        if insight_id:
            self.thread_view.show_insight(insight_id)
            self.thread_view.reply.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_read(self, insight_id: str) -> None:
        self.model.mark_read(insight_id)
        try:
            self.unread_changed.emit(self._store.sync.unread_count())
        except PalauteError as exc:
            self.message.show_error(exc.user_message)

    def _search_done(self) -> None:
        self.filters.flush()
        if self.model.rowCount():
            self.view.setFocus(Qt.FocusReason.OtherFocusReason)
            if not self.view.currentIndex().isValid():
                self._select(0)

    def _update_count(self) -> None:
        self.count.setText(count_text(self.model.total()))

    def _communities(self) -> list[Any]:
        try:
            return self._store.communities()
        except PalauteError as exc:
            self.message.show_error(exc.user_message)
            return []
