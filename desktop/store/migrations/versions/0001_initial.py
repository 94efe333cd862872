"""The first schema: insights, replies, outbox, drafts, settings and reference lists.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TS = sa.String(32)


def upgrade() -> None:
    for name in ("community", "product_area"):
        op.create_table(
            name,
            sa.Column("slug", sa.String(64), primary_key=True),
            sa.Column("name", sa.String(200), nullable=False),
            sa.Column("position", sa.Integer, nullable=False, server_default="0"),
        )
    op.create_table(
        "insight",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("uuid", sa.String(36), nullable=False, unique=True),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("community", sa.String(64), nullable=False),
        sa.Column("product_area", sa.String(64)),
        sa.Column("customer_ref", sa.String(100)),
        sa.Column("impact", sa.String(16), nullable=False),
        sa.Column("tags", sa.Text, nullable=False, server_default="[]"),
        sa.Column("author", sa.String(200), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        sa.Column("status", sa.String(16), nullable=False, server_default="new"),
        sa.Column("server_version", sa.Integer),
        sa.Column("sync_state", sa.String(16), nullable=False, server_default="local"),
        sa.Column("sync_error", sa.Text),
    )
    op.create_index("ix_insight_created", "insight", ["created_at"])
    op.create_index("ix_insight_community", "insight", ["community"])
    op.create_table(
        "reply",
        sa.Column("uuid", sa.String(36), primary_key=True),
        sa.Column("insight_uuid", sa.String(36), sa.ForeignKey("insight.uuid", ondelete="CASCADE"), nullable=False),
        sa.Column("author", sa.String(200), nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("read", sa.Boolean, nullable=False, server_default="0"),
    )
    op.create_index("ix_reply_insight_uuid", "reply", ["insight_uuid"])
    op.create_table(
        "outbox",
        sa.Column("seq", sa.Integer, primary_key=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("object_id", sa.String(36), nullable=False),
        sa.Column("payload", sa.Text, nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("last_error", sa.Text),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_outbox_object_id", "outbox", ["object_id"])
    op.create_table(
        "draft",
        sa.Column("slot", sa.String(32), primary_key=True),
        sa.Column("text", sa.Text, nullable=False, server_default=""),
        sa.Column("community", sa.String(64)),
        sa.Column("product_area", sa.String(64)),
        sa.Column("customer_ref", sa.String(100), nullable=False, server_default=""),
        sa.Column("impact", sa.String(16), nullable=False, server_default="medium"),
        sa.Column("updated_at", TS, nullable=False),
    )
    op.create_table(
        "setting",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )
