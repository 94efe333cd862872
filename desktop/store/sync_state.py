"""The store's side of sync: the outbox to push, push results and pulled changes applied atomically, notices.

Everything here speaks plain dicts shaped like protocol/schema.py's JSON, so the store needs neither
pydantic nor the network; desktop/sync/ turns protocol models into these dicts and back.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, delete, func, insert, select, update
from sqlalchemy.orm import Session

from desktop.domain import Notice, SyncState, utc_now
from desktop.store.models import INSIGHT_TABLE, InsightRow, NoticeRow, OutboxRow, ReplyRow, SameHereRow, SyncMetaRow

# Fields the server owns: a pulled change may always set them, even while the rep has an edit queued.
SERVER_FIELDS = ("status", "duplicate_of", "withdrawn", "customers", "reps", "following")
REP_FIELDS = ("text", "community", "product_area", "customer_ref", "impact", "tags")


@dataclass(frozen=True)
class Pending:
    """One queued mutation: `seq` is the device's mutation number, `mutation_id` its own id."""

    seq: int
    kind: str
    object_id: str
    payload: dict[str, Any]
    attempts: int
    mutation_id: str


# -- metadata ----------------------------------------------------------------------------------------------
def get_meta(session: Session, key: str) -> str | None:
    return session.scalar(select(SyncMetaRow.value).where(SyncMetaRow.key == key))


def set_meta(session: Session, values: dict[str, str | None]) -> None:
    for key, value in values.items():
        if value is None:
            session.execute(delete(SyncMetaRow).where(SyncMetaRow.key == key))
        else:
            session.merge(SyncMetaRow(key=key, value=value))


def swap_meta(session: Session, key: str, expected: str | None, values: dict[str, str | None]) -> bool:
    """Set `values` only if `key` still holds `expected` (in one write transaction): how processes sharing a
    data folder agree on its device without a lock held across the network call that made it."""
    if get_meta(session, key) != expected:
        return False
    set_meta(session, values)
    return True


# -- outbox ------------------------------------------------------------------------------------------------
def pending(session: Session, limit: int) -> list[Pending]:
    rows = session.scalars(select(OutboxRow).order_by(OutboxRow.seq).limit(limit))
    return [Pending(r.seq, r.kind, r.object_id, json.loads(r.payload), r.attempts, r.mutation_id) for r in rows]


def outbox_size(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(OutboxRow)) or 0


def record_failure(session: Session, seqs: list[int], error: str) -> None:
    session.execute(
        update(OutboxRow).where(OutboxRow.seq.in_(seqs)).values(attempts=OutboxRow.attempts + 1, last_error=error)
    )


def queue(session: Session, kind: str, object_id: str, payload: dict[str, Any]) -> None:
    session.add(
        OutboxRow(kind=kind, object_id=object_id, payload=json.dumps(payload, ensure_ascii=False), created_at=utc_now())
    )


def reject_locally(session: Session, item: Pending, message: str) -> None:
    """A mutation the server could never accept (found before sending): mark it failed, drop it from the queue."""
    session.execute(delete(OutboxRow).where(OutboxRow.seq == item.seq))
    _mark_failed(session, item, message)


# Push results and pulled pages arrive hundreds at a time. Everything below reads what the store holds for a
# whole batch in two queries and writes with plain statements (no ORM objects to track), so applying a page
# costs about as much as the HTTP round trip that brought it.
_LOCAL_COLUMNS = (
    InsightRow.uuid,
    InsightRow.server_version,
    InsightRow.status,
    InsightRow.text,
    InsightRow.community,
    InsightRow.product_area,
    InsightRow.customer_ref,
    InsightRow.impact,
    InsightRow.tags,
    InsightRow.following,
    InsightRow.duplicate_of,
)


_INSIGHTS = INSIGHT_TABLE
_SET_SERVER_FIELDS = (
    _INSIGHTS.update()
    .where(_INSIGHTS.c.uuid == bindparam("_uuid"))
    .values(
        server_version=bindparam("server_version"),
        status=bindparam("status"),
        duplicate_of=bindparam("duplicate_of"),
        withdrawn=bindparam("withdrawn"),
        customers=bindparam("customers"),
        reps=bindparam("reps"),
        following=bindparam("following"),
    )
)


