"""`palaute login --sso` against a real OpenID provider and the real server: the "browser" is an HTTP client
that fills in the provider's form and follows its redirect to the app's loopback listener. Then the refusals
the person can meet, each one sentence, with nothing left in the keyring or the store."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from urllib.parse import urlencode, urlsplit

import pytest
import requests
from PySide6.QtCore import Qt

from desktop.sync import sso
from desktop.sync.account import resume, signed_in
from desktop.sync.errors import SignInRequired
from desktop.sync.http import Cancel
from tests.support.cli_folder import CliFolder
from tests.support.fault_proxy import FaultProxy
from tests.support.keyrings import secret_service
from tests.support.oidc_provider import OidcProvider, sign_in_at_provider
from tests.support.sso import PASSWORD, person, server_env
from tests.support.waiting import wait_for
from tests.sync.conftest import start_server

pytestmark = pytest.mark.slow
PEOPLE = {"sara": person(["cs-payments"]), "nobody": person(["marketing"]), "lena": person(["cs-payments"])}


@pytest.fixture(scope="module")
def provider(tmp_path_factory) -> Iterator[OidcProvider]:
    with OidcProvider.start(tmp_path_factory.mktemp("idp"), PEOPLE) as running:
        yield running


@pytest.fixture(scope="module")
def sso_server(provider, tmp_path_factory):
    server = start_server(tmp_path_factory.mktemp("sso-server"), env=server_env(provider))
    yield server
    server.stop()


def browser(user: str = "sara", *, tamper_state: bool = False, deny: bool = False):
    """An `open_url` for sso.sign_in: a person at the provider's page, in a thread as a real browser is."""

    def visit(url: str) -> None:
        with requests.Session() as http:
            if deny:  # the person pressed "Cancel" at the provider: it redirects back with an error
                redirect = dict(p.split("=", 1) for p in urlsplit(url).query.split("&"))["redirect_uri"]
                callback = requests.utils.unquote(redirect) + "?" + urlencode({"error": "access_denied"})
            else:
                callback = sign_in_at_provider(http, url, user, PASSWORD)
            if tamper_state:
                callback = callback.replace("state=", "state=x")
            http.get(callback, timeout=10)

    def open_url(url: str) -> bool:
        threading.Thread(target=visit, args=(url,), daemon=True).start()
        return True

    return open_url


def test_palaute_login_sso_signs_in_syncs_and_keeps_only_palautes_token(sso_server, tmp_path):
    with secret_service() as keyring_env:
        folder = CliFolder(keyring_env, tmp_path / "data")
        login = folder.start("login", "--server", sso_server.url, "--sso", "--no-browser")
        assert login.stdout is not None
        assert login.stdout.readline().strip() == "Open this address in a browser to sign in:"
        address = login.stdout.readline().strip()
        with requests.Session() as http:  # the person opens it, signs in; the provider sends the browser back
            callback = sign_in_at_provider(http, address, "sara", PASSWORD)
            page = http.get(callback, timeout=10)
        assert "You are signed in to Palaute" in page.text
        out, err = login.communicate(timeout=60)
        assert login.returncode == 0, err
        assert f"Signed in to {sso_server.url} as sara (rep)." in out
        folder.capture(2, "after single sign-on")
        assert "Sent 2 changes" in folder.sync()
        status = json.loads(folder.run("status", "--json").stdout)
        assert status["signed_in"] is True and status["user"] == "sara"
        # The provider's tokens never reach the desktop: no JWT anywhere in the data folder.
        for path in folder.data_dir.rglob("*"):
            if path.is_file():
                assert b"eyJ" not in path.read_bytes(), path


def _refused(store, vault, server, open_url, **kwargs) -> str:
    with pytest.raises(Exception) as raised:
        sso.sign_in(store, vault, server.url, open_url, **kwargs)
    assert not signed_in(store, vault) and store.sync.meta("device_id") is None
    return raised.value.user_message


