"""The local database's tables, as SQLAlchemy 2.x typed ORM classes."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator


class UtcDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes stored as fixed-width ISO text, so text order is time order."""

    impl = String(32)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: object) -> str | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: the store keeps UTC only")
        return value.astimezone(UTC).isoformat(timespec="microseconds")

    def process_result_value(self, value: str | None, dialect: object) -> datetime | None:
        return None if value is None else datetime.fromisoformat(value)


class JsonList(TypeDecorator[list[Any]]):
    """A short list (tags, kept personal data) kept as JSON text."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: list[Any] | tuple[Any, ...] | None, dialect: object) -> str:
        return json.dumps(list(value or ()), ensure_ascii=False)

    def process_result_value(self, value: str | None, dialect: object) -> list[Any]:
        return json.loads(value) if value else []


class JsonDict(TypeDecorator[dict[str, Any]]):
    """A small mapping (counts by kind) kept as JSON text."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: dict[str, Any] | None, dialect: object) -> str:
        return json.dumps(dict(value or {}), ensure_ascii=False)

    def process_result_value(self, value: str | None, dialect: object) -> dict[str, Any]:
        return json.loads(value) if value else {}


class Base(DeclarativeBase):
    pass


class CommunityRow(Base):
    __tablename__ = "community"

    slug: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    position: Mapped[int] = mapped_column(Integer, default=0)
    member: Mapped[bool] = mapped_column(default=False)  # the signed-in rep belongs to it
    open: Mapped[bool] = mapped_column(default=False)  # the rep may join or leave it themselves


class ProductAreaRow(Base):
    __tablename__ = "product_area"

    slug: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    position: Mapped[int] = mapped_column(Integer, default=0)


class InsightRow(Base):
    """An insight. `rowid` is the integer key the full-text index needs; `uuid` is its identity everywhere."""

    __tablename__ = "insight"

    rowid: Mapped[int] = mapped_column("id", Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    text: Mapped[str] = mapped_column(Text)
    community: Mapped[str] = mapped_column(String(64))
    product_area: Mapped[str | None] = mapped_column(String(64))
    customer_ref: Mapped[str | None] = mapped_column(String(100))
    impact: Mapped[str] = mapped_column(String(16))
    tags: Mapped[list[Any]] = mapped_column(JsonList)
    author: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    status: Mapped[str] = mapped_column(String(16), default="new")
    server_version: Mapped[int | None] = mapped_column(Integer)
    sync_state: Mapped[str] = mapped_column(String(16), default="local")
    sync_error: Mapped[str | None] = mapped_column(Text)
    withdrawn: Mapped[bool] = mapped_column(default=False)
    duplicate_of: Mapped[str | None] = mapped_column(String(36))
    # Local only (migration 0004): [{"kind", "key"}] kept as typed, and {kind: count} masked on save.
    pii_kept: Mapped[list[Any]] = mapped_column(JsonList, default=list)
    pii_masked: Mapped[dict[str, Any]] = mapped_column(JsonDict, default=dict)
    # Communities (migration 0005), as the server last said: customers and reps behind it, and whether the
    # signed-in rep follows it (wrote it or said "same here"); a community insight they only read does not.
    customers: Mapped[int] = mapped_column(Integer, default=1)
    reps: Mapped[int] = mapped_column(Integer, default=1)
    following: Mapped[bool] = mapped_column(default=True)

    __table_args__ = (Index("ix_insight_created", "created_at"), Index("ix_insight_community", "community"))


class ReplyRow(Base):
    __tablename__ = "reply"

    uuid: Mapped[str] = mapped_column(String(36), primary_key=True)
    insight_uuid: Mapped[str] = mapped_column(ForeignKey("insight.uuid", ondelete="CASCADE"), index=True)
    author: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    read: Mapped[bool] = mapped_column(default=False)
    author_role: Mapped[str] = mapped_column(String(16), default="product")
    mine: Mapped[bool] = mapped_column(default=False)  # written on this machine by the signed-in rep
    sync_state: Mapped[str] = mapped_column(String(16), default="sent")
    sync_error: Mapped[str | None] = mapped_column(Text)


class SameHereRow(Base):
    """A "same here" the rep said on an existing insight, queued like a capture."""

    __tablename__ = "same_here"

    uuid: Mapped[str] = mapped_column(String(36), primary_key=True)
    insight_uuid: Mapped[str] = mapped_column(String(36), index=True)
    customer_ref: Mapped[str | None] = mapped_column(String(100))
    impact: Mapped[str] = mapped_column(String(16))
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    sync_state: Mapped[str] = mapped_column(String(16), default="local")
    sync_error: Mapped[str | None] = mapped_column(Text)
    pii_kept: Mapped[list[Any]] = mapped_column(JsonList, default=list)


class OutboxRow(Base):
    """A change waiting to be pushed. `seq` is the device's mutation number: AUTOINCREMENT never reuses one
    (until a backup of the folder is restored: then the server answers number_used and the app registers a new
    device). `mutation_id` is the change's own id, which the server remembers."""

    __tablename__ = "outbox"
    __table_args__ = {"sqlite_autoincrement": True}  # noqa: RUF012 - SQLAlchemy reads it from the class

    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    mutation_id: Mapped[str] = mapped_column(String(36), unique=True, default=lambda: str(uuid.uuid4()))
    kind: Mapped[str] = mapped_column(String(16))
    object_id: Mapped[str] = mapped_column(String(36), index=True)
    payload: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)


class DraftRow(Base):
    """The capture window's unsaved text; one row per slot (today only "capture")."""

    __tablename__ = "draft"

    slot: Mapped[str] = mapped_column(String(32), primary_key=True)
    text: Mapped[str] = mapped_column(Text, default="")
    community: Mapped[str | None] = mapped_column(String(64))
    product_area: Mapped[str | None] = mapped_column(String(64))
    customer_ref: Mapped[str] = mapped_column(String(100), default="")
    impact: Mapped[str] = mapped_column(String(16), default="medium")
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)


class SettingRow(Base):
    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class SyncMetaRow(Base):
    """Sync bookkeeping: cursor, device id, signed-in user, last success and last error."""

    __tablename__ = "sync_meta"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class NoticeRow(Base):
    """A reply or status change to announce in the tray, kept until it has been shown (see migration 0003)."""

    __tablename__ = "notice"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(120), unique=True)
    kind: Mapped[str] = mapped_column(String(16))
    insight_uuid: Mapped[str] = mapped_column(String(36))
    title: Mapped[str] = mapped_column(Text)  # English words of notices stored before migration 0010; now ""
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    shown_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # Migration 0010: the facts the tray's words are built from in the rep's language when shown.
    actor: Mapped[str | None] = mapped_column(Text)  # who replied
    status: Mapped[str | None] = mapped_column(String(16))  # the new status


# The tables that Core statements use (inserts and updates without the ORM's bookkeeping), from the metadata,
# which types them as Table (a mapped class's `__table__` is typed as any FromClause).
INSIGHT_TABLE = Base.metadata.tables[InsightRow.__tablename__]
OUTBOX_TABLE = Base.metadata.tables[OutboxRow.__tablename__]
