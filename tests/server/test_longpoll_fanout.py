"""Long-poll fan-out: a change wakes only those who may see it, hands them the change without each reading the
feed, and reaches waiters on another server process (PostgreSQL NOTIFY)."""

from __future__ import annotations

import threading
import time
import uuid

import pytest
import requests
from sqlalchemy import create_engine, text

from protocol import schema
from server.db import Database
from server.migrate import upgrade
from server.services import accounts, insights
from tests.server.conftest import PG_URL, create_mutation, reply_mutation
from tests.support.server_process import ServerProcess


class Waiting:
    """A long-poll in a thread; `result()` is its answer."""

    def __init__(self, api, account, cursor: str, wait: float) -> None:
        self.answer: dict | None = None
        self._thread = threading.Thread(target=self._run, args=(api, account, cursor, wait))
        self._thread.start()

    def _run(self, api, account, cursor, wait) -> None:
        self.answer = api.pull(account, cursor, wait=wait)

    def result(self, within: float = 60) -> dict:
        self._thread.join(within)
        assert not self._thread.is_alive(), f"the long-poll did not answer within {within} s"
        return self.answer


def registered(hub, count: int) -> None:
    """Until `count` long-polls wait in the hub (bounded: the test fails if they never do)."""
    for _ in range(1000):
        if len(hub.waiters()) >= count:
            return
        time.sleep(0.01)
    raise AssertionError(f"{count} long-polls never started waiting ({len(hub.waiters())} did)")


def test_a_waiter_who_may_not_see_a_change_is_not_woken_and_costs_no_read(api, app):
    hub = app.state.hub
    rita = api.user("rita", communities=["payments"])
    olli = api.user("olli", communities=["onboarding"])
    pam = api.user("pam", "product", product_areas=["cards"])  # no community: sees the cards area only
    _, rita_cursor = api.pull_all(rita)
    _, pam_cursor = api.pull_all(pam)
    rita_waits = Waiting(api, rita, rita_cursor, wait=1.5)
    pam_waits = Waiting(api, pam, pam_cursor, wait=1.5)
    registered(hub, 2)
    loads, woken = hub.loads, hub.woken
    api.create(olli, 1, community="onboarding", product_area="loans")  # neither may see it

    assert rita_waits.result()["changes"] == [] and pam_waits.result()["changes"] == []
    assert (hub.loads, hub.woken) == (loads, woken)  # not woken, and nothing was read for them
    # The empty answers moved past the change: the next wait starts after it.
    assert rita_waits.result()["cursor"] != rita_cursor


def test_a_change_wakes_its_community_its_product_area_its_followers_and_the_author(api, app):
    hub = app.state.hub
    rita = api.user("rita", communities=["payments"])
    ronja = api.user("ronja", communities=["payments"])
    olli = api.user("olli", communities=["onboarding"])
    pam = api.user("pam", "product", product_areas=["cards"])
    paula = api.user("paula", "product", communities=["payments"])
    insight = api.create(rita, 1, product_area="cards")
    waiting = {}
    for account in (rita, ronja, olli, pam):
        _, cursor = api.pull_all(account)
        waiting[account.name] = Waiting(api, account, cursor, wait=20)
    registered(hub, 4)
    loads = hub.loads
    reply = api.client.post(
        f"/api/v1/insights/{insight['id']}/replies", json={"body": "looking at it"}, headers=paula.headers
    )
    assert reply.status_code == 201, reply.text

    for name in ("rita", "ronja", "pam"):  # author, community, product area
        changes = waiting[name].result(within=10)["changes"]
        assert [c["reply"]["body"] for c in changes] == ["looking at it"], name
    # Three waiters woken by one read of the feed, none of them reading it again for themselves.
    assert hub.loads == loads + 1
    # The other community's rep slept through it: still waiting, and then woken by its own community only.
    assert [w.reader.name for w in hub.waiters()] == ["olli"]
    own = api.create(olli, 1, community="onboarding")
    assert [c["insight"]["id"] for c in waiting["olli"].result(within=10)["changes"]] == [own["id"]]


def test_a_follower_in_another_community_is_woken_by_a_reply(api, app):
    """A rep whose insight was merged into another community's insight follows it (a "same here")."""
    hub = app.state.hub
    rita = api.user("rita", communities=["payments"])
    olli = api.user("olli", communities=["onboarding"])
    paula = api.user("paula", "admin")
    original = api.create(rita, 1)
    duplicate = api.create(olli, 1, community="onboarding")
    marked = api.client.post(
        f"/api/v1/insights/{duplicate['id']}/duplicate", json={"original_id": original["id"]}, headers=paula.headers
    )
    assert marked.status_code == 200, marked.text
    _, cursor = api.pull_all(olli)
    olli_waits = Waiting(api, olli, cursor, wait=20)
    registered(hub, 1)
    api.push(rita, reply_mutation(2, original["id"], "more detail"))
    assert [c["reply"]["body"] for c in olli_waits.result()["changes"]] == ["more detail"]


