"""Single sign-on against a real OpenID provider (Node.js oidc-provider) and the real server process: the
desktop's flow done by hand, every refusal leaving nothing behind, groups mapped at each sign-in and checked
at refresh, and the provider's keys rotated."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from desktop.sync.proof import DeviceKey
from protocol import schema
from tests.support.oidc_provider import OidcProvider, sign_in_at_provider
from tests.support.server_process import ServerProcess
from tests.support.sso import PASSWORD, begin, person, server_env

pytestmark = pytest.mark.slow
API = schema.API_PREFIX
PEOPLE = {
    "paula": person(["palaute-product", "cs-payments", "cards-team"]),
    "rami": person(["cs-payments", "cs-cards", "unrelated"]),
    "leo": person(["cs-payments"]),
    "outsider": person(["marketing"]),
    "moved": person(["cs-cards"]),
    "bad": person(["cs-payments"]),
    "dora": person(["cs-payments"]),
    "taken": person(["cs-payments"]),
    "petra": person(["palaute-product", "cs-payments"]),
    "rita": person(["cs-payments"]),
    "eve": person(["cs-payments"]),
    "greta": person(["cs-payments"]),
    "nora": person(["palaute-product", "cs-payments"]),
    "lars": person(["palaute-product", "cs-payments"]),
    "ada": person(["cs-payments"]),
    "ben": person(["palaute-admins", "cs-cards"]),
}


@pytest.fixture(scope="module")
def provider(tmp_path_factory) -> Iterator[OidcProvider]:
    with OidcProvider.start(tmp_path_factory.mktemp("idp"), PEOPLE) as running:
        yield running


@pytest.fixture(scope="module")
def server(provider, tmp_path_factory) -> Iterator[ServerProcess]:
    with ServerProcess.start(tmp_path_factory.mktemp("sso-server"), env=server_env(provider)) as running:
        yield running


def _counts(server: ServerProcess) -> tuple[int, int, int, int]:
    with sqlite3.connect(server.data_dir / "palaute-server.sqlite3") as db:
        return tuple(
            db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
            for t in ("users", "devices", "tokens", "web_sessions")
        )


def _refresh(server: ServerProcess, pair: dict, key: DeviceKey) -> requests.Response:
    url = f"{server.url}{API}/auth/refresh"
    return requests.post(
        url, json={"refresh_token": pair["refresh_token"]}, headers={"DPoP": key.proof("POST", url)}, timeout=10
    )


def _provider_tokens(server: ServerProcess, table: str = "devices") -> list[str]:
    with sqlite3.connect(server.data_dir / "palaute-server.sqlite3") as db:
        return [row[0] for row in db.execute(f"SELECT sso_refresh_token FROM {table} ORDER BY created_at")]


def _provider_token_of(server: ServerProcess, table: str, row_id: str) -> str | None:
    with sqlite3.connect(server.data_dir / "palaute-server.sqlite3") as db:
        return db.execute(f"SELECT sso_refresh_token FROM {table} WHERE id = ?", (row_id,)).fetchone()[0]


def _web_sign_in(server: ServerProcess, user: str) -> tuple[requests.Session, requests.Response]:
    """The product page's "Sign in with …", the browser being an HTTP client."""
    web = requests.Session()
    start = web.get(f"{server.url}/web/signin/sso", params={"next": "/web/inbox"}, allow_redirects=False, timeout=10)
    callback = sign_in_at_provider(web, start.headers["location"], user, PASSWORD)
    return web, web.get(callback, timeout=10)


def test_first_sign_in_makes_the_user_from_the_groups(server):
    key = DeviceKey.generate()
    answer = begin(server.url, "paula").exchange(key)
    assert answer.status_code == 200, answer.text
    pair = answer.json()
    assert pair["token_type"] == "DPoP" and pair["refresh_token"]
    assert pair["user"] == {"name": "paula", "role": "product", "communities": ["payments"], "product_areas": ["cards"]}
    listed = next(line for line in server.cli("user", "list").stdout.splitlines() if line.startswith("paula "))
    assert listed.split()[1:4] == ["product", "active", "sso"]
    assert _refresh(server, pair, key).status_code == 200
    # Signing in again is the same user, with a second device.
    again = begin(server.url, "paula").exchange()
    assert again.status_code == 200 and again.json()["user"]["name"] == "paula"
    assert server.cli("user", "devices", "paula").stdout.count("active") == 2


