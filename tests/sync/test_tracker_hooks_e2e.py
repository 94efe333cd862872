"""A tracker ships the work: Jira's and Azure DevOps' webhooks move a linked insight to shipped on the real
server, and the rep's desktop store (a real sync) gets the status notice."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import uuid
from pathlib import Path

import pytest
import requests

from desktop.domain import NewInsight, Status
from desktop.sync.account import resume, sign_in
from desktop.sync.engine import Puller, Pusher
from tests.sync.conftest import PRODUCT, PRODUCT_PASSWORD, REP, REP_PASSWORD, ProductMember, add_user, start_server

FIXTURES = Path(__file__).resolve().parents[1] / "server" / "fixtures"
JIRA_SECRET, ADO_SECRET = "jira-e2e-secret", "ado-e2e-password"


def sync_once(store, vault):
    client = resume(store, vault)
    Pusher(store.sync).push_all(client)
    return Puller(store.sync).pull_all(client)


def jira_done(server_url: str, key: str) -> requests.Response:
    payload = json.loads((FIXTURES / "jira_issue_updated.json").read_text())
    payload["issue"]["key"] = key
    body = json.dumps(payload).encode()
    signature = "sha256=" + hmac.new(JIRA_SECRET.encode(), body, hashlib.sha256).hexdigest()
    headers = {
        "content-type": "application/json",
        "X-Hub-Signature": signature,
        "X-Atlassian-Webhook-Identifier": str(uuid.uuid4()),
    }
    return requests.post(f"{server_url}/api/v1/hooks/jira", data=body, headers=headers, timeout=10)


def ado_done(server_url: str, work_item: int) -> requests.Response:
    payload = json.loads((FIXTURES / "ado_workitem_updated.json").read_text())
    payload["resource"]["workItemId"] = payload["resource"]["revision"]["id"] = work_item
    auth = base64.b64encode(f"azure:{ADO_SECRET}".encode()).decode()
    return requests.post(
        f"{server_url}/api/v1/hooks/azure-devops",
        json=payload,
        headers={"Authorization": f"Basic {auth}"},
        timeout=10,
    )


@pytest.mark.parametrize(
    ("tracker_url", "ship"),
    [
        ("https://example.atlassian.net/browse/PAY-123", lambda url: jira_done(url, "PAY-123")),
        ("https://dev.azure.com/fabrikam/Cloud/_workitems/edit/5", lambda url: ado_done(url, 5)),
    ],
    ids=["jira", "azure-devops"],
)
def test_the_tracker_ships_and_the_rep_is_told(tmp_path, store, vault, tracker_url, ship):
    env = {"PALAUTE_SERVER_JIRA_WEBHOOK_SECRET": JIRA_SECRET, "PALAUTE_SERVER_AZURE_DEVOPS_WEBHOOK_SECRET": ADO_SECRET}
    server = start_server(tmp_path / "server", env=env)
    try:
        add_user(server, REP, "rep", REP_PASSWORD)
        add_user(server, PRODUCT, "product", PRODUCT_PASSWORD)
        sign_in(store, vault, server.url, REP, REP_PASSWORD)
        insight = store.capture(NewInsight(text="Let customers split a card payment", community="payments"))
        sync_once(store, vault)
        product = ProductMember(server.url)
        linked = product.http.post(f"{product.url}/insights/{insight.id}/links", json={"url": tracker_url}, timeout=10)
        assert linked.status_code == 201, linked.text
        answer = ship(server.url)
        assert answer.status_code == 200, answer.text
        assert answer.json()["insights"] == [insight.id]
        assert sync_once(store, vault) == 1
        notices = store.sync.pending_notices()
        assert [(n.kind, n.status) for n in notices] == [("status", "shipped")]
        assert store.get_insight(insight.id).status is Status.SHIPPED
    finally:
        server.stop()
