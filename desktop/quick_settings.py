"""Read what the first moments need (hotkey, language, signed in?) with plain sqlite3, before SQLAlchemy loads.

Only a head start: when the store opens, the app applies the real settings, so a schema change here only
costs a re-registration. `read_signed_in` decides whether the store opens at start (for sync) or on first
use; tests/core/test_quick_settings.py keeps it in step with the store's schema.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

WANTED = ("hotkey", "language")


def read_quick_settings(db_path: Path) -> dict[str, Any]:
    rows = _query(db_path, f"SELECT key, value FROM setting WHERE key IN ({','.join('?' * len(WANTED))})", WANTED)
    try:
        return {key: json.loads(value) for key, value in rows}
    except ValueError:
        return {}


def read_signed_in(db_path: Path) -> bool:
    """A device sign-in is recorded, so sync (and the store it needs) should start at once."""
    rows = _query(db_path, "SELECT key FROM sync_meta WHERE key IN ('device_id', 'server_url')", ())
    return len(rows) == 2


def _query(db_path: Path, sql: str, parameters: tuple[str, ...]) -> list[Any]:
    if not Path(db_path).exists():
        return []
    try:
        conn = sqlite3.connect(f"{Path(db_path).as_uri()}?mode=ro", uri=True, timeout=0.2)
        try:
            return conn.execute(sql, parameters).fetchall()
        finally:
            conn.close()
    except sqlite3.Error:
        return []
