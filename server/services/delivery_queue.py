"""The webhook outbox as a queue: claim due messages (one per insight and subscription at a time), then
record each attempt's outcome. Several processes (and hosts, on PostgreSQL) share it safely.

A claim is a short transaction: `SELECT … FOR UPDATE SKIP LOCKED` (PostgreSQL; SQLite's writers queue on
BEGIN IMMEDIATE instead) picks due rows that no earlier message of the same insight and subscription
precedes, and gives them a lease. Delivery happens outside any transaction; a process that dies holding a
lease leaves the message to be retried when the lease ends (at-least-once). Rows are deleted once
delivered, so "an earlier row exists" means "an earlier message is not delivered yet".
"""

from __future__ import annotations

import logging
import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import bindparam, delete, exists, func, or_, select, update
from sqlalchemy.orm import Session

from server.db import one_of
from server.models import Webhook, WebhookMessage, table_of, utcnow
from server.services import outbox

log = logging.getLogger("palaute.server.webhooks")


@dataclass(frozen=True)
class Claimed:
    id: int
    webhook_id: int
    message_id: str
    event: str
    order_key: str
    payload: str  # the body to sign and send (built at the claim from `facts` where the row keeps facts)
    facts: str | None
    attempts: int
    created_at: datetime
    url: str
    kind: str
    secret: str  # sealed


@dataclass(frozen=True)
class Outcome:
    message: Claimed
    ok: bool
    error: str | None = None


@dataclass(frozen=True)
class Policy:
    backoff_base: float
    backoff_cap: float
    retry_window: timedelta
    lease: timedelta


def backoff(attempts: int, policy: Policy, rng: random.Random | None = None) -> float:
    """Seconds before the next try after `attempts` failed ones: doubling from the base, capped, with jitter
    over the upper half so that messages failed together do not all come back together."""
    delay = min(policy.backoff_cap, policy.backoff_base * 2 ** max(0, attempts - 1))
    return (rng or random).uniform(delay / 2, delay)


# The claim's statement, built once: building it per claim (an aliased ORM entity, the ORM's compile step)
# cost ~3 ms of CPU, the most of a claim of one message, and claims come once per commit at a rep's pace.
_OUTBOX, _HOOKS = table_of(WebhookMessage), table_of(Webhook)
_EARLIER = _OUTBOX.alias("earlier")
_FROM_OUTBOX = ("id", "webhook_id", "message_id", "event", "order_key", "payload", "facts", "attempts", "created_at")
_PAYLOAD = _FROM_OUTBOX.index("payload")
_CLAIM = (
    select(*(_OUTBOX.c[name] for name in _FROM_OUTBOX), _HOOKS.c.url, _HOOKS.c.kind, _HOOKS.c.secret)
    .join_from(_OUTBOX, _HOOKS, _HOOKS.c.id == _OUTBOX.c.webhook_id)
    .where(
        _HOOKS.c.enabled.is_(True),
        _OUTBOX.c.next_attempt_at <= bindparam("now"),
        or_(_OUTBOX.c.lease_until.is_(None), _OUTBOX.c.lease_until < bindparam("now")),
        ~exists().where(
            _EARLIER.c.webhook_id == _OUTBOX.c.webhook_id,
            _EARLIER.c.order_key == _OUTBOX.c.order_key,
            _EARLIER.c.id < _OUTBOX.c.id,
        ),
    )
    .order_by(_OUTBOX.c.id)
    .limit(bindparam("wanted"))
    .with_for_update(of=_OUTBOX, skip_locked=True)
)


