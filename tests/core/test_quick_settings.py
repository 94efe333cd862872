"""The start-up's plain-sqlite3 reads agree with what the real store wrote (they decide what opens at start)."""

from __future__ import annotations

from desktop.quick_settings import read_quick_settings, read_signed_in


def test_nothing_to_read_before_the_first_store(paths):
    assert read_quick_settings(paths.db_path) == {}
    assert read_signed_in(paths.db_path) is False


def test_hotkey_and_language_as_the_store_saved_them(store, paths):
    store.settings.set("hotkey", "Ctrl+Alt+K")
    store.settings.set("language", "sv")
    assert read_quick_settings(paths.db_path) == {"hotkey": "Ctrl+Alt+K", "language": "sv"}


def test_signed_in_follows_the_sync_ledger(store, paths):
    assert read_signed_in(paths.db_path) is False
    store.sync.set_meta(server_url="https://palaute.example.com", username="anna", device_id="d-1")
    assert store.sync.signed_in()
    assert read_signed_in(paths.db_path) is True
    store.sync.set_meta(device_id=None)  # what signing out records
    assert not store.sync.signed_in()
    assert read_signed_in(paths.db_path) is False


def test_a_database_that_cannot_be_read_is_no_sign_in(paths):
    paths.db_path.parent.mkdir(parents=True, exist_ok=True)
    paths.db_path.write_bytes(b"not a database at all" * 100)
    assert read_quick_settings(paths.db_path) == {}
    assert read_signed_in(paths.db_path) is False
