"""How the delivery process hears that a web worker (or an admin command, or another host) committed outbox rows.

Its own commits never write any, so without this it would see new messages only at its next poll
(`webhook_poll_interval`). Each watch runs in a thread of its own and calls `wake` (the deliverer's, safe
from any thread):
- PostgreSQL: LISTEN on the outbox channel; the committing transaction NOTIFYs it (services/events.py), so the
  wake-up comes with the commit, from any process on any host.
- SQLite: every `webhook_watch_interval` (50 ms), `PRAGMA data_version` on a connection of its own, which
  changes when another connection committed; only then a look for a due message (one indexed row). Two cheap
  reads per interval, no write lock, so pushes never wait on it.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import threading
import time
from collections.abc import Callable
from typing import Protocol

import psycopg
from psycopg import sql
from sqlalchemy import select
from sqlalchemy.engine import make_url

from server.db import Database
from server.longpoll.sources import KEEPALIVE, RECONNECT_MAX_SECONDS
from server.models import WebhookMessage, utcnow
from server.services.events import OUTBOX_CHANNEL_SQL

log = logging.getLogger("palaute.server.webhooks")


class Watch(Protocol):
    def start(self) -> None: ...

    def stop(self) -> None: ...


def watch_for(db: Database, wake: Callable[[], None], interval: float) -> Watch:
    return CommitWatch(db, wake, interval) if db.is_sqlite else OutboxListener(db, wake)


class OutboxListener:
    """PostgreSQL: LISTEN on the schema's outbox channel; reconnects (and wakes once, for what it may have
    missed meanwhile) when the connection is lost."""

    def __init__(self, db: Database, wake: Callable[[], None]) -> None:
        url = make_url(db.url).set(drivername="postgresql")
        self._conninfo = url.render_as_string(hide_password=False)
        self._wake = wake
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._run, name="webhook-outbox-listener", daemon=True)
        self.listening = threading.Event()

    def start(self) -> None:
        self._thread.start()
        self.listening.wait(5)  # deliver at once even if the database is slow to answer

    def stop(self) -> None:
        self._stopping.set()
        self._thread.join(5)

    def _run(self) -> None:
        delay = 0.25
        while not self._stopping.is_set():
            try:
                self._listen()
            except (psycopg.Error, OSError) as error:
                self.listening.clear()
                log.warning("outbox listener lost its database connection (%s); retrying in %.1f s", error, delay)
            self._stopping.wait(delay)
            delay = min(delay * 2, RECONNECT_MAX_SECONDS)

    def _listen(self) -> None:
        with psycopg.connect(self._conninfo, autocommit=True, **KEEPALIVE) as conn:
            row = conn.execute(f"SELECT {OUTBOX_CHANNEL_SQL}").fetchone()
            if row is None:
                raise psycopg.DataError("no outbox channel name")
            conn.execute(sql.SQL("LISTEN {}").format(sql.Identifier(row[0])))
            self.listening.set()
            self._wake()  # a commit before LISTEN was not heard
            while not self._stopping.is_set():
                # Ends after the timeout when nothing came, to look at the stop flag.
                for _ in conn.notifies(timeout=0.5):
                    self._wake()


class CommitWatch:
    """SQLite: look at `PRAGMA data_version` every `interval`; when another connection committed since the
    last look and a message is due, wake the deliverer."""

    def __init__(self, db: Database, wake: Callable[[], None], interval: float) -> None:
        self._db, self._wake, self._interval = db, wake, interval
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._run, name="webhook-commit-watch", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stopping.set()
        self._thread.join(5)

    def _run(self) -> None:
        path = make_url(self._db.url).database or ""
        # Its own connection, outside the pool: data_version compares commits with this connection's last look.
        with contextlib.closing(sqlite3.connect(path, isolation_level=None, timeout=30)) as connection:
            seen = None
            while not self._stopping.wait(self._interval):
                try:
                    version = connection.execute("PRAGMA data_version").fetchone()[0]
                    if version != seen and self._due():
                        self._wake()
                    seen = version
                except Exception:  # the database briefly unusable: the deliverer's own poll goes on
                    log.warning("webhook commit watch could not read the database", exc_info=True)
                    time.sleep(1)

    def _due(self) -> bool:
        with self._db.read() as session:
            found = session.scalar(select(WebhookMessage.id).where(WebhookMessage.next_attempt_at <= utcnow()).limit(1))
        return found is not None
