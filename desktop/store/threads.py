"""The rep's own changes after capture: edits, withdrawals and replies, each queued for sync with the change."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from desktop.domain import Reply, SyncState, new_id, utc_now
from desktop.errors import InvalidInput, NotFound
from desktop.language import _
from desktop.store import sync_state as ss
from desktop.store.models import InsightRow, OutboxRow, ReplyRow


def _insight(session: Session, insight_id: str) -> InsightRow:
    row = session.scalar(select(InsightRow).where(InsightRow.uuid == insight_id))
    if row is None:
        raise NotFound(_("There is no insight {id} on this computer.").format(id=insight_id))
    return row


def edit(session: Session, insight_id: str, changes: dict[str, Any]) -> None:
    """Change the local copy now and queue the edit, remembering what it was based on (for conflicts)."""
    row = _insight(session, insight_id)
    if row.withdrawn:
        raise InvalidInput(_("This insight was withdrawn; it can no longer be edited."))
    changed = {k: v for k, v in changes.items() if getattr(row, k) != v}
    if not changed:
        return
    base = {k: getattr(row, k) for k in changed}
    for field, value in changed.items():
        setattr(row, field, value)
    row.updated_at = utc_now()
    row.sync_state = SyncState.LOCAL.value
    # base_version None: the insight's create is still queued; the engine fills it in once it is applied.
    ss.queue(
        session,
        "edit",
        insight_id,
        {"insight_id": insight_id, "base_version": row.server_version, "changes": changed, "base": base},
    )


def withdraw(session: Session, insight_id: str) -> None:
    row = _insight(session, insight_id)
    if row.withdrawn:
        return
    row.withdrawn = True
    row.updated_at = utc_now()
    row.sync_state = SyncState.LOCAL.value
    ss.queue(session, "withdraw", insight_id, {"insight_id": insight_id, "base_version": None})


def add_reply(session: Session, insight_id: str, body: str, author: str) -> Reply:
    _insight(session, insight_id)
    now = utc_now()
    row = ReplyRow(
        uuid=new_id(),
        insight_uuid=insight_id,
        author=author,
        author_role="rep",
        body=body,
        created_at=now,
        read=True,
        mine=True,
        sync_state=SyncState.LOCAL.value,
    )
    session.add(row)
    ss.queue(
        session,
        "reply",
        row.uuid,
        {"id": row.uuid, "insight_id": insight_id, "body": body, "created_at": now.isoformat()},
    )
    return to_reply(row)


def thread(session: Session, insight_id: str) -> list[Reply]:
    rows = session.scalars(
        select(ReplyRow).where(ReplyRow.insight_uuid == insight_id).order_by(ReplyRow.created_at, ReplyRow.uuid)
    )
    return [to_reply(r) for r in rows]


def mark_read(session: Session, insight_id: str) -> None:
    session.execute(
        update(ReplyRow).where(ReplyRow.insight_uuid == insight_id, ReplyRow.read.is_(False)).values(read=True)
    )


def to_reply(row: ReplyRow) -> Reply:
    return Reply(
        id=row.uuid,
        insight_id=row.insight_uuid,
        author=row.author,
        body=row.body,
        created_at=row.created_at,
        read=bool(row.read),
        author_role=row.author_role,
        mine=bool(row.mine),
        sync_state=SyncState(row.sync_state),
        sync_error=row.sync_error,
    )


def undo_capture(session: Session, insight_id: str) -> str:
    """ "removed" when the create never left this computer (it and its queued changes go), else withdraw it."""
    row = _insight(session, insight_id)
    queued = session.scalars(
        select(OutboxRow).where(OutboxRow.object_id == insight_id, OutboxRow.kind == "create")
    ).first()
    if queued is not None and row.server_version is None:
        session.execute(delete(OutboxRow).where(OutboxRow.object_id == insight_id))
        session.delete(row)
        return "removed"
    withdraw(session, insight_id)
    return "withdrawn"
