"""Each queued change gets its own id (protocol 2): the server remembers it, so an answer can be matched to the
change it is about, and a change sent again under a new device is recognised rather than applied twice.

Changes already waiting get random ids here (a plain ADD COLUMN: the outbox has no triggers to lose).

Revision ID: 0008
Revises: 0007
"""

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

_RANDOM_UUID = (
    "lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2)"
    " || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2)"
    " || '-' || lower(hex(randomblob(6)))"
)


def upgrade() -> None:
    op.execute("ALTER TABLE outbox ADD COLUMN mutation_id VARCHAR(36)")
    op.execute(f"UPDATE outbox SET mutation_id = {_RANDOM_UUID} WHERE mutation_id IS NULL")
    op.create_index("ux_outbox_mutation_id", "outbox", ["mutation_id"], unique=True)


def downgrade() -> None:
    op.drop_index("ux_outbox_mutation_id", table_name="outbox")
    with op.batch_alter_table("outbox") as batch:
        batch.drop_column("mutation_id")
