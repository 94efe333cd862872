"""BackgroundCall: run one slow call (network, disk) off the UI thread and get its outcome back as a signal."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, Signal

from desktop.errors import PalauteError

log = logging.getLogger(__name__)


class BackgroundCall(QObject):
    """Signals: `succeeded(object)` with the result, `failed(str)` with a sentence for the user.

    The call must not touch widgets; the signals are delivered on the UI thread (queued), where they may.
    """

    succeeded = Signal(object)
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._running = False

    def busy(self) -> bool:
        return self._running

    def run(self, call: Callable[..., Any], *args: Any) -> None:
        # Qt's own pool, not a Python daemon thread: Qt waits for its threads when the application ends,
        # whereas a daemon thread still emitting while the interpreter shuts down crashes PySide.
        self._running = True
        QThreadPool.globalInstance().start(lambda: self._work(call, args))

    def _work(self, call: Callable[..., Any], args: tuple) -> None:
        try:
            result = call(*args)
        except PalauteError as error:
            self._tell(self.failed, error.user_message)
        except Exception:
            log.exception("Background call %s failed", getattr(call, "__name__", call))
            self._tell(self.failed, "Something went wrong inside Palaute (a bug); details are in the log.")
        else:
            self._tell(self.succeeded, result)
        finally:
            self._running = False

    @staticmethod
    def _tell(signal: Any, value: Any) -> None:
        try:
            signal.emit(value)
        except RuntimeError:  # the window that asked was closed and deleted meanwhile: nobody to tell
            log.debug("Background call finished after its receiver was deleted")
