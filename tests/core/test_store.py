"""The local store, on real SQLite files: round trips, search, migrations and damaged or busy databases."""

from __future__ import annotations

import json
import sqlite3

import pytest
from sqlalchemy import text

from desktop.domain import Draft, Impact, NewInsight, Status, SyncState
from desktop.errors import InvalidInput, StoreLocked, StoreTooNew
from desktop.store import open_store
from desktop.store.database import KNOWN_REVISIONS, SCHEMA_HEAD, _create_engine, run_migrations
from tests.core.test_domain import UNICODE_CASES


def test_every_field_round_trips(store):
    saved = store.capture(
        NewInsight(
            text="Customer wants to split a card payment\nover two accounts",
            community="Payments CoP",
            product_area="cards",
            customer_ref="CASE-4711",
            impact="blocker",
            tags=["split", "#cards"],
        )
    )
    again = store.get_insight(saved.id)
    assert again == saved
    assert (again.community, again.product_area, again.customer_ref) == ("payments", "cards", "CASE-4711")
    assert again.impact is Impact.BLOCKER and again.tags == ("split", "cards")
    assert again.status is Status.NEW and again.sync_state is SyncState.LOCAL and again.server_version is None
    assert again.created_at.tzinfo is not None and again.created_at.utcoffset().total_seconds() == 0
    assert again.author


def test_capture_queues_exactly_one_outbox_entry_in_the_same_transaction(store):
    saved = store.capture(NewInsight(text="Needs dark mode", community="mobile-app"))
    with store.engine.connect() as conn:
        rows = conn.execute(text("SELECT seq, kind, object_id, payload FROM outbox")).all()
    assert [(r.kind, r.object_id) for r in rows] == [("create", saved.id)]
    assert json.loads(rows[0].payload)["text"] == "Needs dark mode"


def test_a_refused_capture_writes_nothing(store):
    with pytest.raises(InvalidInput):
        store.capture(NewInsight(text="x", community="no-such-community"))
    with pytest.raises(InvalidInput):
        store.capture(NewInsight(text="  ", community="payments"))
    assert store.count_insights() == 0
    with store.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM outbox")).scalar() == 0


@pytest.mark.parametrize("body", UNICODE_CASES.values(), ids=UNICODE_CASES.keys())
def test_unicode_survives_the_store(store, body):
    saved = store.capture(NewInsight(text=body, community="payments", customer_ref="Ñandú-ÅÄÖ"))
    assert store.get_insight(saved.id).text == body


def test_the_longest_allowed_text_survives_exactly(store):
    body = ("Rivi 🙂 ä\n" * 2_500)[:20_000]
    assert store.get_insight(store.capture(NewInsight(text=body, community="payments")).id).text == body


def test_full_text_search_ranks_and_folds_diacritics(store):
    for body in [
        "Sähköposti ei tule perille",
        "The app crashes when scanning a card",
        "Card scanning is slow; card reader also slow on card payments",
        "Página de pagos no carga",
    ]:
        store.capture(NewInsight(text=body, community="payments"))
    assert [i.text for i in store.search("sahkoposti")] == ["Sähköposti ei tule perille"]
    assert [i.text for i in store.search("pagina")] == ["Página de pagos no carga"]
    ranked = store.search("card scanning")
    assert len(ranked) == 2 and ranked[0].text.startswith("Card scanning is slow")
    assert store.search("crash") == []  # whole words...
    assert next(i.text for i in store.search("crash", prefix=True)).startswith("The app crashes")  # ...or typing


def test_broad_searches_rank_the_most_recent_matches(store, monkeypatch):
    from desktop.store import insights

    monkeypatch.setattr(insights, "RANK_WINDOW", 3)
    ids = [store.capture(NewInsight(text=f"card {'card ' * (i % 3)}issue {i}", community="cards")).id for i in range(6)]
    found = [i.id for i in store.search("card issue")]
    assert set(found) == set(ids[-3:])  # only the newest three are ranked...
    assert found[0] == ids[5]  # ...best first: the one that says "card" most


