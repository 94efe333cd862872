"""Single sign-on devices and web sessions keep the provider's refresh token.

- `devices` and `web_sessions`: `sso_refresh_token` (sealed with AES-GCM, server/sealed.py), `sso_checked_at`
  (when the groups were last read at the provider for it) and `sso_busy_until` (one refresh at a time asks
  the provider). Rows made before this revision have none: they go on as before, until their sign-in is
  older than PALAUTE_SERVER_OIDC_MAX_AGE_HOURS.

Revision ID: 0010
Revises: 0009
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

COLUMNS = ("sso_refresh_token", "sso_checked_at", "sso_busy_until")


def upgrade() -> None:
    # Plain ADD COLUMN, not a batch copy: on SQLite, dropping the old `devices` would cascade to its tokens.
    for table in ("devices", "web_sessions"):
        op.add_column(table, sa.Column("sso_refresh_token", sa.Text(), nullable=True))
        op.add_column(table, sa.Column("sso_checked_at", sa.DateTime(timezone=True), nullable=True))
        op.add_column(table, sa.Column("sso_busy_until", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    for table in ("web_sessions", "devices"):
        for column in reversed(COLUMNS):
            op.drop_column(table, column)
