"""The real `palaute-server` process: CLI admin commands, serving, multi-worker long-poll, clean stop."""

from __future__ import annotations

import subprocess
import sys
import threading
import time

import pytest
import requests
from sqlalchemy import select

from server.db import Database
from server.models import User
from server.services import triage
from tests.support.server_process import REPO, ServerError, ServerProcess


def sign_in(server, name, password="pw"):
    answer = requests.post(server.url + "/api/v1/auth/login", json={"username": name, "password": password}, timeout=10)
    assert answer.status_code == 200, answer.text
    return {"Authorization": "Bearer " + answer.json()["access_token"]}


def push_one(server, headers, text="from the CLI test"):
    from tests.server.conftest import create_mutation

    answer = requests.post(
        server.url + "/api/v1/sync/push",
        json={"mutations": [create_mutation(1, text=text)]},
        headers=headers,
        timeout=10,
    )
    assert answer.status_code == 200, answer.text
    return answer.json()["results"][0]["insight"]


def test_admin_commands_then_sign_in_and_revoke(tmp_path):
    # SQLite only: each CLI call is a process start; PostgreSQL runs the same commands in the tests below.
    with ServerProcess.start(tmp_path / "srv") as server:
        assert server.url.startswith("http://127.0.0.1:")
        server.cli("community", "add", "claims", "Claims CoP")
        server.cli("product-area", "add", "fraud", "Fraud")
        server.add_user("paula", "product", "pw", communities=["claims", "payments"], product_areas=["fraud"], cli=True)
        server.add_user("rita", "rep", "pw", cli=True)
        duplicate = server.cli("user", "add", "rita", "--role", "rep", "--password-stdin", input="x\n", check=False)
        assert duplicate.returncode == 1 and "already exists" in duplicate.stderr
        bad_slug = server.cli(
            "user", "add", "x", "--role", "product", "--password-stdin", "--community", "nope", input="x\n", check=False
        )
        assert bad_slug.returncode == 1 and "unknown community" in bad_slug.stderr
        me = requests.get(server.url + "/api/v1/me", headers=sign_in(server, "paula"), timeout=10).json()
        assert me == {
            "name": "paula",
            "role": "product",
            "communities": ["claims", "payments"],
            "product_areas": ["fraud"],
        }
        headers = sign_in(server, "rita")
        assert requests.get(server.url + "/api/v1/me", headers=headers, timeout=10).status_code == 200
        listing = server.cli("user", "devices", "rita").stdout
        device_id = listing.split()[0]
        assert "active" in listing
        server.cli("user", "revoke-device", device_id)
        assert requests.get(server.url + "/api/v1/me", headers=headers, timeout=10).status_code == 401
        assert "revoked" in server.cli("user", "devices", "rita").stdout
        assert requests.get(server.url + "/openapi.json", timeout=10).status_code == 200
        assert server.stop() in (0, -15)
    log = server.log_text()
    assert '"path": "/api/v1/me"' in log and "request_id" in log
    assert headers["Authorization"].split()[1] not in log  # tokens never reach the log


@pytest.mark.slow
def test_two_workers_wake_a_long_poll_on_a_commit_from_another_process(tmp_path, database_url):
    with ServerProcess.start(tmp_path / "srv", database_url=database_url, workers=2) as server:
        server.add_user("rita", "rep", "pw")
        server.add_user("paula", "product", "pw", communities=["payments"])
        rep = sign_in(server, "rita")
        insight = push_one(server, rep)
        cursor = requests.get(server.url + "/api/v1/sync/changes", headers=rep, timeout=10).json()["cursor"]
        db = Database(database_url or f"sqlite:///{server.data_dir / 'palaute-server.sqlite3'}")
        saved_at: list[float] = []

        def reply_later():
            time.sleep(0.5)
            with db.write() as session:
                actor = session.scalar(select(User).where(User.name == "paula"))
                triage.add_reply(session, actor, insight["id"], "answer from elsewhere")
            saved_at.append(time.monotonic())

        thread = threading.Thread(target=reply_later)
        thread.start()
        page = requests.get(
            server.url + "/api/v1/sync/changes", params={"cursor": cursor, "wait": 20}, headers=rep, timeout=30
        ).json()
        returned = time.monotonic()
        thread.join()
        db.dispose()
        assert [c["kind"] for c in page["changes"]] == ["reply"]
        assert returned - saved_at[0] < 2.0


def test_production_refuses_insecure_defaults(tmp_path):
    env = {"PALAUTE_SERVER_ENVIRONMENT": "production", "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [sys.executable, "-m", "server", "--data-dir", str(tmp_path), "migrate"],
        env=env,
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=60,
    )
    assert result.returncode == 2
    assert "SECRET_KEY" in result.stderr and "COOKIE_SECURE" in result.stderr


def test_start_failure_is_reported_with_the_log(tmp_path):
    with pytest.raises(ServerError, match="did not start"):
        ServerProcess.start(tmp_path / "srv", database_url="postgresql+psycopg://nobody@127.0.0.1:1/none", timeout=20)
