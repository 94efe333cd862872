"""Triage that keeps up and analytics: the insight timeline, loop figures kept at write time.

- `insight_events`: status changes and duplicate marks, for the conversation timeline (who, when, what).
- `insights.first_reply_at`: when the product team first replied (capture → first reply, answered in 7 days).
- `insights.last_reply_side`: who wrote the latest reply (`rep` | `product`, null: none yet), for the
  "Awaiting product team" filter.
- `insights.shipped_seq`: the feed row that told the insight's readers it shipped.
- `users.acked_seq`: how far in the feed the user's devices have pulled (each pull acknowledges its cursor),
  so "the rep was told it shipped" is `acked_seq >= shipped_seq`.
- `analytics_cells`, `analytics_customers`, `analytics_state`: the analytics roll-up, per ISO week and
  (community, product area), rebuilt for the weeks the feed says changed (services/rollup.py).
- Indexes for the live parts of the analytics (first reply times, shipped, rising "same here"s).

Existing data: first reply and last side are computed from the stored replies; shipped insights shipped
before this revision have no feed position (they count as "not known to be told").

Revision ID: 0007
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0005"
branch_labels = None
depends_on = None

_FIRST_REPLY = """
UPDATE insights SET first_reply_at = (
    SELECT min(r.created_at) FROM replies r JOIN users u ON u.id = r.author_id
    WHERE r.insight_id = insights.id AND u.role IN ('product', 'admin'))
"""
_LAST_SIDE = """
UPDATE insights SET last_reply_side = (
    SELECT CASE WHEN u.role IN ('product', 'admin') THEN 'product' ELSE 'rep' END
    FROM replies r JOIN users u ON u.id = r.author_id
    WHERE r.insight_id = insights.id ORDER BY r.created_at DESC, r.id DESC LIMIT 1)
"""


def upgrade() -> None:
    op.create_table(
        "insight_events",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("insight_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=True),
        sa.Column("other_id", sa.String(length=36), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["insight_id"], ["insights.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["actor_id"], ["users.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_insight_events_insight", "insight_events", ["insight_id", "created_at"])
    op.create_index("ix_insight_events_other", "insight_events", ["other_id"])
    with op.batch_alter_table("insights") as batch:
        batch.add_column(sa.Column("first_reply_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("last_reply_side", sa.String(length=8), nullable=True))
        batch.add_column(sa.Column("shipped_seq", sa.BigInteger(), nullable=True))
        batch.create_index("ix_insights_created_at", ["created_at"], unique=False)
        batch.create_index("ix_insights_first_reply_at", ["first_reply_at"], unique=False)
        batch.create_index("ix_insights_status_changed_at", ["status_changed_at"], unique=False)
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("acked_seq", sa.BigInteger(), nullable=False, server_default="0"))
    with op.batch_alter_table("same_heres") as batch:
        batch.create_index("ix_same_heres_created_at", ["created_at"], unique=False)
    op.create_table(
        "analytics_cells",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("week", sa.Date(), nullable=False),
        sa.Column("community_id", sa.Integer(), nullable=False),
        sa.Column("product_area_id", sa.Integer(), nullable=True),
        sa.Column("captured", sa.Integer(), nullable=False),
        sa.Column("same_heres", sa.Integer(), nullable=False),
        sa.Column("answered", sa.Integer(), nullable=False),
        sa.Column("shipped", sa.Integer(), nullable=False),
        sa.Column("in_time", sa.Integer(), nullable=False),
        sa.Column("unnamed", sa.Integer(), nullable=False),
        sa.Column("customers", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_analytics_cells_week", "analytics_cells", ["week"])
    op.create_table(
        "analytics_customers",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("week", sa.Date(), nullable=False),
        sa.Column("community_id", sa.Integer(), nullable=False),
        sa.Column("product_area_id", sa.Integer(), nullable=True),
        sa.Column("customer_key", sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_analytics_customers_week", "analytics_customers", ["week", "customer_key"])
    op.create_table(
        "analytics_state",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("rolled_seq", sa.BigInteger(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.execute(sa.text("INSERT INTO analytics_state (id, rolled_seq) VALUES (1, NULL)"))
    # The first-reply percentiles read only this index (PostgreSQL: an index-only scan).
    op.create_index(
        "ix_insights_replied",
        "insights",
        ["created_at", "first_reply_at", "community_id", "product_area_id"],
        postgresql_where=sa.text("first_reply_at IS NOT NULL AND withdrawn IS FALSE"),
        sqlite_where=sa.text("first_reply_at IS NOT NULL"),
    )
    op.execute(sa.text(_FIRST_REPLY))
    op.execute(sa.text(_LAST_SIDE))


def downgrade() -> None:
    op.drop_index("ix_insights_replied", table_name="insights")
    op.drop_table("analytics_state")
    op.drop_index("ix_analytics_customers_week", table_name="analytics_customers")
    op.drop_table("analytics_customers")
    op.drop_index("ix_analytics_cells_week", table_name="analytics_cells")
    op.drop_table("analytics_cells")
    with op.batch_alter_table("same_heres") as batch:
        batch.drop_index("ix_same_heres_created_at")
    with op.batch_alter_table("users") as batch:
        batch.drop_column("acked_seq")
    with op.batch_alter_table("insights") as batch:
        batch.drop_index("ix_insights_status_changed_at")
        batch.drop_index("ix_insights_first_reply_at")
        batch.drop_index("ix_insights_created_at")
        batch.drop_column("shipped_seq")
        batch.drop_column("last_reply_side")
        batch.drop_column("first_reply_at")
    op.drop_index("ix_insight_events_other", table_name="insight_events")
    op.drop_index("ix_insight_events_insight", table_name="insight_events")
    op.drop_table("insight_events")
