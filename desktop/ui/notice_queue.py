"""NoticeQueue: tray notifications for replies and status changes, one insight at a time, never twice."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.domain import Notice
from desktop.ui.notice_text import describe

# How long the tray shows a notification is how long the queue waits before the next one: one number, or a
# click on a notice still on screen would open nothing (or the wrong thread).
from desktop.ui.tray import BALLOON_MS


class NoticeQueue(QObject):
    """Signals: `open_requested(str)` with the insight id when the rep clicks the notification shown."""

    open_requested = Signal(str)

    def __init__(
        self,
        show: Callable[[str, str], None],
        mark_shown: Callable[[list[Notice]], None],
        parent: QObject | None = None,
        *,
        interval_ms: int = BALLOON_MS,
    ) -> None:
        super().__init__(parent)
        self._show = show
        self._mark_shown = mark_shown
        self._waiting: list[Notice] = []
        self._known: set[int] = set()
        self.current: Notice | None = None  # the last one shown: a click opens its thread
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
        # The one on screen stays `current` until another replaces it: it can be clicked as long as it shows.
        if not self._waiting:
            return
        first = self._waiting[0]
        group = [n for n in self._waiting if n.insight_id == first.insight_id]  # a reply and a status change: one
        self._waiting = [n for n in self._waiting if n.insight_id != first.insight_id]
        self._show(*describe(group))
        # Marked once on screen: a crash before this shows it again after restart, never twice after.
        self._mark_shown(group)
        self.current = first
        self._timer.start()