class _Known:
    """The local state of the insights one batch touches, kept current while the batch is applied.

    New rows and server-field updates are collected and written with one executemany each (`flush`), before
    anything that depends on them (a reply's foreign key, a tombstone) and at the end of the batch.
    """

    def __init__(self, session: Session, insight_ids: set[str]) -> None:
        ids = list(insight_ids)
        self.session = session
        self.rows: dict[str, dict[str, Any]] = {
            r.uuid: r._asdict() for r in session.execute(select(*_LOCAL_COLUMNS).where(InsightRow.uuid.in_(ids)))
        }
        self.pending: set[str] = set(
            session.scalars(select(OutboxRow.object_id).where(OutboxRow.object_id.in_(ids))).all()
        )
        self.inserts: list[dict[str, Any]] = []
        self.updates: list[dict[str, Any]] = []

    def flush(self) -> None:
        if self.inserts:
            self.session.execute(_INSIGHTS.insert(), self.inserts)
        if self.updates:
            self.session.execute(_SET_SERVER_FIELDS, self.updates)
        self.inserts, self.updates = [], []


def apply_push_results(session: Session, pairs: list[tuple[Pending, dict[str, Any]]]) -> None:
    """Record the server's answers to one push; each entry leaves the outbox whatever its answer was."""
    session.execute(delete(OutboxRow).where(OutboxRow.seq.in_([item.seq for item, _ in pairs])))
    ids = {item.object_id for item, _ in pairs} | {r["insight"]["id"] for _, r in pairs if r.get("insight")}
    known = _Known(session, ids)
    sent: dict[str, list[str]] = {"reply": [], "same_here": [], "insight": []}
    for item, result in pairs:
        if item.kind == "reply" or result.get("code") == "conflict":
            known.flush()
        # Undone while its push was on the way: the server has it now, so it is withdrawn there instead.
        undone = item.kind == "create" and item.object_id not in known.rows and result["status"] != "rejected"
        if result.get("insight"):
            _store_server_insight(session, result["insight"], known)
        if undone:
            known.flush()
            _withdraw_undone(session, item.object_id, known)
        if result["status"] in ("applied", "duplicate"):
            sent[item.kind if item.kind in sent else "insight"].append(item.object_id)
        elif not (result.get("code") == "conflict" and _rebase(session, item, result.get("insight"), known)):
            _mark_failed(session, item, result.get("message") or result.get("code") or "refused by the server")
    known.flush()
    for table, kind in ((ReplyRow, "reply"), (SameHereRow, "same_here")):
        if sent[kind]:
            session.execute(
                update(table).where(table.uuid.in_(sent[kind])).values(sync_state=SyncState.SENT.value, sync_error=None)
            )
    # An insight with a later change still queued stays "saved locally" until that one is sent too.
    done = [i for i in set(sent["insight"]) if i not in known.pending]
    if done:
        session.execute(
            update(InsightRow).where(InsightRow.uuid.in_(done)).values(sync_state=SyncState.SENT.value, sync_error=None)
        )


def _withdraw_undone(session: Session, insight_id: str, known: _Known) -> None:
    session.execute(
        update(InsightRow)
        .where(InsightRow.uuid == insight_id)
        .values(withdrawn=True, sync_state=SyncState.LOCAL.value, updated_at=utc_now())
    )
    queue(session, "withdraw", insight_id, {"insight_id": insight_id, "base_version": None})
    known.pending.add(insight_id)


def _rebase(session: Session, item: Pending, current: dict[str, Any] | None, known: _Known) -> bool:
    """Re-queue an edit made on an older version when the server did not touch the fields it changes."""
    if item.kind != "edit" or not current:
        return False
    base = item.payload.get("base", {})
    if any(current.get(field) != value for field, value in base.items()):
        return False
    queue(session, "edit", item.object_id, {**item.payload, "base_version": current["version"]})
    known.pending.add(item.object_id)
    return True


def _mark_failed(session: Session, item: Pending, message: str) -> None:
    table: type[ReplyRow] | type[SameHereRow] | type[InsightRow] = InsightRow
    if item.kind == "reply":
        table = ReplyRow
    elif item.kind == "same_here":
        table = SameHereRow
    session.execute(
        update(table).where(table.uuid == item.object_id).values(sync_state=SyncState.FAILED.value, sync_error=message)
    )


