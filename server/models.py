"""The server's tables as typed SQLAlchemy models."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    TypeDecorator,
    text as sql_text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def utcnow() -> datetime:
    return datetime.now(UTC)


class UtcDateTime(TypeDecorator[datetime]):
    """Stores aware UTC datetimes; SQLite returns naive values, which are UTC by construction."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    pass


def table_of(model: type[Base]) -> Table:
    """A model's table, for Core statements (bulk inserts and updates without ORM bookkeeping); SQLAlchemy
    types `__table__` as any FromClause, and every model here is mapped to a Table."""
    table = model.__table__
    if not isinstance(table, Table):
        raise TypeError(f"{model.__name__} is not mapped to a table: {table!r}")
    return table


user_communities = Table(
    "user_communities",
    Base.metadata,
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column("community_id", ForeignKey("communities.id", ondelete="CASCADE"), primary_key=True),
)
user_product_areas = Table(
    "user_product_areas",
    Base.metadata,
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column("product_area_id", ForeignKey("product_areas.id", ondelete="CASCADE"), primary_key=True),
)


class Meta(Base):
    """Key/value facts about this database, e.g. its instance id (part of every feed cursor)."""

    __tablename__ = "meta"
    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(String(200))


class FeedCounter(Base):
    """One row; every write transaction increments it, which orders the feed by commit."""

    __tablename__ = "feed_counter"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger, default=0)


class Community(Base):
    __tablename__ = "communities"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slug: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    open: Mapped[bool] = mapped_column(Boolean, default=False)  # reps may join or leave it themselves


class ProductArea(Base):
    __tablename__ = "product_areas"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slug: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(100))


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    role: Mapped[str] = mapped_column(String(10))  # rep | product | admin
    password_hash: Mapped[str] = mapped_column(String(200))
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    # Single sign-on: "<issuer> <sub>" of the organisation account (null for password users), the groups the
    # provider last said, and when: refresh re-maps them and asks for a new sign-in once they are too old.
    sso_subject: Mapped[str | None] = mapped_column(String(400), nullable=True)  # unique index in 0009
    sso_groups: Mapped[list[str] | None] = mapped_column(JSON, nullable=True)
    sso_checked_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    # How far in the feed this user's devices have pulled (services/delivery.py): a pull acknowledges its cursor.
    acked_seq: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")
    communities: Mapped[list[Community]] = relationship(secondary=user_communities, lazy="selectin")
    product_areas: Mapped[list[ProductArea]] = relationship(secondary=user_product_areas, lazy="selectin")


class Device(Base):
    """One signed-in installation; holds the per-device mutation high-water mark.

    `key_thumbprint` (RFC 7638) names the key its tokens are bound to (DPoP); null for a bearer sign-in.
    """

    __tablename__ = "devices"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    key_thumbprint: Mapped[str | None] = mapped_column(String(64), nullable=True)
    last_mutation: Mapped[int] = mapped_column(BigInteger, default=0)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    last_seen_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    # Single sign-on: the provider's refresh token of this sign-in (sealed, server/sealed.py), when the groups
    # were last read at the provider with it, and until when one refresh is asking the provider (so that two
    # at once do not both spend a refresh token the provider rotates).
    sso_refresh_token: Mapped[str | None] = mapped_column(Text, nullable=True)
    sso_checked_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    sso_busy_until: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    user: Mapped[User] = relationship(lazy="joined")


class WebSession(Base):
    """A signed-in web page session. The cookie carries a random id whose SHA-256 is `token_hash`; ending the
    row (sign-out, revocation, a disabled account, a new password) makes every copy of the cookie worthless."""

    __tablename__ = "web_sessions"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)  # shown to admins; not the cookie's secret
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    method: Mapped[str] = mapped_column(String(10))  # password | sso
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    # Single sign-on: the provider's refresh token of this sign-in (sealed, server/sealed.py), when the groups
    # were last read at the provider with it, and until when one refresh is asking the provider (so that two
    # at once do not both spend a refresh token the provider rotates).
    sso_refresh_token: Mapped[str | None] = mapped_column(Text, nullable=True)
    sso_checked_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    sso_busy_until: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)


