"""Read the two settings the first moments need (hotkey, language) with plain sqlite3, before SQLAlchemy loads.

Only a head start: when the store opens, the app applies the real settings, so a schema change here only
costs a re-registration, never a wrong result.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

WANTED = ("hotkey", "language")


def read_quick_settings(db_path: Path) -> dict[str, Any]:
    if not Path(db_path).exists():
        return {}
    try:
        conn = sqlite3.connect(f"{Path(db_path).as_uri()}?mode=ro", uri=True, timeout=0.2)
        try:
            rows = conn.execute(
                f"SELECT key, value FROM setting WHERE key IN ({','.join('?' * len(WANTED))})", WANTED
            ).fetchall()
        finally:
            conn.close()
        return {key: json.loads(value) for key, value in rows}
    except (sqlite3.Error, ValueError):
        return {}
