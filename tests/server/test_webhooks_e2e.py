"""Webhooks through the real server process: subscriptions made with the CLI, and messages that survive a
SIGKILL between the change's commit and its delivery (delivered once the server is back)."""

from __future__ import annotations

import re

import pytest
import requests

from tests.server.web.rep_api import RepClient
from tests.support.server_process import ServerProcess
from tests.support.webhook_receiver import Receiver

FAST = {
    "PALAUTE_SERVER_WEBHOOK_BACKOFF_BASE": "0.05",
    "PALAUTE_SERVER_WEBHOOK_TIMEOUT": "1",
    "PALAUTE_SERVER_WEBHOOK_POLL_INTERVAL": "0.1",
    "PALAUTE_SERVER_PUSH_PER_MINUTE": "100000",
    "PALAUTE_SERVER_API_PER_MINUTE": "100000",
}
PASSWORD = "webhook-e2e-password"


def subscribe(server: ServerProcess, url: str) -> str:
    out = server.cli("webhook", "add", url, "--events", "insight.created,insight.status_changed").stdout
    return re.search(r"(whsec_\S+)", out).group(1)


def product_session(url: str) -> requests.Session:
    http = requests.Session()
    answer = http.post(f"{url}/api/v1/auth/login", json={"username": "pam", "password": PASSWORD}, timeout=10)
    http.headers["Authorization"] = f"Bearer {answer.json()['access_token']}"
    return http


def changes(server: ServerProcess) -> list[str]:
    """Three insights, each created then planned then shipped: nine events."""
    rep = RepClient(server.url, "rita", PASSWORD)
    ids = [rep.push(f"Insight number {n}", "payments", impact="high") for n in range(3)]
    pm = product_session(server.url)
    for status in ("planned", "shipped"):
        for insight_id in ids:
            pm.post(f"{server.url}/api/v1/insights/{insight_id}/status", json={"status": status}, timeout=10)
    return ids


EXPECTED = ["insight.created:new", "insight.status_changed:planned", "insight.status_changed:shipped"]


@pytest.mark.timeout(180)
@pytest.mark.parametrize("moment", ["before-any-attempt", "while-the-receiver-fails", "during-an-attempt"])
def test_messages_committed_before_a_sigkill_are_delivered_after_the_restart(tmp_path, database_url, moment):
    folder = tmp_path / "server"
    env = dict(FAST, PALAUTE_SERVER_WEBHOOK_DELIVERY="false" if moment == "before-any-attempt" else "true")
    if moment == "during-an-attempt":
        # No attempt may time out (and be retried, and delivered) before the kill: the changes take 0.2-0.3 s
        # here, so 3 s leaves ten times that for a slow machine. The restarted server takes the leases over when
        # they end (2 x 3 + 5 = 11 s; each second here is a second of every test run).
        env["PALAUTE_SERVER_WEBHOOK_TIMEOUT"] = "3"
    server = ServerProcess.start(folder, database_url=database_url, env=env)
    with Receiver(stall_first=1 if moment == "during-an-attempt" else 0, stall=30) as receiver:
        try:
            receiver.secret = subscribe(server, receiver.url)
            server.add_user("rita", "rep", PASSWORD, communities=["payments"])
            server.add_user("pam", "product", PASSWORD, communities=["payments"])
            receiver.down = moment == "while-the-receiver-fails"
            ids = changes(server)
            if moment == "while-the-receiver-fails":
                assert receiver.wait_until(lambda: receiver.refused >= 3)
            if moment == "during-an-attempt":
                assert receiver.wait_until(lambda: sum(receiver.attempts.values()) >= 1)
            server.crash()  # SIGKILL, delivery process too: no clean shutdown, leases and all left as they were
            assert receiver.accepted == []
            receiver.down = False
            server = ServerProcess.start(folder, database_url=database_url, env=dict(FAST))
            got = receiver.wait_for(9, timeout=60)
        finally:
            server.stop()
    assert receiver.bad_signatures == 0
    # What each change set, in order (`data.insight` is the insight as it is when sent: here, shipped).
    per_insight = {
        i: [f"{m.type}:{m.body['data'].get('status', 'new')}" for m in got if m.body["data"]["insight"]["id"] == i]
        for i in ids
    }
    assert per_insight == {i: EXPECTED for i in ids}
    assert len({m.id for m in got}) == 9 == len(got)