def test_groups_are_read_again_at_each_sign_in(server, provider):
    assert begin(server.url, "rami").exchange().json()["user"]["communities"] == ["cards", "payments"]
    provider.set_groups("rami", ["palaute-admins", "cs-cards"])
    user = begin(server.url, "rami").exchange().json()["user"]
    assert (user["role"], user["communities"]) == ("admin", ["cards"])


def test_an_account_in_no_mapped_group_is_refused_and_nothing_is_made(server):
    before = _counts(server)
    answer = begin(server.url, "outsider").exchange()
    assert answer.status_code == 401 and answer.json()["error"] == "sso_no_access"
    assert "in no group that gives access to Palaute" in answer.json()["message"]
    assert _counts(server) == before


@pytest.mark.parametrize(
    ("mode", "words"),
    [
        ("tamper", "signature is not valid"),
        ("wrong_audience", "made for another application"),
        ("expired", "has expired"),
    ],
)
def test_a_bad_id_token_is_refused_and_nothing_is_made(server, provider, mode, words):
    attempt = begin(server.url, "bad")
    before = _counts(server)
    provider.next_id_token(mode)
    answer = attempt.exchange()
    assert answer.status_code == 401 and answer.json()["error"] == "sso_refused"
    assert words in answer.json()["message"]
    assert _counts(server) == before
    assert "bad " not in server.cli("user", "list").stdout


def test_a_replayed_code_is_refused(server):
    attempt = begin(server.url, "leo")
    assert attempt.exchange().status_code == 200
    before = _counts(server)
    replay = attempt.exchange()
    assert replay.status_code == 401 and "used already" in replay.json()["message"]
    assert _counts(server) == before


def test_a_wrong_state_or_ticket_or_verifier_is_refused(server):
    attempt = begin(server.url, "leo")
    before = _counts(server)
    wrong_state = attempt.exchange(state="not-the-state")
    assert wrong_state.status_code == 401 and "belongs to another sign-in" in wrong_state.json()["message"]
    forged = attempt.exchange(ticket=attempt.start["ticket"][:-2] + "00")
    assert forged.status_code == 401 and "start it again" in forged.json()["message"]
    wrong_verifier = attempt.exchange(code_verifier="x" * 43)
    assert wrong_verifier.status_code == 401 and wrong_verifier.json()["error"] == "sso_refused"
    assert _counts(server) == before


def test_the_exchange_needs_a_proof_of_the_new_devices_key(server):
    attempt = begin(server.url, "leo")
    url = f"{server.url}{API}/auth/sso/token"
    body = {
        "ticket": attempt.start["ticket"],
        "state": attempt.state,
        "code": attempt.code,
        "code_verifier": attempt.verifier,
    }
    assert requests.post(url, json=body, timeout=10).status_code == 401


def test_removed_from_the_group_loses_access_everywhere(server, provider):
    key = DeviceKey.generate()
    pair = begin(server.url, "moved").exchange(key).json()
    assert _refresh(server, pair, key).status_code == 200
    provider.set_groups("moved", ["marketing"])
    refused = begin(server.url, "moved").exchange()
    assert refused.json()["error"] == "sso_no_access"
    # The provider said so at this sign-in: the device signed in before is signed out at once.
    again = _refresh(server, pair, key)
    assert again.status_code == 401 and again.json()["error"] == "refresh_refused"
    assert "active" not in server.cli("user", "devices", "moved").stdout


def test_a_disabled_account_is_refused_until_enabled(server):
    assert begin(server.url, "dora").exchange().status_code == 200
    server.cli("user", "disable", "dora")
    before = _counts(server)
    refused = begin(server.url, "dora").exchange()
    assert refused.status_code == 401 and "Your Palaute account is disabled" in refused.json()["message"]
    assert _counts(server) == before
    server.cli("user", "enable", "dora")
    assert begin(server.url, "dora").exchange().status_code == 200


def test_a_password_account_is_never_taken_over_by_name(server):
    server.add_user("taken", "admin", "a password", communities=[])
    before = _counts(server)
    refused = begin(server.url, "taken").exchange()
    assert refused.status_code == 401 and refused.json()["error"] == "sso_name_taken"
    assert "already signs in with a password" in refused.json()["message"]
    assert _counts(server) == before


