"""Guards against a Qt binding release that mismanages reference counts (PySide6 6.12.0 did: see pyproject)."""

from __future__ import annotations

import sys

from PySide6.QtGui import QSyntaxHighlighter, QTextDocument
from PySide6.QtWidgets import QWidget


class _Overrides(QWidget):
    def changeEvent(self, event):  # a void virtual, overridden in Python as the app's windows do
        super().changeEvent(event)


class _Highlighter(QSyntaxHighlighter):
    def highlightBlock(self, text):
        self.setFormat(0, min(1, len(text)), self.format(0))


def test_calls_into_python_overrides_keep_none_and_bools_alive(qapp):
    widget = _Overrides()
    document = QTextDocument()
    highlighter = _Highlighter(document)
    before = (sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False))
    for n in range(300):
        widget.setWindowTitle(str(n))
        document.setPlainText("x" * (n + 1))
        qapp.processEvents()
    after = (sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False))
    # Each lost reference shows as a drop; a healthy binding stays within a handful either way.
    assert all(abs(a - b) < 50 for a, b in zip(after, before, strict=True)), (before, after)
    del highlighter
