"""Server-side web sessions and single sign-on accounts.

- `web_sessions`: each signed-in web page session, so that sign-out, `revoke-device --user`, disabling a user
  and a new password end it on the server (a copied cookie is then worthless).
- `users.sso_subject`, `sso_groups`, `sso_checked_at`: the organisation account behind a user made at single
  sign-on, the groups its provider last gave and when.

Revision ID: 0009
Revises: 0008
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "web_sessions",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("method", sa.String(length=10), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("token_hash"),
    )
    op.create_index("ix_web_sessions_user_id", "web_sessions", ["user_id"])
    # Plain ADD COLUMN and a unique index, not a batch (copy-and-rename) of `users`: on SQLite, dropping the
    # old table would cascade to every device, token and insight of every user.
    op.add_column("users", sa.Column("sso_subject", sa.String(length=400), nullable=True))
    op.add_column("users", sa.Column("sso_groups", sa.JSON(), nullable=True))
    op.add_column("users", sa.Column("sso_checked_at", sa.DateTime(timezone=True), nullable=True))
    op.create_index("ux_users_sso_subject", "users", ["sso_subject"], unique=True)


def downgrade() -> None:
    op.drop_index("ux_users_sso_subject", table_name="users")
    for column in ("sso_checked_at", "sso_groups", "sso_subject"):
        op.drop_column("users", column)  # DROP COLUMN: SQLite 3.35+, no table copy
    op.drop_index("ix_web_sessions_user_id", table_name="web_sessions")
    op.drop_table("web_sessions")