@pytest.mark.parametrize("query", ['"', "NEAR(", "a:b", "*", "AND OR NOT", "'); DROP TABLE insight; --"])
def test_search_never_fails_on_odd_input(store, query):
    store.capture(NewInsight(text="drop table talk", community="payments"))
    try:
        store.search(query)
    except InvalidInput as error:
        assert "Type a word" in error.user_message
    assert store.count_insights() == 1


def test_search_by_customer_reference_and_tag(store):
    saved = store.capture(
        NewInsight(text="Loan calculator", community="payments", customer_ref="CRM-99812", tags=["mortgage"])
    )
    assert [i.id for i in store.search("CRM-99812")] == [saved.id]
    assert [i.id for i in store.search("mortgage")] == [saved.id]


def test_list_filters_by_community_newest_first(store):
    first = store.capture(NewInsight(text="one", community="payments"))
    second = store.capture(NewInsight(text="two", community="payments"))
    store.capture(NewInsight(text="three", community="cards"))
    assert [i.id for i in store.list_insights(community="Payments")] == [second.id, first.id]
    assert len(store.list_insights()) == 3 and len(store.list_insights(limit=1)) == 1


def test_drafts_are_saved_replaced_and_cleared(store):
    assert store.load_draft() is None
    store.save_draft(Draft(text="half a thought", community="cards", customer_ref="C-1", impact="high"))
    store.save_draft(Draft(text="half a thought, finished", community="cards", customer_ref="C-1", impact="high"))
    draft = store.load_draft()
    assert (draft.text, draft.community, draft.customer_ref, draft.impact) == (
        "half a thought, finished",
        "cards",
        "C-1",
        "high",
    )
    store.clear_draft()
    assert store.load_draft() is None


def test_settings_have_defaults_and_persist(paths):
    store = open_store(paths)
    assert store.settings.get("language") == "system"
    store.settings.set("start_at_login", True)
    store.close()
    reopened = open_store(paths)
    assert reopened.settings.get("start_at_login") is True
    with pytest.raises(TypeError):
        reopened.settings.set("start_at_login", "yes")
    reopened.close()


def test_seeded_reference_lists(store):
    assert [c.slug for c in store.communities()][:2] == ["payments", "mobile-app"]
    assert "loans" in {a.slug for a in store.product_areas()}
    assert store.resolve_community("mob").name == "Mobile app CoP"


# -- opening, migrating, recovering ------------------------------------------------------------------
def test_open_from_an_empty_folder_creates_the_head_schema(paths):
    assert not paths.data_dir.exists()
    store = open_store(paths)
    with store.engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == SCHEMA_HEAD
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
    store.close()
    assert not list(paths.data_dir.glob("*.bak"))  # nothing to back up in a new store


def test_every_connection_keeps_a_small_page_cache(store):
    """Pooled connections live all day, each with its own cache: SQLite's default 2 MiB is too much per thread."""
    with store.engine.connect() as first, store.engine.connect() as second:  # two pooled connections
        for conn in (first, second):
            kib = -conn.execute(text("PRAGMA cache_size")).scalar()  # negative: a size in KiB
            assert 0 < kib <= 1024


def test_schema_head_matches_the_migration_scripts():
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from desktop.store import database

    config = Config()
    config.set_main_option("script_location", str(database.__file__).replace("database.py", "migrations"))
    script = ScriptDirectory.from_config(config)
    assert script.get_current_head() == SCHEMA_HEAD
    assert {r.revision for r in script.walk_revisions()} == set(KNOWN_REVISIONS)


