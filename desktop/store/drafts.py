"""The capture window's draft: written often, read when the window opens, cleared when the insight is saved."""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from desktop.domain import Draft, utc_now
from desktop.store.models import DraftRow

CAPTURE_SLOT = "capture"


def save(session: Session, draft: Draft, slot: str = CAPTURE_SLOT) -> None:
    row = session.get(DraftRow, slot) or DraftRow(slot=slot)
    row.text = draft.text
    row.community = draft.community
    row.product_area = draft.product_area
    row.customer_ref = draft.customer_ref
    row.impact = str(draft.impact)
    row.updated_at = utc_now()
    session.add(row)


def load(session: Session, slot: str = CAPTURE_SLOT) -> Draft | None:
    row = session.scalar(select(DraftRow).where(DraftRow.slot == slot))
    if row is None:
        return None
    return Draft(
        text=row.text,
        community=row.community,
        product_area=row.product_area,
        customer_ref=row.customer_ref,
        impact=row.impact,
        updated_at=row.updated_at,
    )


def clear(session: Session, slot: str = CAPTURE_SLOT) -> None:
    session.execute(delete(DraftRow).where(DraftRow.slot == slot))
