"""Tracker links and the inbound Jira / Azure DevOps hooks: status mapping, signatures, replays, refusals."""

from __future__ import annotations

import base64
import copy
import hashlib
import hmac
import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from server.models import InboundDelivery
from server.services import trackers
from server.services.errors import Invalid

FIXTURES = Path(__file__).parent / "fixtures"
JIRA_SECRET, ADO_SECRET = "jira-shared-secret-for-tests", "ado-basic-password"


@pytest.fixture
def settings_overrides() -> dict:
    return dict(jira_webhook_secret=JIRA_SECRET, azure_devops_webhook_secret=ADO_SECRET)


def jira_payload(key="PAY-123", category="done") -> dict:
    payload = json.loads((FIXTURES / "jira_issue_updated.json").read_text())
    payload["issue"]["key"] = key
    payload["issue"]["fields"]["status"]["statusCategory"]["key"] = category
    return payload


def ado_payload(state="Done", work_item=5) -> dict:
    payload = json.loads((FIXTURES / "ado_workitem_updated.json").read_text())
    payload["resource"]["revision"]["fields"]["System.State"] = state
    payload["resource"]["fields"]["System.State"]["newValue"] = state
    payload["resource"]["workItemId"] = payload["resource"]["revision"]["id"] = work_item
    return payload


def send_jira(client, payload, *, delivery="d-1", secret=JIRA_SECRET, body: bytes | None = None):
    body = json.dumps(payload).encode() if body is None else body
    signature = "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    headers = {"X-Hub-Signature": signature, "X-Atlassian-Webhook-Identifier": delivery}
    return client.post("/api/v1/hooks/jira", content=body, headers={**headers, "content-type": "application/json"})


def send_ado(client, payload, *, password=ADO_SECRET, body: bytes | None = None):
    body = json.dumps(payload).encode() if body is None else body
    auth = base64.b64encode(f"palaute:{password}".encode()).decode()
    return client.post(
        "/api/v1/hooks/azure-devops",
        content=body,
        headers={"Authorization": f"Basic {auth}", "content-type": "application/json"},
    )


@pytest.fixture
def linked(api):
    """An insight linked to PAY-123 and to Azure DevOps work item fabrikam/5; (api, rep, pm, insight id)."""
    rep = api.user("rita", communities=["payments"])
    pm = api.user("pam", "product", communities=["payments"])
    insight = api.create(rep, 1, text="Split a card payment")
    for url in (
        "https://example.atlassian.net/browse/PAY-123",
        "https://dev.azure.com/fabrikam/FabrikamCloud/_workitems/edit/5",
    ):
        answer = api.client.post(f"/api/v1/insights/{insight['id']}/links", json={"url": url}, headers=pm.headers)
        assert answer.status_code == 201, answer.text
    return api, rep, pm, insight["id"]


def status_of(api, account, insight_id) -> str:
    return api.client.get(f"/api/v1/insights/{insight_id}", headers=account.headers).json()["insight"]["status"]


def deliveries(api) -> int:
    with api.db.read() as session:
        return session.scalar(select(func.count()).select_from(InboundDelivery))


@pytest.mark.parametrize(
    ("url", "system", "key"),
    [
        ("https://example.atlassian.net/browse/PAY-123", "jira", "PAY-123"),
        ("https://jira.example.com/browse/OPS-7/", "jira", "OPS-7"),
        ("https://dev.azure.com/Fabrikam/Cloud/_workitems/edit/42", "ado", "fabrikam/42"),
        ("https://fabrikam.visualstudio.com/Cloud/_workitems/edit/42", "ado", "fabrikam/42"),
        ("https://dev.azure.com/fabrikam/Cloud/_boards/board?workitem=9", "ado", "fabrikam/9"),
    ],
)
def test_tracker_urls_are_recognised(url, system, key):
    item = trackers.parse_url(url)
    assert (item.system, item.key) == (system, key)


@pytest.mark.parametrize("url", ["https://example.com/PAY-1", "ftp://x/browse/PAY-1", "javascript:alert(1)"])
def test_other_urls_are_refused(url):
    with pytest.raises(Invalid):
        trackers.parse_url(url)


def test_links_are_listed_idempotent_and_for_the_product_team_only(linked):
    api, rep, pm, insight_id = linked
    again = api.client.post(
        f"/api/v1/insights/{insight_id}/links",
        json={"url": "https://example.atlassian.net/browse/PAY-123"},
        headers=pm.headers,
    )
    assert again.status_code == 200
    listed = api.client.get(f"/api/v1/insights/{insight_id}/links", headers=pm.headers).json()
    assert [(link["system"], link["key"]) for link in listed] == [("jira", "PAY-123"), ("ado", "fabrikam/5")]
    by_rep = api.client.post(
        f"/api/v1/insights/{insight_id}/links", json={"url": "https://x.atlassian.net/browse/AB-1"}, headers=rep.headers
    )
    assert by_rep.status_code == 403
    bad = api.client.post(f"/api/v1/insights/{insight_id}/links", json={"url": "https://x.org/"}, headers=pm.headers)
    assert bad.status_code == 422


