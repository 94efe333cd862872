"""The webhook delivery worker: a thread with its own event loop, in the delivery process
(server/delivery_process.py, started by `palaute-server serve`) or, with `webhook_delivery=thread`, in each
process that builds the app.

It never runs on a request loop or in a request thread pool, so a slow or dead receiver cannot slow a push or
a page: database work happens in one thread of its own, HTTP on its own loop (uvloop where there is one)
through `webhook_client.Sender` (aiohttp), which keeps connections alive per endpoint. `wake()` starts a claim
at once: its own process's commits of outbox rows call it, and so does the delivery process's watch of other
processes' commits (server/delivery_wake.py); it also looks every `webhook_poll_interval` for due retries.
Claimed messages are sent concurrently (one at a time per insight and subscription, which keeps their
order); outcomes are recorded together every 50-250 ms, one short transaction for many.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
import weakref
from collections import deque
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from typing import TypeVar

from sqlalchemy import event
from sqlalchemy.orm import Session
from standardwebhooks import Webhook as Signer

from server.config import Settings
from server.db import Database
from server.models import Webhook
from server.services import chat, delivery_queue, outbox, webhooks
from server.services.delivery_queue import Claimed, Outcome, Policy
from server.webhook_client import Sender, SendError

log = logging.getLogger("palaute.server.webhooks")
_running: weakref.WeakSet[Deliverer] = weakref.WeakSet()
_RECORD_EVERY = 0.05
# Outcomes are recorded every _RECORD_EVERY once this many wait, or when the worker has nothing else to send
# (a delivered message may be what holds back the next of its insight), else after _RECORD_WITHIN: a record
# is a transaction of ~2 ms of CPU, which a slow receiver's 16 outcomes per 50 ms made 0.12 ms a message.
_RECORD_AT_ONCE = 64
_RECORD_WITHIN = 0.25
_T = TypeVar("_T")
# One claim takes up to this many rounds of `webhook_concurrency` messages: a claim is a write transaction
# (~12 ms of CPU here for 256), so one per a few hundred deliveries in a burst rather than one per few dozen
# (4 rounds kept a burst's delivery behind the pushes: lag p95 2.1-2.4 s against 1.5-1.9 s). A slow receiver
# does not hold claimed messages past their lease: `_dispatch` hands back those claimed too long ago.
_CLAIM_ROUNDS = 16
# After a claim that found less than it asked for (the queue is caught up), the next waits this long: pushes
# wake the worker at each commit, and one claim per few commits costs the database and this process far less
# than one per commit, for at most this much more lag.
_CLAIM_GAP = 0.02


def policy_of(settings: Settings) -> Policy:
    return Policy(
        backoff_base=settings.webhook_backoff_base,
        backoff_cap=settings.webhook_backoff_cap,
        retry_window=timedelta(hours=settings.webhook_retry_hours),
        lease=timedelta(seconds=2 * settings.webhook_timeout + 5),
    )


def _loop_factory() -> Callable[[], asyncio.AbstractEventLoop]:
    try:
        import uvloop
    except ImportError:  # Windows: the standard loop
        return asyncio.new_event_loop
    return uvloop.new_event_loop


class Deliverer:
    """Start with `start()`, stop with `stop()`; `wake()` is safe from any thread."""

    def __init__(self, db: Database, settings: Settings) -> None:
        self.db, self.settings, self.policy = db, settings, policy_of(settings)
        outbox.public_url[0] = settings.public_url  # the bodies it builds link to the product page
        self._loop: asyncio.AbstractEventLoop | None = None
        self._wake: asyncio.Event | None = None
        self._stopping = False
        self._thread = threading.Thread(target=self._main, name="webhook-delivery", daemon=True)
        self._db_thread = ThreadPoolExecutor(1, thread_name_prefix="webhook-db")
        self._ready = threading.Event()
        self._signers: dict[int, tuple[str, Signer]] = {}

    def start(self) -> None:
        self._thread.start()
        self._ready.wait(5)
        _running.add(self)

    def wake(self) -> None:
        loop, wake = self._loop, self._wake
        if loop is not None and wake is not None and not loop.is_closed():
            loop.call_soon_threadsafe(wake.set)

    def stop(self) -> None:
        _running.discard(self)
        self._stopping = True
        self.wake()
        self._thread.join(10)
        self._db_thread.shutdown(wait=True)

    def _main(self) -> None:
        with asyncio.Runner(loop_factory=_loop_factory()) as runner:
            runner.run(self._run())

    async def _run(self) -> None:
        self._loop, self._wake = asyncio.get_running_loop(), asyncio.Event()
        self._ready.set()
        self._limit = limit = max(1, self.settings.webhook_concurrency)
        self._outcomes: list[Outcome] = []
        self._in_flight: set[asyncio.Task[None]] = set()
        self._tasks: dict[asyncio.Task[None], Claimed] = {}
        self._batch: deque[tuple[float, Claimed]] = deque()  # claimed, not sent yet: (when claimed, message)
        self._handed_back: list[int] = []
        self._sender = Sender(self.settings.webhook_timeout, connections=limit)
        recorder = asyncio.create_task(self._record_loop())
        try:
            await self._claim_loop(limit)
        finally:
            recorder.cancel()
            await self._wind_down()
            await self._sender.close()

    async def _claim_loop(self, limit: int) -> None:
        caught_up_at = -_CLAIM_GAP
        while not self._stopping:
            if len(self._batch) < limit:  # less than one round of sends left: claim the next batch
                await asyncio.sleep(max(0.0, caught_up_at + _CLAIM_GAP - time.monotonic()))
                started = time.monotonic()
                wanted = limit * _CLAIM_ROUNDS - len(self._batch)
                claimed = await self._db(self._claim, wanted)
                self._batch.extend((started, message) for message in claimed)
                if len(claimed) < wanted:
                    caught_up_at = started
                self._dispatch(claim_more=len(claimed) == wanted)
            await self._wait(self.settings.webhook_poll_interval)  # woken when the batch runs low

    def _dispatch(self, claim_more: bool = True) -> None:
        """Fill the free slots from the claimed batch. A message claimed so long ago that its lease could end
        during the attempt is handed back instead (another process could take it and send it twice)."""
        latest = time.monotonic() + self.settings.webhook_timeout + 1 - self.policy.lease.total_seconds()
        sent = False
        while self._batch and len(self._in_flight) < self._limit and not self._stopping:
            claimed_at, message = self._batch.popleft()
            if claimed_at < latest:
                self._handed_back.append(message.id)
                continue
            task = asyncio.create_task(self._send(message))
            self._in_flight.add(task)
            self._tasks[task] = message
            task.add_done_callback(self._forget)
            sent = True
        if sent and claim_more and len(self._batch) < self._limit:
            self._event.set()

    def _forget(self, task: asyncio.Task[None]) -> None:
        self._in_flight.discard(task)
        self._tasks.pop(task, None)
        self._dispatch()

    async def _wait(self, seconds: float) -> None:
        try:
            await asyncio.wait_for(self._event.wait(), seconds)
        except TimeoutError:
            pass
        self._event.clear()

    async def _send(self, message: Claimed) -> None:
        try:
            ok, error = await self._post(message)
        except Exception as exc:  # a bug here must not stop the worker; the message is retried
            log.exception("webhook %s: sending message %s failed", message.webhook_id, message.id)
            ok, error = False, type(exc).__name__
        self._outcomes.append(Outcome(message, ok, error))
        if not ok:
            log.info("webhook %s: delivery of %s failed: %s", message.webhook_id, message.event, error)

    async def _post(self, message: Claimed) -> tuple[bool, str | None]:
        body, headers = signed(message.kind, self._signer(message), message.message_id, message.payload)
        try:
            status = await self._sender.post(message.url, body.encode(), headers)
        except TimeoutError:
            return False, "timed out"
        except SendError as exc:
            return False, str(exc)[:200]
        if 200 <= status < 300:
            return True, None
        return False, f"HTTP {status}"

    def _signer(self, message: Claimed) -> Signer:
        """The subscription's signer, unsealed once (AES-GCM and base64 per message cost more than the HMAC)."""
        known = self._signers.get(message.webhook_id)
        if known is None or known[0] != message.secret:
            secret = webhooks.unseal(message.secret, self.settings.webhook_master_key)
            known = self._signers[message.webhook_id] = (message.secret, Signer(secret))
        return known[1]

    async def _wind_down(self) -> None:
        """On stop: record what was delivered (else it would be sent again) and hand back the leases of
        messages still in flight, so another process takes them at once rather than when the lease ends."""
        pending = {task: message for task, message in self._tasks.items() if not task.done()}
        for task in pending:
            task.cancel()
        outcomes, self._outcomes = self._outcomes, []
        unsent = [m.id for m in pending.values()] + [m.id for _, m in self._batch] + self._handed_back
        self._batch.clear()
        try:
            if outcomes:
                await self._db(self._record, outcomes)
            if unsent:
                await self._db(self._release, unsent)
        except Exception:
            log.exception("webhook outcomes could not be recorded on stop; their messages will be sent again")

    async def _record_loop(self) -> None:
        recorded_at = time.monotonic()
        while True:
            await asyncio.sleep(_RECORD_EVERY)
            if self._handed_back:
                handed_back, self._handed_back = self._handed_back, []
                try:
                    await self._db(self._release, handed_back)
                except Exception:
                    log.exception("webhook leases could not be handed back; they end by themselves")
            if not self._outcomes or not self._record_now(recorded_at):
                continue
            recorded_at = time.monotonic()
            outcomes, self._outcomes = self._outcomes, []
            try:
                await self._db(self._record, outcomes)
            except Exception:
                log.exception("webhook outcomes could not be recorded; their messages will be sent again")
                continue
            self._event.set()  # delivered messages may unblock the next of the same insight

    def _record_now(self, recorded_at: float) -> bool:
        idle = not self._batch and not self._in_flight
        return idle or len(self._outcomes) >= _RECORD_AT_ONCE or time.monotonic() - recorded_at >= _RECORD_WITHIN

    @property
    def _event(self) -> asyncio.Event:
        """The delivery loop's wake-up event (`_run` makes it before anything waits on it)."""
        if self._wake is None:
            raise RuntimeError("the webhook delivery loop is not running")
        return self._wake

    async def _db(self, function: Callable[..., _T], *args: object) -> _T:
        return await asyncio.get_running_loop().run_in_executor(self._db_thread, function, *args)

    def _claim(self, limit: int) -> list[Claimed]:
        try:
            with self.db.write() as session:
                return delivery_queue.claim(session, limit, self.policy)
        except Exception:
            log.exception("webhook outbox could not be read")
            return []

    def _release(self, ids: list[int]) -> None:
        with self.db.write() as session:
            delivery_queue.release(session, ids)

    def _record(self, outcomes: list[Outcome]) -> None:
        with self.db.write() as session:
            disabled = delivery_queue.record(session, outcomes, self.policy)
        for hook_id, reason in disabled:
            log.warning("webhook %s disabled: %s", hook_id, reason)


