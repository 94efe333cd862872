"""Webhook messages keep the event's facts and get their body when sent.

- `webhook_outbox.facts` (JSON text, nullable): what the change set and the ids it refers to; the delivery
  process builds the body from them and the insight as it is when it sends (server/services/outbox.py). A row
  with `facts` has an empty `payload`. Rows written before this revision have their whole body in `payload`
  and no facts: they are sent as they are.

Revision ID: 0011
Revises: 0010
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("webhook_outbox", sa.Column("facts", sa.Text(), nullable=True))


def downgrade() -> None:
    # Messages still waiting with facts only would have no body: they go, as the subscriptions' backlog would
    # after a restore from before this revision.
    op.execute("DELETE FROM webhook_outbox WHERE facts IS NOT NULL")
    op.drop_column("webhook_outbox", "facts")
