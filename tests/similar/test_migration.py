"""Upgrading a store from schema 0005 indexes the insights it already holds."""

from __future__ import annotations

from desktop.similar import index_text
from desktop.store import open_store
from desktop.store.database import SCHEMA_HEAD, _create_engine, run_migrations
from tests.similar.data import insert


def test_upgrading_from_0005_fills_the_stems_index(paths):
    paths.data_dir.mkdir(parents=True)
    engine = _create_engine(paths.db_path, 1000)
    run_migrations(engine, "0005")
    with engine.begin() as conn:
        tables = {r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert "insight_stems" not in tables  # really an older store
    texts = {
        "aaaaaaaa-0000-4000-8000-000000000001": "Asiakas ei löydä laskun maksupainiketta",
        "aaaaaaaa-0000-4000-8000-000000000002": "Kunden hittar inte fakturan i appen",
        "aaaaaaaa-0000-4000-8000-000000000003": "Customer cannot export transactions to CSV",
    }
    insert(engine, texts)
    engine.dispose()

    store = open_store(paths)
    try:
        with store.engine.connect() as conn:
            indexed = dict(
                conn.exec_driver_sql(
                    "SELECT insight.uuid, insight_stems.stems FROM insight JOIN insight_stems "
                    "ON insight_stems.rowid = insight.id"
                ).all()
            )
            revision = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
        assert revision == SCHEMA_HEAD
        assert indexed == {ident: index_text(body) for ident, body in texts.items()}
        hints = [h.insight.id for h in store.similar("asiakas ei löytänyt maksupainiketta laskulle")]
        # The Swedish note about the same invoice may follow, through the lexicon; the CSV export never.
        assert hints[0] == "aaaaaaaa-0000-4000-8000-000000000001"
        assert "aaaaaaaa-0000-4000-8000-000000000003" not in hints
    finally:
        store.close()
