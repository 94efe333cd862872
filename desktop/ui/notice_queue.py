"""NoticeQueue: one tray notification per reply or status change, shown one after another, never twice."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.domain import Notice

SHOW_EACH_MS = 6_000  # long enough to read a line; the tray shows one message at a time


class NoticeQueue(QObject):
    """Signals: `open_requested(str)` with the insight id when the rep clicks the notification on screen."""

    open_requested = Signal(str)

    def __init__(
        self,
        show: Callable[[str, str], None],
        mark_shown: Callable[[list[Notice]], None],
        parent: QObject | None = None,
        *,
        interval_ms: int = SHOW_EACH_MS,
    ) -> None:
        super().__init__(parent)
        self._show = show
        self._mark_shown = mark_shown
        self._waiting: list[Notice] = []
        self._known: set[int] = set()
        self.current: Notice | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._next)

    def add(self, notices: list[Notice]) -> None:
        fresh = [n for n in notices if n.id not in self._known]
        self._known.update(n.id for n in fresh)
        self._waiting.extend(fresh)
        if fresh and not self._timer.isActive():
            self._next()

    def clicked(self) -> None:
        if self.current is not None:
            self.open_requested.emit(self.current.insight_id)

    def _next(self) -> None:
        self.current = None
        if not self._waiting:
            return
        notice = self._waiting.pop(0)
        self._show(notice.title, notice.body)
        # Marked once on screen: a crash before this shows it again after restart, never twice after.
        self._mark_shown([notice])
        self.current = notice
        self._timer.start()