def test_only_a_loopback_redirect_is_accepted(server):
    for redirect in ("https://evil.example/callback", "http://127.0.0.1:80/other", "http://localhost:5000/callback"):
        answer = requests.post(
            f"{server.url}{API}/auth/sso/start", json={"redirect_uri": redirect, "code_challenge": "a" * 43}, timeout=10
        )
        assert answer.status_code == 422, redirect


def test_methods_name_the_provider(server):
    methods = requests.get(f"{server.url}{API}/auth/methods", timeout=10).json()
    assert methods == {"password": True, "sso": True, "provider_name": "Example Org"}


def test_keys_rotated_at_the_provider_are_fetched_again(tmp_path):
    with OidcProvider.start(tmp_path / "idp", {"kim": person(["cs-payments"])}) as provider:
        with ServerProcess.start(tmp_path / "server", env=server_env(provider)) as server:
            assert begin(server.url, "kim").exchange().status_code == 200
            provider.restart()  # same issuer, a new signing key the server has not seen
            assert begin(server.url, "kim").exchange().status_code == 200


def test_removed_from_the_groups_at_the_provider_loses_access_at_the_next_refresh(server, provider):
    key, other = DeviceKey.generate(), DeviceKey.generate()
    pair = begin(server.url, "petra").exchange(key).json()
    second = begin(server.url, "petra").exchange(other).json()
    web, inbox = _web_sign_in(server, "petra")
    assert inbox.url.endswith("/web/inbox")
    assert _refresh(server, pair, key).status_code == 200
    # Only the provider knows: no new sign-in there. The next refresh of any device asks it.
    provider.set_groups("petra", ["marketing"])
    refused = _refresh(server, pair, key)
    assert refused.status_code == 401 and refused.json()["error"] == "refresh_refused"
    assert "in no group that gives access to Palaute" in refused.json()["message"]
    assert refused.json()["details"] == [{"reason": "sso_no_access"}]  # the desktop words it in its language
    assert "active" not in server.cli("user", "devices", "petra").stdout  # every device signed out at once
    assert _refresh(server, second, other).status_code == 401
    assert "/web/signin" in web.get(f"{server.url}/web/inbox", timeout=10).url  # and the web session


def test_role_and_communities_change_at_the_next_refresh(server, provider):
    key = DeviceKey.generate()
    pair = begin(server.url, "rita").exchange(key).json()
    assert pair["user"]["communities"] == ["payments"]
    provider.set_groups("rita", ["cs-cards", "palaute-product"])
    answer = _refresh(server, pair, key)
    assert answer.status_code == 200, answer.text
    assert (answer.json()["user"]["role"], answer.json()["user"]["communities"]) == ("product", ["cards"])


def test_the_providers_refresh_token_is_kept_sealed_and_rotated(server):
    key = DeviceKey.generate()
    pair = begin(server.url, "leo").exchange(key).json()
    first = _provider_tokens(server)[-1]
    assert first.startswith("v1:")  # sealed (server/sealed.py), never in clear
    assert _refresh(server, pair, key).status_code == 200
    second = _provider_tokens(server)[-1]
    assert second.startswith("v1:") and second != first
    # The test provider refuses a spent refresh token: this works only if the rotated one was kept.
    assert _refresh(server, pair, key).status_code == 200
    assert _provider_tokens(server)[-1] not in (first, second)


def test_a_sign_in_that_ends_keeps_no_token_of_the_provider(server):
    # Sealed or not, a provider token of a sign-in that is over serves nothing and would outlive it in every
    # copy of the database: it goes with the device or web session.
    key = DeviceKey.generate()
    pair = begin(server.url, "nora").exchange(key).json()
    other = begin(server.url, "nora").exchange().json()
    web, inbox = _web_sign_in(server, "nora")
    assert inbox.url.endswith("/web/inbox")
    with sqlite3.connect(server.data_dir / "palaute-server.sqlite3") as db:
        (web_id,) = db.execute(
            "SELECT w.id FROM web_sessions w JOIN users u ON u.id = w.user_id WHERE u.name = 'nora'"
        ).fetchone()
    assert _provider_token_of(server, "web_sessions", web_id) is not None
    server.cli("user", "revoke-device", pair["device_id"])
    assert _provider_token_of(server, "devices", pair["device_id"]) is None
    assert _provider_token_of(server, "devices", other["device_id"]) is not None  # another sign-in: kept
    assert _refresh(server, pair, key).status_code == 401
    server.cli("user", "disable", "nora")
    assert _provider_token_of(server, "devices", other["device_id"]) is None
    assert _provider_token_of(server, "web_sessions", web_id) is None
    assert "/web/signin" in web.get(f"{server.url}/web/inbox", timeout=10).url


