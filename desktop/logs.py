"""Logging to a rotating file in the user's log folder, and a hook so that no failure is silent."""

from __future__ import annotations

import io
import logging
import logging.handlers
import sys
import threading
from pathlib import Path
from types import TracebackType

from privacy.files import private_dir, private_opener

LOG_FILENAME = "palaute.log"
_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s"

log = logging.getLogger("palaute")


def setup_logging(log_dir: Path, *, level: int = logging.INFO, console: bool = False) -> Path | None:
    """Send logs to log_dir/palaute.log (rotated at 1 MiB, 5 kept); returns the file, or None if unusable.

    A windowed app has no console, so the file is the only trace of a failure in the field. If the folder
    cannot be written (read-only home), the app still runs and logs to stderr instead.
    """
    root = logging.getLogger()
    root.setLevel(level)
    path: Path | None = None
    try:
        private_dir(log_dir)
        handler: logging.Handler = _PrivateRotatingFileHandler(
            log_dir / LOG_FILENAME, maxBytes=1_048_576, backupCount=5, encoding="utf-8"
        )
        path = log_dir / LOG_FILENAME
    except OSError as exc:
        handler, path = logging.StreamHandler(sys.stderr), None
        console = False
        from desktop.language import _

        words = _("Palaute cannot write its log in {folder} ({reason}); logging to the terminal.")
        print(words.format(folder=log_dir, reason=exc.strerror), file=sys.stderr)
    handler.setFormatter(logging.Formatter(_FORMAT))
    root.addHandler(handler)
    if console:
        stream = logging.StreamHandler(sys.stderr)
        stream.setLevel(logging.WARNING)
        stream.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
        root.addHandler(stream)
    install_exception_hooks()
    return path


class _PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """Log files readable by the user only: a log line may name a customer's case or quote an error about one."""

    def _open(self) -> io.TextIOWrapper:
        stream = open(self.baseFilename, self.mode, encoding=self.encoding, errors=self.errors, opener=private_opener)
        # The handler's mode is always a text mode ("a" or "w"): open() then gives a TextIOWrapper.
        assert isinstance(stream, io.TextIOWrapper)
        return stream


def install_exception_hooks() -> None:
    """Log uncaught exceptions from the main thread and from worker threads before anything else happens."""
    previous = sys.excepthook

    def on_exception(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if not issubclass(exc_type, KeyboardInterrupt):
            log.critical("Uncaught exception", exc_info=(exc_type, exc, tb))
        previous(exc_type, exc, tb)

    def on_thread_exception(args: threading.ExceptHookArgs) -> None:
        log.critical(
            "Uncaught exception in thread %s",
            getattr(args.thread, "name", "?"),
            # The exception carries its traceback; logging unpacks it as (type, value, traceback).
            exc_info=args.exc_value,
        )

    sys.excepthook = on_exception
    threading.excepthook = on_thread_exception
