"""Device-bound tokens and remembered mutations (protocol 2).

- `devices.key_thumbprint`: the key a device's tokens are bound to (DPoP); null for bearer sign-ins.
- `device_mutations`: which mutation id each (device, number) applied and its outcome, so that a duplicate
  names what the server holds and a forked device (restored backup, copied data folder) is told so.
- `tokens` loses `rotated_at` and `pair`: a bound refresh token no longer rotates.

Refresh tokens issued before this revision are not bound to any key: protocol 2 refuses them, so every
desktop signs in once more after the upgrade (its unsent changes wait and are sent then).

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("devices") as batch:
        batch.add_column(sa.Column("key_thumbprint", sa.String(length=64), nullable=True))
    with op.batch_alter_table("tokens") as batch:
        batch.drop_index("ix_tokens_pair")
        batch.drop_column("pair")
        batch.drop_column("rotated_at")
    # Unbound refresh tokens can never be used again: revoke them rather than leave them lying around.
    op.execute(sa.text("UPDATE tokens SET revoked = :yes WHERE kind = 'refresh'").bindparams(yes=True))
    op.create_table(
        "device_mutations",
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("number", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("mutation_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("object_id", sa.String(length=36), nullable=False),
        sa.Column("outcome", sa.String(length=10), nullable=False),
        sa.Column("code", sa.String(length=20), nullable=True),
        sa.Column("message", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["device_id"], ["devices.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("device_id", "number"),
    )
    op.create_index("ux_device_mutations_user_mutation", "device_mutations", ["user_id", "mutation_id"], unique=True)


def downgrade() -> None:
    op.drop_index("ux_device_mutations_user_mutation", table_name="device_mutations")
    op.drop_table("device_mutations")
    with op.batch_alter_table("tokens") as batch:
        batch.add_column(sa.Column("rotated_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("pair", sa.String(length=32), nullable=False, server_default=""))
        batch.create_index("ix_tokens_pair", ["pair"], unique=False)
    with op.batch_alter_table("devices") as batch:
        batch.drop_column("key_thumbprint")
