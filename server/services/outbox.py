"""The webhook outbox: queued integration events become rows for each matching subscription, before commit.

The payload is built here, from the insight as this transaction leaves it, and stored exactly as it will be
signed and sent (Standard Webhooks: `{"type", "timestamp", "data"}`). It carries the text as other reps see
it (personal data masked, even what the author kept) and no customer references, author names or notes.
"""

from __future__ import annotations

import json
import uuid
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
    rows: list[dict[str, Any]] = []
    for event in queued:
        insight = event.row if event.row is not None else session.get(Insight, event.insight_id)
        if insight is None:
            continue
        community_id = _get(insight, "community_id")
        data: dict[str, Any] | None = None
        for hook_id, kind, wanted, hook_community in hooks:
            if event.type not in wanted or hook_community not in (None, community_id):
                continue
            data = data or _data(session, event, insight)
            if kind != "standard" and not chat_wants(event, data):
                continue
            rows.append(_row(hook_id, event, data, now))
    return rows


def insert(session: Session, rows: list[dict[str, Any]]) -> None:
    bulk.insert_many(session, WebhookMessage.__table__, rows)
    session.info[_WAKE] = True  # PostgreSQL's NOTIFY of the delivery process: services/events.py


def written(session: Session) -> bool:
    """Whether this (just committed) transaction wrote outbox rows; clears the mark."""
    return bool(session.info.pop(_WAKE, False))


def _row(webhook_id: int, event: Event, data: dict[str, Any], now: datetime) -> dict[str, Any]:
    body = {"type": event.type, "timestamp": now.isoformat().replace("+00:00", "Z"), "data": data}
    return dict(
        webhook_id=webhook_id,
        message_id=f"msg_{uuid.uuid4().hex}",
        event=event.type,
        order_key=event.insight_id,
        payload=json.dumps(body, separators=(",", ":"), ensure_ascii=False),
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

    def get(name: str) -> Any:
        return _get(insight, name)

    text = get("text")
    if get("pii_kept"):  # what the author kept as typed is for the product page, not for other tools
        text = privacy.guard_text(text, (), limit=10**9).text
    area = reference.product_area_by_id(session, get("product_area_id"))
    return {
        "id": get("id"),
        "url": insight_link(get("id")),
        "text": text,
        "community": reference.community_by_id(session, get("community_id")).slug,
        "product_area": area.slug if area else None,
        "impact": get("impact"),
        "status": get("status"),
        "tags": list(get("tags") or []),
        "customers": get("customers") or 1,
        "reps": get("reps") or 1,
        "withdrawn": bool(get("withdrawn")),
        "duplicate_of": get("duplicate_of"),
        "version": get("version"),
        "created_at": _iso(get("created_at")),
        "updated_at": _iso(get("updated_at")),
    }


def _get(insight: Insight | dict[str, Any], name: str) -> Any:
    return insight[name] if isinstance(insight, dict) else getattr(insight, name)


def _iso(value: datetime) -> str:
    return value.isoformat().replace("+00:00", "Z")


events.writer[:] = [(build, insert)]
