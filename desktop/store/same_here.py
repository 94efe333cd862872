""" "Same here": the rep's customer said what an existing insight says; saved and queued together."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from desktop.domain import Impact, SameHere, SyncState, new_id, utc_now
from desktop.errors import InvalidInput, NotFound
from desktop.language import _
from desktop.store.models import InsightRow, OutboxRow, SameHereRow


def add(
    session: Session,
    insight_id: str,
    *,
    customer_ref: str | None,
    impact: str,
    note: str | None,
    pii_kept: list[dict[str, Any]],
) -> SameHere:
    """Record a "same here" on a stored insight and queue its mutation in the same transaction."""
    insight = session.scalar(select(InsightRow).where(InsightRow.uuid == insight_id))
    if insight is None:
        raise NotFound(
            _("There is no insight {id} on this computer. Sync first, or check the id.").format(id=insight_id)
        )
    if insight.withdrawn:
        raise InvalidInput(_("That insight was withdrawn by its author; capture a new one instead."))
    now = utc_now()
    row = SameHereRow(
        uuid=new_id(),
        insight_uuid=insight_id,
        customer_ref=customer_ref,
        impact=impact,
        note=note,
        created_at=now,
        sync_state=SyncState.LOCAL.value,
        pii_kept=pii_kept,
    )
    session.add(row)
    session.add(
        OutboxRow(
            kind="same_here", object_id=row.uuid, payload=json.dumps(payload(row), ensure_ascii=False), created_at=now
        )
    )
    # Shown at once, before the server answers with the real counts: the rep now follows it and their
    # customer is one more behind it (the server's count replaces this guess on the next sync).
    session.execute(
        update(InsightRow)
        .where(InsightRow.uuid == insight_id)
        .values(following=True, customers=InsightRow.customers + 1)
    )
    return to_same_here(row)


def payload(row: SameHereRow) -> dict[str, Any]:
    """The protocol's SameHereDraft; of kept personal data only the keys travel (as for a capture)."""
    return {
        "id": row.uuid,
        "insight_id": row.insight_uuid,
        "customer_ref": row.customer_ref,
        "impact": row.impact,
        "note": row.note,
        "created_at": row.created_at.isoformat(),
        "pii_kept": [item["key"] for item in row.pii_kept],
    }


def of_insight(session: Session, insight_id: str) -> list[SameHere]:
    rows = session.scalars(
        select(SameHereRow).where(SameHereRow.insight_uuid == insight_id).order_by(SameHereRow.created_at)
    )
    return [to_same_here(r) for r in rows]


def to_same_here(row: SameHereRow) -> SameHere:
    return SameHere(
        id=row.uuid,
        insight_id=row.insight_uuid,
        customer_ref=row.customer_ref,
        impact=Impact(row.impact),
        note=row.note,
        created_at=row.created_at,
        sync_state=SyncState(row.sync_state),
        sync_error=row.sync_error,
    )
