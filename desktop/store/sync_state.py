"""The store's side of sync: the outbox to push, push results and pulled changes applied atomically, notices.

Everything here speaks plain dicts shaped like protocol/schema.py's JSON, so the store needs neither
pydantic nor the network; desktop/sync/ turns protocol models into these dicts and back.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from desktop.domain import Notice, SyncState, utc_now
from desktop.store.models import InsightRow, NoticeRow, OutboxRow, ReplyRow, SyncMetaRow

# Fields the product team owns: a pulled change may always set them, even while the rep has an edit queued.
SERVER_FIELDS = ("status", "duplicate_of", "withdrawn")
REP_FIELDS = ("text", "community", "product_area", "customer_ref", "impact", "tags")
STATUS_WORDS = {"new": "new", "acknowledged": "acknowledged", "planned": "planned", "in_progress": "in progress",
                "shipped": "shipped", "declined": "declined"}


@dataclass(frozen=True)
class Pending:
    """One queued mutation: `seq` is the device's mutation number."""

    seq: int
    kind: str
    object_id: str
    payload: dict[str, Any]
    attempts: int


# -- metadata ----------------------------------------------------------------------------------------------
def get_meta(session: Session, key: str) -> str | None:
    return session.scalar(select(SyncMetaRow.value).where(SyncMetaRow.key == key))


def set_meta(session: Session, values: dict[str, str | None]) -> None:
    for key, value in values.items():
        if value is None:
            session.execute(delete(SyncMetaRow).where(SyncMetaRow.key == key))
        else:
            session.merge(SyncMetaRow(key=key, value=value))


# -- outbox ------------------------------------------------------------------------------------------------
def pending(session: Session, limit: int) -> list[Pending]:
    rows = session.scalars(select(OutboxRow).order_by(OutboxRow.seq).limit(limit))
    return [Pending(r.seq, r.kind, r.object_id, json.loads(r.payload), r.attempts) for r in rows]


def outbox_size(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(OutboxRow)) or 0


def record_failure(session: Session, seqs: list[int], error: str) -> None:
    session.execute(update(OutboxRow).where(OutboxRow.seq.in_(seqs))
                    .values(attempts=OutboxRow.attempts + 1, last_error=error))


def queue(session: Session, kind: str, object_id: str, payload: dict[str, Any]) -> None:
    session.add(OutboxRow(kind=kind, object_id=object_id, payload=json.dumps(payload, ensure_ascii=False),
                          created_at=utc_now()))


def reject_locally(session: Session, item: Pending, message: str) -> None:
    """A mutation the server could never accept (found before sending): mark it failed, drop it from the queue."""
    _mark_failed(session, item, message)
    session.execute(delete(OutboxRow).where(OutboxRow.seq == item.seq))


def apply_push_result(session: Session, item: Pending, result: dict[str, Any]) -> None:
    """Record the server's answer to one mutation; the entry leaves the outbox whatever the answer was."""
    session.execute(delete(OutboxRow).where(OutboxRow.seq == item.seq))
    if result.get("insight"):
        _store_server_insight(session, result["insight"], pushed=True)
    if result.get("reply"):
        session.execute(update(ReplyRow).where(ReplyRow.uuid == result["reply"]["id"])
                        .values(sync_state=SyncState.SENT.value, sync_error=None))
    if result["status"] in ("applied", "duplicate"):
        if item.kind in ("create", "edit", "withdraw"):
            _set_insight_state(session, item.object_id, SyncState.SENT, None)
        return
    if result.get("code") == "conflict" and _rebase(session, item, result.get("insight")):
        return
    _mark_failed(session, item, result.get("message") or result.get("code") or "refused by the server")


def _rebase(session: Session, item: Pending, current: dict | None) -> bool:
    """Re-queue an edit made on an older version when the server did not touch the fields it changes."""
    if item.kind != "edit" or not current:
        return False
    base = item.payload.get("base", {})
    if any(current.get(field) != value for field, value in base.items()):
        return False
    queue(session, "edit", item.object_id, {**item.payload, "base_version": current["version"]})
    return True


def _mark_failed(session: Session, item: Pending, message: str) -> None:
    if item.kind == "reply":
        session.execute(update(ReplyRow).where(ReplyRow.uuid == item.object_id)
                        .values(sync_state=SyncState.FAILED.value, sync_error=message))
    else:
        _set_insight_state(session, item.object_id, SyncState.FAILED, message)


def _set_insight_state(session: Session, insight_id: str, state: SyncState, error: str | None) -> None:
    if state is SyncState.SENT and _has_pending(session, insight_id):
        return  # a later change of the same insight is still queued: it stays "saved locally"
    session.execute(update(InsightRow).where(InsightRow.uuid == insight_id)
                    .values(sync_state=state.value, sync_error=error))


def _has_pending(session: Session, insight_id: str) -> bool:
    return session.scalar(select(OutboxRow.seq).where(OutboxRow.object_id == insight_id).limit(1)) is not None


