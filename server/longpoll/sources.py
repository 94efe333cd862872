"""How a process hears of committed changes: PostgreSQL LISTEN/NOTIFY, or (SQLite) its own commits plus a
look at the feed counter for commits made by other processes."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Any, LiteralString

import psycopg
from psycopg import sql
from sqlalchemy.engine import make_url
from starlette.concurrency import run_in_threadpool

from server.db import Database
from server.longpoll.hub import Hub
from server.services import feed
from server.services.audience import CHANNEL_SQL, AccessChange, Notice

log = logging.getLogger("palaute.server.longpoll")
# A listener whose network path silently died is noticed within about half a minute.
KEEPALIVE: dict[str, Any] = {"keepalives": 1, "keepalives_idle": 10, "keepalives_interval": 5, "keepalives_count": 3}
RECONNECT_MAX_SECONDS = 10.0


def source_for(db: Database, hub: Hub, watch_interval: float) -> Listener | CommitWatch:
    return CommitWatch(db, hub, watch_interval) if db.is_sqlite else Listener(db, hub)


class Listener:
    """PostgreSQL: LISTEN on the schema's feed channel; every worker on every host hears every commit."""

    def __init__(self, db: Database, hub: Hub) -> None:
        url = make_url(db.url).set(drivername="postgresql")
        self._conninfo = url.render_as_string(hide_password=False)
        self._hub = hub
        self._task: asyncio.Task[None] | None = None
        self.connected = asyncio.Event()

    async def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="feed-listener")
        # Serve at once even if the database is slow to answer; long-polls then re-read when it connects.
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(5):
                await self.connected.wait()

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def _run(self) -> None:
        delay = 0.25
        while True:
            try:
                await self._listen()
            except (psycopg.Error, OSError) as error:
                self.connected.clear()
                log.warning("feed listener lost its database connection (%s); retrying in %.1f s", error, delay)
            await asyncio.sleep(delay)
            delay = min(delay * 2, RECONNECT_MAX_SECONDS)

    async def _listen(self) -> None:
        async with await psycopg.AsyncConnection.connect(self._conninfo, autocommit=True, **KEEPALIVE) as conn:
            channel = await _value(conn, f"SELECT {CHANNEL_SQL}")
            await conn.execute(sql.SQL("LISTEN {}").format(sql.Identifier(channel)))
            # Read after LISTEN: a commit between the two is heard and then skipped as already seen.
            position = await _value(conn, "SELECT value FROM feed_counter WHERE id = 1")
            self._hub.restart(position)
            self.connected.set()
            async for note in conn.notifies():
                try:
                    self._hub.heard(Notice.decode(note.payload))
                except ValueError:
                    log.warning("ignored a malformed feed notice on %s", channel)


async def _value(conn: psycopg.AsyncConnection[Any], query: LiteralString) -> Any:
    """The one value a one-row query answers."""
    row = await (await conn.execute(query)).fetchone()
    if row is None:
        raise psycopg.DataError(f"no row for {query}")
    return row[0]


class CommitWatch:
    """SQLite: this process's commits are heard as they happen; others' (more workers, admin commands) by a
    look at the one-row feed counter every `interval` while anyone waits (within two looks)."""

    def __init__(self, db: Database, hub: Hub, interval: float) -> None:
        self._db, self._hub, self._interval = db, hub, interval
        self._database = db.engine.url.database
        self._loop: asyncio.AbstractEventLoop | None = None
        self._task: asyncio.Task[None] | None = None
        self._stopping = asyncio.Event()

    async def start(self) -> None:
        self._loop = asyncio.get_running_loop()
        feed.on_commit.append(self._committed)
        self._hub.restart(await run_in_threadpool(self._read))
        self._task = asyncio.create_task(self._run(), name="feed-counter-watch")

    async def stop(self) -> None:
        with contextlib.suppress(ValueError):
            feed.on_commit.remove(self._committed)
        self._stopping.set()
        if self._task is not None:
            # Not cancelled: a read running in a worker thread must finish before the engine is disposed.
            await self._task

    def _committed(self, database: str | None, notice: Notice | AccessChange) -> None:
        loop = self._loop
        if database == self._database and loop is not None and not loop.is_closed():
            loop.call_soon_threadsafe(self._hub.heard, notice)

    async def _run(self) -> None:
        unexplained = False
        while not self._stopping.is_set():
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(self._interval):
                    await self._stopping.wait()
                    return
            if not self._hub.waiting:
                unexplained = False
                continue
            try:
                seq = await run_in_threadpool(self._read)
            except Exception:  # database briefly unusable: the long-polls time out on their own
                continue
            known = max(self._hub.heard_upto, self._hub.position or 0)
            # A commit of this process is announced right after it; only a move still unexplained at the next
            # look is another process's (so an own commit racing this look never costs a read for everyone).
            if seq > known and unexplained:
                self._hub.heard(Notice(known + 1, seq, everyone=True))
            unexplained = seq > known

    def _read(self) -> int:
        with self._db.read() as session:
            return feed.last_seq(session)