def test_in_process_sign_in_then_resume(sso_server, store, vault, memory_keyring):
    pair = sso.sign_in(store, vault, sso_server.url, browser())
    assert pair.user.name == "sara" and signed_in(store, vault)
    assert resume(store, vault).me().name == "sara"
    [entry] = [v for (service, _), v in memory_keyring.secrets.items() if service == "Palaute"]
    assert set(json.loads(entry)) >= {"refresh_token", "key"}


def test_a_wrong_state_is_ignored(sso_server, store, vault):
    assert _refused(store, vault, sso_server, browser(tamper_state=True)) == sso.mismatch_text()


def test_no_answer_times_out_in_one_sentence(sso_server, store, vault):
    message = _refused(store, vault, sso_server, lambda url: True, timeout=1.0)
    assert message == sso.timed_out_text(1)


def test_cancel_stops_waiting(sso_server, store, vault):
    cancelled = threading.Event()
    threading.Timer(0.5, cancelled.set).start()
    assert _refused(store, vault, sso_server, lambda url: True, cancelled=cancelled) == sso.cancelled_text()


def test_cancelled_at_the_provider(sso_server, store, vault):
    message = _refused(store, vault, sso_server, browser(deny=True))
    assert message == "The sign-in was cancelled or refused on your organisation's sign-in page."


def test_an_account_without_access_is_told_why(sso_server, store, vault):
    message = _refused(store, vault, sso_server, browser("nobody"))
    assert "in no group that gives access to Palaute" in message


def test_a_server_without_sso_says_so(server, store, vault):
    with pytest.raises(SignInRequired) as raised:
        sso.sign_in(store, vault, server.url, lambda url: True)
    assert raised.value.user_message == "This Palaute server does not offer sign-in with your organisation."


def test_provider_down(tmp_path, store, vault):
    with OidcProvider.start(tmp_path / "idp", PEOPLE) as provider:
        server = start_server(tmp_path / "server", env=server_env(provider))
    try:  # the provider stopped before the first sign-in: discovery fails
        message = _refused(store, vault, server, lambda url: True)
        assert "does not answer" in message and provider.issuer in message
    finally:
        server.stop()


