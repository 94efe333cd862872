"""Authorization matrix: every endpoint, tried with other users' objects, the wrong role and bad tokens."""

from __future__ import annotations

import uuid
from datetime import timedelta

from sqlalchemy import update

from desktop.sync.proof import DeviceKey
from server.models import Token, utcnow
from server.services import accounts


def endpoints(insight_id: str, original_id: str) -> list[tuple[str, str, dict | None]]:
    """(method, path, json) for every API endpoint that needs a signed-in caller."""
    return [
        ("GET", "/api/v1/me", None),
        ("GET", "/api/v1/communities", None),
        ("GET", "/api/v1/product-areas", None),
        ("GET", "/api/v1/sync/summary", None),
        ("GET", "/api/v1/sync/changes", None),
        (
            "POST",
            "/api/v1/sync/push",
            {
                "mutations": [
                    {
                        "type": "edit",
                        "number": 1,
                        "id": str(uuid.uuid4()),
                        "insight_id": insight_id,
                        "base_version": 1,
                        "changes": {"text": "x"},
                    }
                ]
            },
        ),
        ("GET", "/api/v1/insights", None),
        ("GET", f"/api/v1/insights/{insight_id}", None),
        ("GET", f"/api/v1/insights/{insight_id}/same-heres", None),
        ("POST", f"/api/v1/insights/{insight_id}/replies", {"body": "sneaky"}),
        ("POST", f"/api/v1/insights/{insight_id}/status", {"status": "declined"}),
        ("POST", f"/api/v1/insights/{insight_id}/duplicate", {"original_id": original_id}),
        ("PUT", "/api/v1/me/communities/payments", None),
        ("DELETE", "/api/v1/me/communities/payments", None),
        ("POST", "/api/v1/auth/logout", None),
    ]


def call(api, method, path, body, headers):
    return api.client.request(method, path, json=body, headers=headers)


def state(api, account, insight_id):
    thread = api.client.get(f"/api/v1/insights/{insight_id}", headers=account.headers).json()
    return thread["insight"]["version"], thread["insight"]["status"], len(thread["replies"])


def test_bad_tokens_are_refused_everywhere(api):
    rita = api.user("rita")
    insight = api.create(rita, 1)
    revoked = api.login("rita", device="revoked")
    expired = api.login("rita", device="expired")
    bound = api.login("rita", device="bound", key=DeviceKey.generate())
    thief = DeviceKey.generate()
    with api.db.write() as session:
        accounts.revoke_device(session, revoked.tokens["device_id"])
        session.execute(
            update(Token)
            .where(Token.device_id == expired.tokens["device_id"], Token.kind == "access")
            .values(expires_at=utcnow() - timedelta(seconds=1))
        )
    token = bound.tokens["access_token"]

    def bad_headers(method: str, path: str) -> dict[str, dict]:
        return {
            "anonymous": {},
            "garbage": {"Authorization": "Bearer not-a-token"},
            "refresh token as access": {"Authorization": f"DPoP {bound.tokens['refresh_token']}"},
            "revoked device": revoked.headers,
            "expired": expired.headers,
            # A device-bound token copied without the device's key: as bearer, bare, or with a thief's proof.
            "bound token as bearer": {"Authorization": f"Bearer {token}"},
            "bound token without proof": {"Authorization": f"DPoP {token}"},
            "bound token, thief's proof": {
                "Authorization": f"DPoP {token}",
                "DPoP": thief.proof(method, f"http://testserver{path}", access_token=token),
            },
        }

    before = state(api, rita, insight["id"])
    for method, path, body in endpoints(insight["id"], insight["id"]):
        for label, headers in bad_headers(method, path).items():
            answer = call(api, method, path, body, headers)
            assert answer.status_code == 401, (label, method, path, answer.text)
            assert answer.json()["error"] in ("unauthorized", "invalid_dpop_proof"), (label, answer.text)
        if method == "GET":  # the same token with its own key's proof works (writes would change the state)
            assert call(api, method, path, body, bound.proved(method, path)).status_code == 200, path
    assert state(api, rita, insight["id"]) == before


def test_other_users_objects_and_wrong_roles(api):
    rita = api.user("rita")
    olli = api.user("olli")  # another rep
    outsider = api.user("otto", "product", communities=["cards"], product_areas=["insurance"])
    insight = api.create(rita, 1, community="payments", product_area="cards")
    original = api.create(rita, 2)
    before = state(api, rita, insight["id"])
    refused = {
        # (who, method, path) -> the status they must get; anything visible-but-forbidden is 403, else 404.
        "olli": {
            f"/api/v1/insights/{insight['id']}": 404,
            "replies": 404,
            "status": 404,
            "duplicate": 404,
            "same-heres": 404,
            "communities/payments": 403,
        },
        "otto": {
            f"/api/v1/insights/{insight['id']}": 404,
            "replies": 404,
            "status": 404,
            "duplicate": 404,
            "same-heres": 404,
            "communities/payments": 403,
        },
        "rita": {"status": 403, "duplicate": 403, "communities/payments": 403},
    }
    for who, account in (("olli", olli), ("otto", outsider), ("rita", rita)):
        for method, path, body in endpoints(insight["id"], original["id"]):
            if path.endswith("/logout"):
                continue
            key = next((k for k in refused[who] if path.endswith(k)), None)
            answer = call(api, method, path, body, account.headers)
            if key is not None:
                assert answer.status_code == refused[who][key], (who, path, answer.text)
            elif path.endswith("/sync/push") and who != "rita":
                result = answer.json()["results"][0]
                assert (result["status"], result["code"], result["insight"]) == ("rejected", "not_found", None)
            elif who != "rita":
                assert insight["id"] not in answer.text, (who, path)
    assert state(api, rita, insight["id"])[:2] == before[:2]
    thread = api.client.get(f"/api/v1/insights/{insight['id']}", headers=rita.headers).json()
    assert [r["author"] for r in thread["replies"]] == ["rita"]  # only the author's own reply went through


