"""Saving, reading and searching insights; each capture writes the insight and its outbox entry together."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import Row, delete, exists, insert, select, text
from sqlalchemy.orm import Session

from desktop.domain import Impact, Insight, KeptPii, NewInsight, Status, SyncState, new_id, utc_now
from desktop.store.models import INSIGHT_TABLE, OUTBOX_TABLE, InsightRow, NoticeRow, OutboxRow, ReplyRow
from desktop.store.queued import note_queued


def add_insight(
    session: Session,
    checked: NewInsight,
    author: str,
    *,
    pii_kept: list[dict[str, Any]] | None = None,
    pii_masked: dict[str, int] | None = None,
) -> Insight:
    """Insert an already-validated (and masked) insight and queue its "create" mutation in the same transaction.

    pii_masked is recorded on the row only; of pii_kept the payload carries just the keys (see create_payload).
    """
    now = utc_now()
    row = InsightRow(
        uuid=new_id(),
        text=checked.text,
        community=checked.community,
        product_area=checked.product_area,
        customer_ref=checked.customer_ref,
        impact=str(checked.impact),
        tags=list(checked.tags),
        author=author,
        created_at=now,
        updated_at=now,
        status=Status.NEW.value,
        server_version=None,
        sync_state=SyncState.LOCAL.value,
        sync_error=None,
        withdrawn=False,
        duplicate_of=None,
        pii_kept=list(pii_kept or ()),
        pii_masked=dict(pii_masked or {}),
        customers=1,
        reps=1,
        following=True,
    )
    # Inserted by two Core statements; the row object is only read (to_insight, create_payload). Through the
    # ORM's unit of work (session.add, flush) the same two rows took about a third of a capture's time.
    session.execute(_INSERT_INSIGHT, {column.name: getattr(row, key) for key, column in _INSERTED})
    payload = json.dumps(create_payload(row), ensure_ascii=False)
    session.execute(_INSERT_OUTBOX, {"kind": "create", "object_id": row.uuid, "payload": payload, "created_at": now})
    note_queued(session)
    return to_insight(row)


_INSERT_INSIGHT = insert(INSIGHT_TABLE)
_INSERT_OUTBOX = insert(OUTBOX_TABLE)  # mutation_id and attempts from the columns' defaults
# Every column but the integer key, which SQLite numbers.
_INSERTED = [(a.key, a.columns[0]) for a in InsightRow.__mapper__.column_attrs if a.key != "rowid"]


def record_pii(session: Session, insight_id: str, kept: list[dict[str, Any]], masked: dict[str, int]) -> None:
    """Set what an edited insight holds as kept, and add what this edit masked to its counts (local only)."""
    row = session.scalar(select(InsightRow).where(InsightRow.uuid == insight_id))
    if row is None:
        return
    counts = dict(row.pii_masked)
    for kind, n in masked.items():
        counts[kind] = counts.get(kind, 0) + n
    row.pii_kept, row.pii_masked = kept, counts


def remove_synced_before(session: Session, cutoff: datetime) -> int:
    """Delete insights the server has and nothing local still changes, quiet since before cutoff.

    Quiet: neither the insight (edited, or changed by the product team) nor any reply in its thread is
    newer than cutoff. Anything not yet accepted by the server (queued, failed, a reply waiting) stays.
    """
    thread_busy = (
        exists()
        .where(ReplyRow.insight_uuid == InsightRow.uuid)
        .where((ReplyRow.created_at >= cutoff) | (ReplyRow.sync_state != SyncState.SENT.value))
    )
    queued = exists().where(OutboxRow.object_id == InsightRow.uuid)
    ids = session.scalars(
        select(InsightRow.uuid).where(
            InsightRow.server_version.is_not(None),
            InsightRow.sync_state == SyncState.SENT.value,
            InsightRow.updated_at < cutoff,
            ~queued,
            ~thread_busy,
        )
    ).all()
    for start in range(0, len(ids), 500):  # SQLite caps the number of bound values in one statement
        chunk = ids[start : start + 500]
        session.execute(delete(ReplyRow).where(ReplyRow.insight_uuid.in_(chunk)))
        session.execute(delete(NoticeRow).where(NoticeRow.insight_uuid.in_(chunk)))
        session.execute(delete(InsightRow).where(InsightRow.uuid.in_(chunk)))
    return len(ids)


def create_payload(row: InsightRow) -> dict[str, Any]:
    """The insight as it was saved; the sync engine turns it into the protocol's create mutation."""
    return {
        "id": row.uuid,
        "text": row.text,
        "community": row.community,
        "product_area": row.product_area,
        "customer_ref": row.customer_ref,
        "impact": row.impact,
        "tags": list(row.tags),
        "created_at": row.created_at.isoformat(),
        # Only the keys (kind + hash) of what the rep chose to keep: the server's detector then leaves those
        # items alone and flags the insight for the product team.
        "pii_kept": [item["key"] for item in row.pii_kept],
    }