def claim(session: Session, limit: int, policy: Policy) -> list[Claimed]:
    now = utcnow()
    rows = session.execute(_CLAIM, {"now": now, "wanted": limit}).all()
    if not rows:
        return []
    # Bodies are built now, from the insights as they are (services/outbox.py says why); a message whose
    # insight is gone has nothing left to tell and goes (an erased insight's messages went with it already).
    built = outbox.bodies(session, rows)
    gone = {message_id for message_id, body in built.items() if body is None}
    if gone:
        log.info("webhook messages %s dropped: their insight no longer exists", sorted(gone))
        session.execute(delete(_OUTBOX).where(one_of(session, _OUTBOX.c.id, gone)))
    # _CLAIM's columns are Claimed's fields in order, and the built body takes the payload's place: by
    # position, since by name (`row._asdict()`) and a copy per message (`dataclasses.replace`) cost ~5 % and
    # ~3 % of a burst's delivery.
    found = []
    for row in rows:
        if row.id not in gone:
            fields: list[Any] = list(row)
            fields[_PAYLOAD] = built.get(row.id, row.payload)
            found.append(Claimed(*fields))
    ids = [c.id for c in found]
    session.execute(update(_OUTBOX).where(one_of(session, _OUTBOX.c.id, ids)).values(lease_until=now + policy.lease))
    return found


def release(session: Session, ids: list[int]) -> None:
    """Give back the leases of messages this process will not send: it is stopping, or it claimed them so long
    ago that their lease could end during the attempt."""
    session.execute(update(_OUTBOX).where(one_of(session, _OUTBOX.c.id, ids)).values(lease_until=None))


def record(session: Session, outcomes: list[Outcome], policy: Policy) -> list[tuple[int, str]]:
    """Store what the attempts gave, in a few statements for all of them; returns the (webhook id, reason)
    of subscriptions disabled now."""
    now = utcnow()
    per_hook: dict[int, list[Outcome]] = {}
    for outcome in outcomes:
        per_hook.setdefault(outcome.message.webhook_id, []).append(outcome)
    gone, retries, disabled = [o.message.id for o in outcomes if o.ok], [], []
    for hook_id, group in sorted(per_hook.items()):
        failed = [o for o in group if not o.ok]
        given_up = [o for o in failed if now - o.message.created_at >= policy.retry_window]
        gone += [o.message.id for o in given_up]
        retries += [_retry_later(o.message, policy, now) for o in failed if o not in given_up]
        values: dict[str, object] = {"delivered": _HOOKS.c.delivered + (len(group) - len(failed))}
        if failed:
            values.update(failures=_HOOKS.c.failures + len(failed), last_error=(failed[-1].error or "")[:300])
        else:
            values.update(failures=0, last_error=None)
        if given_up:
            reason = (
                f"switched off {now:%Y-%m-%d %H:%M} UTC: a message could not be delivered for "
                f"{policy.retry_window.total_seconds() / 3600:g} hours (last error: {given_up[-1].error})"
            )[:300]
            values.update(enabled=False, disabled_reason=reason)
            disabled.append((hook_id, reason))
        session.execute(update(_HOOKS).where(_HOOKS.c.id == hook_id).values(**values))
    if gone:
        session.execute(delete(_OUTBOX).where(one_of(session, _OUTBOX.c.id, gone)))
    if retries:
        session.execute(
            update(_OUTBOX)
            .where(_OUTBOX.c.id == bindparam("row_id"))
            .values(attempts=bindparam("new_attempts"), lease_until=None, next_attempt_at=bindparam("due")),
            retries,
        )
    return disabled


def _retry_later(message: Claimed, policy: Policy, now: datetime) -> dict[str, object]:
    attempts = message.attempts + 1
    return {"row_id": message.id, "new_attempts": attempts, "due": now + timedelta(seconds=backoff(attempts, policy))}


def waiting(session: Session, webhook_id: int) -> int:
    return session.scalar(select(func.count()).where(WebhookMessage.webhook_id == webhook_id)) or 0


def queue_test(session: Session, hook: Webhook, payload: str, message_id: str) -> None:
    """A `webhook.test` message for one subscription (`palaute-server webhook test`)."""
    now = utcnow()
    session.add(
        WebhookMessage(
            webhook_id=hook.id,
            message_id=message_id,
            event="webhook.test",
            order_key=message_id[-36:],
            payload=payload,
            created_at=now,
            next_attempt_at=now,
            attempts=0,
        )
    )
