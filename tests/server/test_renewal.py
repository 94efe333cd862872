"""Renewal at the provider in process, with a stand-in provider: what is kept and what is dropped of its
refresh token, and what a tampered or unreadable stored token or a provider that names another issuer does."""

from __future__ import annotations

import json
import logging

import pytest
import requests
from requests.adapters import BaseAdapter

from server import sealed
from server.db import Database
from server.migrate import upgrade
from server.models import Device, User, utcnow
from server.services import accounts
from server.sso import renewal
from server.sso.oidc import IdClaims, OidcClient, ProviderDown, Tokens
from tests.server.conftest import test_settings

ISSUER = "https://idp.example"
SECRET = "provider-refresh-token-1"


def _claims(groups: tuple[str, ...] = ("cs-payments",)) -> IdClaims:
    return IdClaims(ISSUER, "s1", "ulla", "Ulla", groups)


class StandIn:
    """The provider's refresh as renewal calls it: `answer(token)` is returned, or raised if an exception."""

    def __init__(self, answer) -> None:
        self.answer, self.asked = answer, 0

    def refresh(self, token: str, subject: str) -> Tokens:
        self.asked += 1
        result = self.answer(token)
        if isinstance(result, Exception):
            raise result
        return result


@pytest.fixture
def world(tmp_path, database_url):
    settings = test_settings(
        tmp_path,
        database_url,
        oidc_issuer=ISSUER,
        oidc_client_id="palaute",
        oidc_client_secret="client secret",
        oidc_group_map="cs-payments=community:payments",
    )
    settings.data_dir.mkdir(parents=True)
    db = Database(settings.url)
    upgrade(db)
    with db.write() as session:
        user = User(
            name="ulla",
            role="rep",
            password_hash="!sso",
            sso_subject=f"{ISSUER} s1",
            sso_groups=["cs-payments"],
            sso_checked_at=utcnow(),
        )
        session.add(user)
        session.flush()
        pair = accounts.sign_in_user(session, user, "laptop", accounts.TokenPolicy(), "thumbprint")
        device = session.get(Device, pair.device_id)
        assert device is not None
        renewal.keep(device, Tokens(_claims(), SECRET), settings)
    yield settings, db, pair.device_id
    db.engine.dispose()


def _device(db: Database, device_id: str) -> Device:
    with db.read() as session:
        device = session.get(Device, device_id)
        assert device is not None
        session.expunge(device)  # its columns as read, after the session ends
        return device


def test_a_sign_in_ended_while_the_provider_is_asked_keeps_no_token(world):
    settings, db, device_id = world

    def signed_out_meanwhile(token: str) -> Tokens:
        with db.write() as session:
            accounts.revoke_device(session, device_id)
        return Tokens(_claims(), "provider-refresh-token-2")  # the provider rotated it

    assert renewal.renew(db, StandIn(signed_out_meanwhile), settings, Device, device_id) is None
    assert _device(db, device_id).sso_refresh_token is None


@pytest.mark.parametrize("damage", ["flip", "not base64", "too short", "no prefix"])
def test_a_tampered_stored_token_ends_that_sign_in_once_and_clearly(world, damage, caplog):
    settings, db, device_id = world
    with db.write() as session:
        device = session.get(Device, device_id)
        assert device is not None and device.sso_refresh_token is not None
        stored = device.sso_refresh_token
        device.sso_refresh_token = {
            "flip": stored[:-6] + ("A" if stored[-6] != "A" else "B") + stored[-5:],
            "not base64": "v1:%%%not base64%%%",
            "too short": "v1:AAAA",
            "no prefix": stored[3:],
        }[damage]
    provider = StandIn(lambda token: Tokens(_claims(), "unused"))
    with caplog.at_level(logging.DEBUG):
        refusal = renewal.renew(db, provider, settings, Device, device_id)
    assert refusal is not None and refusal.reason == "sso_ended"
    assert provider.asked == 0  # nothing the key did not seal is ever sent to the provider
    after = _device(db, device_id)
    assert after.revoked_at is not None and after.sso_refresh_token is None and after.sso_busy_until is None
    assert "cannot be read" in caplog.text and stored not in caplog.text
    # No loop: the device is signed out; a later refresh meets the usual refusal, not the provider again.
    assert renewal.renew(db, provider, settings, Device, device_id) is None and provider.asked == 0


