"""SyncService: the push loop and the long-poll pull loop in two threads, with back-off, wake-up and pause.

Two loops, because a pull waits up to ~25 s for news: a capture saved meanwhile must go out at once, not
after the long-poll ends. Each loop has its own HTTP session; they share the signed-in device's `Auth`.
Callbacks run in these threads; desktop/ui/sync_worker.py turns them into Qt signals.
"""

from __future__ import annotations

import functools
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from desktop.language import _
from desktop.store.ledger import SyncLedger
from desktop.sync import http
from desktop.sync.backoff import RECONNECT_SPREAD, Backoff
from desktop.sync.client import ApiClient
from desktop.sync.engine import Puller, Pusher
from desktop.sync.errors import Offline, ServerBusy, SyncError
from desktop.sync.status import Callbacks, State, SyncStatus

log = logging.getLogger(__name__)
LONG_POLL_SECONDS = 25.0
DRIFT_CHECK_EVERY = 30  # pulls between two summary comparisons


@dataclass
class _Loop:
    wake: threading.Event = field(default_factory=threading.Event)
    backoff: Backoff = field(default_factory=Backoff)
    thread: threading.Thread | None = None
    error: SyncError | None = None


class SyncService:
    def __init__(
        self,
        ledger: SyncLedger,
        make_client: Callable[[], ApiClient],
        callbacks: Callbacks | None = None,
        *,
        long_poll: float = LONG_POLL_SECONDS,
        reconnect_spread: float = RECONNECT_SPREAD,
    ) -> None:
        self.ledger = ledger
        self.make_client = make_client
        self.callbacks = callbacks or Callbacks()
        self.long_poll = long_poll
        self.pusher = Pusher(ledger)
        self.puller = Puller(ledger)
        self._stop = threading.Event()
        self._running = threading.Event()  # cleared while paused
        self._running.set()
        # The pull loop holds the long-poll that a server restart drops for every desktop at once: its first
        # retry is spread (the push loop only sends when there is something to send).
        self._push, self._pull = _Loop(), _Loop(backoff=Backoff(spread=reconnect_spread))
        self._busy = False
        self._push_client: ApiClient | None = None
        self._pull_client: ApiClient | None = None

    # -- control (any thread) -----------------------------------------------------------------------------
    def start(self) -> None:
        self._push.thread = threading.Thread(target=self._push_loop, name="sync-push", daemon=True)
        self._pull.thread = threading.Thread(target=self._pull_loop, name="sync-pull", daemon=True)
        self._push.thread.start()
        self._pull.thread.start()

    def sync_now(self) -> None:
        """Try at once (a capture was saved, the network came back, the machine woke, the user asked)."""
        for loop in (self._push, self._pull):
            loop.backoff.reset()
            loop.wake.set()

    def pause(self) -> None:
        self._running.clear()
        self._report()

    def resume(self) -> None:
        self._running.set()
        self.sync_now()

    @property
    def paused(self) -> bool:
        return not self._running.is_set()

    def stop(self, timeout: float = 2.0) -> None:
        self._stop.set()
        self._running.set()
        for loop in (self._push, self._pull):
            loop.wake.set()
        # A waiting long-poll fails at once instead of in up to 25 s; a push in flight too (the server may have
        # applied it: the outbox keeps it, and sending it again next time is answered as a duplicate).
        for client in (self._push_client, self._pull_client):
            if client is not None:
                http.abort(client.session)
        for loop in (self._push, self._pull):
            if loop.thread is not None:
                loop.thread.join(timeout)  # daemon threads: a long-poll still waiting dies with the process

    # -- loops --------------------------------------------------------------------------------------------
    def _push_loop(self) -> None:
        client = self._push_client = self.make_client()
        while not self._stop.is_set():
            self._running.wait()
            self._push.wake.clear()
            if self.ledger.outbox_size():
                self._attempt(self._push, lambda: self._push_once(client))
            delay = self._push.backoff.next_delay(self._retry_after(self._push)) if self._push.error else None
            self._push.wake.wait(delay)  # no delay: sleep until woken by a capture or "Sync now"

    def _push_once(self, client: ApiClient) -> None:
        self._busy = True
        try:
            self.pusher.push_all(client, progress=lambda done, total: self._report(progress=(done, total)))
        finally:
            self._busy = False

    def _pull_loop(self) -> None:
        client = self._pull_client = self.make_client()
        pulls = 0
        while not self._stop.is_set():
            self._running.wait()
            self._pull.wake.clear()
            wait = 0.0 if self._pull.error or pulls == 0 else self.long_poll
            if self._attempt(self._pull, functools.partial(self._pull_once, client, wait)):
                pulls += 1
                if pulls % DRIFT_CHECK_EVERY == 0:
                    self._attempt(self._pull, lambda: self.puller.check_drift(client))
                continue  # straight back into the next long-poll
            self._pull.wake.wait(self._pull.backoff.next_delay(self._retry_after(self._pull)))

    def _pull_once(self, client: ApiClient, wait: float) -> None:
        added = self.puller.pull_all(client, wait=wait)
        self.ledger.apply_retention()  # after each pull: what came in may be old enough to go
        pending = self.ledger.pending_notices() if added else []
        if pending and not self._stop.is_set():
            self.callbacks.notices(pending)

    def _attempt(self, loop: _Loop, work: Callable[[], object]) -> bool:
        try:
            work()
        except SyncError as error:
            if self._stop.is_set():
                return False  # stop() aborted the request: nothing to record or show
            loop.error = error
            log.info("Sync %s failed: %s", threading.current_thread().name, error.user_message)
            self.ledger.record_error(error.user_message)
            self._report()
            return False
        except Exception:  # a bug: logged with its traceback, retried with back-off like any failure
            log.exception("Sync loop %s crashed", threading.current_thread().name)
            loop.error = SyncError(_("Something went wrong while syncing (a bug); details are in the log."))
            self._report()
            return False
        loop.error = None
        loop.backoff.success()
        self.ledger.record_success()
        self._report()
        return True

    @staticmethod
    def _retry_after(loop: _Loop) -> float | None:
        return loop.error.retry_after if isinstance(loop.error, ServerBusy) else None

    # -- status -------------------------------------------------------------------------------------------
    def status(self, progress: tuple[int, int] | None = None) -> SyncStatus:
        outbox = self.ledger.outbox_size()
        error = self._push.error or self._pull.error
        if self.paused:
            return SyncStatus(State.PAUSED, "Sync is paused.", outbox)
        if error is not None:
            state = State.OFFLINE if isinstance(error, Offline) else State.ERROR
            return SyncStatus(state, error.user_message, outbox)
        if self._busy or progress:
            return SyncStatus(State.SYNCING, None, outbox, progress)
        return SyncStatus(State.IDLE, None, outbox)

    def _report(self, progress: tuple[int, int] | None = None) -> None:
        if self._stop.is_set():
            return  # a loop finishing after stop(): whoever listened may be gone
        try:
            self.callbacks.status(self.status(progress))
        except Exception:
            log.exception("Status callback failed")