def test_the_providers_token_is_in_no_answer_page_or_log(server, provider):
    from server import sealed

    master = (server.data_dir / "secret_key").read_text().strip()  # the development key the server made

    def plain(table: str) -> str:
        return sealed.unseal(_provider_tokens(server, table)[-1], master, sealed.PROVIDER_REFRESH_TOKEN)

    key = DeviceKey.generate()
    signed_in = begin(server.url, "lars").exchange(key)
    seen = [plain("devices")]
    refreshed = _refresh(server, signed_in.json(), key)
    seen.append(plain("devices"))  # the rotated one
    web, inbox = _web_sign_in(server, "lars")
    seen.append(plain("web_sessions"))
    answers = [signed_in.text, refreshed.text, inbox.text, server.cli("user", "devices", "lars").stdout]
    provider.set_groups("lars", ["marketing"])
    answers += [_refresh(server, signed_in.json(), key).text, web.get(f"{server.url}/web/inbox", timeout=10).text]
    assert len(set(seen)) == 3 and "lars" in server.log_text()  # the log of this server, which names the person
    for token in seen:
        assert all(token not in text for text in answers)
        assert token not in server.log_text()


def test_a_device_never_renews_with_another_persons_provider_token(server):
    # A row edited in the database (or a mix-up): ada's device holding ben's token. The provider answers for
    # ben; the subject is not ada's, so the sign-in ends and ada never gets ben's role.
    key = DeviceKey.generate()
    ada = begin(server.url, "ada").exchange(key).json()
    ben = begin(server.url, "ben").exchange().json()
    with sqlite3.connect(server.data_dir / "palaute-server.sqlite3") as db:
        (bens,) = db.execute("SELECT sso_refresh_token FROM devices WHERE id = ?", (ben["device_id"],)).fetchone()
        db.execute("UPDATE devices SET sso_refresh_token = ? WHERE id = ?", (bens, ada["device_id"]))
    refused = _refresh(server, ada, key)
    assert refused.status_code == 401 and refused.json()["details"] == [{"reason": "sso_ended"}]
    listed = next(line for line in server.cli("user", "list").stdout.splitlines() if line.startswith("ada "))
    assert listed.split()[1] == "rep"


def test_refreshes_at_once_spend_the_providers_token_only_once(server):
    # The test provider revokes the whole grant when a rotated refresh token is spent twice: were both
    # refreshes to ask it, the device would be signed out at the next one.
    key = DeviceKey.generate()
    pair = begin(server.url, "leo").exchange(key).json()
    start = threading.Barrier(4)

    def refresh() -> int:
        start.wait(10)
        return _refresh(server, pair, key).status_code

    with ThreadPoolExecutor(4) as pool:
        codes = list(pool.map(lambda _: refresh(), range(4)))
    assert codes == [200] * 4
    assert _refresh(server, pair, key).status_code == 200


def test_an_account_removed_at_the_provider_ends_that_sign_in(server, provider):
    key = DeviceKey.generate()
    pair = begin(server.url, "eve").exchange(key).json()
    provider.remove("eve")
    ended = _refresh(server, pair, key)
    assert ended.status_code == 401 and "Sign in with your organisation again" in ended.json()["message"]
    assert ended.json()["details"] == [{"reason": "sso_ended"}]
    assert "active" not in server.cli("user", "devices", "eve").stdout


def test_provider_down_is_tolerated_for_the_maximum_age_only(tmp_path):
    people = {"ines": person(["cs-payments"]), "iris": person(["palaute-product"])}
    with OidcProvider.start(tmp_path / "idp", people) as provider:
        env = server_env(provider, PALAUTE_SERVER_OIDC_MAX_AGE_HOURS="0.001")
        with ServerProcess.start(tmp_path / "server", env=env) as server:
            key = DeviceKey.generate()
            pair = begin(server.url, "ines").exchange(key).json()
            time.sleep(4)  # past the 3.6 s: the provider is asked at each refresh, so that is no matter
            assert _refresh(server, pair, key).status_code == 200
            web, inbox = _web_sign_in(server, "iris")
            assert inbox.url.endswith("/web/inbox")
            provider.stop()
            during = _refresh(server, pair, key)  # groups read 0 s ago: the outage is tolerated
            assert during.status_code == 200, during.text
            time.sleep(4)
            too_long = _refresh(server, pair, key)  # not a sign-out: "later", as a busy server says
            assert too_long.status_code == 503 and too_long.json()["error"] == "sso_unavailable"
            assert "does not answer" in too_long.json()["message"] and too_long.headers["Retry-After"] == "300"
            assert "/web/signin" in web.get(f"{server.url}/web/inbox", timeout=10).url  # the web session too
            assert "active" in server.cli("user", "devices", "ines").stdout  # not signed out: it may come back


