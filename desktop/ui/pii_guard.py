"""Personal data in the capture window: highlighted while the rep types, listed with a "keep" choice each.

Detection runs 250 ms after typing stops (≈1 ms for a 2,000-character note), never on every key press, so
typing stays as fast as without it. What is found is masked when the insight is saved (the store does it),
unless the rep ticks "keep as typed" for that item; the store records what was kept.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QSyntaxHighlighter, QTextCharFormat
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QListWidgetItem, QPlainTextEdit, QVBoxLayout, QWidget

from privacy import Finding

DETECT_DELAY_MS = 250


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
    """The list under the text: each finding with "keep as typed" (unticked: masked on save).

    Signals: `findings_changed(int)` with how many items were found (the window shows or hides the list).
    """

    findings_changed = Signal(int)

    def __init__(self, editor: QPlainTextEdit, customer: QLineEdit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor, self.customer = editor, customer
        self.highlighter = PiiHighlighter(editor)
        self.findings: list[Finding] = []  # in the text, then in the customer reference
        self._in_text: list[Finding] = []
        self._kept: set[str] = set()
        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setObjectName("piiFindings")
        self.list.setMaximumHeight(90)
        self.heading.setBuddy(self.list)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.list)
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
        self.heading.setText(
            self.tr(
                "Personal data found: it is masked when you save. Tick an item to keep it "
                "as typed (only when the product team really needs it)."
            )
        )
        self.list.setAccessibleName(self.tr("Personal data found"))

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
            kind = self._kind_words(str(finding.kind))
            item = QListWidgetItem(
                self.tr("Keep as typed: {kind} {value} (saved as “{masked}”)").format(
                    kind=kind, value=finding.value, masked=finding.masked
                )
            )
            item.setData(Qt.ItemDataRole.UserRole, finding.key)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if finding.key in self._kept else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        self.list.blockSignals(False)

    def _on_item_changed(self, item: QListWidgetItem) -> None:
        key = item.data(Qt.ItemDataRole.UserRole)
        if item.checkState() == Qt.CheckState.Checked:
            self._kept.add(key)
        else:
            self._kept.discard(key)
        self.highlighter.show(self.editor.toPlainText(), self._in_text, self._kept)

    def _kind_words(self, kind: str) -> str:
        words = {
            "card": self.tr("card number"),
            "iban": self.tr("IBAN"),
            "email": self.tr("e-mail address"),
            "phone": self.tr("phone number"),
        }
        return words.get(kind, self.tr("national identity number"))
