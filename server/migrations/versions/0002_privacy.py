"""Personal data on insights: the keys of items the rep kept as typed, and the flag for the product team.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("insights") as batch:
        batch.add_column(sa.Column("pii_kept", sa.JSON(), nullable=False, server_default="[]"))
        batch.add_column(sa.Column("pii_flagged", sa.Boolean(), nullable=False, server_default=sa.false()))