def test_others_changes_never_reach_the_feed(api):
    rita, olli = api.user("rita"), api.user("olli")
    paula = api.user("paula", "product", communities=["payments"])
    mine = api.create(rita, 1)
    api.create(olli, 1, community="cards")
    api.client.post(f"/api/v1/insights/{mine['id']}/replies", json={"body": "hi"}, headers=paula.headers)
    olli_changes, _ = api.pull_all(olli)
    assert all(c["kind"] == "insight" and c["insight"]["author"] == "olli" for c in olli_changes)
    paula_changes, _ = api.pull_all(paula)
    assert [c["kind"] for c in paula_changes] == ["insight", "reply"]  # payments only, not olli's cards one


def test_a_rep_cannot_reply_to_or_withdraw_anothers_insight_through_push(api):
    rita, olli = api.user("rita"), api.user("olli")
    insight = api.create(rita, 1)
    results = api.push(
        olli,
        {
            "type": "reply",
            "number": 1,
            "reply": {"id": str(uuid.uuid4()), "insight_id": insight["id"], "body": "x"},
        },
        {"type": "withdraw", "number": 2, "insight_id": insight["id"]},
    )["results"]
    assert [(r["status"], r["code"]) for r in results] == [("rejected", "not_found"), ("rejected", "not_found")]
    assert state(api, rita, insight["id"]) == (1, "new", 0)


def test_product_member_cannot_edit_an_insight_through_push(api):
    rita = api.user("rita")
    paula = api.user("paula", "product", communities=["payments"])
    insight = api.create(rita, 1)
    result = api.push(
        paula,
        {"type": "edit", "number": 1, "insight_id": insight["id"], "base_version": 1, "changes": {"text": "rewritten"}},
    )["results"][0]
    assert (result["status"], result["code"]) == ("rejected", "forbidden")
    assert state(api, rita, insight["id"]) == (1, "new", 0)


def test_community_readers_read_only_and_other_communities_see_nothing(api):
    """Communities: a rep in the same community reads (no customer reference), a rep elsewhere sees nothing."""
    rita = api.user("rita", communities=["payments"])
    olli = api.user("olli", communities=["payments"])  # same community: reads it
    mona = api.user("mona", communities=["mobile-app"])  # another community: it does not exist for her
    paula = api.user("paula", "product", communities=["payments"])
    insight = api.create(rita, 1, customer_ref="CASE-1")
    original = api.create(rita, 2)
    expected = {
        "olli": {
            f"/api/v1/insights/{insight['id']}": 200,
            "same-heres": 200,
            "replies": 403,
            "status": 403,
            "duplicate": 403,
            "communities/payments": 403,
        },
        "mona": {
            f"/api/v1/insights/{insight['id']}": 404,
            "same-heres": 404,
            "replies": 404,
            "status": 404,
            "duplicate": 404,
            "communities/payments": 403,
        },
        "paula": {f"/api/v1/insights/{insight['id']}": 200, "same-heres": 200},
    }
    for who, account in (("olli", olli), ("mona", mona), ("paula", paula)):
        for method, path, body in endpoints(insight["id"], original["id"]):
            if path.endswith("/logout") or (who == "paula" and ("/status" in path or "/duplicate" in path)):
                continue
            answer = call(api, method, path, body, account.headers)
            key = next((k for k in expected[who] if path.endswith(k)), None)
            if key is not None:
                assert answer.status_code == expected[who][key], (who, path, answer.text)
            if path.endswith("/sync/push") and who != "paula":
                result = answer.json()["results"][0]
                assert (result["status"], result["code"]) == (
                    ("rejected", "forbidden") if who == "olli" else ("rejected", "not_found")
                ), who
            if who == "mona" and key is None and not path.endswith("/sync/push"):  # lists, feed, summary
                assert insight["id"] not in answer.text, (who, path)
            elif who == "olli":
                assert "CASE-1" not in answer.text, (who, path)
    assert state(api, rita, insight["id"]) == (1, "new", 1)  # the product member's reply only
    [seen] = [
        c["insight"] for c in api.pull_all(olli)[0] if c["kind"] == "insight" and c["insight"]["id"] == insight["id"]
    ]
    assert (seen["customer_ref"], seen["following"]) == (None, False)
