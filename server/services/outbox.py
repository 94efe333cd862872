"""The webhook outbox: queued integration events become rows for each matching subscription, before commit.

The payload is built here, from the insight as this transaction leaves it, and stored exactly as it will be
signed and sent (Standard Webhooks: `{"type", "timestamp", "data"}`). It carries the text as other reps see
it (personal data masked, even what the author kept) and no customer references, author names or notes.
"""

from __future__ import annotations

import json
import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from server import bulk
from server.models import Insight, Reply, SameHere, Webhook, WebhookMessage, utcnow
from server.services import events, insights
from server.services.events import Event

# The product page's address as people reach it (set by the app from PALAUTE_SERVER_PUBLIC_URL).
public_url = ["http://127.0.0.1:8765"]
# Chat messages are for what a team wants to hear about at once, not every change.
CHAT_IMPACTS = ("high", "blocker")
_WAKE = "palaute_outbox_written"


def insight_link(insight_id: str) -> str:
    return f"{public_url[0].rstrip('/')}/web/insights/{insight_id}"


def chat_wants(event: Event, data: dict) -> bool:
    """Slack and Teams hooks hear of new high-impact insights and of shipped ones only."""
    insight = data["insight"]
    if event.type == "insight.created":
        return insight["impact"] in CHAT_IMPACTS
    return event.type == "insight.status_changed" and insight["status"] == "shipped"


def write(session: Session, queued: list[Event]) -> None:
    hooks = list(session.scalars(select(Webhook).where(Webhook.enabled.is_(True))))
    if not hooks:
        return
    found = {i.id: i for i in session.scalars(select(Insight).where(Insight.id.in_({e.insight_id for e in queued})))}
    now = utcnow()
    rows = []
    for event in queued:
        insight = found.get(event.insight_id)
        if insight is None:
            continue
        data = None
        for hook in hooks:
            if event.type not in hook.events or hook.community_id not in (None, insight.community_id):
                continue
            data = data or _data(session, event, insight)
            if hook.kind != "standard" and not chat_wants(event, data):
                continue
            rows.append(_row(hook.id, event, data, now))
    if rows:
        bulk.insert_many(session, WebhookMessage.__table__, rows)
        session.info[_WAKE] = True


def written(session: Session) -> bool:
    """Whether this (just committed) transaction wrote outbox rows; clears the mark."""
    return bool(session.info.pop(_WAKE, False))


def _row(webhook_id: int, event: Event, data: dict, now) -> dict:
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


def _data(session: Session, event: Event, insight: Insight) -> dict:
    data: dict = {"insight": insight_data(insight)}
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


def insight_data(insight: Insight) -> dict:
    snap = insights.snapshot(insight)
    return {
        "id": insight.id,
        "url": insight_link(insight.id),
        "text": snap.shared_text,
        "community": snap.full.community,
        "product_area": snap.full.product_area,
        "impact": insight.impact,
        "status": insight.status,
        "tags": list(insight.tags or []),
        "customers": insight.customers or 1,
        "reps": insight.reps or 1,
        "withdrawn": insight.withdrawn,
        "duplicate_of": insight.duplicate_of,
        "version": insight.version,
        "created_at": _iso(insight.created_at),
        "updated_at": _iso(insight.updated_at),
    }


def _iso(value) -> str:
    return value.isoformat().replace("+00:00", "Z")


events.writer[:] = [write]
