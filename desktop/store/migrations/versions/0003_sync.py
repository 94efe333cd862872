"""What sync needs locally: the server's view of each insight, replies' origin, notices and sync metadata.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("insight") as batch:
        batch.add_column(sa.Column("withdrawn", sa.Boolean, nullable=False, server_default="0"))
        batch.add_column(sa.Column("duplicate_of", sa.String(36)))
    with op.batch_alter_table("reply") as batch:
        batch.add_column(sa.Column("author_role", sa.String(16), nullable=False, server_default="product"))
        batch.add_column(sa.Column("mine", sa.Boolean, nullable=False, server_default="0"))
        batch.add_column(sa.Column("sync_state", sa.String(16), nullable=False, server_default="sent"))
        batch.add_column(sa.Column("sync_error", sa.Text))
    op.create_table(
        "sync_meta",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )
    # A notice is written in the same transaction as the change it announces, and marked shown once the
    # tray has shown it: a crash in between shows it later, and a re-pulled change never shows it twice.
    op.create_table(
        "notice",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("key", sa.String(120), nullable=False, unique=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("insight_uuid", sa.String(36), nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("shown_at", sa.String(32)),
    )
    op.create_index("ix_notice_pending", "notice", ["shown_at"])
