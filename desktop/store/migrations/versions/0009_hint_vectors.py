"""Duplicate hints by meaning: each insight's sentence vector, kept beside it.

`insight_vector` holds, per insight (insight_id -> insight.id), its vector from the shipped word-vector table
(desktop/similar/vectors.py; `model` names the table, so a new table's vectors are recomputed) as float16
bytes. Rows are written off the capture's transaction by the hint index (desktop/store/vectors.py), for the
rep's own insights and pulled community insights alike; a trigger drops a row when its insight's text
changes (the index writes it anew) or when the insight is deleted. Existing insights get their vectors the
same way, on first use of the hints, not in this migration (it must stay fast and need no numpy).

Revision ID: 0009
Revises: 0008
"""

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        "CREATE TABLE insight_vector ("
        # The order of writing, never reused (AUTOINCREMENT): a running app loads only the rows written since it
        # last looked, whichever process wrote them, and a rewritten row comes after the one it replaced.
        "seq INTEGER PRIMARY KEY AUTOINCREMENT, "
        "insight_id INTEGER NOT NULL UNIQUE REFERENCES insight(id) ON DELETE CASCADE, "
        "model VARCHAR(64) NOT NULL, "
        "vector BLOB)"  # NULL: the text has no word the table knows
    )
    op.execute(
        "CREATE TRIGGER insight_vector_au AFTER UPDATE OF text ON insight BEGIN "
        "DELETE FROM insight_vector WHERE insight_id = new.id; END"
    )
    op.execute(
        "CREATE TRIGGER insight_vector_ad AFTER DELETE ON insight BEGIN "
        "DELETE FROM insight_vector WHERE insight_id = old.id; END"
    )


def downgrade() -> None:
    op.execute("DROP TRIGGER IF EXISTS insight_vector_ad")
    op.execute("DROP TRIGGER IF EXISTS insight_vector_au")
    op.execute("DROP TABLE insight_vector")
