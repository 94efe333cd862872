"""Personal data recorded on the insight, locally only: what the rep kept as typed and what was masked.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Insights saved before the privacy guard existed were never checked: they start with nothing recorded.
    with op.batch_alter_table("insight") as batch:
        batch.add_column(sa.Column("pii_kept", sa.Text, nullable=False, server_default="[]"))
        batch.add_column(sa.Column("pii_masked", sa.Text, nullable=False, server_default="{}"))
