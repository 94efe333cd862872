"""Logging to a rotating file in the user's log folder, and a hook so that no failure is silent.

The tray app starts with a plain file handler on the same file and swaps in the rotating one once the tray is
up (`start_rotating`): `logging.handlers` brings pickle and queue (8 modules, ~2 ms warm, each a file to read
when cold), and the few lines of a start make no difference to when the file rotates.
"""

from __future__ import annotations

import io
import logging
import sys
import threading
from pathlib import Path
from types import TracebackType

from privacy.files import private_dir, private_opener

LOG_FILENAME = "palaute.log"
_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s"

log = logging.getLogger("palaute")


def setup_logging(
    log_dir: Path, *, level: int = logging.INFO, console: bool = False, rotate: bool = True
) -> Path | None:
    """Send logs to log_dir/palaute.log (rotated at 1 MiB, 5 kept); returns the file, or None if unusable.

    A windowed app has no console, so the file is the only trace of a failure in the field. If the folder
    cannot be written (read-only home), the app still runs and logs to stderr instead. With rotate=False the
    file is not rotated until `start_rotating()` (the tray app calls it once the tray is up).
    """
    root = logging.getLogger()
    root.setLevel(level)
    path: Path | None = None
    try:
        private_dir(log_dir)
        path = log_dir / LOG_FILENAME
        handler: logging.Handler = _rotating_handler(path) if rotate else _PrivateFileHandler(path, encoding="utf-8")
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


def start_rotating() -> None:
    """Swap the start's plain file handler for the rotating one (nothing to do when it rotates already)."""
    root = logging.getLogger()
    for plain in [h for h in root.handlers if type(h) is _PrivateFileHandler]:
        rotating = _rotating_handler(Path(plain.baseFilename))
        rotating.setFormatter(plain.formatter)
        rotating.setLevel(plain.level)
        # Added before the plain one goes: a line logged meanwhile by another thread is not lost.
        root.addHandler(rotating)
        root.removeHandler(plain)
        plain.close()


class _PrivateFileHandler(logging.FileHandler):
    """The start's handler, until `start_rotating`."""

    def _open(self) -> io.TextIOWrapper:
        return _private_stream(self)


def _rotating_handler(path: Path) -> logging.Handler:
    from logging.handlers import RotatingFileHandler

    class PrivateRotatingFileHandler(RotatingFileHandler):
        def _open(self) -> io.TextIOWrapper:
            return _private_stream(self)

    return PrivateRotatingFileHandler(path, maxBytes=1_048_576, backupCount=5, encoding="utf-8")


def _private_stream(handler: logging.FileHandler) -> io.TextIOWrapper:
    """Log files readable by the user only: a log line may name a customer's case or quote an error about one."""
    stream = open(
        handler.baseFilename, handler.mode, encoding=handler.encoding, errors=handler.errors, opener=private_opener
    )
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
