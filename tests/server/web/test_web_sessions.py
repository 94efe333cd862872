"""Web sessions end on the server: a copied cookie is refused after sign-out, revocation, disabling and a new
password; the admin's user commands (list, disable, enable, reset-password) against a real server."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import requests

from protocol import schema
from tests.server.web.conftest import PASSWORD, add_users
from tests.server.web.test_web_http import Browserless
from tests.support.server_process import ServerProcess

COOKIE = "palaute_web"


@pytest.fixture
def served(tmp_path, database_url) -> Iterator[ServerProcess]:
    env = {"PALAUTE_SERVER_LOGIN_PER_MINUTE": "100000"}
    with ServerProcess.start(tmp_path / "server", database_url=database_url, env=env) as server:
        add_users(server, ("pia", "product", ["payments"], []), ("rita", "rep", ["payments"], []))
        yield server


def _signed_in(server: ServerProcess, name: str = "pia") -> tuple[Browserless, requests.Session]:
    """A signed-in browser and a thief holding a copy of its cookie."""
    web = Browserless(server.url)
    assert web.sign_in(name).url.endswith("/web/inbox")
    thief = requests.Session()
    thief.cookies.set(COOKIE, web.http.cookies[COOKIE])
    assert _inbox_reached(thief, server)
    return web, thief


def _inbox_reached(http: requests.Session, server: ServerProcess) -> bool:
    answer = http.get(f"{server.url}/web/inbox", timeout=10)
    return answer.status_code == 200 and answer.url.endswith("/web/inbox")


def _api_login(server: ServerProcess, name: str, password: str = PASSWORD) -> requests.Response:
    body = {"username": name, "password": password, "device_name": "t"}
    return requests.post(f"{server.url}{schema.API_PREFIX}/auth/login", json=body, timeout=10)


def _api_works(server: ServerProcess, token: str) -> bool:
    headers = {"Authorization": f"Bearer {token}"}
    return requests.get(f"{server.url}{schema.API_PREFIX}/me", headers=headers, timeout=10).status_code == 200


def test_a_copied_cookie_is_refused_after_sign_out(served):
    web, thief = _signed_in(served)
    web.post("/web/signout")
    assert not _inbox_reached(web.http, served)
    assert not _inbox_reached(thief, served)  # the copy names a session the server has ended


def test_revoking_a_users_devices_ends_web_sessions_too(served):
    _web, thief = _signed_in(served)
    listed = served.cli("user", "devices", "pia").stdout
    assert "web page (password)" in listed
    served.cli("user", "revoke-device", "--user", "pia")
    assert not _inbox_reached(thief, served)
    assert "web page" not in served.cli("user", "devices", "pia").stdout


def test_one_web_session_can_be_revoked_by_its_id(served):
    _first, first_thief = _signed_in(served)
    _second, second_thief = _signed_in(served)
    lines = [line for line in served.cli("user", "devices", "pia").stdout.splitlines() if "web page" in line]
    assert len(lines) == 2
    answer = served.cli("user", "revoke-device", lines[0].split()[0]).stdout
    assert "revoked 0 device(s) and 1 web session(s)" in answer
    assert [_inbox_reached(first_thief, served), _inbox_reached(second_thief, served)] == [False, True]


def test_disabling_signs_out_every_device_and_web_session_at_once(served):
    _web, thief = _signed_in(served)
    token = _api_login(served, "pia").json()["access_token"]
    rep_token = _api_login(served, "rita").json()["access_token"]
    assert _api_works(served, token)
    out = served.cli("user", "disable", "pia").stdout
    assert "signed out 1 device(s) and 1 web session(s)" in out
    assert not _inbox_reached(thief, served) and not _api_works(served, token)
    assert _api_works(served, rep_token)  # others are untouched
    assert _api_login(served, "pia").status_code == 401
    assert Browserless(served.url).sign_in("pia").status_code == 401
    assert "pia" in served.cli("user", "list").stdout and "disabled" in _line_of(served, "pia")

    served.cli("user", "enable", "pia")
    assert "active" in _line_of(served, "pia")
    assert Browserless(served.url).sign_in("pia").url.endswith("/web/inbox")
    assert not _inbox_reached(thief, served)  # enabling does not bring old sessions back


def test_reset_password_signs_out_everywhere_and_the_new_one_works(served):
    _web, thief = _signed_in(served)
    token = _api_login(served, "pia").json()["access_token"]
    served.cli("user", "reset-password", "pia", "--password-stdin", input="a brand new one\n")
    assert not _inbox_reached(thief, served) and not _api_works(served, token)
    assert _api_login(served, "pia").status_code == 401
    assert _api_login(served, "pia", "a brand new one").status_code == 200


def test_admin_commands_name_a_missing_user_in_one_sentence(served):
    for args in (["disable", "nobody"], ["enable", "nobody"], ["reset-password", "nobody", "--password-stdin"]):
        result = served.cli("user", *args, input="x\n", check=False)
        assert result.returncode == 1 and result.stderr.strip() == "palaute-server: no user 'nobody'"


def _line_of(server: ServerProcess, name: str) -> str:
    return next(line for line in server.cli("user", "list").stdout.splitlines() if line.startswith(name + " "))
