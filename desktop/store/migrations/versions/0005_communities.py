"""Communities of practice: membership, who is behind an insight, and "same here".

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN, not batch mode: rebuilding `insight` would drop its full-text triggers.
    op.add_column("community", sa.Column("member", sa.Boolean, nullable=False, server_default=sa.text("0")))
    op.add_column("community", sa.Column("open", sa.Boolean, nullable=False, server_default=sa.text("0")))
    # Insights stored before this were all the rep's own: one customer, one rep, followed.
    op.add_column("insight", sa.Column("customers", sa.Integer, nullable=False, server_default=sa.text("1")))
    op.add_column("insight", sa.Column("reps", sa.Integer, nullable=False, server_default=sa.text("1")))
    op.add_column("insight", sa.Column("following", sa.Boolean, nullable=False, server_default=sa.text("1")))
    op.create_table(
        "same_here",
        sa.Column("uuid", sa.String(36), primary_key=True),
        # The insight the rep chose. No foreign key: an erased insight's tombstone deletes these explicitly,
        # and one said offline on an insight erased meanwhile must still show the rep what happened.
        sa.Column("insight_uuid", sa.String(36), nullable=False, index=True),
        sa.Column("customer_ref", sa.String(100)),
        sa.Column("impact", sa.String(16), nullable=False),
        sa.Column("note", sa.Text),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("sync_state", sa.String(16), nullable=False, server_default="local"),
        sa.Column("sync_error", sa.Text),
        sa.Column("pii_kept", sa.Text, nullable=False, server_default="[]"),
    )
