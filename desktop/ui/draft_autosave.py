"""Debounced draft saving: written once typing pauses, and at once when the window hides or the app ends."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.domain import Draft
from desktop.errors import PalauteError

log = logging.getLogger(__name__)
DEFAULT_DELAY_MS = 400  # with the write itself (~1 ms) this keeps the ~500 ms promise of the issue


class DraftAutosave(QObject):
    """Calls `sink(source())` `delay_ms` after the last `touch()`; `flush()` writes a pending draft now.

    Signals:
        failed(str): the draft could not be written; the sentence says why (the text stays in the window).
        saved(): a draft was written.
    """

    failed = Signal(str)
    saved = Signal()

    def __init__(
        self,
        source: Callable[[], Draft],
        sink: Callable[[Draft], None] | None = None,
        delay_ms: int = DEFAULT_DELAY_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._source = source
        self._sink = sink
        self._dirty = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.flush)

    @property
    def pending(self) -> bool:
        return self._dirty

    def set_sink(self, sink: Callable[[Draft], None] | None) -> None:
        """Until the store is open there is no sink; edits stay pending and are written once it arrives."""
        self._sink = sink
        if sink is not None and self._dirty:
            self._timer.start()

    def touch(self) -> None:
        self._dirty = True
        self._timer.start()  # restarting the timer is the debounce

    def discard(self) -> None:
        """The draft became an insight: nothing is pending any more."""
        self._dirty = False
        self._timer.stop()

    def flush(self) -> bool:
        """Write the pending draft now; True when nothing is left pending."""
        self._timer.stop()
        if not self._dirty:
            return True
        if self._sink is None:
            return False
        try:
            self._sink(self._source())
        except PalauteError as exc:
            log.warning("draft not saved: %s", exc.user_message)
            self.failed.emit(exc.user_message)
            return False
        self._dirty = False
        self.saved.emit()
        return True
