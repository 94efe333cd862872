"""The product team's REST calls: list with filters, thread, reply, status, duplicates."""

from __future__ import annotations

import uuid

import pytest


@pytest.fixture
def team(api):
    rita = api.user("rita")
    paula = api.user("paula", "product", communities=["payments"])
    cara = api.user("cara", "product", product_areas=["loans"])
    a = api.create(rita, 1, text="Card declined abroad", impact="blocker", product_area="cards")
    b = api.create(rita, 2, text="Loan calculator confusing", community="mobile-app", product_area="loans")
    c = api.create(
        rita, 3, text="Onboarding too long", community="onboarding", product_area=None, customer_ref="ACME-7"
    )
    return api, rita, paula, cara, (a, b, c)


def listed(api, account, **params):
    answer = api.client.get("/api/v1/insights", params=params, headers=account.headers)
    assert answer.status_code == 200, answer.text
    return [i["text"] for i in answer.json()["insights"]]


def test_product_members_see_their_communities_or_areas_only(team):
    api, rita, paula, cara, _ = team
    assert listed(api, paula) == ["Card declined abroad"]
    assert listed(api, cara) == ["Loan calculator confusing"]
    assert sorted(listed(api, rita)) == sorted(
        ["Card declined abroad", "Loan calculator confusing", "Onboarding too long"]
    )


def test_filters_and_text_search(team):
    api, rita, *_ = team
    assert listed(api, rita, community="onboarding") == ["Onboarding too long"]
    assert listed(api, rita, product_area="loans") == ["Loan calculator confusing"]
    assert listed(api, rita, impact="blocker") == ["Card declined abroad"]
    assert listed(api, rita, q="declined ABROAD") == ["Card declined abroad"]
    assert listed(api, rita, q="acme") == ["Onboarding too long"]
    assert listed(api, rita, q="100%_") == []
    assert listed(api, rita, status="shipped") == []


def test_thread_reply_status_and_idempotent_reply_id(team):
    api, rita, paula, _, (a, *_) = team
    reply_id = str(uuid.uuid4())
    first = api.client.post(
        f"/api/v1/insights/{a['id']}/replies", json={"id": reply_id, "body": "Fixing it"}, headers=paula.headers
    )
    again = api.client.post(
        f"/api/v1/insights/{a['id']}/replies", json={"id": reply_id, "body": "Fixing it"}, headers=paula.headers
    )
    other = api.client.post(
        f"/api/v1/insights/{a['id']}/replies", json={"id": reply_id, "body": "Changed"}, headers=paula.headers
    )
    assert (first.status_code, again.status_code, other.status_code) == (201, 200, 409)
    status = api.client.post(
        f"/api/v1/insights/{a['id']}/status", json={"status": "in_progress"}, headers=paula.headers
    )
    assert status.json()["status"] == "in_progress" and status.json()["version"] == 2
    thread = api.client.get(f"/api/v1/insights/{a['id']}", headers=rita.headers).json()
    assert thread["insight"]["status"] == "in_progress"
    assert [(r["author"], r["body"]) for r in thread["replies"]] == [("paula", "Fixing it")]


def test_setting_the_same_status_twice_does_not_bump_the_version(team):
    api, _, paula, _, (a, *_) = team
    for _ in range(2):
        answer = api.client.post(
            f"/api/v1/insights/{a['id']}/status", json={"status": "planned"}, headers=paula.headers
        )
    assert answer.json()["version"] == 2


def test_mark_duplicate_and_refuse_cycles(api):
    rita = api.user("rita")
    admin = api.user("ada", "admin")
    a, b = api.create(rita, 1), api.create(rita, 2)
    ok = api.client.post(f"/api/v1/insights/{b['id']}/duplicate", json={"original_id": a["id"]}, headers=admin.headers)
    assert ok.status_code == 200 and ok.json()["duplicate_of"] == a["id"]
    for target, original in ((a, b), (a, a)):
        cycle = api.client.post(
            f"/api/v1/insights/{target['id']}/duplicate", json={"original_id": original["id"]}, headers=admin.headers
        )
        assert cycle.status_code == 422 and "duplicate" in cycle.json()["message"]


def test_reference_lists_are_seeded(api):
    rita = api.user("rita")
    communities = api.client.get("/api/v1/communities", headers=rita.headers).json()
    areas = api.client.get("/api/v1/product-areas", headers=rita.headers).json()
    assert {c["slug"]: c["name"] for c in communities}["online-banking"] == "Online banking CoP"
    assert len(communities) == 5 and len(areas) == 8
    assert {a["slug"]: a["name"] for a in areas}["loans"] == "Loans & mortgages"


def test_health_and_openapi(api):
    assert api.client.get("/api/v1/health").json() == {"status": "ok", "protocol": 2, "database": "ok"}
    answer = api.client.get("/api/v1/health")
    assert answer.headers["x-request-id"] and answer.headers["x-palaute-protocol"] == "2"
    paths = api.client.get("/openapi.json").json()["paths"]
    assert {"/api/v1/sync/push", "/api/v1/sync/changes", "/api/v1/sync/summary", "/api/v1/auth/login"} <= set(paths)
