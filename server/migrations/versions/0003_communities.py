"""Communities of practice: open communities, "same here"s and the counts behind each insight.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("communities") as batch:
        batch.add_column(sa.Column("open", sa.Boolean(), nullable=False, server_default=sa.false()))
    with op.batch_alter_table("insights") as batch:
        # Every existing insight is one report by one rep: 1 and 1 are exact, not a guess.
        batch.add_column(sa.Column("customers", sa.Integer(), nullable=False, server_default="1"))
        batch.add_column(sa.Column("reps", sa.Integer(), nullable=False, server_default="1"))
        batch.add_column(sa.Column("status_changed_at", sa.DateTime(timezone=True), nullable=True))
        batch.create_index("ix_insights_customers", ["customers"], unique=False)
    op.create_table(
        "same_heres",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("insight_id", sa.String(length=36), nullable=False),
        sa.Column("said_on", sa.String(length=36), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("customer_ref", sa.String(length=100), nullable=True),
        sa.Column("impact", sa.String(length=10), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("pii_flagged", sa.Boolean(), nullable=False),
        sa.Column("merged_from", sa.String(length=36), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["insight_id"], ["insights.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["said_on"], ["insights.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("same_heres") as batch:
        batch.create_index("ix_same_heres_insight_id", ["insight_id"], unique=False)
        batch.create_index("ix_same_heres_said_on", ["said_on"], unique=False)
        batch.create_index("ix_same_heres_user_insight", ["user_id", "insight_id"], unique=False)


def downgrade() -> None:
    op.drop_table("same_heres")
    with op.batch_alter_table("insights") as batch:
        batch.drop_index("ix_insights_customers")
        batch.drop_column("status_changed_at")
        batch.drop_column("reps")
        batch.drop_column("customers")
    with op.batch_alter_table("communities") as batch:
        batch.drop_column("open")