class Token(Base):
    """An access or refresh token, stored as its SHA-256 only. A device's refresh token does not rotate:
    it is bound to the device's key, so presenting it again (a retry, a second process) is safe."""

    __tablename__ = "tokens"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    device_id: Mapped[str] = mapped_column(ForeignKey("devices.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(10))  # access | refresh
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)
    device: Mapped[Device] = relationship(lazy="joined")


class DeviceMutation(Base):
    """What each (device, number) applied, and its outcome: kept so that the server never calls a mutation a
    duplicate unless it holds that very mutation (by id), and answers a re-sent one as it did the first time.

    (user_id, mutation_id) is unique: a mutation re-sent under a new device of the same user (after its data
    folder forked) is recognised, not applied twice.
    """

    __tablename__ = "device_mutations"
    device_id: Mapped[str] = mapped_column(ForeignKey("devices.id", ondelete="CASCADE"), primary_key=True)
    number: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    mutation_id: Mapped[str] = mapped_column(String(36))
    kind: Mapped[str] = mapped_column(String(10))  # create | edit | withdraw | reply | same_here
    object_id: Mapped[str] = mapped_column(String(36))  # the insight, reply or "same here" it is about
    outcome: Mapped[str] = mapped_column(String(10))  # applied | duplicate | rejected
    code: Mapped[str | None] = mapped_column(String(20), nullable=True)  # why rejected
    message: Mapped[str | None] = mapped_column(Text, nullable=True)

    __table_args__ = (Index("ux_device_mutations_user_mutation", "user_id", "mutation_id", unique=True),)


class Insight(Base):
    __tablename__ = "insights"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    community_id: Mapped[int] = mapped_column(ForeignKey("communities.id"), index=True)
    product_area_id: Mapped[int | None] = mapped_column(ForeignKey("product_areas.id"), nullable=True, index=True)
    text: Mapped[str] = mapped_column(Text)
    customer_ref: Mapped[str | None] = mapped_column(String(100), nullable=True)
    impact: Mapped[str] = mapped_column(String(10))
    tags: Mapped[list[str]] = mapped_column(JSON, default=list)
    status: Mapped[str] = mapped_column(String(20), default="new", index=True)
    version: Mapped[int] = mapped_column(BigInteger, default=1)
    withdrawn: Mapped[bool] = mapped_column(Boolean, default=False)
    duplicate_of: Mapped[str | None] = mapped_column(ForeignKey("insights.id"), nullable=True)
    pii_kept: Mapped[list[str]] = mapped_column(JSON, default=list)  # keys the rep chose to keep as typed
    # The text as other reps read it (kept personal data masked again), when it differs from `text`; null
    # otherwise. Only search reads it (a rep's search matches what they can see); pages mask again on display.
    shared_text: Mapped[str | None] = mapped_column(Text, nullable=True)
    pii_flagged: Mapped[bool] = mapped_column(Boolean, default=False)  # personal data masked or kept
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, index=True)
    # Who is behind it (the insight itself plus every "same here" counted on it; see
    # services/backing.py), kept on the row so the product page can sort by it; and when the status last
    # changed (the weekly digest's "shipped").
    customers: Mapped[int] = mapped_column(Integer, default=1, index=True)
    reps: Mapped[int] = mapped_column(Integer, default=1)
    status_changed_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True, index=True)
    # Kept at write time for triage and analytics (services/triage.py, services/delivery.py): the first
    # product-side reply, who replied last (rep | product; None: nobody yet), and the feed row that said
    # "shipped" (the author was told once their devices pulled past it).
    first_reply_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True, index=True)
    last_reply_side: Mapped[str | None] = mapped_column(String(8), nullable=True)
    shipped_seq: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    author: Mapped[User] = relationship(lazy="joined")
    community: Mapped[Community] = relationship(lazy="joined")
    product_area: Mapped[ProductArea | None] = relationship(lazy="joined")

    __table_args__ = (
        Index(
            "ix_insights_replied",
            "created_at",
            "first_reply_at",
            "community_id",
            "product_area_id",
            postgresql_where=sql_text("first_reply_at IS NOT NULL AND withdrawn IS FALSE"),
            sqlite_where=sql_text("first_reply_at IS NOT NULL"),
        ),
    )