def test_joining_a_community_answers_a_waiting_pull_with_the_new_communities(api, app):
    hub = app.state.hub
    rita = api.user("rita", communities=["payments"])
    with api.db.write() as session:
        from server.services import reference

        reference.add_community(session, "travel", "Travel CoP", is_open=True)
    _, cursor = api.pull_all(rita)
    waits = Waiting(api, rita, cursor, wait=20)
    registered(hub, 1)
    joined = api.client.put("/api/v1/me/communities/travel", headers=rita.headers)
    assert joined.status_code == 200, joined.text
    # At once, though the new community holds nothing yet: the client re-reads it from an empty cursor now.
    answer = waits.result(within=10)
    assert answer["communities"] == ["payments", "travel"] and answer["changes"] == []
    waits = Waiting(api, rita, answer["cursor"], wait=20)
    registered(hub, 1)
    left = api.client.delete("/api/v1/me/communities/travel", headers=rita.headers)
    assert left.status_code == 200, left.text
    assert waits.result(within=10)["communities"] == ["payments"]


def test_many_waiters_of_one_community_share_one_read(api, app):
    hub = app.state.hub
    reps = [api.user(f"rep{n}", communities=["payments"]) for n in range(12)]
    pusher = api.user("pusher", communities=["payments"])
    waits = []
    for rep in reps:
        _, cursor = api.pull_all(rep)
        waits.append(Waiting(api, rep, cursor, wait=20))
    registered(hub, len(reps))
    loads = hub.loads
    insight = api.create(pusher, 1)
    for waiting in waits:
        assert [c["insight"]["id"] for c in waiting.result()["changes"]] == [insight["id"]]
    assert hub.loads == loads + 1


@pytest.mark.postgres
@pytest.mark.slow
def test_a_change_committed_by_one_worker_wakes_a_waiter_on_another(tmp_path, pg_schema_url):
    env = {"PALAUTE_SERVER_LOG_LEVEL": "WARNING"}
    with (
        ServerProcess.start(tmp_path / "a", database_url=pg_schema_url, env=env) as first,
        ServerProcess.start(tmp_path / "b", database_url=pg_schema_url, env=env) as second,
    ):
        first.add_user("rita", "rep", "pw", communities=["payments"])
        first.add_user("ronja", "rep", "pw", communities=["payments"])
        rita, ronja = _sign_in(first.url, "rita"), _sign_in(second.url, "ronja")
        cursor = requests.get(second.url + "/api/v1/sync/changes", headers=ronja, timeout=10).json()["cursor"]
        answer: dict = {}

        def wait_on_second() -> None:
            params = {"cursor": cursor, "wait": 20}
            answer.update(
                requests.get(second.url + "/api/v1/sync/changes", params=params, headers=ronja, timeout=30).json()
            )

        waiter = threading.Thread(target=wait_on_second)
        waiter.start()
        time.sleep(0.5)  # let the long-poll start waiting (if it had not, it would still read the change)
        pushed = requests.post(
            first.url + "/api/v1/sync/push", json={"mutations": [create_mutation(1)]}, headers=rita, timeout=10
        )
        insight_id = pushed.json()["results"][0]["insight"]["id"]
        waiter.join(30)
    # Only the other process's NOTIFY could end this wait with the change: PostgreSQL servers do not poll.
    assert [c["insight"]["id"] for c in answer["changes"]] == [insight_id]


def _sign_in(url: str, name: str) -> dict[str, str]:
    answer = requests.post(url + "/api/v1/auth/login", json={"username": name, "password": "pw"}, timeout=10)
    answer.raise_for_status()
    return {"Authorization": "Bearer " + answer.json()["access_token"]}


@pytest.mark.postgres
@pytest.mark.parametrize("database_url", ["postgres"], indirect=True)  # NOTIFY channels are PostgreSQL's
def test_commits_in_another_schema_are_not_heard(api, app):
    """Servers (and parallel tests) on other schemas of one PostgreSQL database never wake each other."""
    assert not app.state.db.is_sqlite
    hub = app.state.hub
    rita = api.user("rita", communities=["payments"])
    heard = []
    original = hub.heard
    hub.heard = lambda notice: (heard.append(notice), original(notice))
    name = "t_" + uuid.uuid4().hex[:12]  # another schema: another server's database
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE SCHEMA {name}"))
    try:
        neighbour = Database(f"{PG_URL}?options=-csearch_path%3D{name}")
        upgrade(neighbour)
        with neighbour.write() as session:
            actor = accounts.create_user(session, "nina", "rep", "pw", communities=["payments"])
            insights.create(session, actor, schema.InsightDraft(**create_mutation(1)["insight"]))
        neighbour.dispose()
    finally:
        with admin.connect() as conn:
            conn.execute(text(f"DROP SCHEMA {name} CASCADE"))
        admin.dispose()
    mine = api.create(rita, 1)
    # NOTIFY arrives in commit order on the one listening connection: once ours is heard, the neighbour's
    # (committed first) would have been too, had it been on our channel.
    for _ in range(500):
        if heard:
            break
        time.sleep(0.01)
    assert [n.last for n in heard] == [hub.position] and mine["id"]