# Reads select plain columns instead of ORM objects: no identity map or change tracking to build, which
# halves the cost of loading a page of results (the rows are turned into frozen Insights anyway).
_COLUMNS = [c for c in InsightRow.__mapper__.column_attrs]
_SELECT = select(*(getattr(InsightRow, c.key) for c in _COLUMNS))


def get(session: Session, insight_id: str) -> Insight | None:
    row = session.execute(_SELECT.where(InsightRow.uuid == insight_id)).first()
    return to_insight(row) if row else None


def newest_first(session: Session, *, community: str | None = None, limit: int | None = None) -> list[Insight]:
    query = _SELECT.order_by(InsightRow.created_at.desc(), InsightRow.rowid.desc())
    if community:
        query = query.where(InsightRow.community == community)
    if limit:
        query = query.limit(limit)
    return [to_insight(r) for r in session.execute(query)]


# Ranking scores every matching row, so a query as broad as "payment card" over 100,000 notes costs a
# quarter of a second. Past this many matches, only the most recent ones are ranked: a search that broad
# is a request for what is recent, and the answer comes in a few milliseconds instead.
RANK_WINDOW = 500


def search(session: Session, match: str, limit: int) -> list[Insight]:
    """Best matches first (BM25); the index is asked for ids only, then just those rows are loaded."""
    floor = session.execute(
        text("SELECT rowid FROM insight_fts WHERE insight_fts MATCH :q ORDER BY rowid DESC LIMIT 1 OFFSET :w"),
        {"q": match, "w": RANK_WINDOW - 1},
    ).scalar()
    ranked = (
        session.execute(
            text("SELECT rowid FROM insight_fts WHERE insight_fts MATCH :q AND rowid >= :floor ORDER BY rank LIMIT :n"),
            {"q": match, "floor": floor or 0, "n": limit},
        )
        .scalars()
        .all()
    )
    if not ranked:
        return []
    rows = {r.rowid: r for r in session.execute(_SELECT.where(InsightRow.rowid.in_(ranked)))}
    return [to_insight(rows[i]) for i in ranked if i in rows]


def count(session: Session) -> int:
    return int(session.execute(text("SELECT count(*) FROM insight")).scalar_one())


def to_insight(row: InsightRow | Row[Any]) -> Insight:
    return Insight(
        id=row.uuid,
        text=row.text,
        community=row.community,
        product_area=row.product_area,
        customer_ref=row.customer_ref,
        impact=Impact(row.impact),
        tags=tuple(row.tags),
        author=row.author,
        created_at=row.created_at,
        updated_at=row.updated_at,
        status=Status(row.status),
        server_version=row.server_version,
        sync_state=SyncState(row.sync_state),
        sync_error=row.sync_error,
        withdrawn=bool(row.withdrawn),
        duplicate_of=row.duplicate_of,
        pii_kept=tuple(KeptPii(item["kind"], item["key"]) for item in row.pii_kept),
        pii_masked=tuple(sorted(row.pii_masked.items())),
        customers=row.customers,
        reps=row.reps,
        following=bool(row.following),
    )