# -- pulled changes ----------------------------------------------------------------------------------------
def apply_changes(session: Session, changes: list[dict[str, Any]], cursor: str, *, me: str, announce: bool) -> int:
    """Apply one page of the changes feed and its cursor together; returns how many notices were added."""
    ids = {c["insight"]["id"] for c in changes if c.get("kind") == "insight"}
    ids |= {c["reply"]["insight_id"] for c in changes if c.get("kind") == "reply"}
    known = _Known(session, ids)
    reply_ids = [c["reply"]["id"] for c in changes if c.get("kind") == "reply"]
    have_replies = set(session.scalars(select(ReplyRow.uuid).where(ReplyRow.uuid.in_(reply_ids))).all())
    notices = 0
    for change in changes:  # in feed order: a tombstone after an edit must win
        kind = change.get("kind")
        if kind != "insight":
            known.flush()
        if kind == "insight":
            notices += _store_server_insight(session, change["insight"], known, announce=announce)
        elif kind == "reply" and change["reply"]["id"] not in have_replies:
            have_replies.add(change["reply"]["id"])
            notices += _store_reply(session, change["reply"], known, me=me, announce=announce)
        elif kind == "tombstone":
            _erase(session, change["insight_id"])
            known.rows.pop(change["insight_id"], None)
        # Unknown kinds come from a newer server; skipping them is part of the protocol.
    known.flush()
    set_meta(session, {"cursor": cursor})
    return notices


def _store_server_insight(session: Session, data: dict[str, Any], known: _Known, *, announce: bool = False) -> int:
    local = known.rows.get(data["id"])
    if local is None:
        known.inserts.append(_new_row(data))
        known.rows[data["id"]] = {
            "uuid": data["id"],
            "server_version": data["version"],
            "status": data["status"],
            "following": data.get("following", True),
            "duplicate_of": data.get("duplicate_of"),
            **{f: data[f] for f in REP_FIELDS},
        }
        return 0
    if local["server_version"] is not None and data["version"] <= local["server_version"]:
        return 0  # an older state than what we have (pages can overlap after a lost answer)
    values: dict[str, Any] = {
        "server_version": data["version"],
        "status": data["status"],
        "duplicate_of": data.get("duplicate_of"),
        "withdrawn": bool(data.get("withdrawn")),
        **_backing(data),
    }
    known.updates.append({"_uuid": data["id"], **values})
    if data["id"] not in known.pending:
        # Only fields that really changed: rewriting text would re-index it for nothing.
        changed = {f: data[f] for f in REP_FIELDS if data[f] != local[f]}
        if changed:
            session.execute(
                _INSIGHTS.update()
                .where(_INSIGHTS.c.uuid == data["id"])
                .values(**changed, updated_at=datetime.fromisoformat(data["updated_at"]))
            )
            local.update(changed)
    old_status, old_original = local["status"], local.get("duplicate_of")
    local.update(values)
    # Only what the rep follows (wrote, or said "same here" on) is news; community insights are read in the inbox.
    if not (announce and values["following"]):
        return 0
    if old_status != data["status"]:
        return _notice(
            session,
            f"status:{data['id']}:{data['version']}",
            "status",
            data["id"],
            _snippet(local["text"]),
            status=data["status"],
        )
    if data.get("duplicate_of") and data["duplicate_of"] != old_original:
        return _notice(session, f"merged:{data['id']}:{data['version']}", "merged", data["id"], _snippet(local["text"]))
    return 0


def _backing(data: dict[str, Any]) -> dict[str, Any]:
    """Who is behind the insight and whether the reader follows it (an older server sends none)."""
    return {
        "customers": int(data.get("customers", 1)),
        "reps": int(data.get("reps", 1)),
        "following": bool(data.get("following", True)),
    }


def _new_row(data: dict[str, Any]) -> dict[str, Any]:
    return dict(
        uuid=data["id"],
        text=data["text"],
        community=data["community"],
        product_area=data.get("product_area"),
        customer_ref=data.get("customer_ref"),
        impact=data["impact"],
        tags=list(data.get("tags") or []),
        author=data["author"],
        created_at=datetime.fromisoformat(data["created_at"]),
        updated_at=datetime.fromisoformat(data["updated_at"]),
        status=data["status"],
        server_version=data["version"],
        sync_state=SyncState.SENT.value,
        withdrawn=bool(data.get("withdrawn")),
        duplicate_of=data.get("duplicate_of"),
        **_backing(data),
    )


