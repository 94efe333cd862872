"""Test data for duplicate hints, shared with bench/bench_similar.py (so no pytest here)."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

from sqlalchemy import text

FIXTURES = Path(__file__).with_name("fixtures")
STAMP = "2026-01-01T00:00:00.000000+00:00"


def key_id(key: str) -> str:
    """A stable insight id for a fixture key, so a failure names the same insight every run."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"palaute-similar:{key}"))


def insert(engine, texts: dict[str, str], **columns: object) -> None:
    """Insert insights {id: text} through the real table and its triggers (as sync does: plain statements)."""
    extra = "".join(f", {name}" for name in columns)
    marks = "".join(f", :{name}" for name in columns)
    rows = [{"u": ident, "t": body, "s": STAMP, **columns} for ident, body in texts.items()]
    with engine.begin() as conn:
        conn.execute(
            text(
                f"INSERT INTO insight (uuid, text, community, impact, tags, author, created_at, "
                f"updated_at{extra}) VALUES (:u, :t, 'payments', 'medium', '[]', 'colleague', :s, :s"
                f"{marks})"
            ),
            rows,
        )


def near_duplicates() -> dict:
    """tests/similar/fixtures/near_duplicates.json: insights, and queries naming the one they paraphrase."""
    return json.loads((FIXTURES / "near_duplicates.json").read_text(encoding="utf-8"))
