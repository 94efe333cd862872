"""Upgrading a database with replies to the triage and analytics revision: the facts kept at write time
are filled in from the stored replies, and the first analytics request builds the roll-up from them."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import text

from server.app import create_app
from server.db import Database
from server.models import User
from server.services import analytics
from tests.server.conftest import test_settings
from tests.server.test_migration_device_identity import _at_revision


def test_replies_stored_before_the_upgrade_fill_first_reply_and_last_side(tmp_path, database_url):
    settings = test_settings(tmp_path, database_url)
    settings.data_dir.mkdir(parents=True)
    db = Database(settings.url)
    _at_revision(db, "0004")
    with db.engine.begin() as conn:
        conn.execute(
            text("INSERT INTO communities (id, slug, name, open) VALUES (1, 'payments', 'Payments', :f)"), {"f": False}
        )
        for user_id, name, role in ((1, "rita", "rep"), (2, "pia", "product")):
            conn.execute(
                text(
                    "INSERT INTO users (id, name, role, password_hash, disabled, created_at) VALUES (:i, :n, :r, 'x', :f, :t)"
                ),
                {"i": user_id, "n": name, "r": role, "f": False, "t": "2026-01-01 00:00:00"},
            )
        conn.execute(text("INSERT INTO user_communities (user_id, community_id) VALUES (2, 1)"))
        for key in ("a", "b", "c"):
            conn.execute(
                text(
                    "INSERT INTO insights (id, author_id, community_id, text, impact, tags, status, version, withdrawn,"
                    " pii_kept, pii_flagged, created_at, updated_at, customers, reps)"
                    " VALUES (:id, 1, 1, 'old', 'medium', '[]', 'new', 1, :f, '[]', :f, :t, :t, 1, 1)"
                ),
                {"id": f"00000000-0000-4000-8000-00000000000{ord(key) - 96}", "f": False, "t": "2026-11-02 10:00:00"},
            )
        replies = [  # a: product then rep; b: product only; c: none
            ("r1", 1, 2, "2026-11-03 10:00:00"),
            ("r2", 1, 1, "2026-11-04 10:00:00"),
            ("r3", 2, 2, "2026-11-05 10:00:00"),
        ]
        for reply_id, insight, author, at in replies:
            conn.execute(
                text("INSERT INTO replies (id, insight_id, author_id, body, created_at) VALUES (:id, :i, :a, 'x', :t)"),
                {"id": reply_id, "i": f"00000000-0000-4000-8000-00000000000{insight}", "a": author, "t": at},
            )
    db.dispose()
    app = create_app(settings)  # migrates to the head
    db = app.state.db
    with db.read() as session:
        rows = session.execute(text("SELECT id, first_reply_at, last_reply_side FROM insights ORDER BY id")).all()
    assert [(str(r[1])[:16] if r[1] else None, r[2]) for r in rows] == [
        ("2026-11-03 10:00", "rep"),
        ("2026-11-05 10:00", "product"),
        (None, None),
    ]
    analytics.ensure_current(db)  # the first use builds the roll-up from the old rows
    with db.read() as session:
        pia = session.query(User).filter_by(name="pia").one()
        found = analytics.build(session, pia, weeks=1, now=datetime(2026, 11, 4, tzinfo=UTC))
    assert (found.weeks[0].captured, found.weeks[0].answered, found.loop.first_reply_p50_hours) == (3, 2, 48.0)
    db.dispose()
