"""Opens the store off the start path: SQLAlchemy and migrations take longer than the whole tray start."""

from __future__ import annotations

import logging
import threading
from typing import Any

from PySide6.QtCore import QObject, Signal

from desktop.errors import PalauteError, store_open_crashed

log = logging.getLogger(__name__)


class StoreLoader(QObject):
    """Runs open_store in a thread; the result comes back on the UI thread through a queued signal.

    The store's engine allows use from another thread (check_same_thread off), and after the hand-over only
    the UI thread touches it.

    Signals:
        loaded(object): the open Store.
        failed(str): why it could not be opened, in words.
    """

    loaded = Signal(object)
    failed = Signal(str)

    def __init__(self, paths: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._paths = paths
        self._thread: threading.Thread | None = None
        self.store: Any = None
        self.error: str | None = None

    @property
    def started(self) -> bool:
        return self._thread is not None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="store-open", daemon=True)
        self._thread.start()

    def wait(self, timeout: float | None = None) -> Any:
        """Block until the store is open (for a request that cannot wait for the signal); None on failure."""
        if self._thread is not None:
            self._thread.join(timeout)
        return self.store

    def _run(self) -> None:
        try:
            from desktop.store import open_store

            self.store = open_store(self._paths)
        except PalauteError as exc:
            self.error = exc.user_message
        except Exception:  # a bug, but the tray must still say something instead of waiting forever
            log.exception("opening the store failed")
            self.error = store_open_crashed().user_message
        if self.store is not None:
            self.loaded.emit(self.store)
        else:
            self.failed.emit(self.error or "")
