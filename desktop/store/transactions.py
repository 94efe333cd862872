"""Short transactions on the local database: one per call, SQLite's errors turned into StoreErrors in words."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from sqlalchemy import Engine, event
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from desktop.store.database import WRITER_OPTION, translate_error
from desktop.store.models import OutboxRow
from desktop.store.queued import QUEUED, note_queued

log = logging.getLogger(__name__)
T = TypeVar("T")


def _note_queued(session: Session, _context: object, _instances: object) -> None:
    if any(isinstance(obj, OutboxRow) for obj in session.new):
        note_queued(session)


class Transactions:
    """What the Store and the SyncLedger share: a reader and a writer (`BEGIN IMMEDIATE`) on one engine, and
    the listeners told after each committed write that queued a change for sync."""

    def __init__(self, engine: Engine, db_path: Path) -> None:
        self.db_path = db_path
        self._reader = sessionmaker(engine, expire_on_commit=False)
        self._writer = sessionmaker(engine.execution_options(**{WRITER_OPTION: True}), expire_on_commit=False)
        event.listen(self._writer, "before_flush", _note_queued)
        self.queued_listeners: list[Callable[[], None]] = []

    def read(self, work: Callable[[Session], T]) -> T:
        with self._translated(), self._reader() as session:
            return work(session)

    def write(self, work: Callable[[Session], T]) -> T:
        with self._translated():
            with self._writer.begin() as session:
                result = work(session)
            queued = session.info.pop(QUEUED, False)  # read after the commit's own flush
        if queued:  # committed: now the sync loop may look
            for listener in self.queued_listeners:
                try:
                    listener()
                except Exception:  # a listener's bug must not turn a saved change into an error
                    log.exception("outbox listener failed")
        return result

    @contextmanager
    def _translated(self) -> Iterator[None]:
        try:
            yield
        except DBAPIError as exc:
            error = translate_error(exc, self.db_path)
            log.error("Store operation failed: %s", exc.orig)
            raise error from exc
