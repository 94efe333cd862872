"""Duplicate hints in the capture window: what the rep's community already reported, while they type.

The look-up (`Store.similar`, ranked full-text search with stemming, a few milliseconds on 100,000 insights)
runs off the UI thread HINT_DELAY_MS after typing pauses; only the newest text's answer is shown, so typing is
never slowed down. Alt+1..3 (or Enter on a hint) says "same here" on that insight instead of saving a new one.
Each hint is two lines: its text, then "Planned · 2 customers · by anna", each cut to the list's width with
"…" (the full text is the tooltip), so nothing needs a horizontal scroll bar. The first look-up loads the
model and the vectors (`Store.prepare_hints`), off the UI thread too, when the window is first shown.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QPlainTextEdit, QVBoxLayout, QWidget

from desktop.ui.background import BackgroundCall
from desktop.ui.labels import customers_label, status_label

HINT_DELAY_MS = 300
MIN_CHARS = 12  # fewer characters rarely say enough to find a duplicate; hints would only flicker
MAX_HINTS = 3
# A hint this close is "a strong match": Ctrl+Enter first asks whether "same here" was meant. Chosen on the
# tuning half of bench/data/hints: at or above it the first hint was the right insight for 49 of 51 queries.
STRONG_SCORE = 0.5


class DuplicateHints(QWidget):
    """The list under the text; hidden while there is nothing similar.

    Signals: `chosen(str)` with the insight id the rep picked for "same here"; `shown(int)` with how many
    hints are listed (0 when hidden).
    """

    chosen = Signal(str)
    shown = Signal(int)

    def __init__(self, editor: QPlainTextEdit, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("duplicateHints")
        self._editor = editor
        self._store: Any = None
        self._asked = ""  # the text of the look-up running now
        self._wanted = ""  # the text to look up when it is done
        self.hints: list[Any] = []
        self._timer = QTimer(self, singleShot=True, interval=HINT_DELAY_MS)
        self._timer.timeout.connect(self._look_up)
        self._call = BackgroundCall(self)
        self._call.succeeded.connect(self._on_result)
        self._call.failed.connect(self._on_failed)
        self._warm = BackgroundCall(self)  # failures are logged by BackgroundCall; hints then use words alone
        self._build()
        editor.textChanged.connect(self._on_typed)
        for n in range(1, MAX_HINTS + 1):
            QShortcut(
                QKeySequence(f"Alt+{n}"),
                parent,
                lambda n=n: self.choose(n - 1),
                context=Qt.ShortcutContext.WindowShortcut,
            )
        self.retranslate()
        self.setVisible(False)

    def _build(self) -> None:
        self.title = QLabel(self)
        self.title.setObjectName("hintsTitle")
        self.title.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setObjectName("hintsList")
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.setWordWrap(False)
        self.list.setUniformItemSizes(True)
        self.list.itemActivated.connect(lambda item: self.choose(self.list.row(item)))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.list)

    def retranslate(self) -> None:
        self.title.setText(
            self.tr(
                "Already reported? Alt+1…3 (or Enter on one) adds “same here” with this "
                "call's customer and impact instead of a new insight."
            )
        )
        self.list.setAccessibleName(self.tr("Similar insights"))
        self.list.setAccessibleDescription(self.title.text())
        self._fill()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_store(self, store: Any) -> None:
        self._store = store
        self._on_typed()

    def clear(self) -> None:
        self._timer.stop()
        self._wanted = ""
        self._show([])

    def strong_match(self) -> Any:
        """The best hint when it is close enough to ask before saving a near-copy, else None."""
        if self.isVisible() and self.hints and self.hints[0].score >= STRONG_SCORE:
            return self.hints[0]
        return None

    def prepare(self) -> None:
        """Load the model and the vectors (first time), and find texts changed by sync, in the background."""
        if self._store is not None and not self._warm.busy():
            self._warm.run(self._store.prepare_hints)

    def choose(self, index: int) -> None:
        if self.isVisible() and 0 <= index < len(self.hints):
            self.chosen.emit(self.hints[index].insight.id)

    # --- looking up -------------------------------------------------------------------------------------
    def _on_typed(self) -> None:
        text = self._editor.toPlainText()
        if len(text.strip()) < MIN_CHARS:
            self.clear()
            return
        self._wanted = text
        self._timer.start()

    def _look_up(self) -> None:
        if self._store is None or not self._wanted:
            return
        if self._call.busy():
            self._timer.start()  # one look-up at a time: try again when this one has surely ended
            return
        self._asked = self._wanted
        store = self._store
        self._call.run(lambda text: store.similar(text, limit=MAX_HINTS), self._asked)

    def _on_result(self, hints: list) -> None:
        if self._wanted == self._asked:
            self._show(hints)
        elif self._wanted:
            self._timer.start()  # typed on meanwhile: this answer is stale, ask again for the newest text

    def _on_failed(self, _message: str) -> None:
        # Hints are a help, never in the way: a failed look-up just shows none (the log has the details).
        self._show([])

    # --- showing ----------------------------------------------------------------------------------------
    def _show(self, hints: list) -> None:
        self.hints = list(hints)[:MAX_HINTS]
        self._fill()
        self.setVisible(bool(self.hints))
        self.shown.emit(len(self.hints))

    def _fill(self) -> None:
        self.list.clear()
        for n, hint in enumerate(self.hints, start=1):
            item = QListWidgetItem(self._describe(n, hint.insight), self.list)
            item.setToolTip(hint.insight.text)
            item.setData(Qt.ItemDataRole.UserRole, hint.insight.id)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, item.text().replace("\n", ". "))

    def _describe(self, n: int, insight: Any) -> str:
        """Two lines: "Alt+1  <the text>", then "Planned · 2 customers · by anna" (the view elides each)."""
        first = " ".join(insight.text.split())
        first = first if len(first) <= 200 else first[:199] + "…"  # the view cuts it to width; this bounds the work
        backing = customers_label(insight.customers)
        who = self.tr("yours") if self._is_own(insight) else self.tr("by {author}").format(author=insight.author)
        return f"Alt+{n}  {first}\n{status_label(insight.status)} · {backing} · {who}"

    def _is_own(self, insight: Any) -> bool:
        try:
            return bool(self._store is not None and self._store.is_own(insight))
        except Exception:  # a hint's byline is not worth an error
            return False
