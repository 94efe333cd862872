"""Erasure of personal data on request: an insight, or every insight of one customer, gone for good."""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from server.models import Insight, WebhookMessage
from server.services import backing, feed


def erase(session: Session, insight_id: str) -> bool:
    """Delete an insight and its thread for good; every reader's feed gets an `erased` tombstone."""
    insight = session.get(Insight, insight_id)
    if insight is None:
        return False
    backing.detach(session, insight)
    feed.note_ids(session, "insight", insight.id, insight.author_id, insight.community_id, insight.product_area_id)
    session.delete(insight)  # replies go with it (ON DELETE CASCADE)
    # Undelivered webhook messages carry its text: they go too.
    session.execute(delete(WebhookMessage).where(WebhookMessage.order_key == insight.id))
    return True


def erase_customer(session: Session, customer_ref: str) -> list[str]:
    """Erase every insight recorded with this customer reference (exact match); returns their ids."""
    ids = list(session.scalars(select(Insight.id).where(Insight.customer_ref == customer_ref)))
    for insight_id in ids:
        erase(session, insight_id)
    return ids
