"""Sign-in, token expiry, refresh rotation with reuse detection, sign-out and device revocation."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from sqlalchemy import update

from server.models import Token, utcnow
from server.services import accounts
from tests.server.conftest import PASSWORD


def login(client, name, password=PASSWORD):
    return client.post("/api/v1/auth/login", json={"username": name, "password": password})


def refresh(client, token):
    return client.post("/api/v1/auth/refresh", json={"refresh_token": token})


def test_sign_in_gives_short_random_tokens_and_me(api):
    rita = api.user("rita", communities=["payments"])
    tokens = rita.tokens
    assert 30 < len(tokens["access_token"]) < 100 and 30 < len(tokens["refresh_token"]) < 100
    assert tokens["user"] == {"name": "rita", "role": "rep", "communities": ["payments"], "product_areas": []}
    assert api.client.get("/api/v1/me", headers=rita.headers).json()["name"] == "rita"


def test_wrong_password_and_unknown_user_look_the_same(api):
    api.user("rita")
    wrong, unknown = login(api.client, "rita", "nope"), login(api.client, "nobody")
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json() == unknown.json()


def test_tokens_are_stored_hashed(api):
    rita = api.user("rita")
    with api.db.read() as session:
        stored = {t.token_hash for t in session.query(Token)}
    assert rita.tokens["access_token"] not in stored and rita.tokens["refresh_token"] not in stored


def test_expired_access_token_is_refused_and_refresh_rotates(api):
    rita = api.user("rita")
    with api.db.write() as session:
        session.execute(update(Token).where(Token.kind == "access").values(expires_at=utcnow() - timedelta(seconds=1)))
    answer = api.client.get("/api/v1/me", headers=rita.headers)
    assert answer.status_code == 401 and answer.json()["error"] == "unauthorized"
    fresh = refresh(api.client, rita.tokens["refresh_token"])
    assert fresh.status_code == 200
    body = fresh.json()
    assert body["device_id"] == rita.tokens["device_id"] and body["refresh_token"] != rita.tokens["refresh_token"]
    assert api.client.get("/api/v1/me", headers={"Authorization": f"Bearer {body['access_token']}"}).status_code == 200


def test_retry_within_grace_reissues_and_revokes_the_lost_pair(api):
    rita = api.user("rita")
    lost = refresh(api.client, rita.tokens["refresh_token"]).json()  # pretend this answer never arrived
    retry = refresh(api.client, rita.tokens["refresh_token"])
    assert retry.status_code == 200
    new = retry.json()
    assert api.client.get("/api/v1/me", headers={"Authorization": f"Bearer {lost['access_token']}"}).status_code == 401
    assert refresh(api.client, lost["refresh_token"]).status_code == 401
    assert api.client.get("/api/v1/me", headers={"Authorization": f"Bearer {new['access_token']}"}).status_code == 200


@pytest.mark.parametrize("settings_overrides", [{"refresh_grace_seconds": 0.0}])
def test_reuse_after_grace_revokes_the_whole_device(api):
    rita = api.user("rita")
    second = refresh(api.client, rita.tokens["refresh_token"]).json()
    time.sleep(0.01)
    reuse = refresh(api.client, rita.tokens["refresh_token"])
    assert reuse.status_code == 401 and reuse.json()["error"] == "refresh_refused"
    assert refresh(api.client, second["refresh_token"]).status_code == 401
    assert (
        api.client.get("/api/v1/me", headers={"Authorization": f"Bearer {second['access_token']}"}).status_code == 401
    )


def test_logout_and_admin_revocation_stop_every_token(api):
    rita = api.user("rita")
    other_device = api.login("rita", device="laptop")
    assert api.client.post("/api/v1/auth/logout", headers=rita.headers).status_code == 204
    assert api.client.get("/api/v1/me", headers=rita.headers).status_code == 401
    assert refresh(api.client, rita.tokens["refresh_token"]).status_code == 401
    assert api.client.get("/api/v1/me", headers=other_device.headers).status_code == 200
    with api.db.write() as session:
        accounts.revoke_device(session, other_device.tokens["device_id"])
    assert api.client.get("/api/v1/me", headers=other_device.headers).status_code == 401


def test_disabled_account_is_refused(api):
    rita = api.user("rita")
    with api.db.write() as session:
        accounts.user_by_name(session, "rita").disabled = True
    assert api.client.get("/api/v1/me", headers=rita.headers).status_code == 401
    assert refresh(api.client, rita.tokens["refresh_token"]).status_code == 401
    assert login(api.client, "rita").status_code == 401


@pytest.mark.parametrize("settings_overrides", [{"login_per_minute": 3}])
def test_password_guessing_is_rate_limited(api):
    api.user("rita")  # one successful sign-in
    statuses = [login(api.client, "rita", "guess").status_code for _ in range(8)]
    assert statuses[:4] == [401] * 4
    assert statuses[-1] == 429


@pytest.mark.parametrize("settings_overrides", [{"api_per_minute": 5}])
def test_api_calls_are_rate_limited_with_retry_after(api):
    rita = api.user("rita")
    answers = [api.client.get("/api/v1/me", headers=rita.headers) for _ in range(8)]
    limited = [a for a in answers if a.status_code == 429]
    assert limited and int(limited[0].headers["Retry-After"]) >= 1
    assert limited[0].json()["error"] == "rate_limited"


def test_missing_or_malformed_bearer(api):
    api.user("rita")
    for headers in (
        {},
        {"Authorization": "Bearer "},
        {"Authorization": "Basic abc"},
        {"Authorization": "Bearer " + "x" * 500},
    ):
        answer = api.client.get("/api/v1/me", headers=headers)
        assert answer.status_code == 401, headers
