"""Search matches what the reader sees; client-claimed times are bounded.

- `insights.shared_text`: the text as other reps read it (kept personal data masked again) when it differs
  from `text`; filled here for every insight with kept personal data, so a rep's search no longer matches
  what is hidden from them.
- Times a client claimed that lie ahead of the server's clock (e.g. an insight dated 9999-12-31, which
  stayed on top of the product inbox) become the time of this upgrade, as the server now does on receipt.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("insights") as batch:
        batch.add_column(sa.Column("shared_text", sa.Text(), nullable=True))
    _fill_shared_texts()
    _bound_claimed_times()


def _fill_shared_texts() -> None:
    from server.services.insights import searchable_shared_text  # the one masking rule, as at capture

    insights = sa.table(
        "insights",
        sa.column("id", sa.String),
        sa.column("text", sa.Text),
        sa.column("pii_kept", sa.JSON),
        sa.column("shared_text", sa.Text),
    )
    connection = op.get_bind()
    rows = connection.execute(sa.select(insights.c.id, insights.c.text, insights.c.pii_kept)).all()
    for insight_id, text, kept in rows:
        shared = searchable_shared_text(text, text, kept)
        if shared is not None:
            connection.execute(insights.update().where(insights.c.id == insight_id).values(shared_text=shared))


def _bound_claimed_times() -> None:
    from server.models import UtcDateTime, utcnow
    from server.services.timing import SKEW

    now = utcnow()
    for name in ("insights", "same_heres", "replies"):
        table = sa.table(name, sa.column("created_at", UtcDateTime))
        op.get_bind().execute(table.update().where(table.c.created_at > now + SKEW).values(created_at=now))


def downgrade() -> None:
    with op.batch_alter_table("insights") as batch:
        batch.drop_column("shared_text")
