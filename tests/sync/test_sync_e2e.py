"""Sync against the real server on loopback: offline capture, replies and status coming home, auth failures."""

from __future__ import annotations

import subprocess
import time

import pytest

from desktop.domain import NewInsight, Status, SyncState
from desktop.errors import InvalidInput
from desktop.paths import AppPaths
from desktop.store import open_store
from desktop.sync.account import check_server_url, resume, sign_in
from desktop.sync.credentials import Vault
from desktop.sync.engine import Puller, Pusher
from desktop.sync.errors import Offline, SignInRequired
from tests.sync.conftest import PRODUCT, PRODUCT_PASSWORD, REP, REP_PASSWORD, ProductMember, add_user, start_server


def sync_once(store, vault=None):
    client = resume(store, vault or Vault())
    if client is None:
        raise SignInRequired("not signed in")
    report = Pusher(store.sync).push_all(client)
    notices = Puller(store.sync).pull_all(client)
    return report, notices


def test_capture_while_the_server_is_down_arrives_exactly_once(tmp_path, store, vault):
    server = start_server(tmp_path / "server")
    add_user(server, REP, "rep", REP_PASSWORD)
    add_user(server, PRODUCT, "product", PRODUCT_PASSWORD)
    sign_in(store, vault, server.url, REP, REP_PASSWORD)
    port = int(server.url.rsplit(":", 1)[1])
    server.stop()

    saved = store.capture(NewInsight(text="Captured while the server was down", community="payments"))
    with pytest.raises(Offline, match="Cannot reach the Palaute server"):
        sync_once(store, vault)
    assert store.sync.outbox_size() == 1 and store.get_insight(saved.id).sync_state is SyncState.LOCAL

    server = start_server(tmp_path / "server", port=port)
    try:
        report, _ = sync_once(store, vault)
        assert report.sent == 1 and store.sync.outbox_size() == 0
        sync_once(store, vault)
        on_server = ProductMember(server.url).insights()
        assert [i["id"] for i in on_server] == [saved.id]
        assert store.get_insight(saved.id).sync_state is SyncState.SENT
        assert store.get_insight(saved.id).server_version == on_server[0]["version"]
    finally:
        server.stop()


def test_replies_and_status_changes_come_home_with_one_notice_each(signed_in, product, data_dir):
    store = signed_in
    insight = store.capture(NewInsight(text="Card limit cannot be raised in the app", community="cards"))
    sync_once(store)
    product.reply(insight.id, "Thanks! We are looking into it.")
    product.set_status(insight.id, "planned")
    _, notices = sync_once(store)
    assert notices == 2
    pending = store.sync.pending_notices()
    assert sorted(n.kind for n in pending) == ["reply", "status"]
    assert any("We are looking into it" in n.body for n in pending)
    # Facts, not English words: the tray builds the sentence in the rep's language.
    assert {(n.kind, n.actor, n.status) for n in pending} == {
        ("reply", product.name, None),
        ("status", None, "planned"),
    }
    assert all(n.title == "" and n.insight_text == "Card limit cannot be raised in the app" for n in pending)
    assert store.get_insight(insight.id).status is Status.PLANNED
    assert [r.body for r in store.thread(insight.id)] == ["Thanks! We are looking into it."]
    assert store.sync.unread_count() == 1
    store.sync.mark_shown(pending)

    # Pulling again, and restarting the app, repeats no notice.
    sync_once(store)
    store.close()
    reopened = open_store(AppPaths.resolve(data_dir))
    sync_once(reopened)
    assert reopened.sync.pending_notices() == []
    reopened.mark_thread_read(insight.id)
    assert reopened.sync.unread_count() == 0
    reopened.close()