def test_the_sign_in_dialogs_organisation_button(qtbot, sso_server, store, vault):
    from PySide6.QtWidgets import QDialogButtonBox

    from desktop.ui.sign_in_dialog import SignInDialog

    def sign_in_sso(url, open_url, cancelled):
        return sso.sign_in(store, vault, url, open_url, cancelled=cancelled)

    dialog = SignInDialog(lambda *a: None, sso_server.url, sign_in_sso=sign_in_sso, open_browser=browser())
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitSignal(dialog.signed_in, timeout=20000) as done:
        qtbot.mouseClick(dialog.sso_button, Qt.MouseButton.LeftButton)
    assert done.args[0].user.name == "sara" and signed_in(store, vault) and not dialog.isVisible()

    # No browser could be started: the address is shown; Cancel stops the waiting and says so.
    second = SignInDialog(lambda *a: None, sso_server.url, sign_in_sso=sign_in_sso, open_browser=lambda url: False)
    qtbot.addWidget(second)
    second.show()
    qtbot.mouseClick(second.sso_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Open this address in a browser" in second.message.text(), timeout=10000)
    assert "/auth?" in second.message.text()
    second.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()
    qtbot.waitUntil(lambda: second.message.text() == sso.cancelled_text(), timeout=10000)
    assert second.isVisible() and second.sso_button.isEnabled()


def test_the_sign_in_dialog_asks_the_real_server_and_hides_passwords(qtbot, provider, tmp_path, store, vault):
    from desktop.sync.account import sign_in_methods
    from desktop.ui.sign_in_dialog import SignInDialog

    server = start_server(tmp_path / "server", env=server_env(provider, PALAUTE_SERVER_PASSWORD_SIGN_IN="false"))
    try:
        dialog = SignInDialog(
            lambda *a: None,
            server.url,
            sign_in_sso=lambda *a: None,
            sign_in_methods=lambda url: sign_in_methods(store, vault, url),
        )
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitUntil(lambda: not dialog.password_shown(), timeout=10000)
        assert dialog.sso_button.isVisibleTo(dialog)
    finally:
        server.stop()


def test_removed_at_the_provider_the_desktop_is_told_why(provider, sso_server, store, vault):
    sso.sign_in(store, vault, sso_server.url, browser("lena"))
    client = resume(store, vault)
    assert client is not None
    client.refresh()  # the server asks the provider: still in the group
    provider.set_groups("lena", ["marketing"])
    with pytest.raises(SignInRequired) as refused:
        client.refresh()
    assert refused.value.user_message.startswith("Your organisation account no longer gives access to Palaute")
    assert not signed_in(store, vault)


def test_provider_down_too_long_keeps_the_desktop_signed_in(tmp_path, store, vault):
    from desktop.sync.errors import ServerBusy

    with OidcProvider.start(tmp_path / "idp", {"sara": person(["cs-payments"])}) as provider:
        server = start_server(tmp_path / "server", env=server_env(provider, PALAUTE_SERVER_OIDC_MAX_AGE_HOURS="0.001"))
        try:
            sso.sign_in(store, vault, server.url, browser())
            provider.stop()
            time.sleep(4)  # past the 3.6 s this server goes on without the provider
            client = resume(store, vault)
            assert client is not None
            with pytest.raises(ServerBusy) as later:
                client.refresh()
            assert "sign-in service does not answer" in later.value.user_message and later.value.retry_after == 300
            assert signed_in(store, vault)  # nothing to sign in again for: it tries later
        finally:
            server.stop()


def test_a_group_taken_out_of_the_servers_map_is_worded_in_the_persons_language(tmp_path, store, vault):
    from desktop.language import use

    with OidcProvider.start(tmp_path / "idp", {"sara": person(["cs-payments"])}) as provider:
        server = start_server(tmp_path / "server", env=server_env(provider))
        port = int(urlsplit(server.url).port or 0)
        try:
            sso.sign_in(store, vault, server.url, browser())
        finally:
            server.stop()
        # The admin takes the person's only group out of the map; the provider does not answer just now, so
        # the server's own check of the groups last read is what refuses (not the provider's answer).
        provider.stop()
        env = server_env(provider, PALAUTE_SERVER_OIDC_GROUP_MAP="palaute-product=role:product")
        server = start_server(tmp_path / "server", env=env, port=port)  # the address the desktop keeps
        try:
            client = resume(store, vault)
            assert client is not None
            use("fi")
            try:
                with pytest.raises(SignInRequired) as refused:
                    client.refresh()
            finally:
                use("en")
            assert refused.value.user_message.startswith("Organisaatiotilisi ei enää anna pääsyä Palautteeseen")
            assert not signed_in(store, vault)
        finally:
            server.stop()


def test_cancel_cuts_the_token_request_a_server_holds(sso_server, store, vault, memory_keyring):
    """After the browser step: the exchange of the code for a device waits on a server that does not answer
    (a proxy holds it for 30 s). Cancel ends it at once, and nothing is signed in."""
    proxy = FaultProxy(sso_server.url)
    proxy.slow_seconds = 30
    proxy.plan("/api/v1/auth/sso/token", "slow")
    cancel = Cancel()
    try:
        cancel_when_held = lambda: (wait_for(lambda: proxy.counts["slow"] == 1, 20), cancel.set())  # noqa: E731
        threading.Thread(target=cancel_when_held, daemon=True).start()
        began = time.monotonic()
        with pytest.raises(sso.SsoCancelled):
            sso.sign_in(store, vault, proxy.url, browser(), cancelled=cancel)
        assert time.monotonic() - began < 15  # the browser's round trip, not the proxy's 30 s
        assert proxy.counts["slow"] == 1 and "/api/v1/auth/sso/token" not in proxy.finished
        assert not signed_in(store, vault) and store.sync.meta("device_id") is None and not memory_keyring.secrets
    finally:
        proxy.close()