def test_a_web_session_reads_the_groups_again(tmp_path):
    with OidcProvider.start(tmp_path / "idp", {"pia": person(["palaute-product"])}) as provider:
        # Web sessions ask the provider once the last answer is older than an access token's lifetime.
        env = server_env(provider, PALAUTE_SERVER_ACCESS_TOKEN_MINUTES="0.02")
        with ServerProcess.start(tmp_path / "server", env=env) as server:
            web, inbox = _web_sign_in(server, "pia")
            assert inbox.url.endswith("/web/inbox")
            first = _provider_tokens(server, "web_sessions")[0]
            time.sleep(1.5)
            assert web.get(f"{server.url}/web/inbox", timeout=10).url.endswith("/web/inbox")
            assert _provider_tokens(server, "web_sessions")[0] != first  # asked, and the rotated token kept
            provider.set_groups("pia", ["marketing"])
            time.sleep(1.5)
            assert "/web/signin" in web.get(f"{server.url}/web/inbox", timeout=10).url


def test_provider_down_at_sign_in_and_password_sign_in_off(tmp_path):
    people = {"ines": person(["cs-payments"])}
    with OidcProvider.start(tmp_path / "idp", people) as provider:
        env = server_env(provider, PALAUTE_SERVER_PASSWORD_SIGN_IN="false")
        with ServerProcess.start(tmp_path / "server", env=env) as server:
            login = requests.post(
                f"{server.url}{API}/auth/login", json={"username": "ines", "password": PASSWORD}, timeout=10
            )
            assert login.status_code == 403 and "turned off" in login.json()["message"]
            with requests.Session() as web:
                page = web.get(f"{server.url}/web/signin", timeout=10).text
                assert "Sign in with Example Org" in page and 'name="password"' not in page
                # No form to send; one made by hand is refused (it has no form token either, checked first).
                posted = web.post(
                    f"{server.url}/web/signin", data={"username": "ines", "password": PASSWORD}, timeout=10
                )
                assert posted.status_code == 403

            attempt = begin(server.url, "ines")
            before = _counts(server)
            provider.stop()
            down = attempt.exchange()
            assert down.status_code == 502 and down.json()["error"] == "sso_unavailable"
            assert "does not answer" in down.json()["message"]
            assert _counts(server) == before


@pytest.mark.postgres
def test_sign_in_and_refusal_on_postgresql(provider, pg_schema_url, tmp_path):
    from sqlalchemy import create_engine, text

    with ServerProcess.start(tmp_path / "server", database_url=pg_schema_url, env=server_env(provider)) as server:
        engine = create_engine(pg_schema_url)

        def counts() -> tuple[int, ...]:
            with engine.connect() as conn:
                return tuple(
                    conn.execute(text(f"SELECT COUNT(*) FROM {t}")).scalar_one()
                    for t in ("users", "devices", "tokens", "web_sessions")
                )

        try:
            first = begin(server.url, "paula").exchange()
            assert first.status_code == 200 and first.json()["user"]["role"] == "product"
            assert begin(server.url, "paula").exchange().status_code == 200  # the same user, found by subject
            before = counts()
            assert begin(server.url, "outsider").exchange().json()["error"] == "sso_no_access"
            assert counts() == before and before[0] == 1
            # Refreshes at once claim the provider's refresh token with PostgreSQL's row locks; then a removal.
            key = DeviceKey.generate()
            pair = begin(server.url, "greta").exchange(key).json()
            with ThreadPoolExecutor(4) as pool:
                assert list(pool.map(lambda _: _refresh(server, pair, key).status_code, range(4))) == [200] * 4
            provider.set_groups("greta", ["marketing"])
            refused = _refresh(server, pair, key)
            assert refused.status_code == 401 and "in no group" in refused.json()["message"]
        finally:
            engine.dispose()
