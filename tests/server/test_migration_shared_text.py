"""Upgrading to 0005: kept personal data becomes unsearchable for other reps; far-future claimed times end."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import text

from privacy import find_pii
from server.app import create_app
from server.db import Database
from tests.server.conftest import PASSWORD, test_settings
from tests.server.test_migration_device_identity import _at_revision

EMAIL = "maija.meikalainen@example.com"


def test_upgrade_fills_shared_texts_and_bounds_future_times(tmp_path, database_url):
    from fastapi.testclient import TestClient

    from server import security

    settings = test_settings(tmp_path, database_url)
    settings.data_dir.mkdir(parents=True)
    db = Database(settings.url)
    _at_revision(db, "0004")
    key = find_pii(f"mail {EMAIL}")[0].key
    kept, plain = str(uuid.uuid4()), str(uuid.uuid4())
    with db.engine.begin() as conn:
        conn.execute(text("INSERT INTO communities (id, slug, name, open) VALUES (1, 'c1', 'C1', :f)"), {"f": False})
        for user_id, name in ((1, "rita"), (2, "sam")):
            conn.execute(
                text(
                    "INSERT INTO users (id, name, role, password_hash, disabled, created_at) "
                    "VALUES (:i, :n, 'rep', :h, :f, '2026-01-01 00:00:00')"
                ),
                {"i": user_id, "n": name, "h": security.hash_password(PASSWORD), "f": False},
            )
        conn.execute(text("INSERT INTO user_communities (user_id, community_id) VALUES (1, 1), (2, 1)"))
        for insight_id, body, keys, created in (
            (kept, f"Customer {EMAIL} is stuck", f'["{key}"]', "9999-12-31 00:00:00"),
            (plain, "Nothing personal here", "[]", "2026-01-02 00:00:00"),
        ):
            conn.execute(
                text(
                    "INSERT INTO insights (id, author_id, community_id, text, impact, tags, status, version, "
                    "withdrawn, pii_kept, pii_flagged, created_at, updated_at, customers, reps) "
                    "VALUES (:id, 1, 1, :t, 'low', '[]', 'new', 1, :f, :k, :y, :c, '2026-01-02 00:00:00', 1, 1)"
                ),
                {"id": insight_id, "t": body, "k": keys, "f": False, "y": True, "c": created},
            )
    db.dispose()
    app = create_app(settings)  # migrates to the head
    with app.state.db.read() as session:
        rows = dict(session.execute(text("SELECT id, shared_text FROM insights")).all())
        created = session.execute(text("SELECT created_at FROM insights WHERE id = :i"), {"i": kept}).scalar_one()
    assert rows[plain] is None and EMAIL not in rows[kept] and "is stuck" in rows[kept]
    assert str(created)[:4] == str(dt.datetime.now(dt.UTC).year)
    with TestClient(app) as client:
        login = client.post("/api/v1/auth/login", json={"username": "sam", "password": PASSWORD}).json()
        headers = {"Authorization": f"Bearer {login['access_token']}"}
        found = client.get("/api/v1/insights", params={"q": "maija"}, headers=headers).json()
        assert found["total"] == 0
        assert client.get("/api/v1/insights", params={"q": "stuck"}, headers=headers).json()["total"] == 1