def test_upgrade_from_the_previous_schema_keeps_data_indexes_it_and_keeps_a_copy(paths):
    paths.data_dir.mkdir(parents=True)
    engine = _create_engine(paths.db_path, 1000)
    run_migrations(engine, "0001")
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO insight (uuid, text, community, impact, tags, author, created_at, updated_at) VALUES "
                "('11111111-1111-4111-8111-111111111111', 'Old insight about overdraft fees', 'payments', 'low',"
                " '[]', 'old', '2026-01-01T00:00:00.000000+00:00', '2026-01-01T00:00:00.000000+00:00')"
            )
        )
    engine.dispose()

    store = open_store(paths)
    assert [i.text for i in store.search("overdraft")] == ["Old insight about overdraft fees"]
    store.close()
    backups = list(paths.data_dir.glob(f"palaute.db.before-{SCHEMA_HEAD}-*.bak"))
    assert len(backups) == 1
    with sqlite3.connect(backups[0]) as copy:
        assert copy.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
        assert copy.execute("SELECT count(*) FROM insight").fetchone() == (1,)


def test_a_damaged_file_is_moved_aside_and_a_fresh_store_started(paths):
    paths.data_dir.mkdir(parents=True)
    paths.db_path.write_bytes(b"this is not sqlite" * 512)
    store = open_store(paths)
    assert len(store.notices) == 1 and "damaged" in store.notices[0]
    moved = list(paths.data_dir.glob("palaute.db.damaged-*"))
    assert len(moved) == 1 and str(moved[0]) in store.notices[0]
    assert moved[0].read_bytes().startswith(b"this is not sqlite")  # kept, never deleted
    store.capture(NewInsight(text="works again", community="payments"))
    store.close()


def test_a_database_from_a_newer_version_is_refused_and_left_alone(paths):
    open_store(paths).close()
    with sqlite3.connect(paths.db_path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    before = paths.db_path.read_bytes()
    with pytest.raises(StoreTooNew, match="newer version of Palaute"):
        open_store(paths)
    assert paths.db_path.read_bytes() == before


def test_a_database_locked_by_another_program_is_reported(paths):
    open_store(paths).close()
    other = sqlite3.connect(paths.db_path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        store = open_store(paths, busy_timeout_ms=100)
        with pytest.raises(StoreLocked, match="Another program is using Palaute's database"):
            store.capture(NewInsight(text="waiting", community="payments"))
        store.close()
    finally:
        other.rollback()
        other.close()
    store = open_store(paths)
    assert store.count_insights() == 0
    store.close()


def test_migrations_keep_the_full_text_triggers(paths):
    # An ALTER in batch mode rebuilds a table and silently drops its triggers: search would go stale.
    store = open_store(paths)
    names = {
        r[0] for r in store.engine.connect().exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'trigger'")
    }
    store.close()
    assert {"insight_fts_ai", "insight_fts_ad", "insight_fts_au"} <= names


def _open_after(start_at: float, data_dir: str) -> str:
    """Child process: open (so create and migrate) the store at the same instant as its siblings."""
    import time

    from desktop.paths import AppPaths
    from desktop.store import open_store

    time.sleep(max(0.0, start_at - time.time()))
    try:
        open_store(AppPaths.resolve(data_dir)).close()
    except Exception as exc:  # the parent asserts on what each child saw
        return f"{type(exc).__name__}: {exc}"
    return "ok"


def test_processes_opening_a_new_store_at_once_all_succeed(tmp_path):
    # Two processes creating the same store (the app starting while `palaute capture` runs) both used to
    # migrate; the loser failed at once with "Another program is using Palaute's database".
    import multiprocessing
    import time

    context = multiprocessing.get_context("spawn")
    with context.Pool(4) as pool:
        pool.apply(_open_after, (0.0, str(tmp_path / "warm-up")))  # children import once before the races
        for attempt in range(6):
            folder = str(tmp_path / f"race-{attempt}")
            start_at = time.time() + 0.3
            results = pool.starmap(_open_after, [(start_at, folder)] * 4)
            assert results == ["ok"] * 4, results
