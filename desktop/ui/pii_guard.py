"""Personal data in the capture window: highlighted while the rep types, listed as compact chips.

Detection runs 250 ms after typing stops (≈1 ms for a 2,000-character note), never on every key press, so
typing stays as fast as without it. Each finding is a chip, "4111… → card ••••1111": masked when the insight
is saved (the store does it), unless the rep ticks the chip to keep it as typed; the store records what was
kept. The chips wrap in a box of fixed height, so the window never grows or jumps while the rep types.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QSyntaxHighlighter, QTextCharFormat
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from privacy import Finding

DETECT_DELAY_MS = 250
CHIP_ROWS = 2  # more findings than fit scroll inside the box


def _utf16(text: str, index: int) -> int:
    """Qt counts positions in UTF-16 units; Python in code points (an emoji is 2 units, 1 code point)."""
    return len(text[:index].encode("utf-16-le")) // 2


class PiiHighlighter(QSyntaxHighlighter):
    """Marks findings in the text: to be masked (warning colour, wavy line) or kept (dotted line)."""

    def __init__(self, editor: QPlainTextEdit) -> None:
        super().__init__(editor.document())
        self.spans: list[tuple[int, int, bool]] = []  # (start, end) in UTF-16 units, kept
        self.masked_format = QTextCharFormat()
        self.masked_format.setBackground(QBrush(QColor(255, 196, 0, 110)))
        self.masked_format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        self.masked_format.setUnderlineColor(QColor(200, 80, 0))
        self.masked_format.setToolTip(self.tr("Personal data: masked when the insight is saved"))
        self.kept_format = QTextCharFormat()
        self.kept_format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
        self.kept_format.setToolTip(self.tr("Personal data you chose to keep as typed"))

    def show(self, text: str, findings: list[Finding], kept: set[str]) -> None:
        spans = [(_utf16(text, f.start), _utf16(text, f.end), f.key in kept) for f in findings]
        if spans != self.spans:
            # Re-highlighting changes formats, which Qt reports as a text change: only when it matters.
            self.spans = spans
            self.rehighlight()

    def highlightBlock(self, text: str) -> None:
        block_start = self.currentBlock().position()
        block_end = block_start + len(text.encode("utf-16-le")) // 2
        for start, end, kept in self.spans:
            if end <= block_start or start >= block_end:
                continue
            first = max(start, block_start) - block_start
            self.setFormat(
                first, min(end, block_end) - block_start - first, self.kept_format if kept else self.masked_format
            )


class PiiGuard(QWidget):
    """The chips under the text: each finding, ticked to keep it as typed (unticked: masked on save).

    Hidden while nothing is found, keeping its place (the window lays out the same either way).

    Signals: `findings_changed(int)` with how many items were found.
    """

    findings_changed = Signal(int)

    def __init__(self, editor: QPlainTextEdit, customer: QLineEdit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("piiGuard")
        self.editor, self.customer = editor, customer
        self.highlighter = PiiHighlighter(editor)
        self.findings: list[Finding] = []  # in the text, then in the customer reference
        self._in_text: list[Finding] = []
        self._kept: set[str] = set()
        self.heading = QLabel(self)
        self.heading.setObjectName("piiHeading")
        self.list = QListWidget(self)
        self.list.setObjectName("piiFindings")
        self.list.setViewMode(QListView.ViewMode.ListMode)
        self.list.setFlow(QListView.Flow.LeftToRight)
        self.list.setWrapping(True)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setSpacing(2)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setStyleSheet(
            "QListWidget#piiFindings { border: none; background: transparent; }"
            "QListWidget#piiFindings::item { border: 1px solid rgba(200, 80, 0, 160); border-radius: 9px;"
            " padding: 1px 8px; background: rgba(255, 196, 0, 50); }"
        )
        row = self.list.fontMetrics().height() + 10
        self.list.setFixedHeight(CHIP_ROWS * row + 6)
        self.heading.setBuddy(self.list)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.heading)
        layout.addWidget(self.list)
        policy = self.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        policy.setVerticalPolicy(QSizePolicy.Policy.Fixed)
        self.setSizePolicy(policy)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DETECT_DELAY_MS)
        self.timer.timeout.connect(self.detect)
        self._seen = ("", "")
        editor.textChanged.connect(self._schedule)
        customer.textChanged.connect(self._schedule)
        self.list.itemChanged.connect(self._on_item_changed)
        self.retranslate()
        self.hide()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Masked when you save; tick one to keep it as typed:"))
        self.list.setAccessibleName(self.tr("Personal data found"))
        self.list.setAccessibleDescription(
            self.tr("Each item is masked when you save. Space ticks it to keep it as typed.")
        )
        if self.findings:
            self._fill_list()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _schedule(self) -> None:
        # textChanged also fires when only the highlighting changed: detect again only for new text.
        if (self.editor.toPlainText(), self.customer.text()) != self._seen:
            self.timer.start()

    def kept_keys(self) -> list[str]:
        """Keys of the items to keep, for Store.capture(keep_pii=...); run detection first if it is due."""
        if self.timer.isActive():
            self.timer.stop()
            self.detect()
        return sorted(self._kept & {f.key for f in self.findings})

    def masked_count(self) -> int:
        """How many items the next save masks (found and not kept)."""
        return len([f for f in self.findings if f.key not in self._kept])

    def clear(self) -> None:
        self._kept.clear()
        self.detect()

    def detect(self) -> None:
        from privacy import find_pii
        from privacy.saving import mask_customer_ref

        text = self.editor.toPlainText()
        self._seen = (text, self.customer.text())
        found = self._in_text = find_pii(text)
        self.highlighter.show(text, found, self._kept)
        ref = self.customer.text()
        ref_found = mask_customer_ref(ref).masked if ref.strip() else []
        self.findings = found + [f for f in ref_found if f.key not in {g.key for g in found}]
        self._fill_list()
        self.setVisible(bool(self.findings))
        self.findings_changed.emit(len(self.findings))

    def _fill_list(self) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for finding in self.findings:
            kept = finding.key in self._kept
            item = QListWidgetItem(self._chip(finding, kept))
            words = self.tr("{kind} {value}: saved as “{masked}”. Tick to keep it as typed.").format(
                kind=self._kind_words(str(finding.kind)), value=finding.value, masked=finding.masked
            )
            item.setToolTip(words)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, words)
            item.setData(Qt.ItemDataRole.UserRole, finding.key)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if kept else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        self.list.blockSignals(False)

    def _chip(self, finding: Finding, kept: bool) -> str:
        value = finding.value
        if kept:
            return self.tr("{value} (kept)").format(value=value)
        short = value if len(value) <= 8 else value[:4] + "…"
        return f"{short} → {finding.masked}"

    def _on_item_changed(self, item: QListWidgetItem) -> None:
        key = item.data(Qt.ItemDataRole.UserRole)
        if item.checkState() == Qt.CheckState.Checked:
            self._kept.add(key)
        else:
            self._kept.discard(key)
        self.highlighter.show(self.editor.toPlainText(), self._in_text, self._kept)
        finding = next((f for f in self.findings if f.key == key), None)
        if finding is not None:
            self.list.blockSignals(True)
            item.setText(self._chip(finding, key in self._kept))
            self.list.blockSignals(False)

    def _kind_words(self, kind: str) -> str:
        words = {
            "card": self.tr("Card number"),
            "iban": self.tr("IBAN"),
            "email": self.tr("E-mail address"),
            "phone": self.tr("Phone number"),
        }
        return words.get(kind, self.tr("National identity number"))
