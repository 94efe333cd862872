"""Full-text search over insights (SQLite FTS5), kept in step with the table by triggers.

An external-content index: the text is stored once (in `insight`), the index holds only tokens. The
unicode61 tokenizer with diacritics folded lets "sahkoposti" find "sähköposti" and "pagina" find "página",
which reps typing fast in Finnish, Swedish and Spanish rely on.

Revision ID: 0002
Revises: 0001
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        "CREATE VIRTUAL TABLE insight_fts USING fts5("
        "text, customer_ref, tags, content='insight', content_rowid='id', "
        'tokenize="unicode61 remove_diacritics 2")'
    )
    op.execute(
        "CREATE TRIGGER insight_fts_ai AFTER INSERT ON insight BEGIN "
        "INSERT INTO insight_fts(rowid, text, customer_ref, tags) "
        "VALUES (new.id, new.text, new.customer_ref, new.tags); END"
    )
    op.execute(
        "CREATE TRIGGER insight_fts_ad AFTER DELETE ON insight BEGIN "
        "INSERT INTO insight_fts(insight_fts, rowid, text, customer_ref, tags) "
        "VALUES ('delete', old.id, old.text, old.customer_ref, old.tags); END"
    )
    # Only a change to an indexed column touches the index: status and sync updates stay cheap.
    op.execute(
        "CREATE TRIGGER insight_fts_au AFTER UPDATE OF text, customer_ref, tags ON insight BEGIN "
        "INSERT INTO insight_fts(insight_fts, rowid, text, customer_ref, tags) "
        "VALUES ('delete', old.id, old.text, old.customer_ref, old.tags); "
        "INSERT INTO insight_fts(rowid, text, customer_ref, tags) "
        "VALUES (new.id, new.text, new.customer_ref, new.tags); END"
    )
    op.execute("INSERT INTO insight_fts(insight_fts) VALUES ('rebuild')")
