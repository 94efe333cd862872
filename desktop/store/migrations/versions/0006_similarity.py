"""Duplicate hints: a full-text index of each insight's stems in four languages.

`insight_stems` holds, per insight (rowid = insight.id), the distinct stems palaute_stems(text) gives
(similarity/stems.py; the SQL function is registered on every connection by database.py). It keeps
its own copy of the stems rather than being contentless, so a row can be deleted by rowid alone: deleting
from a contentless index needs the exact tokens it was given, which a newer stemmer might not reproduce.
detail=none: similarity needs which insights hold a stem, not where. `insight_stems_vocab` exposes
document frequencies, so that stems found everywhere are left out of a query.

Revision ID: 0006
Revises: 0005
"""

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        'CREATE VIRTUAL TABLE insight_stems USING fts5(stems, detail=none, tokenize="unicode61 remove_diacritics 2")'
    )
    op.execute("CREATE VIRTUAL TABLE insight_stems_vocab USING fts5vocab(insight_stems, row)")
    op.execute(
        "CREATE TRIGGER insight_stems_ai AFTER INSERT ON insight BEGIN "
        "INSERT INTO insight_stems(rowid, stems) VALUES (new.id, palaute_stems(new.text)); END"
    )
    op.execute(
        "CREATE TRIGGER insight_stems_ad AFTER DELETE ON insight BEGIN "
        "DELETE FROM insight_stems WHERE rowid = old.id; END"
    )
    # Only a change of text re-stems: status, sync and counter updates stay as cheap as before.
    op.execute(
        "CREATE TRIGGER insight_stems_au AFTER UPDATE OF text ON insight BEGIN "
        "UPDATE insight_stems SET stems = palaute_stems(new.text) WHERE rowid = new.id; END"
    )
    op.execute("INSERT INTO insight_stems(rowid, stems) SELECT id, palaute_stems(text) FROM insight")
