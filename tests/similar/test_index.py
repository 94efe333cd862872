"""The stems index follows the insight table, whichever way a row is written (ORM, sync's Core statements)."""

from __future__ import annotations

from desktop.domain import NewInsight
from desktop.similar import index_text


def indexed(store, insight_id: str) -> str | None:
    with store.engine.connect() as conn:
        return conn.exec_driver_sql(
            "SELECT stems FROM insight_stems WHERE rowid = (SELECT id FROM insight WHERE uuid = ?)", (insight_id,)
        ).scalar()


def index_rows(store) -> int:
    with store.engine.connect() as conn:
        return conn.exec_driver_sql("SELECT count(*) FROM insight_stems").scalar()


def server_insight(insight_id: str, text: str, version: int, **extra: object) -> dict:
    """An insight as the changes feed sends it (protocol/schema.py)."""
    return {
        "kind": "insight",
        "insight": {
            "id": insight_id,
            "text": text,
            "community": "payments",
            "product_area": None,
            "customer_ref": None,
            "impact": "medium",
            "tags": [],
            "author": "colleague",
            "created_at": "2026-01-01T00:00:00+00:00",
            "updated_at": f"2026-01-0{version}T00:00:00+00:00",
            "status": "new",
            "version": version,
            "withdrawn": False,
            "duplicate_of": None,
            "customers": 1,
            "reps": 1,
            "following": False,
            **extra,
        },
    }


def test_a_capture_an_edit_and_a_retention_delete_keep_the_index_in_step(store):
    saved = store.capture(NewInsight(text="Customer cannot pay invoices with the card", community="payments"))
    assert indexed(store, saved.id) == index_text(saved.text)
    store.edit_insight(saved.id, text="Kortti hylätään ulkomailla")
    assert indexed(store, saved.id) == index_text("Kortti hylätään ulkomailla")
    assert "kort" in indexed(store, saved.id).split()
    store.edit_insight(saved.id, impact="high")  # not the text: the index row is left alone
    assert indexed(store, saved.id) == index_text("Kortti hylätään ulkomailla")
    with store.engine.begin() as conn:
        conn.exec_driver_sql("DELETE FROM insight WHERE uuid = ?", (saved.id,))
    assert index_rows(store) == 0


def test_insights_written_by_sync_are_indexed_updated_and_erased(store):
    first, second = "11111111-1111-4111-8111-111111111111", "22222222-2222-4222-8222-222222222222"
    store.sync.apply_changes(
        [
            server_insight(first, "Betalningar till utlandet fastnar", 1),
            server_insight(second, "Los pagos con tarjeta fallan", 1),
        ],
        "c1",
        announce=False,
    )
    assert indexed(store, first) == index_text("Betalningar till utlandet fastnar")
    assert [h.insight.id for h in store.similar("betalning till utlandet fastnade")] == [first]
    assert [h.insight.id for h in store.similar("pagos con tarjetas fallan")] == [second]

    store.sync.apply_changes([server_insight(first, "Överföringar till utlandet fastnar", 2)], "c2", announce=False)
    assert indexed(store, first) == index_text("Överföringar till utlandet fastnar")

    store.sync.apply_changes([{"kind": "tombstone", "insight_id": second}], "c3", announce=False)
    assert indexed(store, second) is None and index_rows(store) == 1
    assert store.similar("pagos con tarjetas fallan") == []


def test_the_index_holds_one_entry_per_insight(store):
    for n in range(20):
        store.capture(NewInsight(text=f"Note {n} about payments and cards", community="payments"))
    assert index_rows(store) == store.count_insights() == 20
