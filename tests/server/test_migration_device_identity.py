"""Upgrading a server database with protocol-1 devices and tokens to device-bound tokens and remembered mutations."""

from __future__ import annotations

from alembic import command
from sqlalchemy import text

from desktop.sync.proof import DeviceKey
from server.app import create_app
from server.db import Database
from server.migrate import alembic_config
from tests.server.conftest import PASSWORD, create_mutation, test_settings


def _at_revision(db: Database, revision: str) -> None:
    config = alembic_config()
    with db.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def test_protocol_1_devices_keep_their_data_and_sign_in_again(tmp_path, database_url):
    from fastapi.testclient import TestClient

    from server import security

    settings = test_settings(tmp_path, database_url)
    settings.data_dir.mkdir(parents=True)
    db = Database(settings.url)
    _at_revision(db, "0003")
    with db.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO users (id, name, role, password_hash, disabled, created_at) VALUES (1, 'rita', 'rep', :h, :f, :t)"
            ),
            {"h": security.hash_password(PASSWORD), "f": False, "t": "2026-01-01 00:00:00"},
        )
        conn.execute(
            text(
                "INSERT INTO devices (id, user_id, name, last_mutation, created_at) "
                "VALUES ('00000000-0000-4000-8000-000000000001', 1, 'old laptop', 7, '2026-01-01 00:00:00')"
            )
        )
        for n, kind in enumerate(("access", "refresh", "refresh")):
            conn.execute(
                text(
                    "INSERT INTO tokens (device_id, kind, token_hash, expires_at, rotated_at, revoked, pair) "
                    "VALUES ('00000000-0000-4000-8000-000000000001', :k, :h, '2099-01-01 00:00:00', NULL, :f, :p)"
                ),
                {"k": kind, "h": f"{n:064d}", "f": False, "p": f"pair{n}"},
            )
    db.dispose()
    app = create_app(settings)  # migrates to the head
    with app.state.db.read() as session:
        device = session.execute(text("SELECT key_thumbprint, last_mutation FROM devices")).one()
        tokens = dict(session.execute(text("SELECT kind, revoked FROM tokens WHERE kind = 'refresh'")).all())
        columns = {r[0] for r in session.execute(text("SELECT * FROM tokens LIMIT 0")).cursor.description}
    assert tuple(device) == (None, 7)  # the old device's numbering is kept
    assert tokens == {"refresh": True}  # unbound refresh tokens can never be used again
    assert "pair" not in columns and "rotated_at" not in columns
    with TestClient(app) as client:
        key = DeviceKey.generate()
        login = client.post(
            "/api/v1/auth/login",
            json={"username": "rita", "password": PASSWORD},
            headers={"DPoP": key.proof("POST", "http://testserver/api/v1/auth/login")},
        )
        assert login.status_code == 200 and login.json()["token_type"] == "DPoP"
        token = login.json()["access_token"]
        mutation = create_mutation(1)
        push = client.post(
            "/api/v1/sync/push",
            json={"mutations": [mutation]},
            headers={
                "Authorization": f"DPoP {token}",
                "DPoP": key.proof("POST", "http://testserver/api/v1/sync/push", access_token=token),
            },
        )
        assert push.json()["results"][0]["status"] == "applied"