def test_the_providers_token_shows_in_no_repr():
    tokens = Tokens(_claims(), SECRET)
    assert SECRET not in repr(tokens) and SECRET not in repr(renewal._Answer(tokens=tokens))
    assert tokens.refresh_token == SECRET


class _OtherIssuer(BaseAdapter):
    """A discovery document that names another issuer (a provider or proxy set up wrongly)."""

    def send(self, request, **kwargs) -> requests.Response:
        answer = requests.Response()
        answer.status_code, answer.url, answer.request = 200, request.url, request
        answer._content = json.dumps({"issuer": "https://other.example", "token_endpoint": f"{ISSUER}/token"}).encode()
        return answer

    def close(self) -> None:
        pass


def test_a_provider_set_up_wrongly_signs_nobody_out(world):
    # The admin's (or the provider's) setup, as an invalid client is: tolerated as a provider that does not
    # answer, never a sign-out of every person at their next refresh.
    settings, db, device_id = world
    http = requests.Session()
    http.mount("https://", _OtherIssuer())
    client = OidcClient(settings, http=http)
    with pytest.raises(ProviderDown):
        client.refresh(SECRET, "s1")
    assert renewal.renew(db, client, settings, Device, device_id) is None
    assert _device(db, device_id).revoked_at is None


def test_two_devices_of_one_person_renewed_at_once_both_keep_their_rotated_token(world):
    # Each device has its own grant at the provider; both answers add the same community. Were the second
    # transaction to fail (the same row added twice), its rotated token would be lost and the provider,
    # seeing the spent one again, would end that sign-in.
    import threading

    from server.models import Community

    settings, db, first = world
    settings = settings.model_copy(
        update={"oidc_group_map": "cs-payments=community:payments; cs-cards=community:cards"}
    )
    with db.write() as session:
        assert {c.slug for c in session.query(Community)} >= {"payments", "cards"}  # made by the migrations
        user = session.query(User).filter_by(name="ulla").one()
        pair = accounts.sign_in_user(session, user, "desktop", accounts.TokenPolicy(), "other thumbprint")
        device = session.get(Device, pair.device_id)
        assert device is not None
        renewal.keep(device, Tokens(_claims(), "provider-refresh-token-of-the-second"), settings)
    both_asked = threading.Barrier(2)

    def answer(token: str) -> Tokens:
        both_asked.wait(10)  # both hold their claim and settle at the same moment
        return Tokens(_claims(("cs-payments", "cs-cards")), f"rotated {token}")

    provider = StandIn(answer)
    results: dict[str, object] = {}

    def renew(device_id: str) -> None:
        try:
            results[device_id] = renewal.renew(db, provider, settings, Device, device_id)
        except Exception as error:  # the race itself is what is tested: keep what it raised
            results[device_id] = error

    threads = [threading.Thread(target=renew, args=(d,)) for d in (first, pair.device_id)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert results == {first: None, pair.device_id: None}
    for device_id, before in ((first, SECRET), (pair.device_id, "provider-refresh-token-of-the-second")):
        stored = _device(db, device_id).sso_refresh_token
        assert stored is not None
        assert sealed.unseal(stored, settings.webhook_master_key, sealed.PROVIDER_REFRESH_TOKEN) == f"rotated {before}"
    with db.read() as session:
        user = session.query(User).filter_by(name="ulla").one()
        assert sorted(c.slug for c in user.communities) == ["cards", "payments"]
