"""Notices with context: who (`actor`) and what (`status`) are kept as data, not as an English sentence.

The tray's words are built in the rep's language when a notice is shown; rows stored before this keep
their English `title` and are shown as they are.

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("notice", sa.Column("actor", sa.Text))
    op.add_column("notice", sa.Column("status", sa.String(16)))
