"""The webhook outbox: queued integration events become rows for each matching subscription, before commit.

The payload is built here, from the insight as this transaction leaves it, and stored exactly as it will be
signed and sent (Standard Webhooks: `{"type", "timestamp", "data"}`). It carries the text as other reps see
it (personal data masked, even what the author kept) and no customer references, author names or notes.
"""

from __future__ import annotations

import json
import secrets
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from server import bulk
from server.models import Insight, Reply, SameHere, Webhook, WebhookMessage, utcnow
from server.services import events, privacy, reference
from server.services.events import Event

# The product page's address as people reach it (set by the app from PALAUTE_SERVER_PUBLIC_URL).
public_url = ["http://127.0.0.1:8765"]
# Chat messages are for what a team wants to hear about at once, not every change.
CHAT_IMPACTS = ("high", "blocker")
_WAKE = "palaute_outbox_written"
# Made once: json.dumps with options builds a new encoder on every call, which a push of 100 insights felt.
_ENCODE = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False).encode


def insight_link(insight_id: str) -> str:
    return f"{public_url[0].rstrip('/')}/web/insights/{insight_id}"


def chat_wants(event: Event, data: dict[str, Any]) -> bool:
    """Slack and Teams hooks hear of new high-impact insights and of shipped ones only."""
    insight = data["insight"]
    if event.type == "insight.created":
        return insight["impact"] in CHAT_IMPACTS
    return event.type == "insight.status_changed" and insight["status"] == "shipped"


def build(session: Session, queued: list[Event]) -> list[dict[str, Any]]:
    """The outbox rows of these events: one per event and matching enabled subscription."""
    hooks = session.execute(
        select(Webhook.id, Webhook.kind, Webhook.events, Webhook.community_id).where(Webhook.enabled.is_(True))
    ).all()
    if not hooks:
        return []
    now = utcnow()
    stamp = _iso(now)
    rows: list[dict[str, Any]] = []
    for event in queued:
        insight = event.row if event.row is not None else session.get(Insight, event.insight_id)
        if insight is None:
            continue
        community_id = _get(insight, "community_id")
        data: dict[str, Any] | None = None
        encoded = ""
        for hook_id, kind, wanted, hook_community in hooks:
            if event.type not in wanted or hook_community not in (None, community_id):
                continue
            if data is None:
                data = _data(session, event, insight)
                encoded = _ENCODE(data)  # once per event, however many subscriptions want it
            if kind != "standard" and not chat_wants(event, data):
                continue
            rows.append(_row(hook_id, event, encoded, stamp, now))
    return rows


def insert(session: Session, rows: list[dict[str, Any]]) -> None:
    bulk.insert_many(session, WebhookMessage.__table__, rows)
    session.info[_WAKE] = True  # PostgreSQL's NOTIFY of the delivery process: services/events.py


def written(session: Session) -> bool:
    """Whether this (just committed) transaction wrote outbox rows; clears the mark."""
    return bool(session.info.pop(_WAKE, False))


def _row(webhook_id: int, event: Event, data: str, stamp: str, now: datetime) -> dict[str, Any]:
    # The envelope `{"type", "timestamp", "data"}` around the event's data, already encoded: the type is one
    # of EVENTS and the stamp an ISO time, neither needs escaping.
    payload = f'{{"type":"{event.type}","timestamp":"{stamp}","data":{data}}}'
    return dict(
        webhook_id=webhook_id,
        message_id=f"msg_{secrets.token_hex(16)}",
        event=event.type,
        order_key=event.insight_id,
        payload=payload,
        created_at=now,
        next_attempt_at=now,
        attempts=0,
        lease_until=None,
    )


def _data(session: Session, event: Event, insight: Insight | dict[str, Any]) -> dict[str, Any]:
    data: dict[str, Any] = {"insight": insight_data(session, insight)}
    if "previous_status" in event.extra:
        data["previous_status"] = event.extra["previous_status"]
    if "original_id" in event.extra:
        data["original_id"] = event.extra["original_id"]
    if "reply_id" in event.extra:
        reply = session.get(Reply, event.extra["reply_id"])
        if reply is not None:
            data["reply"] = {
                "id": reply.id,
                "author_role": reply.author.role,
                "body": reply.body,  # checked by the privacy guard when written
                "created_at": _iso(reply.created_at),
            }
    if "same_here_id" in event.extra:
        row = session.get(SameHere, event.extra["same_here_id"])
        if row is not None:
            data["same_here"] = {
                "id": row.id,
                "said_on": row.said_on,
                "impact": row.impact,
                "created_at": _iso(row.created_at),
            }
    return data


def insight_data(session: Session, insight: Insight | dict[str, Any]) -> dict[str, Any]:
    """An insight (ORM object, or a row just inserted) as webhook payloads carry it."""
    row = insight if isinstance(insight, dict) else _Attributes(insight)
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


def _get(insight: Insight | dict[str, Any], name: str) -> Any:
    return insight[name] if isinstance(insight, dict) else getattr(insight, name)


def _iso(value: datetime) -> str:
    return value.isoformat().replace("+00:00", "Z")


events.writer[:] = [(build, insert)]