def signed(kind: str, signer: Signer, message_id: str, payload: str) -> tuple[str, dict[str, str]]:
    """The body to send (chat kinds: the message built from the event) and its Standard Webhooks headers."""
    body = payload if kind == "standard" else chat.render(kind, payload)
    now = datetime.now(UTC)
    headers = {
        "content-type": "application/json",
        "webhook-id": message_id,
        "webhook-timestamp": str(int(now.timestamp())),
        "webhook-signature": signer.sign(message_id, now, body),
    }
    return body, headers


def send_test(hook: Webhook, master_key: str, timeout: float) -> str:
    """Send a `webhook.test` message now (the admin's `webhook test`); returns what happened, in words.
    It goes through the worker's own client, so what the admin tests is what delivery does."""
    import json
    import uuid

    message_id = f"msg_{uuid.uuid4().hex}"
    payload = json.dumps(
        {
            "type": "webhook.test",
            "timestamp": datetime.now(UTC).isoformat().replace("+00:00", "Z"),
            "data": {"message": "Test message from Palaute: this endpoint is subscribed.", "webhook": hook.id},
        },
        separators=(",", ":"),
    )
    signer = Signer(webhooks.unseal(hook.secret, master_key))
    body, headers = signed(hook.kind, signer, message_id, payload)

    async def send() -> int:
        sender = Sender(timeout)
        try:
            return await sender.post(hook.url, body.encode(), headers)
        finally:
            await sender.close()

    try:
        status = asyncio.run(send())
    except TimeoutError:
        return f"failed: timed out after {timeout:g} s"
    except SendError as exc:
        return f"failed: {exc}"
    verdict = "delivered" if 200 <= status < 300 else "refused"
    return f"{verdict}: HTTP {status} ({message_id})"


@event.listens_for(Session, "after_commit")
def _wake_after_commit(session: Session) -> None:
    if outbox.written(session):
        for deliverer in list(_running):
            deliverer.wake()
