"""The product page's "Sign in with <provider>" in headless Chromium against a real OpenID provider: the
provider's form, back to the inbox, sign-out ending the server-side session; a rep, a stale answer and a
provider that is down are refused in words and leave no user behind."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator

import pytest
import requests
from playwright.sync_api import Page, expect

from tests.support.oidc_provider import OidcProvider
from tests.support.server_process import ServerProcess
from tests.support.sso import PASSWORD, person, server_env

pytestmark = pytest.mark.browser
PEOPLE = {
    "petra": person(["palaute-product", "cs-payments"], name="Petra Product"),
    "rosa": person(["cs-payments"], name="Rosa Rep"),
}


@pytest.fixture(scope="module")
def provider(tmp_path_factory) -> Iterator[OidcProvider]:
    with OidcProvider.start(tmp_path_factory.mktemp("idp"), PEOPLE) as running:
        yield running


@pytest.fixture(scope="module")
def sso_site(provider, tmp_path_factory) -> Iterator[ServerProcess]:
    with ServerProcess.start(tmp_path_factory.mktemp("sso-web"), env=server_env(provider)) as running:
        yield running


def _users(server: ServerProcess) -> list[str]:
    with sqlite3.connect(server.data_dir / "palaute-server.sqlite3") as db:
        return [row[0] for row in db.execute("SELECT name FROM users ORDER BY name")]


def _at_provider(page: Page, user: str) -> None:
    page.get_by_role("link", name="Sign in with Example Org").click()
    expect(page.get_by_role("heading", name="Example Org sign-in")).to_be_visible()
    page.get_by_label("User").fill(user)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_sign_in_with_the_provider_and_sign_out(page: Page, sso_site, artifacts):
    page.goto(f"{sso_site.url}/web/inbox")
    expect(page).to_have_url(re.compile(r"/web/signin\?next="))
    page.screenshot(path=str(artifacts / "signin-sso.png"))
    _at_provider(page, "petra")
    expect(page).to_have_url(re.compile(r"/web/inbox$"))
    expect(page.get_by_role("heading", name="Inbox")).to_be_visible()
    expect(page.get_by_text("petra")).to_be_visible()
    [cookie] = [c for c in page.context.cookies() if c["name"] == "palaute_web"]

    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_text("You are signed out.")).to_be_visible()
    copy = requests.get(f"{sso_site.url}/web/inbox", cookies={"palaute_web": cookie["value"]}, timeout=10)
    assert copy.url.endswith("/web/signin?next=%2Fweb%2Finbox")  # the Palaute session ended on the server


def test_a_rep_is_sent_to_the_desktop_app_and_no_user_is_made(page: Page, sso_site):
    page.goto(f"{sso_site.url}/web/signin")
    _at_provider(page, "rosa")
    expect(page.get_by_role("alert")).to_contain_text("This page is for the product team")
    assert "rosa" not in _users(sso_site)


def test_a_stale_or_forged_answer_is_refused(page: Page, sso_site):
    page.goto(f"{sso_site.url}/web/signin/sso/callback?code=abc&state=forged")
    expect(page.get_by_role("alert")).to_have_text(
        "This sign-in answer does not belong to a sign-in started in this browser. Sign in again."
    )


def test_provider_down_is_said_in_words(page: Page, tmp_path):
    with OidcProvider.start(tmp_path / "idp", PEOPLE) as provider:
        server = ServerProcess.start(tmp_path / "server", env=server_env(provider))
    try:
        page.goto(f"{server.url}/web/signin")
        page.get_by_role("link", name="Sign in with Example Org").click()
        expect(page.get_by_role("alert")).to_contain_text("does not answer")
        assert _users(server) == []
    finally:
        server.stop()
