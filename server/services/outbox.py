"""The webhook outbox: queued integration events become rows for each matching subscription, before commit.

A row keeps the event's facts only: what the change set (a status change's new and previous status, a
merge's original) and the ids of the reply or "same here" it is about. The delivery process builds the body
(Standard Webhooks: `{"type", "timestamp", "data"}`) from those facts and the insight as it is when it sends
(`bodies`), so `data.insight` is the insight as it is when sent, which may be newer than the change (its
later changes have messages of their own, which follow in order). Why not the whole body at commit, as
before: the body's ~700 bytes per row were most of what the outbox cost each push in the database (a push of
new insights ran at 75-90 % of its rate without webhooks; with rows this size, at its full rate), and a body
fixed at commit would go on carrying text the rep has since edited (masked more, say) for up to the retry
window. The timestamp is still the change's. The body carries the text as other reps see it (personal data
masked, even what the author kept) and no customer references, author names or notes.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any, Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from server import bulk
from server.db import one_of
from server.models import Insight, Reply, SameHere, Webhook, WebhookMessage, utcnow
from server.services import events, privacy, reference
from server.services.events import Event

# The product page's address as people reach it (set from PALAUTE_SERVER_PUBLIC_URL by the app and by the
# delivery process, which builds the bodies).
public_url = ["http://127.0.0.1:8765"]
# Chat messages are for what a team wants to hear about at once, not every change.
CHAT_IMPACTS = ("high", "blocker")
_WAKE = "palaute_outbox_written"
# Made once: json.dumps with options builds a new encoder on every call, which a push of 100 insights felt.
_ENCODE = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False).encode


class Waiting(Protocol):
    """A claimed message, as `bodies` needs it (services/delivery_queue.Claimed)."""

    @property
    def id(self) -> int: ...
    @property
    def event(self) -> str: ...
    @property
    def order_key(self) -> str: ...
    @property
    def facts(self) -> str | None: ...
    @property
    def created_at(self) -> datetime: ...


def insight_link(insight_id: str) -> str:
    return f"{public_url[0].rstrip('/')}/web/insights/{insight_id}"


def chat_wants(event_type: str, impact: str, status: str) -> bool:
    """Slack and Teams hooks hear of new high-impact insights and of shipped ones only (decided on the insight
    as the change left it)."""
    if event_type == "insight.created":
        return impact in CHAT_IMPACTS
    return event_type == "insight.status_changed" and status == "shipped"


def build(session: Session, queued: list[Event]) -> list[dict[str, Any]]:
    """The outbox rows of these events: one per event and matching enabled subscription."""
    hooks = session.execute(
        select(Webhook.id, Webhook.kind, Webhook.events, Webhook.community_id).where(Webhook.enabled.is_(True))
    ).all()
    if not hooks:
        return []
    now = utcnow()
    rows: list[dict[str, Any]] = []
    for event in queued:
        insight = event.row if event.row is not None else session.get(Insight, event.insight_id)
        if insight is None:
            continue
        row = insight if isinstance(insight, dict) else _Attributes(insight)
        facts: str | None = None
        for hook_id, kind, wanted, hook_community in hooks:
            if event.type not in wanted or hook_community not in (None, row["community_id"]):
                continue
            if kind != "standard" and not chat_wants(event.type, row["impact"], row["status"]):
                continue
            if facts is None:  # once per event, however many subscriptions want it
                facts = _ENCODE(_facts(event, row))
            rows.append(_row(hook_id, event, facts, now))
    return rows


def insert(session: Session, rows: list[dict[str, Any]]) -> None:
    bulk.insert_many(session, WebhookMessage.__table__, rows)
    session.info[_WAKE] = True  # PostgreSQL's NOTIFY of the delivery process: services/events.py


def written(session: Session) -> bool:
    """Whether this (just committed) transaction wrote outbox rows; clears the mark."""
    return bool(session.info.pop(_WAKE, False))


def _facts(event: Event, row: Any) -> dict[str, str]:
    """What the body cannot read from the insight later: the ids the event refers to (reply_id,
    same_here_id, original_id), the status before, and for a status change the status it set."""
    facts = dict(event.extra)
    if event.type == "insight.status_changed":
        facts["status"] = row["status"]
    return facts


def _row(webhook_id: int, event: Event, facts: str, now: datetime) -> dict[str, Any]:
    return dict(
        webhook_id=webhook_id,
        message_id=f"msg_{secrets.token_hex(16)}",
        event=event.type,
        order_key=event.insight_id,
        payload="",  # built when sent, from `facts`
        facts=facts,
        created_at=now,
        next_attempt_at=now,
        attempts=0,
        lease_until=None,
    )


def bodies(session: Session, messages: Iterable[Waiting]) -> dict[int, str | None]:
    """The bodies of messages kept as facts (message id → JSON body), built from their insights as they are
    now; None where the insight is gone (nothing left to tell). Messages with a fixed payload are left out."""
    waiting = [m for m in messages if m.facts is not None]
    if not waiting:
        return {}
    facts = {m.id: json.loads(m.facts) if m.facts and m.facts != "{}" else {} for m in waiting}
    insights = _insights(session, {m.order_key for m in waiting})
    replies = _by_id(session, Reply, {f["reply_id"] for f in facts.values() if "reply_id" in f})
    backings = _by_id(session, SameHere, {f["same_here_id"] for f in facts.values() if "same_here_id" in f})
    described: dict[str, dict[str, Any]] = {}  # each insight's data once, however many of its messages wait
    out: dict[int, str | None] = {}
    for message in waiting:
        insight = insights.get(message.order_key)
        if insight is None:
            out[message.id] = None
            continue
        if message.order_key not in described:
            described[message.order_key] = insight_data(session, insight)
        data = _data(described[message.order_key], facts[message.id], replies, backings)
        stamp = _iso(message.created_at)
        # The type is one of the event names and the stamp an ISO time: neither needs escaping.
        out[message.id] = f'{{"type":"{message.event}","timestamp":"{stamp}","data":{_ENCODE(data)}}}'
    return out


# What a body shows of an insight: read as plain rows, not ORM objects, whose eager joins (author, community,
# area) and identity bookkeeping doubled the delivery process's CPU per message in a burst.
_SHOWN = [
    Insight.__table__.c[name]
    for name in (
        "id", "text", "pii_kept", "community_id", "product_area_id", "impact", "status", "tags", "customers",
        "reps", "withdrawn", "duplicate_of", "version", "created_at", "updated_at",
    )
]  # fmt: skip


def _insights(session: Session, ids: set[str]) -> dict[str, Mapping[Any, Any]]:
    rows = session.execute(select(*_SHOWN).where(one_of(session, _SHOWN[0], ids)))
    return {row.id: row._mapping for row in rows}  # a view of the row, not a copy


def _by_id(session: Session, model: Any, ids: set[Any]) -> dict[Any, Any]:
    if not ids:
        return {}
    return {row.id: row for row in session.scalars(select(model).where(one_of(session, model.id, ids)))}


def _data(
    insight: dict[str, Any], facts: dict[str, Any], replies: dict[Any, Reply], backings: dict[Any, SameHere]
) -> dict[str, Any]:
    data: dict[str, Any] = {"insight": insight}
    for name in ("status", "previous_status", "original_id"):
        if name in facts:
            data[name] = facts[name]
    reply = replies.get(facts.get("reply_id"))
    if reply is not None:
        data["reply"] = {
            "id": reply.id,
            "author_role": reply.author.role,
            "body": reply.body,  # checked by the privacy guard when written
            "created_at": _iso(reply.created_at),
        }
    backing = backings.get(facts.get("same_here_id"))
    if backing is not None:
        data["same_here"] = {
            "id": backing.id,
            "said_on": backing.said_on,
            "impact": backing.impact,
            "created_at": _iso(backing.created_at),
        }
    return data


def insight_data(session: Session, insight: Insight | Mapping[Any, Any]) -> dict[str, Any]:
    """An insight (ORM object, or a row just inserted) as webhook payloads carry it."""
    row = insight if isinstance(insight, Mapping) else _Attributes(insight)
    text = row["text"]
    if row["pii_kept"]:  # what the author kept as typed is for the product page, not for other tools
        text = privacy.guard_text(text, (), limit=10**9).text
    area = reference.product_area_by_id(session, row["product_area_id"])
    return {
        "id": row["id"],
        "url": insight_link(row["id"]),
        "text": text,
        "community": reference.community_by_id(session, row["community_id"]).slug,
        "product_area": area.slug if area else None,
        "impact": row["impact"],
        "status": row["status"],
        "tags": list(row["tags"] or []),
        "customers": row["customers"] or 1,
        "reps": row["reps"] or 1,
        "withdrawn": bool(row["withdrawn"]),
        "duplicate_of": row["duplicate_of"],
        "version": row["version"],
        "created_at": _iso(row["created_at"]),
        "updated_at": _iso(row["updated_at"]),
    }


class _Attributes:
    """An ORM object read as a mapping, so one function builds the payload from either form."""

    __slots__ = ("_insight",)

    def __init__(self, insight: Insight) -> None:
        self._insight = insight

    def __getitem__(self, name: str) -> Any:
        return getattr(self._insight, name)


def _iso(value: datetime) -> str:
    return value.isoformat().replace("+00:00", "Z")


events.writer[:] = [(build, insert)]
