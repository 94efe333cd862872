"""The long-poll hub: waiting pulls indexed by who they may see; each committed change is dispatched once.

A notice (rows first..last and their audience) wakes only the waiters in that audience. If there is none,
nothing is read. If there are some, the rows and the insights and replies they name are loaded once, in one
session, and handed to every waiter that may see them; each renders its own answer in memory. An idle
waiter therefore costs no database work, and a change costs the same few queries for 1 or 5,000 waiters.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections import deque
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field

from server.services.access import Reader, routed_to
from server.services.audience import AccessChange, Notice
from server.services.changes import Batch, FeedRow

log = logging.getLogger("palaute.server.longpoll")
REREAD = "reread"  # a waiter's answer when it must read the feed itself (rare: see Hub.wait)
CLOSING = "closing"  # the server is stopping: answer now with what the waiter has (nothing new)
MAX_DISPATCH_ROWS = 2000  # more rows than this in one notice: the woken waiters read for themselves
KEEP_NOTICES = 4096  # recent notices, to check a waiter that read just before a change was announced
# A reader (communities, areas) remembered from a full read lets the next pull wait without reading. Access
# changes heard from any process drop it at once; the age limit covers one nobody announced (an admin
# command on a SQLite database, which has no NOTIFY).
READER_TTL_SECONDS = 60.0
MAX_READERS = 200_000


@dataclass(eq=False)
class Waiter:
    """One waiting pull: whose, from where (`after`), and the future its request awaits."""

    reader: Reader
    after: int
    future: asyncio.Future[Outcome] = field(repr=False)

    def keys(self) -> list[Key]:
        keys: list[Key] = [("u", self.reader.id)]  # author, addressee or follower; and access changes
        if self.reader.role == "admin":
            keys.append(("*",))
        else:
            keys += [("c", c) for c in self.reader.community_ids]
        if self.reader.role != "rep":
            keys += [("a", a) for a in self.reader.area_ids]
        return keys

    def in_audience(self, notice: Notice) -> bool:
        if notice.everyone or self.reader.role == "admin":
            return True
        mine = set(self.keys())
        return any(key in mine for key in notice.keys())


# What a waiter is indexed under: ("u", user), ("c", community), ("a", area), or ("*",) for admins.
Key = tuple[str] | tuple[str, int]


@dataclass(frozen=True)
class Handed:
    """What a woken waiter receives: its rows (routed to it, in order) of a batch loaded for everyone."""

    rows: list[FeedRow]
    batch: Batch
    upto: int  # the feed position this answer reaches when it is not cut by the reader's limit


# A waiter's answer: rows handed over, or REREAD or CLOSING.
Outcome = Handed | str


class Hub:
    """One per process (per event loop). Sources (in-process commits, NOTIFY, a counter poll) call `heard`."""

    def __init__(self, load: Callable[[int, int], Awaitable[Batch]]) -> None:
        self._load = load
        self._index: dict[Key, set[Waiter]] = {}
        self._recent: deque[Notice] = deque(maxlen=KEEP_NOTICES)
        self._queue: asyncio.Queue[Notice | None] = asyncio.Queue()
        self._task: asyncio.Task[None] | None = None
        self.position: int | None = None  # every notice up to here is dispatched; None until a source knows
        self.heard_upto = -1  # the highest `last` heard (dispatched or queued)
        self.loads = 0  # batches read from the database (a test checks idle waiters cost none)
        self.woken = 0  # waiters handed changes or told to read again
        self.instance: str | None = None  # the database's instance id (cursors), from the first full read
        self._readers: dict[int, tuple[float, Reader]] = {}
        self._access_epochs: dict[int, int] = {}  # users whose access changed: how often (see access_epoch)
        self.closing = False

    # -- lifecycle ------------------------------------------------------------------------------------------
    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="longpoll-hub")

    async def stop(self) -> None:
        self._queue.put_nowait(None)
        if self._task is not None:
            await self._task

    def close(self) -> None:
        """The process is stopping: every waiting long-poll answers at once (its client then reconnects to
        another worker or, after its spread back-off, to the restarted one) instead of being cut off."""
        self.closing = True
        for waiter in self.waiters():
            self._drop(waiter)
            _resolve(waiter, CLOSING)

    # -- sources --------------------------------------------------------------------------------------------
    def heard(self, notice: Notice | AccessChange) -> None:
        """A source heard of committed rows or access changes (called on the event loop)."""
        if isinstance(notice, AccessChange):
            self.access_changed(notice.users)
            return
        self.heard_upto = max(self.heard_upto, notice.last)
        self._queue.put_nowait(notice)

    def restart(self, position: int) -> None:
        """A source (re)connected at this feed position and may have missed notices: everyone waiting reads
        again for themselves, once."""
        for waiter in self.waiters():
            self._wake(waiter, REREAD)
        self._recent.clear()
        self._readers.clear()
        self.position = position
        self.heard_upto = max(self.heard_upto, position)

    def access_changed(self, user_ids: Iterable[int]) -> None:
        """These users' communities or areas changed: forget them, and let their waiters read again (their
        next answer carries the new communities at once)."""
        if len(self._access_epochs) >= MAX_READERS:
            self._access_epochs.clear()  # an unknown epoch only makes a read happen again
        for user_id in user_ids:
            self._readers.pop(user_id, None)
            self._access_epochs[user_id] = self._access_epochs.get(user_id, 0) + 1
            for waiter in list(self._index.get(("u", user_id), ())):
                self._wake(waiter, REREAD)

    def access_epoch(self, user_id: int) -> int:
        """Changes when the user's access changes: a read that saw it change meanwhile may hold the old
        communities, and is done again before anything is remembered or waited on."""
        return self._access_epochs.get(user_id, 0)

    # -- readers --------------------------------------------------------------------------------------------
    def remember(self, reader: Reader, instance: str) -> None:
        """A full read loaded this reader: the next pull may wait on it without reading (`known_reader`)."""
        if len(self._readers) >= MAX_READERS:
            self._readers.clear()
        self._readers[reader.id] = (time.monotonic(), reader)
        self.instance = instance

    def known_reader(self, user_id: int) -> Reader | None:
        entry = self._readers.get(user_id)
        if entry is None or time.monotonic() - entry[0] > READER_TTL_SECONDS:
            return None
        return entry[1]

    # -- waiting --------------------------------------------------------------------------------------------
    def wait(self, reader: Reader, seen: int) -> Waiter:
        """Register a pull whose own read saw the feed up to `seen` and found nothing for it."""
        waiter = Waiter(reader, seen, asyncio.get_running_loop().create_future())
        if self.closing:
            _resolve(waiter, CLOSING)
            return waiter
        if self.position is not None and seen < self.position:
            # Changes were dispatched between the caller's read and now: if one may be for this reader it
            # reads again (cheap, and only in that window); otherwise it waits from the hub's position.
            covered = self._recent and self._recent[0].first <= seen + 1
            if not covered or any(n.last > seen and waiter.in_audience(n) for n in self._recent):
                self.woken += 1
                _resolve(waiter, REREAD)
                return waiter
            waiter.after = self.position
        for key in waiter.keys():
            self._index.setdefault(key, set()).add(waiter)
        return waiter

    def done(self, waiter: Waiter) -> int:
        """The waiter stops waiting (time is up or the client left); returns the position it may answer with."""
        self._drop(waiter)
        return max(waiter.after, self.position or 0)

    @property
    def waiting(self) -> bool:
        return bool(self._index)

    def waiters(self) -> set[Waiter]:
        return set().union(*self._index.values()) if self._index else set()

    def _drop(self, waiter: Waiter) -> None:
        for key in waiter.keys():
            group = self._index.get(key)
            if group is not None:
                group.discard(waiter)
                if not group:
                    del self._index[key]

    # -- dispatch -------------------------------------------------------------------------------------------
    async def _run(self) -> None:
        while (notice := await self._queue.get()) is not None:
            try:
                await self._dispatch(notice)
            except Exception:  # a bug or the database gone: those concerned read for themselves
                log.exception("long-poll dispatch failed")
                for waiter in self._candidates(Notice(notice.first, notice.last, everyone=True)):
                    self._wake(waiter, REREAD)
                self._advance(notice)

    async def _dispatch(self, notice: Notice) -> None:
        if self.position is None or notice.last <= self.position:
            return  # no source has a position yet (restart() wakes everyone then), or already dispatched
        if notice.first > self.position + 1:
            # Rows between were committed but not yet announced here (an in-process commit racing another):
            # their audience is unknown, so every waiter is checked against the rows themselves.
            notice = Notice(self.position + 1, notice.last, everyone=True)
        if not self._candidates(notice):
            self._advance(notice)  # nobody waiting may see it: no database work at all
            return
        after = self.position
        if notice.last - after > MAX_DISPATCH_ROWS:
            batch = None
        else:
            batch = await self._load(after, notice.last)
            self.loads += 1
        # Candidates again: waiters registered during the load are included (their `after` skips what they saw).
        for waiter in self._candidates(notice):
            if batch is None:
                self._wake(waiter, REREAD)
                continue
            backers = batch.backers
            rows = [
                r
                for r in batch.rows
                if r.seq > waiter.after and routed_to(waiter.reader, r, backers.get(r.insight_id, frozenset()))
            ]
            if rows:
                self._wake(waiter, Handed(rows, batch, notice.last))
        self._advance(notice)

    def _wake(self, waiter: Waiter, outcome: Outcome) -> None:
        self._drop(waiter)
        self.woken += 1
        _resolve(waiter, outcome)

    def _advance(self, notice: Notice) -> None:
        self.position = max(self.position or 0, notice.last)
        self._recent.append(notice)

    def _candidates(self, notice: Notice) -> set[Waiter]:
        if notice.everyone:
            return self.waiters()
        found = set(self._index.get(("*",), ()))
        for key in notice.keys():
            found.update(self._index.get(key, ()))
        return found


def _resolve(waiter: Waiter, outcome: Outcome) -> None:
    with contextlib.suppress(asyncio.InvalidStateError):  # already answered or cancelled
        waiter.future.set_result(outcome)
