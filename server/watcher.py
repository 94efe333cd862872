"""Wakes waiting long-polls when the feed moves, whichever process committed the change."""

from __future__ import annotations

import asyncio
import contextlib

from starlette.concurrency import run_in_threadpool

from server.db import Database
from server.services import feed


class FeedWatcher:
    """Polls the one-row feed counter (cheap) while someone waits; in-process commits wake at once."""

    def __init__(self, db: Database, interval: float) -> None:
        self._db = db
        self._interval = interval
        self._event = asyncio.Event()
        self._seen = -1
        self._waiters = 0
        self._task: asyncio.Task | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stopping = asyncio.Event()

    def start(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._task = asyncio.create_task(self._run())
        feed.on_commit.append(self._poke_threadsafe)

    async def stop(self) -> None:
        with contextlib.suppress(ValueError):
            feed.on_commit.remove(self._poke_threadsafe)
        self._stopping.set()
        if self._task is not None:
            # Not cancelled: a read running in a worker thread must finish before the engine is disposed.
            await self._task

    def subscribe(self) -> asyncio.Event:
        """Take this BEFORE reading the feed, so a change committed right after the read still wakes you."""
        return self._event

    async def wait(self, event: asyncio.Event, timeout: float, seen_seq: int) -> bool:
        """Wait until the feed moves past `seen_seq` (the counter the caller's read saw) or time runs out."""
        if self._seen == -1 or seen_seq < self._seen:
            self._seen = seen_seq
        self._waiters += 1
        try:
            async with asyncio.timeout(timeout):
                await event.wait()
            return True
        except TimeoutError:
            return False
        finally:
            self._waiters -= 1

    def _poke(self) -> None:
        event, self._event = self._event, asyncio.Event()
        event.set()

    def _poke_threadsafe(self) -> None:
        loop = self._loop
        if loop is not None and not loop.is_closed():
            loop.call_soon_threadsafe(self._poke)

    async def _run(self) -> None:
        while not self._stopping.is_set():
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(self._interval):
                    await self._stopping.wait()
                    return
            if self._waiters == 0:
                self._seen = -1  # re-read on the next wait; nothing to wake meanwhile
                continue
            try:
                seq = await run_in_threadpool(self._read)
            except Exception:  # database briefly unreachable: the long-polls time out on their own
                continue
            if seq != self._seen and self._seen != -1:
                self._poke()
            self._seen = seq

    def _read(self) -> int:
        with self._db.read() as session:
            return feed.last_seq(session)
