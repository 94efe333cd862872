"""DigestWindow: the weekly community digest: what was captured, answered and shipped, per community.

It is the server's digest (it sees every rep's insights), drawn from its data with tiles and chips like the
web page (desktop/ui/digest_view.py); the last copy of each week is kept in the store, so it can be read
offline. "Save as Markdown" writes the same document the web page offers, in the interface language.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.domain import utc_now
from desktop.ui.background import BackgroundCall
from desktop.ui.digest_view import digest_html
from desktop.ui.widgets import ErrorLabel
from protocol.digest import file_name, render_markdown, shift_week, week_of


class DigestWindow(QWidget):
    """`fetch(week, community)` returns a desktop.sync.digest.FetchedDigest; it runs off the UI thread."""

    def __init__(self, store: Any, fetch: Callable[[str, str | None], Any], parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("digestWindow")
        self._store = store
        self._fetch = fetch
        self.week = week_of(utc_now())
        self.shown: Any = None  # the FetchedDigest on screen
        self._call = BackgroundCall(self)
        self._call.succeeded.connect(self._on_fetched)
        self._call.failed.connect(self._on_failed)
        self._build()
        self.retranslate()
        self.resize(760, 660)

    def _build(self) -> None:
        self.previous = QPushButton(self)
        self.previous.setObjectName("previousWeek")
        self.week_label = QLabel(self)
        self.week_label.setObjectName("week")
        self.next = QPushButton(self)
        self.next.setObjectName("nextWeek")
        self.community = QComboBox(self)
        self.community.setObjectName("digestCommunity")
        self.save = QPushButton(self)
        self.save.setObjectName("saveMarkdown")
        self.text = QTextBrowser(self)
        self.text.setObjectName("digestText")
        self.text.setOpenExternalLinks(False)
        self.message = ErrorLabel(self)
        self.message.setObjectName("digestMessage")
        top = QHBoxLayout()
        for widget in (self.previous, self.week_label, self.next):
            top.addWidget(widget)
        top.addStretch(1)
        top.addWidget(self.community)
        top.addWidget(self.save)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.message)
        self.previous.clicked.connect(lambda: self.go(-1))
        self.next.clicked.connect(lambda: self.go(1))
        self.community.currentIndexChanged.connect(lambda _i: self.load())
        self.save.clicked.connect(self.save_markdown)
        QShortcut(QKeySequence("Alt+Left"), self, lambda: self.go(-1))
        QShortcut(QKeySequence("Alt+Right"), self, lambda: self.go(1))
        QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self, self.save_markdown)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Palaute — Weekly community digest"))
        self.previous.setText(self.tr("◀ &Previous week"))
        self.previous.setAccessibleName(self.tr("Previous week (Alt+Left)"))
        self.next.setText(self.tr("&Next week ▶"))
        self.next.setAccessibleName(self.tr("Next week (Alt+Right)"))
        self.community.setAccessibleName(self.tr("Community"))
        self.save.setText(self.tr("&Save as Markdown…"))
        self.save.setAccessibleName(self.tr("Save the digest as a Markdown file (Ctrl+S)"))
        self.text.setAccessibleName(self.tr("Digest"))
        self._fill_communities()
        self._show_week()
        if self.shown is not None:
            self.text.setHtml(digest_html(self.shown.digest))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _fill_communities(self) -> None:
        chosen = self.community.currentData()
        self.community.blockSignals(True)
        try:
            self.community.clear()
            self.community.addItem(self.tr("All my communities"), None)
            for c in self._store.communities():
                if c.member:
                    self.community.addItem(c.name, c.slug)
            self.community.setCurrentIndex(max(self.community.findData(chosen), 0) if chosen else 0)
        finally:
            self.community.blockSignals(False)

    # --- loading ------------------------------------------------------------------------------------------
    def go(self, weeks: int) -> None:
        self.week = shift_week(self.week, weeks)
        self.load()

    def load(self) -> None:
        """Fetch the chosen week (the newest request wins: an older answer arriving late is ignored)."""
        self._show_week()
        self.message.show_note(self.tr("Fetching the digest…"))
        self._call.run(self._fetch_for, self.week, self.community.currentData())

    def _fetch_for(self, week: str, community: str | None) -> tuple[str, str | None, Any]:
        return week, community, self._fetch(week, community)

    def _on_fetched(self, result: tuple[str, str | None, Any]) -> None:
        week, community, fetched = result
        if (week, community) != (self.week, self.community.currentData()):
            return
        self.shown = fetched
        self.text.setHtml(digest_html(fetched.digest))
        if fetched.offline_reason:
            from PySide6.QtCore import QDateTime, QLocale

            moment = QDateTime.fromSecsSinceEpoch(int(fetched.fetched_at.timestamp()))
            at = QLocale().toString(moment, QLocale.FormatType.ShortFormat)
            self.message.show_note(
                self.tr("Offline: this is the copy fetched {at}. ({reason})").format(
                    at=at, reason=fetched.offline_reason
                )
            )
        else:
            self.message.clear_message()

    def _on_failed(self, message: str) -> None:
        self.shown = None
        self.text.clear()
        self.message.show_error(message)

    def _show_week(self) -> None:
        self.week_label.setText(self.tr("Week {week}").format(week=self.week))
        self.next.setEnabled(self.week < week_of(utc_now()))

    # --- saving -------------------------------------------------------------------------------------------
    def save_markdown(self) -> None:
        if self.shown is None:
            return
        suggested = file_name(self.shown.digest, self.community.currentData())
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save digest"), suggested, self.tr("Markdown (*.md)"))
        if path:
            self.write_markdown(path)

    def write_markdown(self, path: str) -> bool:
        try:
            from desktop.language import digest_words

            with open(path, "w", encoding="utf-8") as out:
                out.write(render_markdown(self.shown.digest, digest_words()))
        except OSError as exc:
            self.message.show_error(self.tr("Could not save {path}: {reason}").format(path=path, reason=exc.strerror))
            return False
        self.message.show_note(self.tr("Saved {path}").format(path=path))
        return True

    def present(self) -> None:
        self.show()
        self.raise_()
        self.activateWindow()
        self.load()
