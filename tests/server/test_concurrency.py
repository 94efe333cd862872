"""Concurrency: the feed never skips a change under concurrent writers; a push repeated (also at once) is
applied once. Against a real server process where HTTP is involved."""

from __future__ import annotations

import random
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

import pytest
import requests
from sqlalchemy import event, select
from sqlalchemy.orm import Session

from protocol import schema
from server.db import Database
from server.migrate import upgrade
from server.models import User
from server.services import accounts, insights, sync, triage
from tests.server.conftest import PASSWORD, create_mutation
from tests.support.server_process import ServerProcess


@pytest.fixture
def database(tmp_path, database_url):
    url = database_url or f"sqlite:///{tmp_path / 'feed.sqlite3'}"
    db = Database(url, pool_size=12)
    upgrade(db)
    yield db
    db.dispose()


def test_feed_skips_nothing_while_writers_commit_out_of_order(database):
    with database.write() as session:
        accounts.create_user(session, "rita", "rep", "pw")
    writers, per_writer = 6, 15
    created: list[str] = []
    seen: list[str] = []
    done = threading.Event()
    slow = threading.local()

    # After a transaction has taken its feed numbers, stall its commit for a random moment, so
    # transactions finish in a different order than they started.
    def stall(session: Session) -> None:
        if getattr(slow, "on", False):
            threading.Event().wait(random.uniform(0, 0.02))

    event.listen(Session, "before_commit", stall)
    try:

        def write(worker: int) -> None:
            slow.on = True
            for i in range(per_writer):
                draft = schema.InsightDraft(
                    id=str(uuid.uuid4()), text=f"w{worker} #{i}", community="payments", created_at=datetime.now(UTC)
                )
                with database.write() as session:
                    actor = session.scalar(select(User).where(User.name == "rita"))
                    insights.create(session, actor, draft)
                created.append(draft.id)

        def read() -> None:
            cursor = 0
            while True:
                finished = done.is_set()  # read once more after the writers are done
                with database.read() as session:
                    actor = session.scalar(select(User).where(User.name == "rita"))
                    changes, cursor, _ = sync.pull(session, actor, cursor, 7)
                seen.extend(c.insight.id for c in changes)
                if finished and not changes:
                    return

        reader = threading.Thread(target=read)
        reader.start()
        with ThreadPoolExecutor(writers) as pool:
            list(pool.map(write, range(writers)))
        done.set()
        reader.join(60)
    finally:
        event.remove(Session, "before_commit", stall)
    assert len(created) == writers * per_writer
    assert sorted(seen) == sorted(created), "the reader missed or repeated a change"


@pytest.fixture
def server(tmp_path, database_url):
    with ServerProcess.start(tmp_path / "srv", database_url=database_url) as running:
        running.add_user("rita", "rep", PASSWORD)
        yield running


def sign_in(server) -> dict:
    answer = requests.post(
        server.url + "/api/v1/auth/login", json={"username": "rita", "password": PASSWORD}, timeout=10
    )
    answer.raise_for_status()
    return {"Authorization": "Bearer " + answer.json()["access_token"]}


def test_same_push_five_times_then_five_at_once_is_applied_once(server):
    headers = sign_in(server)
    batch = {"mutations": [create_mutation(n) for n in range(1, 21)]}
    url = server.url + "/api/v1/sync/push"
    statuses = [
        [r["status"] for r in requests.post(url, json=batch, headers=headers, timeout=30).json()["results"]]
        for _ in range(5)
    ]
    assert statuses[0] == ["applied"] * 20 and all(s == ["duplicate"] * 20 for s in statuses[1:])

    second = {"mutations": [create_mutation(n) for n in range(21, 41)]}
    with ThreadPoolExecutor(5) as pool:
        answers = list(pool.map(lambda _: requests.post(url, json=second, headers=headers, timeout=30), range(5)))
    assert all(a.status_code == 200 for a in answers), [a.text for a in answers]
    applied = sum(r["status"] == "applied" for a in answers for r in a.json()["results"])
    assert applied == 20
    summary = requests.get(server.url + "/api/v1/sync/summary", headers=headers, timeout=10).json()
    assert summary["insights"] == 40 and summary["last_mutation"] == 40


def test_same_create_from_two_devices_at_once_is_stored_once(server):
    devices = [sign_in(server) for _ in range(4)]
    mutation = create_mutation(1)
    url = server.url + "/api/v1/sync/push"
    with ThreadPoolExecutor(4) as pool:
        answers = list(
            pool.map(lambda h: requests.post(url, json={"mutations": [mutation]}, headers=h, timeout=30), devices)
        )
    results = sorted(a.json()["results"][0]["status"] for a in answers)
    assert results == ["applied", "duplicate", "duplicate", "duplicate"]


def test_concurrent_status_changes_each_get_their_own_version(database):
    with database.write() as session:
        rep = accounts.create_user(session, "rita", "rep", "pw")
        accounts.create_user(session, "paula", "product", "pw", communities=["payments"])
        draft = schema.InsightDraft(id=str(uuid.uuid4()), text="x", community="payments", created_at=datetime.now(UTC))
        insights.create(session, rep, draft)
    statuses = ["acknowledged", "planned", "in_progress", "shipped", "declined"]

    def change(status: str) -> int:
        with database.write() as session:
            actor = session.scalar(select(User).where(User.name == "paula"))
            return triage.set_status(session, actor, draft.id, status).version

    with ThreadPoolExecutor(len(statuses)) as pool:
        versions = list(pool.map(change, statuses))
    assert sorted(versions) == [2, 3, 4, 5, 6]
