"""Sync's state as the tray shows it, and the callbacks that report it (light: no HTTP, no pydantic)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from desktop.domain import Notice


class State(StrEnum):
    SIGNED_OUT = "signed_out"
    IDLE = "idle"
    SYNCING = "syncing"
    OFFLINE = "offline"
    ERROR = "error"
    PAUSED = "paused"


@dataclass(frozen=True)
class SyncStatus:
    state: State
    message: str | None = None
    outbox: int = 0
    progress: tuple[int, int] | None = None  # (sent, total) while a backlog drains


@dataclass
class Callbacks:
    status: Callable[[SyncStatus], None] = lambda status: None
    notices: Callable[[list[Notice]], None] = lambda notices: None