def test_the_rep_answers_edits_and_withdraws_offline_and_it_all_arrives(signed_in, product):
    store = signed_in
    insight = store.capture(NewInsight(text="Typo in the loan calculator", community="payments"))
    store.edit_insight(insight.id, text="Typo in the mortgage calculator", impact="high")  # before any sync
    sync_once(store)
    product.reply(insight.id, "Which field?")
    sync_once(store)
    store.add_reply(insight.id, "The interest field label")
    sync_once(store)
    thread = product.http.get(f"{product.url}/insights/{insight.id}").json()
    assert thread["insight"]["text"] == "Typo in the mortgage calculator" and thread["insight"]["impact"] == "high"
    assert [r["body"] for r in thread["replies"]] == ["Which field?", "The interest field label"]
    store.withdraw_insight(insight.id)
    sync_once(store)
    assert product.http.get(f"{product.url}/insights/{insight.id}").json()["insight"]["withdrawn"] is True


def test_an_edit_on_an_old_version_is_rebased_when_the_product_team_changed_other_fields(signed_in, product):
    store = signed_in
    insight = store.capture(NewInsight(text="Export to Excel please", community="payments"))
    sync_once(store)
    product.set_status(insight.id, "acknowledged")  # bumps the version the rep's edit is based on
    store.edit_insight(insight.id, customer_ref="CASE-77")
    sync_once(store)
    sync_once(store)
    remote = product.http.get(f"{product.url}/insights/{insight.id}").json()["insight"]
    assert remote["customer_ref"] == "CASE-77" and remote["status"] == "acknowledged"
    local = store.get_insight(insight.id)
    assert local.sync_state is SyncState.SENT and local.status is Status.ACKNOWLEDGED


def test_an_expired_access_token_is_refreshed_silently(tmp_path, store, vault):
    server = start_server(tmp_path / "server", env={"PALAUTE_SERVER_ACCESS_TOKEN_MINUTES": "0.01"})
    try:
        add_user(server, REP, "rep", REP_PASSWORD)
        sign_in(store, vault, server.url, REP, REP_PASSWORD)
        client = resume(store, vault)
        client.me()
        first = client.auth.access_token
        time.sleep(1.0)  # the access token lives 0.6 s
        store.capture(NewInsight(text="After expiry", community="payments"))
        assert Pusher(store.sync).push_all(client).sent == 1
        assert client.auth.access_token != first
    finally:
        server.stop()


def test_a_revoked_device_asks_to_sign_in_again_and_keeps_the_outbox(signed_in, server):
    store = signed_in
    store.capture(NewInsight(text="Waits for a new sign-in", community="payments"))
    server.cli("user", "revoke-device", "--user", server.rep)
    with pytest.raises(SignInRequired, match="Sign in again; your unsent insights wait"):
        sync_once(store)
    assert store.sync.outbox_size() == 1
    assert resume(store, Vault()) is None  # the spent sign-in is gone from the keyring
    sign_in(store, Vault(), server.url, server.rep, REP_PASSWORD)
    assert sync_once(store)[0].sent == 1


def test_wrong_password_unreachable_server_and_bad_addresses_say_so(store, vault, server):
    with pytest.raises(SignInRequired, match="user name or password is not right"):
        sign_in(store, vault, server.url, server.rep, "wrong")
    with pytest.raises(Offline, match="Cannot reach"):
        sign_in(store, vault, "http://127.0.0.1:9", REP, REP_PASSWORD)
    with pytest.raises(InvalidInput, match="must start with https://"):
        check_server_url("http://palaute.example.com")
    with pytest.raises(InvalidInput, match="not a server address"):
        check_server_url("palaute.example.com")
    assert check_server_url("https://palaute.example.com/") == "https://palaute.example.com"


def test_a_server_address_that_is_not_palaute_gives_a_clear_error(store, vault, tmp_path):
    # A plain web server answering HTML, as a wrong address or a captive portal would.
    (tmp_path / "www" / "api" / "v1" / "auth").mkdir(parents=True)
    web = subprocess.Popen(
        ["python3", "-m", "http.server", "0", "--bind", "127.0.0.1", "-d", str(tmp_path / "www")],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        line = web.stdout.readline()
        port = int(line.split("port ")[1].split()[0])
        with pytest.raises(Exception) as caught:
            sign_in(store, vault, f"http://127.0.0.1:{port}", REP, REP_PASSWORD)
        assert "does not answer like a Palaute server" in caught.value.user_message
    finally:
        web.terminate()
        web.wait(5)
        web.stdout.close()
