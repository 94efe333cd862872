"""One running app per data folder: a QLockFile decides (QtCore only, so a second process exits fast)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QLockFile

from desktop.platform.instance_client import lock_path


class InstanceLock:
    """The per-data-folder lock; a lock left by a killed process is recognised (dead PID) and taken over."""

    def __init__(self, paths: Any) -> None:
        path = lock_path(paths)
        path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = QLockFile(str(path))
        # Qt's default also calls a lock older than 30 s stale even while its owner lives; only a dead
        # owner may lose it here, however long the app has been running.
        self._lock.setStaleLockTime(0)

    def try_acquire(self) -> bool:
        return self._lock.tryLock(0)

    def owner_pid(self) -> int | None:
        info = self._lock.getLockInfo()  # PySide6 returns (pid, hostname, appname), pid 0 when unreadable
        pid = info[0] if isinstance(info, tuple) and info else 0
        return int(pid) or None

    def release(self) -> None:
        self._lock.unlock()
