"""The analytics recount: a thread of its own in each server process that keeps the roll-up up with the feed.

Requests never wait for it (services/analytics.prepare): they read the roll-up as it stands, so the product
team's page costs the same right after a change as an hour later. The thread is woken right after this
process commits a change that wrote to the feed (every change analytics count writes one), and looks every
`analytics_recount_interval` seconds for commits of other processes (admin commands; on SQLite, more
workers). On PostgreSQL every worker process runs one: the first to lock the roll-up's state row recounts,
the others skip it (SKIP LOCKED) rather than queue behind it, and the one recounting looks at the feed again
when it is done, so a commit that a skipped worker was woken for is still taken in. Recounts rebuild whole
weeks and never overlap, so running one twice changes nothing.

Woken by a commit (or finding the feed moved on during its own recount), the thread waits until commits
pause for `QUIET` seconds, or `MOST_BEHIND` seconds at most, before it recounts. Without that wait a stream of
pushes kept it recounting back to back, each time rebuilding the whole week: with 10,400 insights pushed by
8 clients, the web side and PostgreSQL used 0.46-0.58 ms of CPU an insight, against 0.40-0.46 ms with this
wait (0.38-0.47 ms with the recount off; docs/analytics.md). A quiet server's roll-up follows a change within `QUIET`; a busy one's is
behind by `MOST_BEHIND` and one recount at most.
"""

from __future__ import annotations

import logging
import threading
import time
import weakref

from server.db import Database
from server.services import feed, rollup
from server.services.audience import Notice

log = logging.getLogger("palaute.server.analytics")
_running: weakref.WeakSet[Recounter] = weakref.WeakSet()
QUIET = 0.25
MOST_BEHIND = 5.0


class Recounter:
    """Start with `start()`, stop with `stop()`; `wake()` is safe from any thread."""

    def __init__(self, db: Database, interval: float) -> None:
        self.db, self.interval = db, interval
        self._database = db.engine.url.database
        self._wake = threading.Event()
        self._asked = False  # wake() was called: a request is waiting for the figures
        self._stopping = False
        self._thread = threading.Thread(target=self._main, name="analytics-recount", daemon=True)

    def start(self) -> None:
        feed.on_commit.append(self._committed)
        _running.add(self)
        self._thread.start()

    def stop(self) -> None:
        _running.discard(self)
        if self._committed in feed.on_commit:
            feed.on_commit.remove(self._committed)
        self._stopping = True
        self._wake.set()
        self._thread.join(60)  # a whole rebuild (first start, erasure) takes seconds; let it commit

    def wake(self) -> None:
        """Recount now, without waiting for commits to pause: a request found the roll-up behind."""
        self._asked = True
        self._wake.set()

    def _committed(self, database: str | None, notice: object) -> None:
        # Access changes move no count (the roll-up is per cell; who sees which cells is decided when read).
        if isinstance(notice, Notice) and database == self._database:
            self._wake.set()

    def _main(self) -> None:
        while not self._stopping:
            self._asked = False
            try:
                behind = self.catch_up()
            except Exception:  # a database hiccup must not end the thread; requests serve the last roll-up
                log.exception("analytics roll-up not recounted; trying again in %.1f s", self.interval)
                behind = False
            if not behind:
                woken = self._wake.wait(self.interval)
                self._wake.clear()  # a commit after this is announced after it is visible: the next look sees it
                if not woken:
                    continue  # the periodic look: at once
            self._settle()

    def _settle(self) -> None:
        """Wait until no commit came for QUIET seconds, or MOST_BEHIND seconds have passed, or a request asks."""
        deadline = time.monotonic() + MOST_BEHIND
        while not self._stopping and not self._asked:
            left = deadline - time.monotonic()
            if left <= 0 or not self._wake.wait(min(QUIET, left)):
                return
            self._wake.clear()

    def catch_up(self) -> bool:
        """Recount once if the roll-up is behind the feed; returns whether the feed moved on meanwhile (the
        next recount is then this process's to do, after the commits settle: another process that was
        woken for them found the state row locked and left them to this one)."""
        with self.db.read() as session:
            if rollup.is_current(session):
                return False
        with self.db.write() as session:
            if rollup.refresh(session, wait=False) is None:
                return False  # another process recounts, and looks at the feed again when it is done
        with self.db.read() as session:
            return not rollup.is_current(session)


def wake_all() -> None:
    """Wake this process's recounters (a request found the roll-up behind)."""
    for recounter in list(_running):
        recounter.wake()
