"""Folders and files only their owner can read: where customers' words are kept on disk (POSIX modes).

A file is created with the process's umask, commonly 022: readable by every local user. The modes are given
at creation instead (os.open, mkdir), not by changing the umask, which is process-wide and would race with
other threads. SQLite creates a database's -wal and -shm files with the database file's own mode, so a
database file made private first keeps its WAL files private too. Windows keeps each user's profile folders
private by their access lists; POSIX modes mean little there, so nothing is changed.
"""

from __future__ import annotations

import os
from pathlib import Path

PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600
_POSIX = os.name == "posix"


def private_dir(path: Path) -> None:
    """Create the folder (parents as usual) readable by its owner only; an existing one is made so."""
    path.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR)
    if _POSIX:
        _tighten(path, PRIVATE_DIR)


def private_file(path: Path) -> None:
    """Create the file empty if missing, readable by its owner only; an existing one is made so (its WAL files too).

    Never raises for a file that cannot be opened or changed (a read-only folder, another owner): whoever
    opens the file next reports that in words.
    """
    if not _POSIX:
        return
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT, PRIVATE_FILE)  # no O_TRUNC: an existing file stays whole
    except OSError:
        _tighten(path, PRIVATE_FILE)
        return
    try:
        _narrow(fd, PRIVATE_FILE)
    finally:
        os.close(fd)
    for suffix in ("-wal", "-shm", "-journal"):
        _tighten(Path(f"{path}{suffix}"), PRIVATE_FILE)


def private_opener(path: str, flags: int) -> int:
    """An `opener` for open(): a file it creates is readable by its owner only, an existing one made so."""
    fd = os.open(path, flags, PRIVATE_FILE)
    if _POSIX:
        _narrow(fd, PRIVATE_FILE)
    return fd


def make_private(path: Path) -> None:
    """Make an existing file (e.g. one renamed aside) readable by its owner only, if it exists."""
    if _POSIX:
        _tighten(path, PRIVATE_FILE)


# Both only take permissions away (0644 -> 0600, 0444 -> 0400): a file made read-only on purpose stays so.


def _tighten(path: Path, mode: int) -> None:
    try:
        current = path.stat().st_mode & 0o777
        if current & ~mode:
            os.chmod(path, current & mode)
    except OSError:
        pass  # missing, or not ours to change (another owner, a read-only file system)


def _narrow(fd: int, mode: int) -> None:
    try:
        current = os.fstat(fd).st_mode & 0o777
        if current & ~mode:
            os.fchmod(fd, current & mode)
    except OSError:
        pass
