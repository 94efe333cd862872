"""Sign-in, device-bound (DPoP) tokens, refresh without rotation, sign-out, revocation and new devices."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from joserfc import jwt
from joserfc.jwk import ECKey, OctKey
from sqlalchemy import select, update

from desktop.sync.proof import DeviceKey, access_token_hash
from server.models import Device, Token, utcnow
from server.services import accounts
from tests.server.conftest import PASSWORD

ME = "/api/v1/me"


def login(client, name, password=PASSWORD, headers=None):
    return client.post("/api/v1/auth/login", json={"username": name, "password": password}, headers=headers or {})


def me(api, account, key=None):
    """GET /me with the account's token and a proof by `key` (default: the account's own)."""
    token = account.tokens["access_token"]
    proof = (key or account.key).proof("GET", f"http://testserver{ME}", access_token=token)
    return api.client.get(ME, headers={"Authorization": f"DPoP {token}", "DPoP": proof})


def test_a_desktop_sign_in_is_bound_to_its_key_and_a_bearer_one_has_nothing_to_refresh(api):
    api.user("rita", communities=["payments"])
    bound = api.login("rita", key=DeviceKey.generate())
    assert bound.tokens["token_type"] == "DPoP"
    assert 30 < len(bound.tokens["access_token"]) < 100 and 30 < len(bound.tokens["refresh_token"]) < 100
    assert bound.tokens["user"] == {"name": "rita", "role": "rep", "communities": ["payments"], "product_areas": []}
    assert me(api, bound).json()["name"] == "rita"
    bearer = api.login("rita")
    assert (bearer.tokens["token_type"], bearer.tokens["refresh_token"]) == ("bearer", None)
    assert api.client.get(ME, headers=bearer.headers).status_code == 200
    with api.db.read() as session:
        thumbprints = dict(session.execute(select(Device.id, Device.key_thumbprint)).all())
    assert thumbprints[bound.tokens["device_id"]] == bound.key.thumbprint
    assert thumbprints[bearer.tokens["device_id"]] is None


def test_wrong_password_and_unknown_user_look_the_same(api):
    api.user("rita")
    wrong, unknown = login(api.client, "rita", "nope"), login(api.client, "nobody")
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json() == unknown.json()


def test_tokens_are_stored_hashed(api):
    api.user("rita")
    rita = api.login("rita", key=DeviceKey.generate())
    with api.db.read() as session:
        stored = {t.token_hash for t in session.query(Token)}
    assert rita.tokens["access_token"] not in stored and rita.tokens["refresh_token"] not in stored


def test_an_expired_access_token_is_refused_and_refresh_gives_a_new_one_on_the_same_device(api):
    api.user("rita")
    rita = api.login("rita", key=DeviceKey.generate())
    with api.db.write() as session:
        session.execute(update(Token).where(Token.kind == "access").values(expires_at=utcnow() - timedelta(seconds=1)))
    answer = me(api, rita)
    assert answer.status_code == 401 and answer.json()["error"] == "unauthorized"
    fresh = api.refresh(rita)
    assert fresh.status_code == 200, fresh.text
    body = fresh.json()
    assert body["device_id"] == rita.tokens["device_id"] and body["token_type"] == "DPoP"
    assert body["refresh_token"] == rita.tokens["refresh_token"]  # bound to the key: it does not rotate
    rita.tokens = body
    assert me(api, rita).status_code == 200


def test_a_refresh_repeated_after_a_lost_answer_or_by_two_processes_is_answered_and_revokes_nothing(api):
    """A lost refresh answer retried much later, and two processes refreshing at once, sign nobody out."""
    api.user("rita")
    rita = api.login("rita", key=DeviceKey.generate())
    lost = api.refresh(rita).json()  # this answer never reached the device
    with api.db.write() as session:  # ... which tries again long after any grace window would have closed
        session.execute(update(Token).where(Token.kind == "access").values(expires_at=utcnow() - timedelta(hours=1)))
    answers = [api.refresh(rita) for _ in range(3)]  # the retry, and two more processes of the same folder
    assert [a.status_code for a in answers] == [200, 200, 200]
    assert lost["refresh_token"] == rita.tokens["refresh_token"]
    for answer in answers:
        rita.tokens = answer.json()
        assert me(api, rita).status_code == 200
    with api.db.read() as session:
        assert session.scalar(select(Device.revoked_at).where(Device.id == rita.tokens["device_id"])) is None


def test_a_copied_refresh_token_is_useless_and_signs_the_device_out_of_nothing(api):
    """Someone with a copy of the refresh token (not the key) gets nothing, and the device goes on as before."""
    api.user("rita")
    rita = api.login("rita", key=DeviceKey.generate())
    assert api.refresh(rita).status_code == 200  # the device's own refresh
    thief = DeviceKey.generate()
    with_own_key = api.refresh(rita, key=thief)
    assert with_own_key.status_code == 401 and with_own_key.json()["error"] == "refresh_refused"
    bare = api.client.post("/api/v1/auth/refresh", json={"refresh_token": rita.tokens["refresh_token"]})
    assert bare.status_code == 401 and bare.json()["error"] == "invalid_dpop_proof"
    stolen_access = me(api, rita, key=thief)
    assert stolen_access.status_code == 401
    again = api.refresh(rita)
    assert again.status_code == 200
    rita.tokens = again.json()
    assert me(api, rita).status_code == 200


def test_a_refresh_extends_the_refresh_tokens_life_from_its_last_use(api):
    api.user("rita")
    rita = api.login("rita", key=DeviceKey.generate())
    with api.db.write() as session:
        session.execute(update(Token).where(Token.kind == "refresh").values(expires_at=utcnow() + timedelta(hours=1)))
    assert api.refresh(rita).status_code == 200
    with api.db.read() as session:
        expires = session.scalar(select(Token.expires_at).where(Token.kind == "refresh"))
    assert expires > utcnow() + timedelta(days=80)
    with api.db.write() as session:
        session.execute(update(Token).where(Token.kind == "refresh").values(expires_at=utcnow() - timedelta(seconds=1)))
    assert api.refresh(rita).json()["error"] == "refresh_refused"


@pytest.mark.parametrize(
    "spoil",
    [
        "method",
        "path",
        "old",
        "future",
        "other token",
        "replayed",
        "private key in header",
        "symmetric alg",
        "typ",
        "two headers",
        "garbage",
    ],
)
def test_a_proof_that_breaks_a_rule_is_refused(api, spoil):
    api.user("rita")
    rita = api.login("rita", key=DeviceKey.generate())
    token, url = rita.tokens["access_token"], f"http://testserver{ME}"
    key = rita.key
    proof = {
        "method": lambda: key.proof("POST", url, access_token=token),
        "path": lambda: key.proof("GET", "http://testserver/api/v1/communities", access_token=token),
        "old": lambda: key.proof("GET", url, access_token=token, now=time.time() - 600),
        "future": lambda: key.proof("GET", url, access_token=token, now=time.time() + 600),
        "other token": lambda: key.proof("GET", url, access_token="another-token"),
        "private key in header": lambda: _signed(key, {"typ": "dpop+jwt", "alg": "ES256", "jwk": key.to_jwk()}, token),
        "symmetric alg": lambda: jwt.encode(
            {"typ": "dpop+jwt", "alg": "HS256", "jwk": key.public},
            _claims(token),
            OctKey.import_key("a-shared-secret-anyone-could-use!"),
        ),
        "typ": lambda: _signed(key, {"typ": "JWT", "alg": "ES256", "jwk": key.public}, token),
        "garbage": lambda: "not.a.proof",
    }
    headers = {"Authorization": f"DPoP {token}"}
    if spoil == "replayed":
        headers["DPoP"] = key.proof("GET", url, access_token=token)
        assert api.client.get(ME, headers=headers).status_code == 200
    elif spoil == "two headers":
        proofs = [key.proof("GET", url, access_token=token) for _ in range(2)]
        answer = api.client.get(ME, headers=[("Authorization", f"DPoP {token}"), *(("DPoP", p) for p in proofs)])
        assert answer.status_code == 401 and answer.json()["error"] == "invalid_dpop_proof"
        return
    else:
        headers["DPoP"] = proof[spoil]()
    answer = api.client.get(ME, headers=headers)
    assert answer.status_code == 401, answer.text
    assert answer.json()["error"] == "invalid_dpop_proof" and "DPoP" in answer.headers["WWW-Authenticate"]
    assert me(api, rita).status_code == 200  # nothing happened to the device


def _claims(token: str) -> dict:
    import uuid

    return {
        "jti": str(uuid.uuid4()),
        "htm": "GET",
        "htu": f"http://testserver{ME}",
        "iat": int(time.time()),
        "ath": access_token_hash(token),
    }


def _signed(key: DeviceKey, header: dict, token: str) -> str:
    return jwt.encode(header, _claims(token), ECKey.import_key(key.to_jwk()))


def test_a_device_whose_numbering_forked_gets_a_new_device_bound_to_a_new_key(api):
    api.user("rita")
    rita = api.login("rita", key=DeviceKey.generate())
    new_key = DeviceKey.generate()
    path = "/api/v1/auth/devices"
    answer = api.client.post(
        path, json={"device_name": "restored", "key": new_key.public}, headers=rita.proved("POST", path)
    )
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["device_id"] != rita.tokens["device_id"] and body["token_type"] == "DPoP"
    new = type(rita)("rita", "rep", body, new_key)
    assert me(api, new).status_code == 200
    assert me(api, new, key=rita.key).status_code == 401  # the old key does not open the new device
    assert me(api, rita).status_code == 200  # and the old device goes on (it may be another copy's)
    private = api.client.post(
        path, json={"device_name": "x", "key": new_key.to_jwk()}, headers=rita.proved("POST", path)
    )
    assert private.status_code == 422  # a private key is never sent
    off_curve = {**new_key.public, "y": "A" * 43}
    answer = api.client.post(path, json={"key": off_curve}, headers=rita.proved("POST", path))
    assert answer.status_code == 422 and "P-256" in answer.json()["message"]
    bearer = api.login("rita")
    assert api.client.post(path, json={"key": new_key.public}, headers=bearer.headers).status_code == 200


def test_logout_and_admin_revocation_stop_every_token(api):
    api.user("rita")
    rita = api.login("rita", key=DeviceKey.generate())
    other_device = api.login("rita", device="laptop", key=DeviceKey.generate())
    assert api.client.post("/api/v1/auth/logout", headers=rita.proved("POST", "/api/v1/auth/logout")).status_code == 204
    assert me(api, rita).status_code == 401
    assert api.refresh(rita).status_code == 401
    assert me(api, other_device).status_code == 200
    with api.db.write() as session:
        accounts.revoke_device(session, other_device.tokens["device_id"])
    assert me(api, other_device).status_code == 401
    assert api.refresh(other_device).json()["error"] == "refresh_refused"


def test_disabled_account_is_refused(api):
    api.user("rita")
    rita = api.login("rita", key=DeviceKey.generate())
    with api.db.write() as session:
        accounts.user_by_name(session, "rita").disabled = True
    assert me(api, rita).status_code == 401
    assert api.refresh(rita).status_code == 401
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
    answers = [api.client.get(ME, headers=rita.headers) for _ in range(8)]
    limited = [a for a in answers if a.status_code == 429]
    assert limited and int(limited[0].headers["Retry-After"]) >= 1
    assert limited[0].json()["error"] == "rate_limited"


def test_missing_or_malformed_authorization(api):
    api.user("rita")
    for headers in (
        {},
        {"Authorization": "Bearer "},
        {"Authorization": "Basic abc"},
        {"Authorization": "Bearer " + "x" * 500},
        {"Authorization": "DPoP " + "x" * 500},
    ):
        answer = api.client.get(ME, headers=headers)
        assert answer.status_code == 401, headers