class Reply(Base):
    __tablename__ = "replies"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    insight_id: Mapped[str] = mapped_column(ForeignKey("insights.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    author: Mapped[User] = relationship(lazy="joined")


class SameHere(Base):
    """A rep's "same here" on an insight: one more customer (and maybe rep) behind it.

    `said_on` is the insight the rep chose and never changes; `insight_id` is where it counts, which is
    `said_on` followed along `duplicate_of` to the original, so marking and unmarking duplicates only ever
    recomputes `insight_id`. A row with `merged_from` set stands for a merged duplicate's own author and
    customer: it exists while that duplicate is marked.
    """

    __tablename__ = "same_heres"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    insight_id: Mapped[str] = mapped_column(ForeignKey("insights.id", ondelete="CASCADE"), index=True)
    said_on: Mapped[str] = mapped_column(ForeignKey("insights.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    customer_ref: Mapped[str | None] = mapped_column(String(100), nullable=True)
    impact: Mapped[str] = mapped_column(String(10))
    note: Mapped[str | None] = mapped_column(Text, nullable=True)  # product team only
    pii_flagged: Mapped[bool] = mapped_column(Boolean, default=False)
    merged_from: Mapped[str | None] = mapped_column(String(36), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    user: Mapped[User] = relationship(lazy="joined")

    __table_args__ = (
        Index("ix_same_heres_user_insight", "user_id", "insight_id"),
        Index("ix_same_heres_created_at", "created_at"),
    )


class InsightEvent(Base):
    """A status change or a duplicate mark on an insight, for its conversation timeline.

    kind: `status` (status set to `status`), `merged` (marked a duplicate of `other_id`), `unmerged` (the
    mark on `other_id` was cleared). The original of a merge finds it through `other_id`.
    """

    __tablename__ = "insight_events"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    insight_id: Mapped[str] = mapped_column(ForeignKey("insights.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(12))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    status: Mapped[str | None] = mapped_column(String(20), nullable=True)
    other_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    actor: Mapped[User | None] = relationship(lazy="joined")

    __table_args__ = (
        Index("ix_insight_events_insight", "insight_id", "created_at"),
        Index("ix_insight_events_other", "other_id"),
    )


class Change(Base):
    """The changes feed: one row per change, numbered from the feed counter (commit order).

    It keeps who may see the change (author, community, product area at the time), so tombstones of
    erased insights can still be routed.
    """

    __tablename__ = "changes"
    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    kind: Mapped[str] = mapped_column(String(10))  # insight | reply | tombstone
    insight_id: Mapped[str] = mapped_column(String(36), index=True)
    reply_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    author_id: Mapped[int] = mapped_column(Integer)
    community_id: Mapped[int] = mapped_column(Integer)
    product_area_id: Mapped[int | None] = mapped_column(Integer, nullable=True)

    __table_args__ = (
        Index("ix_changes_author_seq", "author_id", "seq"),
        Index("ix_changes_community_seq", "community_id", "seq"),
        Index("ix_changes_area_seq", "product_area_id", "seq"),
    )


class AnalyticsCell(Base):
    """The analytics roll-up: one ISO week (its Monday, UTC) of one (community, product area).

    Rebuilt whole for each week the feed says changed (services/rollup.py); see services/analytics.py for
    what each count means. `unnamed`: reports (captures and "same here"s) without a customer reference.
    """

    __tablename__ = "analytics_cells"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    week: Mapped[date] = mapped_column(Date)
    community_id: Mapped[int] = mapped_column(Integer)
    product_area_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    captured: Mapped[int] = mapped_column(Integer, default=0)
    same_heres: Mapped[int] = mapped_column(Integer, default=0)
    answered: Mapped[int] = mapped_column(Integer, default=0)
    shipped: Mapped[int] = mapped_column(Integer, default=0)
    in_time: Mapped[int] = mapped_column(Integer, default=0)  # captured this week, answered within 7 days
    unnamed: Mapped[int] = mapped_column(Integer, default=0)
    customers: Mapped[int] = mapped_column(Integer, default=0)  # distinct references in this cell and week

    __table_args__ = (Index("ix_analytics_cells_week", "week"),)


class AnalyticsCustomer(Base):
    """A customer (reference folded) behind reports in more than one cell in the same week, once per cell.

    The week's distinct customers over the cells a reader sees are the cells' own distinct counts minus,
    for each such shared customer, the number of those cells it appears in beyond the first: exact, and
    this table stays small (only customers who span communities or product areas in one week)."""

    __tablename__ = "analytics_customers"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    week: Mapped[date] = mapped_column(Date)
    community_id: Mapped[int] = mapped_column(Integer)
    product_area_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    customer_key: Mapped[str] = mapped_column(String(100))

    __table_args__ = (Index("ix_analytics_customers_week", "week", "customer_key"),)


class AnalyticsState(Base):
    """One row: the feed position the roll-up has taken in (None: never built)."""

    __tablename__ = "analytics_state"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    rolled_seq: Mapped[int | None] = mapped_column(BigInteger, nullable=True)


# Integrations: outbound webhooks (a durable outbox written in the changing transaction) and tracker links.
_OUTBOX_ID = BigInteger().with_variant(Integer, "sqlite")  # SQLite numbers only INTEGER primary keys itself


class Webhook(Base):
    """An admin's subscription: where to send which events (of one community, or all). The signing secret
    is stored encrypted (server/webhooks/secrets.py); `failures` counts failed attempts since the last success."""

    __tablename__ = "webhooks"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    url: Mapped[str] = mapped_column(String(2000))
    kind: Mapped[str] = mapped_column(String(10), default="standard")  # standard | slack | teams
    events: Mapped[list[str]] = mapped_column(JSON, default=list)
    community_id: Mapped[int | None] = mapped_column(ForeignKey("communities.id", ondelete="CASCADE"), nullable=True)
    secret: Mapped[str] = mapped_column(String(400))  # encrypted whsec_ secret
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    delivered: Mapped[int] = mapped_column(BigInteger, default=0)
    last_error: Mapped[str | None] = mapped_column(String(300), nullable=True)
    disabled_reason: Mapped[str | None] = mapped_column(String(300), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class WebhookMessage(Base):
    """One event for one subscription, waiting to be delivered (deleted once delivered or given up).

    Written in the transaction that made the change, so one insight's rows follow commit order; `order_key`
    (the insight) keeps one insight's events in that order for each subscription. An integration event keeps
    only its facts (`facts`: what the change set, and the ids of its reply or "same here"); the delivery
    process builds the body from them and the insight when it sends (services/outbox.py says why). `payload`
    is the body exactly as signed and sent where it is fixed beforehand (`webhook test`), else empty."""

    __tablename__ = "webhook_outbox"
    id: Mapped[int] = mapped_column(_OUTBOX_ID, primary_key=True, autoincrement=True)
    webhook_id: Mapped[int] = mapped_column(ForeignKey("webhooks.id", ondelete="CASCADE"))
    message_id: Mapped[str] = mapped_column(String(40))  # the webhook-id header: the same on every retry
    event: Mapped[str] = mapped_column(String(40))
    order_key: Mapped[str] = mapped_column(String(36))
    payload: Mapped[str] = mapped_column(Text)  # the JSON body as signed and sent, if fixed beforehand; else ""
    facts: Mapped[str | None] = mapped_column(Text, nullable=True)  # JSON; set: the body is built when sent
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    next_attempt_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    lease_until: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)

    __table_args__ = (
        Index("ix_webhook_outbox_due", "next_attempt_at"),
        Index("ix_webhook_outbox_order", "webhook_id", "order_key", "id"),
    )


class TrackerLink(Base):
    """An insight linked to an issue tracker item (Jira issue key, or Azure DevOps work item)."""

    __tablename__ = "tracker_links"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    insight_id: Mapped[str] = mapped_column(ForeignKey("insights.id", ondelete="CASCADE"), index=True)
    system: Mapped[str] = mapped_column(String(10))  # jira | ado
    key: Mapped[str] = mapped_column(String(200))  # PAY-123 | <organization>/<work item id>
    url: Mapped[str] = mapped_column(String(2000))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)

    __table_args__ = (
        Index("ix_tracker_links_key", "system", "key"),
        Index("ux_tracker_links_insight_key", "insight_id", "system", "key", unique=True),
    )


class InboundDelivery(Base):
    """A tracker's webhook delivery already applied (source, delivery id): a replay is answered, not redone."""

    __tablename__ = "inbound_deliveries"
    source: Mapped[str] = mapped_column(String(10), primary_key=True)
    delivery_id: Mapped[str] = mapped_column(String(200), primary_key=True)
    received_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