def _store_reply(session: Session, data: dict[str, Any], known: _Known, *, me: str, announce: bool) -> int:
    if data["insight_id"] not in known.rows:
        return 0  # a reply to an insight this machine does not hold (erased meanwhile)
    mine = data["author"] == me
    # A reply in a community thread the rep does not follow is there to read, not news: no notice, not unread.
    quiet = mine or not announce or not known.rows[data["insight_id"]].get("following", True)
    session.execute(
        insert(ReplyRow).values(
            uuid=data["id"],
            insight_uuid=data["insight_id"],
            author=data["author"],
            author_role=data.get("author_role", "product"),
            body=data["body"],
            created_at=datetime.fromisoformat(data["created_at"]),
            read=quiet,
            mine=mine,
            sync_state=SyncState.SENT.value,
        )
    )
    if quiet:
        return 0
    return _notice(
        session, f"reply:{data['id']}", "reply", data["insight_id"], _snippet(data["body"]), actor=data["author"]
    )


def _erase(session: Session, insight_id: str) -> None:
    same_heres = select(SameHereRow.uuid).where(SameHereRow.insight_uuid == insight_id)
    session.execute(delete(OutboxRow).where(OutboxRow.object_id.in_(same_heres)))
    session.execute(delete(SameHereRow).where(SameHereRow.insight_uuid == insight_id))
    session.execute(delete(ReplyRow).where(ReplyRow.insight_uuid == insight_id))
    session.execute(delete(OutboxRow).where(OutboxRow.object_id == insight_id))
    session.execute(delete(NoticeRow).where(NoticeRow.insight_uuid == insight_id))
    session.execute(delete(InsightRow).where(InsightRow.uuid == insight_id))


def forget_unfollowed(session: Session, communities: list[str]) -> int:
    """Delete the insights the rep only read in communities they no longer belong to."""
    ids = session.scalars(
        select(InsightRow.uuid).where(InsightRow.following.is_(False), InsightRow.community.not_in(communities))
    ).all()
    for insight_id in ids:
        _erase(session, insight_id)
    return len(ids)


def _notice(
    session: Session,
    key: str,
    kind: str,
    insight_id: str,
    body: str,
    *,
    actor: str | None = None,
    status: str | None = None,
) -> int:
    """Keep the facts of a notice; the words are the tray's, in the rep's language (desktop/ui/notice_text.py)."""
    if session.scalar(select(NoticeRow.id).where(NoticeRow.key == key)) is not None:
        return 0
    session.execute(
        insert(NoticeRow).values(
            key=key,
            kind=kind,
            insight_uuid=insight_id,
            title="",
            body=body,
            actor=actor,
            status=status,
            created_at=utc_now(),
        )
    )
    return 1


def _snippet(text: str, limit: int = 120) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


# -- notices -----------------------------------------------------------------------------------------------
def pending_notices(session: Session) -> list[Notice]:
    rows = session.execute(
        select(NoticeRow, InsightRow.text)
        .outerjoin(InsightRow, InsightRow.uuid == NoticeRow.insight_uuid)
        .where(NoticeRow.shown_at.is_(None))
        .order_by(NoticeRow.id)
    )
    return [
        Notice(n.id, n.kind, n.insight_uuid, n.title, n.body, n.actor, n.status, _snippet(text or "", 80))
        for n, text in rows
    ]


def newest_unread(session: Session) -> str | None:
    """The insight with the newest unread reply (a tray click opens its thread), or None."""
    return session.scalar(
        select(ReplyRow.insight_uuid)
        .where(ReplyRow.read.is_(False), ReplyRow.mine.is_(False))
        .order_by(ReplyRow.created_at.desc())
        .limit(1)
    )


def mark_shown(session: Session, notice_ids: list[int]) -> None:
    session.execute(update(NoticeRow).where(NoticeRow.id.in_(notice_ids)).values(shown_at=utc_now()))


def unread_count(session: Session) -> int:
    return (
        session.scalar(
            select(func.count()).select_from(ReplyRow).where(ReplyRow.read.is_(False), ReplyRow.mine.is_(False))
        )
        or 0
    )


def server_version(session: Session, insight_id: str) -> int | None:
    return session.scalar(select(InsightRow.server_version).where(InsightRow.uuid == insight_id))


def synced_counts(session: Session) -> tuple[int, int]:
    """Insights and replies the server has (as far as this machine knows), to compare with its summary."""
    insights = (
        session.scalar(select(func.count()).select_from(InsightRow).where(InsightRow.server_version.is_not(None))) or 0
    )
    replies = (
        session.scalar(select(func.count()).select_from(ReplyRow).where(ReplyRow.sync_state == SyncState.SENT.value))
        or 0
    )
    return insights, replies