@pytest.mark.parametrize(
    ("category", "status"), [("new", "planned"), ("indeterminate", "in_progress"), ("done", "shipped")]
)
def test_jira_status_category_moves_the_linked_insight(linked, category, status):
    api, rep, _, insight_id = linked
    answer = send_jira(api.client, jira_payload(category=category))
    assert answer.status_code == 200, answer.text
    assert answer.json() == {"status": "applied", "item": "PAY-123", "insights": [insight_id]}
    assert status_of(api, rep, insight_id) == status


def test_azure_devops_state_moves_the_linked_insight(linked):
    api, rep, _, insight_id = linked
    answer = send_ado(api.client, ado_payload("Active"))
    assert answer.status_code == 200, answer.text
    assert status_of(api, rep, insight_id) == "in_progress"
    payload = ado_payload("Done")
    payload["id"] = "another-event"
    assert send_ado(api.client, payload).json()["insights"] == [insight_id]
    assert status_of(api, rep, insight_id) == "shipped"


def test_a_replayed_delivery_is_answered_but_not_applied_again(linked):
    api, rep, pm, insight_id = linked
    assert send_jira(api.client, jira_payload(category="done"), delivery="same").json()["status"] == "applied"
    api.client.post(f"/api/v1/insights/{insight_id}/status", json={"status": "declined"}, headers=pm.headers)
    replay = send_jira(api.client, jira_payload(category="done"), delivery="same")
    assert replay.status_code == 200 and replay.json()["status"] == "duplicate"
    assert status_of(api, rep, insight_id) == "declined"  # the replay changed nothing
    assert send_ado(api.client, ado_payload()).json()["status"] == "applied"
    assert send_ado(api.client, ado_payload()).json()["status"] == "duplicate"  # same event id


def test_refusals_have_their_status_codes_and_apply_nothing(linked, caplog):
    api, rep, _, insight_id = linked
    good = json.dumps(jira_payload()).encode()
    assert send_jira(api.client, jira_payload(), secret="wrong").status_code == 401
    no_signature = api.client.post("/api/v1/hooks/jira", content=good, headers={"content-type": "application/json"})
    assert no_signature.status_code == 401
    assert send_jira(api.client, None, body=b"{not json").status_code == 400
    assert send_jira(api.client, {"issue": {"key": "PAY-123"}}).status_code == 422
    assert send_jira(api.client, {"issue": ["PAY-123"]}).status_code == 422
    unknown = send_jira(api.client, jira_payload(key="PAY-999"))
    assert unknown.status_code == 404 and unknown.json()["error"] == "unknown_key"
    assert send_ado(api.client, ado_payload(), password="wrong").status_code == 401
    assert send_ado(api.client, None, body=b"[").status_code == 400
    broken = copy.deepcopy(ado_payload())
    del broken["resource"]["revision"]["fields"]["System.State"], broken["resource"]["fields"]["System.State"]
    assert send_ado(api.client, broken).status_code == 422
    assert send_ado(api.client, ado_payload(work_item=6)).status_code == 404
    assert status_of(api, rep, insight_id) == "new"
    assert deliveries(api) == 0
    refused = [r.getMessage() for r in caplog.records if r.name == "palaute.server.hooks"]
    assert len(refused) == 10 and all("refused" in line for line in refused)
    assert not any(JIRA_SECRET in line or ADO_SECRET in line for line in refused)


def test_an_unmapped_state_is_recorded_and_changes_nothing(linked):
    api, rep, _, insight_id = linked
    answer = send_ado(api.client, ado_payload("Removed"))
    assert answer.json() == {"status": "ignored", "item": "fabrikam/5", "insights": []}
    assert status_of(api, rep, insight_id) == "new"


def test_the_mapping_can_be_changed(tmp_path, database_url):
    from server.app import create_app
    from tests.server.conftest import Api, TestClient, test_settings

    settings = test_settings(
        tmp_path, database_url, jira_webhook_secret=JIRA_SECRET, tracker_status_map={"jira:done": "acknowledged"}
    )
    with TestClient(create_app(settings)) as client:
        api = Api(client.app, client)
        rep = api.user("rita", communities=["payments"])
        pm = api.user("pam", "product", communities=["payments"])
        insight = api.create(rep, 1)
        url = {"url": "https://example.atlassian.net/browse/PAY-123"}
        api.client.post(f"/api/v1/insights/{insight['id']}/links", json=url, headers=pm.headers)
        assert send_jira(client, jira_payload()).json()["status"] == "applied"
        assert status_of(api, rep, insight["id"]) == "acknowledged"


def test_an_unconfigured_hook_is_not_found(tmp_path, database_url):
    from server.app import create_app
    from tests.server.conftest import TestClient, test_settings

    with TestClient(create_app(test_settings(tmp_path, database_url))) as client:
        assert client.post("/api/v1/hooks/jira", content=b"{}").status_code == 404
        assert client.post("/api/v1/hooks/azure-devops", content=b"{}").status_code == 404