# -- pulled changes ----------------------------------------------------------------------------------------
def apply_changes(session: Session, changes: list[dict[str, Any]], cursor: str, *, me: str,
                  announce: bool) -> int:
    """Apply one page of the changes feed and its cursor together; returns how many notices were added."""
    notices = 0
    for change in changes:
        kind = change.get("kind")
        if kind == "insight":
            notices += _store_server_insight(session, change["insight"], announce=announce)
        elif kind == "reply":
            notices += _store_reply(session, change["reply"], me=me, announce=announce)
        elif kind == "tombstone":
            _erase(session, change["insight_id"])
        # Unknown kinds come from a newer server; skipping them is part of the protocol.
    set_meta(session, {"cursor": cursor})
    return notices


def _store_server_insight(session: Session, data: dict[str, Any], *, announce: bool = False,
                          pushed: bool = False) -> int:
    row = session.scalar(select(InsightRow).where(InsightRow.uuid == data["id"]))
    if row is None:
        session.add(_new_row(data))
        return 0
    if row.server_version is not None and data["version"] <= row.server_version:
        return 0  # an older state than what we have (pages can overlap after a lost answer)
    old_status = row.status
    row.server_version = data["version"]
    row.status = data["status"]
    row.duplicate_of = data.get("duplicate_of")
    row.withdrawn = bool(data.get("withdrawn"))
    if not _has_pending(session, row.uuid) or pushed:
        for field in REP_FIELDS:
            setattr(row, field, data[field])
        row.updated_at = datetime.fromisoformat(data["updated_at"])
    if announce and old_status != data["status"]:
        status = STATUS_WORDS.get(data["status"], data["status"])
        return _notice(session, f"status:{row.uuid}:{data['version']}", "status", row.uuid,
                       f"Insight {status}", _snippet(row.text))
    return 0


def _new_row(data: dict[str, Any]) -> InsightRow:
    return InsightRow(
        uuid=data["id"], text=data["text"], community=data["community"], product_area=data.get("product_area"),
        customer_ref=data.get("customer_ref"), impact=data["impact"], tags=list(data.get("tags") or []),
        author=data["author"], created_at=datetime.fromisoformat(data["created_at"]),
        updated_at=datetime.fromisoformat(data["updated_at"]), status=data["status"],
        server_version=data["version"], sync_state=SyncState.SENT.value, withdrawn=bool(data.get("withdrawn")),
        duplicate_of=data.get("duplicate_of"),
    )


def _store_reply(session: Session, data: dict[str, Any], *, me: str, announce: bool) -> int:
    if session.get(ReplyRow, data["id"]) is not None:
        return 0  # replies never change; ours was stored when we wrote it
    if session.scalar(select(InsightRow.uuid).where(InsightRow.uuid == data["insight_id"])) is None:
        return 0  # a reply to an insight this machine does not hold (erased meanwhile)
    mine = data["author"] == me
    session.add(ReplyRow(uuid=data["id"], insight_uuid=data["insight_id"], author=data["author"],
                         author_role=data.get("author_role", "product"), body=data["body"],
                         created_at=datetime.fromisoformat(data["created_at"]), read=mine or not announce,
                         mine=mine, sync_state=SyncState.SENT.value))
    if mine or not announce:
        return 0
    return _notice(session, f"reply:{data['id']}", "reply", data["insight_id"],
                   f"Reply from {data['author']}", _snippet(data["body"]))


def _erase(session: Session, insight_id: str) -> None:
    session.execute(delete(ReplyRow).where(ReplyRow.insight_uuid == insight_id))
    session.execute(delete(OutboxRow).where(OutboxRow.object_id == insight_id))
    session.execute(delete(NoticeRow).where(NoticeRow.insight_uuid == insight_id))
    session.execute(delete(InsightRow).where(InsightRow.uuid == insight_id))


def _notice(session: Session, key: str, kind: str, insight_id: str, title: str, body: str) -> int:
    if session.scalar(select(NoticeRow.id).where(NoticeRow.key == key)) is not None:
        return 0
    session.add(NoticeRow(key=key, kind=kind, insight_uuid=insight_id, title=title, body=body,
                          created_at=utc_now()))
    return 1


def _snippet(text: str, limit: int = 120) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


# -- notices -----------------------------------------------------------------------------------------------
def pending_notices(session: Session) -> list[Notice]:
    rows = session.scalars(select(NoticeRow).where(NoticeRow.shown_at.is_(None)).order_by(NoticeRow.id))
    return [Notice(r.id, r.kind, r.insight_uuid, r.title, r.body) for r in rows]


def mark_shown(session: Session, notice_ids: list[int]) -> None:
    session.execute(update(NoticeRow).where(NoticeRow.id.in_(notice_ids)).values(shown_at=utc_now()))


def unread_count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(ReplyRow)
                          .where(ReplyRow.read.is_(False), ReplyRow.mine.is_(False))) or 0


def server_version(session: Session, insight_id: str) -> int | None:
    return session.scalar(select(InsightRow.server_version).where(InsightRow.uuid == insight_id))


def synced_counts(session: Session) -> tuple[int, int]:
    """Insights and replies the server has (as far as this machine knows), to compare with its summary."""
    insights = session.scalar(select(func.count()).select_from(InsightRow)
                              .where(InsightRow.server_version.is_not(None))) or 0
    replies = session.scalar(select(func.count()).select_from(ReplyRow)
                             .where(ReplyRow.sync_state == SyncState.SENT.value)) or 0
    return insights, replies
