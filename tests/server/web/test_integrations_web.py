"""The product page's integration parts over HTTP: linking a tracker item, and the admin's notice of a
webhook switched off after failing."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from server.db import Database
from server.models import Webhook
from tests.server.web.conftest import PASSWORD, add_users
from tests.server.web.rep_api import RepClient
from tests.server.web.test_web_http import Browserless
from tests.support.server_process import ServerProcess


@pytest.fixture
def served(tmp_path) -> Iterator[ServerProcess]:
    env = {"PALAUTE_SERVER_LOGIN_PER_MINUTE": "100000"}
    with ServerProcess.start(tmp_path / "server", env=env) as server:
        add_users(
            server, ("pia", "product", ["payments"], []), ("ada", "admin", [], []), ("rita", "rep", ["payments"], [])
        )
        yield server


def test_link_a_tracker_item_from_the_insight_page(served: ServerProcess):
    insight_id = RepClient(served.url, "rita", PASSWORD).push("Split a card payment", "payments")
    web = Browserless(served.url)
    web.sign_in("pia")
    page = web.get(f"/web/insights/{insight_id}")
    assert "Not linked to a Jira issue" in page.text
    refused = web.post(f"/web/insights/{insight_id}/links", url="https://example.com/nothing")
    assert refused.status_code == 400 and "not an address of a Jira issue" in refused.text
    linked = web.post(f"/web/insights/{insight_id}/links", url="https://example.atlassian.net/browse/PAY-123")
    assert linked.status_code == 200 and "Linked." in linked.text
    assert 'href="https://example.atlassian.net/browse/PAY-123"' in linked.text and ">PAY-123<" in linked.text


def test_an_administrator_is_told_of_a_disabled_webhook(served: ServerProcess):
    served.cli("webhook", "add", "http://127.0.0.1:9/hook", "--events", "insight.created")
    db = Database(f"sqlite:///{served.data_dir / 'palaute-server.sqlite3'}", pool_size=1)
    try:
        with db.write() as session:
            hook = session.get(Webhook, 1)
            hook.enabled, hook.disabled_reason = False, "switched off 2026-12-05 10:00 UTC: could not deliver"
    finally:
        db.dispose()
    admin, product = Browserless(served.url), Browserless(served.url)
    admin.sign_in("ada")
    product.sign_in("pia")
    notice = "Webhook 1 to 127.0.0.1:9 was switched off 2026-12-05 10:00 UTC"
    assert notice in admin.get("/web/inbox").text
    assert "palaute-server webhook enable 1" in admin.get("/web/inbox").text
    assert notice not in product.get("/web/inbox").text
    assert "enabled" in served.cli("webhook", "enable", "1").stdout
    assert notice not in admin.get("/web/inbox").text
